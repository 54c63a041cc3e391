// Key-question matching: did the student ask each rubric question, where, and how surely.
//
// Only the student's sentences that ASK count (see transcript/asks.ts): a keyword said in a
// statement, an explanation or while counselling asks nothing, and neither do the patient's
// or a relative's words. The spoken summary asks nothing either. A sentence that asks about
// the family counts only for questions about the family, and the other way round.
//
// A sentence answers a question in one of two ways (the higher confidence wins):
//   phrase   a rubric phrase occurs in it: its words contiguous as written (1.0), its stems
//            contiguous (0.95), or its content stems anywhere (0.8·s, s the idf-weighted share,
//            BM25 with b = 0 and term frequency saturated at one occurrence)
//   concept  it names a concept of the question's label or of a phrase, in any of the
//            clinical lexicon's words for it (synonym, 0.85), or it carries the question's
//            specific intent (when, where, how fast ...) about one of its concepts or about
//            the complaint itself (concept+intent, 0.8); a concept known only from a weak term
//            (one that means it only in a question) costs 0.1
// A question is matched by the FIRST sentence, in transcript order, whose confidence reaches
// ACCEPT_THRESHOLD: that is the student's first genuine ask, which the match cites.

import { oralCitation } from '../citations/format';
import { CONCEPT_INDEX, CONCEPTS, INTENT_INDEX, INTENTS } from '../lexicon/lexicon';
import { studentReadings, type SentenceReading, type UtteranceReading } from '../lexicon/reading';
import { complaintConcepts, complaintQuestion, datesSomething } from '../transcript/sections';
import { spokenSummary } from '../transcript/summary-span';
import { tokenize, type UtteranceTokens, writtenWords } from '../transcript/tokens';
import type { MatchedBy, ParsedTranscript, QuestionMatch, QuestionsResult, Rubric, Utterance } from '../types';
import { stem } from './stem';
import { compileQuestions, type CompiledQuestions, NO_STEM, type PhraseVariant, type Term, wordStemNumber } from './compile';
import { BLEEDINGS, compileQuestionConcepts, intentsAnswered, isGeneric, onlyBleeding, type Alternative, type CompiledConcepts, type QuestionConcepts } from './concepts';

export const ACCEPT_THRESHOLD = 0.6;
export const CONFIDENCE = {
  exact: 1,
  stemmed: 0.95,
  bagOfWords: 0.8,
  synonym: 0.85,
  conceptIntent: 0.8,
  weakPenalty: 0.1,
} as const;

interface Found {
  confidence: number;
  matchedBy: MatchedBy;
  utterance: number;
}

interface Sentence {
  words: readonly string[];
  /** The stem number of each word in the compiled questions, NO_STEM when no question uses it. */
  stems: number[];
  tokens: UtteranceTokens;
  from: number;
  to: number;
  /** The sentence's number, unique in the process (see `Marks`). */
  number: number;
}

/**
 * Marks, each the number of the last sentence that set it. Sentence numbers keep counting
 * from grade to grade, so a rubric's marks never need clearing and are kept with its
 * compiled questions instead of being allocated for every grade.
 */
interface Marks {
  /** Variant id → the sentence it was last scored against. */
  variantScored: number[];
  /** Stem number → the sentence it last occurred in. */
  stemPresent: number[];
}

const NO_TOKENS = tokenize('');
const marksByCompiled = new WeakMap<CompiledQuestions, Marks>();
let sentenceCount = 0;

function marksFor(compiled: CompiledQuestions): Marks {
  let marks = marksByCompiled.get(compiled);
  if (!marks) {
    marks = { variantScored: compiled.variants.map(() => -1), stemPresent: compiled.variantsByStem.map(() => -1) };
    marksByCompiled.set(compiled, marks);
  }
  return marks;
}

export function matchQuestions(rubric: Rubric, parsed: ParsedTranscript): QuestionsResult {
  const compiled = compileQuestions(rubric);
  const concepts = compileQuestionConcepts(rubric);
  const readings = askingReadings(parsed);
  const complaint = encounterConcepts(parsed, concepts);
  const told = complaintConcepts(parsed);
  // "It" can stand for the complaint only once the patient has told it.
  const toldAt = complaintQuestion(parsed);
  const notYetTold: ReadonlySet<number> = new Set();
  const bleeding = onlyBleeding(complaint);
  const found: (Found | null)[] = rubric.key_questions.map(() => null);
  const phraseBest = new Array<number>(rubric.key_questions.length).fill(0);
  const marks = marksFor(compiled);
  let open = rubric.key_questions.length;
  // One sentence object and one array of stem numbers serve every utterance in turn.
  const sentence: Sentence = { words: [], stems: [], tokens: NO_TOKENS, from: 0, to: 0, number: 0 };
  for (const u of parsed.utterances) {
    const reading = readings[u.index];
    if (!reading || open === 0) continue;
    sentence.words = reading.tokens.words;
    sentence.tokens = reading.tokens;
    fillStemNumbers(compiled, reading.tokens.words, sentence.stems);
    for (let s = 0; s < reading.sentences.length; s++) {
      if (!(reading.sentences[s] as SentenceReading).asks) continue;
      const read = bloodOfComplaint(inContext(reading, s), reading, bleeding);
      sentence.from = read.from;
      sentence.to = read.to;
      sentence.number = sentenceCount++;
      phraseBest.fill(0);
      scorePhrases(compiled, sentence, marks, phraseBest, read, concepts, complaint);
      for (let q = 0; q < found.length; q++) {
        if (found[q]) continue;
        const phrase = phraseBest[q] as number;
        const concept = conceptConfidence(concepts.questions[q] as QuestionConcepts, read, concepts, complaint, u.index > toldAt ? told : notYetTold);
        // The phrase wins a tie.
        const confidence = Math.max(phrase, concept.confidence);
        if (confidence >= ACCEPT_THRESHOLD) {
          found[q] = { confidence, matchedBy: phrase >= concept.confidence ? 'phrase' : concept.matchedBy, utterance: u.index };
          open--;
        }
      }
    }
  }
  return questionsResult(rubric, compiled, parsed.utterances, found);
}

/**
 * An asking sentence that names nothing ("how many times a night?") asks about what the
 * statement just before it in the same utterance named ("So you're getting up in the night
 * to go."): it is read with that statement's unambiguous concepts.
 */
function inContext(reading: UtteranceReading, s: number): SentenceReading {
  const read = reading.sentences[s] as SentenceReading;
  const before = reading.sentences[s - 1];
  if (!before || before.asks) return read;
  const named: number[] = [];
  for (const hit of reading.hits) {
    if (hit.weak || !namesSomething(hit.target)) continue;
    // Anything the question names itself, even "apart from the gallbladder", is what it is about.
    if (hit.start >= read.from && hit.end <= read.to) return read;
    if (hit.start < before.from || hit.end > before.to) continue;
    if (!CONTEXT_DOMAINS.has(CONCEPTS[hit.target]?.domain ?? '') || named.includes(hit.target)) continue;
    named.push(hit.target);
  }
  if (named.length === 0) return read;
  return { ...read, concepts: [...read.concepts, ...named], strongConcepts: [...read.strongConcepts, ...named] };
}

const BLOOD = stem('blood');

/**
 * "And the blood, how much is there?" asks about the bleeding the encounter is about
 * (`bleeding`, from the rubric's title or the patient's complaint: coughing up blood,
 * vomiting blood ...; -1 for none), when the sentence names no bleeding itself and "blood"
 * is no part of another term ("blood test", "blood pressure") nor dates something ("before
 * the blood, had you been sick?").
 */
function bloodOfComplaint(read: SentenceReading, reading: UtteranceReading, bleeding: number): SentenceReading {
  if (bleeding < 0 || read.concepts.some((c) => BLEEDINGS.has(c))) return read;
  for (let i = read.from; i < read.to; i++) {
    if (reading.stems[i] !== BLOOD || datesSomething(reading.tokens.words, i) || reading.hits.some((h) => h.start <= i && i < h.end)) continue;
    return { ...read, concepts: [...read.concepts, bleeding], strongConcepts: [...read.strongConcepts, bleeding] };
  }
  return read;
}

// What a statement before a question can lend it: what the patient has, takes or does, not a
// diagnosis or a team's name ("I'm with the stroke team. Can you tell me what happened?").
const CONTEXT_DOMAINS = new Set(['generic', 'symptom', 'condition', 'drug', 'allergy', 'og', 'social', 'risk']);

/** Readings of the utterances that can ask: the student's, outside the spoken summary. */
function askingReadings(parsed: ParsedTranscript): (UtteranceReading | null)[] {
  const readings = studentReadings(parsed);
  const summary = spokenSummary(parsed);
  if (!summary) return readings;
  const asking = readings.slice();
  for (const i of summary.utterances) asking[i] = null;
  return asking;
}

/** What the encounter is about: the rubric title's concepts and the complaint the patient gave. */
function encounterConcepts(parsed: ParsedTranscript, compiled: CompiledConcepts): Set<number> {
  const complaint = new Set(compiled.title);
  for (const c of complaintConcepts(parsed)) complaint.add(c);
  return complaint;
}

/** Whether the sentence is about something else than the question: it names another question's concept. */
function aboutSomethingElse(question: QuestionConcepts, read: SentenceReading, compiled: CompiledConcepts, complaint: ReadonlySet<number>): boolean {
  return read.concepts.some((c) => !isGeneric(c) && !question.concepts.has(c) && !complaint.has(c) && compiled.owned.has(c));
}

/**
 * Whether the sentence asks about whom the question is about: the family for a family
 * question and the patient otherwise; a question about someone else ("does your husband
 * smoke?") only answers a family question or one about contacts.
 */
function sameSubject(question: QuestionConcepts, read: SentenceReading): boolean {
  if (read.family !== question.family) return false;
  return !read.someoneElse || question.family || question.concepts.has(SICK_CONTACTS);
}

const SICK_CONTACTS = CONCEPT_INDEX.get('sick_contacts') as number;

/** Whether the sentence names, by an unambiguous word, a subject of another of the rubric's questions. */
function namesAnotherQuestionsSubject(question: QuestionConcepts, read: SentenceReading, compiled: CompiledConcepts): boolean {
  for (const c of read.strongConcepts) if (!isGeneric(c) && !question.concepts.has(c) && compiled.owned.has(c)) return true;
  return false;
}

const COMPLAINT_DETAILS = new Set(INTENTS.flatMap((i, n) => (i.specific && i.id !== 'history' ? [n] : [])));

function isComplaintDetail(intent: number): boolean {
  return COMPLAINT_DETAILS.has(intent);
}

interface ConceptMatch {
  confidence: number;
  matchedBy: MatchedBy;
}

// The few results a concept match can have, made once (this runs for every question and asking sentence).
const NO_CONCEPT_MATCH: ConceptMatch = { confidence: 0, matchedBy: 'synonym' };
const BY_SYNONYM: ConceptMatch = { confidence: CONFIDENCE.synonym, matchedBy: 'synonym' };
const BY_WEAK_SYNONYM: ConceptMatch = { confidence: CONFIDENCE.synonym - CONFIDENCE.weakPenalty, matchedBy: 'synonym' };
const BY_CONCEPT_INTENT: ConceptMatch = { confidence: CONFIDENCE.conceptIntent, matchedBy: 'concept+intent' };
const BY_WEAK_CONCEPT_INTENT: ConceptMatch = { confidence: CONFIDENCE.conceptIntent - CONFIDENCE.weakPenalty, matchedBy: 'concept+intent' };

function conceptConfidence(
  question: QuestionConcepts,
  read: SentenceReading,
  compiled: CompiledConcepts,
  complaint: ReadonlySet<number>,
  told: ReadonlySet<number>,
): ConceptMatch {
  let best = NO_CONCEPT_MATCH;
  // A sentence that names no concept and carries no intent answers no alternative.
  if (!sameSubject(question, read) || (read.concepts.length === 0 && read.intents.length === 0)) return best;
  for (const alternative of question.alternatives) {
    const found = alternativeConfidence(alternative, question, read, compiled, complaint, told);
    if (found && found.confidence > best.confidence) best = found;
  }
  return best;
}

/**
 * How surely an asking sentence answers one alternative of a question, or null.
 *
 * About the complaint itself (no focus, or only the complaint's own concepts) a question asks
 * its intent ("when did it start?"); about anything else (a risk factor, a symptom the patient
 * has not complained of) asking at all is what counts ("do you drink?" answers "how much
 * alcohol do they drink?").
 */
function alternativeConfidence(
  alternative: Alternative,
  question: QuestionConcepts,
  read: SentenceReading,
  compiled: CompiledConcepts,
  complaint: ReadonlySet<number>,
  told: ReadonlySet<number>,
): ConceptMatch | null {
  // (Loops, not array callbacks: this runs for every open question and asking sentence.)
  let aboutComplaint = true;
  for (const c of alternative.focus) if (!complaint.has(c)) aboutComplaint = false;
  const intentMet = intentsAnswered(alternative, read.intents);
  if ((aboutComplaint || alternative.requiresIntent) && !intentMet) return null;
  if (alternative.other && !read.other) return null;
  // The focus concepts the sentence names: whether any, any by a strong term, all the complaint's.
  let named = false;
  let namedStrongly = false;
  let namedOnlyComplaint = true;
  for (const c of alternative.focus) {
    if (!read.concepts.includes(c)) continue;
    named = true;
    if (read.strongConcepts.includes(c)) namedStrongly = true;
    if (!complaint.has(c)) namedOnlyComplaint = false;
  }
  if (!named) return pronounConfidence(alternative, question, read, compiled, complaint, told);
  // "When did the weakness start?" asks when the complaint began, not whether there is weakness.
  if (alternative.intents.length === 0 && namedOnlyComplaint && read.intents.some(isComplaintDetail)) return null;
  const byIntent = alternative.intents.length > 0 && intentMet;
  if (namedStrongly) return byIntent ? BY_CONCEPT_INTENT : BY_SYNONYM;
  // A word that means the concept only in a question must be what the question is about,
  // not a detail of another one ("so it started on Saturday" names no medicine; "does the
  // food ever come back up?" asks about regurgitation, not appetite), unless the sentence asks
  // about several things ("has your appetite or your weight changed?").
  for (const i of read.intents) if (isComplaintDetail(i) && !alternative.intents.includes(i)) return null;
  if (!read.compound && namesAnotherQuestionsSubject(question, read, compiled)) return null;
  return byIntent ? BY_WEAK_CONCEPT_INTENT : BY_WEAK_SYNONYM;
}

/**
 * A sentence that names no concept of the alternative answers it by its intent alone when it
 * speaks of the complaint without naming it ("when did it start?"): for an alternative about
 * the complaint itself, or about something the patient complained of (`told`: not the diagnosis a
 * rubric's title names), and only when the sentence names nothing else (that another
 * question is about, or at all, respectively).
 */
function pronounConfidence(
  alternative: Alternative,
  question: QuestionConcepts,
  read: SentenceReading,
  compiled: CompiledConcepts,
  complaint: ReadonlySet<number>,
  told: ReadonlySet<number>,
): ConceptMatch | null {
  if (alternative.intents.length === 0) return null;
  // "Has it happened again?" is about whatever was last talked of; only "anything like this before?" is about the complaint.
  if (!read.concepts.includes(PREVIOUS_EPISODE) && !intentsAnswered(alternative, read.intents.filter((i) => i !== HISTORY))) return null;
  if (alternative.focus.length === 0) {
    if (aboutSomethingElse(question, read, compiled, complaint)) return null;
  } else if (!alternative.focus.some((c) => told.has(c)) || read.concepts.some(namesSomething)) {
    return null;
  }
  return BY_CONCEPT_INTENT;
}

const PAIN = CONCEPT_INDEX.get('pain') as number;
const PREVIOUS_EPISODE = CONCEPT_INDEX.get('previous_episode') as number;
const HISTORY = INTENT_INDEX.get('history') as number;

/** Whether a concept a sentence names is a subject of its own: not "it", "like this", "the problem" (the pain is one). */
function namesSomething(concept: number): boolean {
  return !isGeneric(concept) || concept === PAIN;
}

/** Sets stems[i] to the stem number of words[i] (entries past the words are left as they are). */
function fillStemNumbers(compiled: CompiledQuestions, words: readonly string[], stems: number[]): void {
  for (let i = 0; i < words.length; i++) stems[i] = wordStemNumber(compiled, words[i] as string);
}

/** Raises best[q] to the best phrase confidence of question q in this sentence. */
function scorePhrases(
  compiled: CompiledQuestions,
  sentence: Sentence,
  marks: Marks,
  best: number[],
  read: SentenceReading,
  concepts: CompiledConcepts,
  complaint: ReadonlySet<number>,
): void {
  markStems(sentence, marks.stemPresent);
  for (let i = sentence.from; i < sentence.to; i++) {
    const number = sentence.stems[i] as number;
    if (number === NO_STEM) continue;
    for (const id of compiled.variantsByStem[number] as number[]) {
      if (marks.variantScored[id] === sentence.number) continue;
      marks.variantScored[id] = sentence.number;
      const variant = compiled.variants[id] as PhraseVariant;
      const question = concepts.questions[variant.question] as QuestionConcepts;
      if (!sameSubject(question, read)) continue;
      const confidence = variantConfidence(variant, sentence, marks.stemPresent);
      // Words scattered through a sentence ask the phrase only when the sentence names what the
      // phrase is about ("how long have you smoked" is not "how long has it been going on"),
      // and not when it is about another question's subject.
      // Even the exact words do not ask it where the sentence means something else by them
      // ("any medicines apart from the pill?", "a long flight of stairs").
      const focus = question.phraseFocus[variant.phrase] as number[];
      if (focus.length > 0 && !focus.some((c) => read.concepts.includes(c))) continue;
      if (confidence < CONFIDENCE.stemmed && aboutSomethingElse(question, read, concepts, complaint)) continue;
      if (confidence > (best[variant.question] as number)) best[variant.question] = confidence;
    }
  }
}

/** Marks the stems present in the sentence. */
function markStems(sentence: Sentence, stemPresent: number[]): void {
  for (let i = sentence.from; i < sentence.to; i++) {
    const number = sentence.stems[i] as number;
    if (number !== NO_STEM) stemPresent[number] = sentence.number;
  }
}

function variantConfidence(variant: PhraseVariant, sentence: Sentence, stemPresent: number[]): number {
  let present = 0;
  let missing = false;
  for (let c = 0; c < variant.content.length; c++) {
    if (hasTerm(variant, variant.content[c] as number, sentence, stemPresent)) present += variant.contentIdf[c] as number;
    else missing = true;
  }
  // A contiguous occurrence needs every content term; only then is it worth looking for.
  if (!missing) {
    if (occursContiguously(variant, sentence, 'word')) return CONFIDENCE.exact;
    if (occursContiguously(variant, sentence, 'stem')) return CONFIDENCE.stemmed;
  }
  const share = variant.idfTotal > 0 ? present / variant.idfTotal : 0;
  return share * CONFIDENCE.bagOfWords;
}

function occursContiguously(variant: PhraseVariant, sentence: Sentence, by: 'word' | 'stem'): boolean {
  const length = variant.terms.length;
  const last = sentence.to - length;
  for (let at = findTerm(variant, 0, sentence, sentence.from, by); at >= 0 && at <= last; at = findTerm(variant, 0, sentence, at + 1, by)) {
    let j = 1;
    while (j < length && termAt(variant, j, sentence, at + j, by)) j++;
    if (j === length) return true;
  }
  return false;
}

/** Whether the sentence holds the variant's term t, stemmed (an acronym as written). */
function hasTerm(variant: PhraseVariant, t: number, sentence: Sentence, stemPresent: number[]): boolean {
  if (stemPresent[variant.stems[t] as number] !== sentence.number) return false;
  return (variant.terms[t] as Term).acronym === null || findTerm(variant, t, sentence, sentence.from, 'stem') >= 0;
}

/** The first position from `from` in the sentence holding the variant's term t, or -1. */
function findTerm(variant: PhraseVariant, t: number, sentence: Sentence, from: number, by: 'word' | 'stem'): number {
  for (let i = from; i < sentence.to; i++) if (termAt(variant, t, sentence, i, by)) return i;
  return -1;
}

/** Whether word i of the sentence is the variant's term t (as written or as stemmed). */
function termAt(variant: PhraseVariant, t: number, sentence: Sentence, i: number, by: 'word' | 'stem'): boolean {
  const term = variant.terms[t] as Term;
  const same = by === 'word' ? sentence.words[i] === term.word : sentence.stems[i] === variant.stems[t];
  return same && (term.acronym === null || writtenWords(sentence.tokens)[i] === term.acronym);
}

function questionsResult(
  rubric: Rubric,
  compiled: CompiledQuestions,
  utterances: readonly Utterance[],
  found: readonly (Found | null)[],
): QuestionsResult {
  const matches: QuestionMatch[] = [];
  const unmatched: string[] = [];
  let matchedWeight = 0;
  let totalWeight = 0;
  rubric.key_questions.forEach((question, q) => {
    const weight = compiled.weights[q] as number;
    totalWeight += weight;
    const match = found[q];
    if (!match) {
      unmatched.push(question.id);
      return;
    }
    matchedWeight += weight;
    const u = utterances[match.utterance] as Utterance;
    // Fields in the report's order (the layout first, utterance_index after), so that
    // the report serialises the match as built.
    matches.push({
      question_id: question.id,
      anchor: question.anchor,
      utterance: { text: u.text, timestamp_start: u.timestamp_start, timestamp_end: u.timestamp_end },
      confidence: match.confidence,
      matched_by: match.matchedBy,
      citation: oralCitation(u),
      utterance_index: u.index,
    });
  });
  // Nothing to ask (or nothing weighted) means nothing was missed.
  const score = totalWeight > 0 ? matchedWeight / totalWeight : 1;
  return { score, matches, unmatched, coverage: score };
}
