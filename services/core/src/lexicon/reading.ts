// What each student sentence says, read once per transcript and shared by question
// matching, section detection and the summary finder: whether it asks, which concepts of
// the clinical lexicon it names and which question intents (when, where, how fast ...) it
// carries, and whether it asks about the family.

import { stem } from '../questions/stem';
import { rememberLast } from '../transcript/memo';
import { sentenceAsks } from '../transcript/asks';
import { studentTokens, tokenize, writtenWords, type UtteranceTokens } from '../transcript/tokens';
import type { ParsedTranscript } from '../types';
import { CONCEPT_TERMS, CONCEPTS, INTENT_CUES, INTENTS, lexiconText, type Concept, type LexiconText, type TermHit, type TermIndex } from './lexicon';
import { STOPWORDS } from '../questions/lexicon';

/**
 * One sentence of a student utterance. Only what a sentence asks is ever looked at (matching,
 * sections), so only an asking sentence is read for concepts, intents, family and "other";
 * a statement's are empty (its concept terms are still among the utterance's hits).
 */
export interface SentenceReading {
  /** The sentence's words are tokens.words[from, to). */
  from: number;
  to: number;
  asks: boolean;
  /** Distinct concept indexes named (weak terms included), in order of first mention. */
  concepts: number[];
  /** Distinct concept indexes named by strong terms only. */
  strongConcepts: number[];
  /** Distinct intent indexes. */
  intents: number[];
  /** The sentence asks about the patient's family (family history), not the patient. */
  family: boolean;
  /** The sentence says "other", "another" or "else": it asks beyond what was said. */
  other: boolean;
  /** The sentence asks about someone else ("does your husband smoke?"), not the patient. */
  someoneElse: boolean;
  /** The sentence joins several things with "or" or "and" ("your appetite or your weight?"). */
  compound: boolean;
}

export interface UtteranceReading {
  tokens: UtteranceTokens;
  stems: readonly string[];
  sentences: SentenceReading[];
  /** Every concept term the utterance holds (family and excepted ones included), longest first where they overlap. */
  hits: Hit[];
}

const FAMILY = CONCEPTS.findIndex((c) => c.domain === 'family');
// Words that ask about the family whoever answers ("does it run in the family?"); a
// relative's name alone ("has your dad...") means the family only when the patient answers.
const FAMILY_CORE = new Set(['family', 'families', 'run', 'runs', 'relative', 'relatives', 'genetic', 'inherited', 'hereditary', 'blood'].map(stem));
const OTHER = new Set(['other', 'another', 'else', 'elsewhere', 'besides'].map(stem));
const SOCIAL = new Set(CONCEPTS.flatMap((c, i) => (c.domain === 'social' ? [i] : [])));

// "Does your husband smoke?", "did your mate get the sweats?", "does anyone at home smoke?",
// "Ray, do you smoke yourself?" (to the relative in the room): a question whose subject is
// someone else asks about the patient only as their contact (or about the family). A
// relative in the room may be asked about the patient as "your son" or "your wife", so then
// only people outside the family count as someone else.
const LEADING_FILLERS = new Set(['and', 'so', 'okay', 'ok', 'right', 'now', 'also', 'just', 'um', 'erm', 'then'].map(stem));
const AUXILIARIES = new Set(['do', 'does', 'did', 'has', 'have', 'had', 'is', 'are', 'was', 'were', 'can', 'could', 'would', 'will'].map(stem));
const ANYONE = new Set(['anyone', 'anybody', 'someone', 'somebody'].map(stem));
const POSSESSIVE = new Set(['your', 'the'].map(stem));
const THIRD_PERSON_POSSESSIVE = new Set(['his', 'her', 'their'].map(stem));
const OUTSIDE_FAMILY = new Set(['mate', 'mates', 'friend', 'friends', 'flatmate', 'flatmates', 'housemate', 'housemates', 'roommate', 'roommates', 'colleague', 'colleagues', 'workmate', 'workmates', 'boyfriend', 'girlfriend', 'neighbour', 'neighbor'].map(stem));
const FAMILY_PEOPLE = new Set(['husband', 'wife', 'partner', 'son', 'daughter', 'child', 'children', 'kids', 'brother', 'sister', 'mum', 'mom', 'dad', 'mother', 'father', 'parents'].map(stem));
// "Has anyone told you ...", "did your wife notice ...": someone else reporting on the patient.
const REPORTING = new Set(['tell', 'told', 'say', 'said', 'mention', 'mentioned', 'check', 'checked', 'test', 'tested', 'measure', 'measured',
  'diagnose', 'diagnosed', 'notice', 'noticed', 'see', 'seen', 'saw', 'watch', 'watched', 'examine', 'examined', 'treat', 'treated', 'give', 'given',
  'gave', 'prescribe', 'prescribed', 'explain', 'explained', 'speak', 'spoken', 'talk', 'talked', 'ask', 'asked', 'help', 'helped', 'look', 'looked',
  'describe', 'hear', 'heard', 'witness', 'witnessed', 'think', 'thought', 'worry', 'worried', 'find', 'found', 'follow', 'pick', 'picked',
  'refer', 'referred', 'record', 'recorded', 'call', 'called'].map(stem));

const YOURSELF = stem('yourself');
const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'doctor'].map(stem));

function asksAboutSomeoneElse(text: LexiconText, from: number, to: number, relativeAnswers: boolean): boolean {
  const stems = text.stems;
  let i = from;
  while (i < to && i < from + 2 && LEADING_FILLERS.has(stems[i] as string)) i++;
  if (relativeAnswers && asksRelativeAboutThemselves(text, i, to)) return true;
  if (!AUXILIARIES.has(stems[i] as string)) return false;
  const subject = stems[i + 1] as string;
  const person = stems[i + 2] as string;
  const someoneElse = ANYONE.has(subject)
    || (POSSESSIVE.has(subject) && (OUTSIDE_FAMILY.has(person) || (!relativeAnswers && FAMILY_PEOPLE.has(person))))
    // "has her brother been ill?": the patient's relative, whoever is answering
    || (THIRD_PERSON_POSSESSIVE.has(subject) && (OUTSIDE_FAMILY.has(person) || FAMILY_PEOPLE.has(person)));
  if (!someoneElse) return false;
  for (let j = i + 2; j < to; j++) if (REPORTING.has(stems[j] as string)) return false;
  return true;
}

/** "Ray, do you smoke yourself?": a relative in the room, called by name, asked about themselves. */
function asksRelativeAboutThemselves(text: LexiconText, at: number, to: number): boolean {
  if (at + 1 >= to || TITLES.has(text.stems[at] as string) || !AUXILIARIES.has(text.stems[at + 1] as string)) return false;
  const name = (typeof text.written === 'function' ? text.written() : text.written)[at] as string;
  if (!/^[A-Z][a-z]+$/.test(name)) return false;
  for (let j = at + 2; j < to; j++) if (text.stems[j] === YOURSELF) return true;
  return false;
}

function pushOnce(list: number[], value: number): void {
  if (!list.includes(value)) list.push(value);
}

export type Hit = TermHit;

/**
 * The hits of a term index in words[from, to), without those overlapping a longer hit:
 * "the pill" is contraception, not also a medicine; "getting worse" is a course, not an
 * aggravating factor; "a long flight of stairs" is no journey.
 */
export function longestHits(index: TermIndex, text: LexiconText, from: number, to: number): Hit[] {
  const hits: Hit[] = [];
  index.scan(text, from, to, hits);
  if (!overlapping(hits)) return hits;
  const kept: Hit[] = [];
  for (const h of hits) {
    let overlapped = false;
    for (const o of hits) {
      if (o !== h && o.start < h.end && h.start < o.end && o.end - o.start > h.end - h.start) {
        overlapped = true;
        // A longer weak term does not make the same concept's strong words weak ("been sick" in "been sick at all").
        if (o.target === h.target && !h.weak) o.weak = false;
        break;
      }
    }
    if (!overlapped) kept.push(h);
  }
  return kept;
}

/** Whether two of the hits overlap (they come in order of their start). */
function overlapping(hits: readonly Hit[]): boolean {
  let end = -1;
  for (let h = 0; h < hits.length; h++) {
    const hit = hits[h] as Hit;
    if (hit.start < end) return true;
    if (hit.end > end) end = hit.end;
  }
  return false;
}

const EXCEPTING: readonly (readonly string[])[] = [['apart', 'from'], ['other', 'than'], ['besides'], ['except'], ['except', 'for'], ['aside', 'from'], ['beside']].map((w) => w.map(stem));
const EXCEPTING_LAST = new Set(EXCEPTING.map((run) => run[run.length - 1] as string));

/** Whether the word at `at` follows "apart from", "other than" ... within two words. */
function excepted(stems: readonly string[], from: number, at: number): boolean {
  for (let end = at - 1; end >= Math.max(from, at - 3); end--) {
    if (!EXCEPTING_LAST.has(stems[end] as string)) continue;
    for (const run of EXCEPTING) {
      const first = end - run.length + 1;
      if (first < from) continue;
      let same = true;
      for (let j = 0; j < run.length && same; j++) same = stems[first + j] === run[j];
      if (same) return true;
    }
  }
  return false;
}

type WordsReading = Omit<SentenceReading, 'asks' | 'from' | 'to'>;

/** Concepts and intents of words[from, to); the concept hits are also added to `allHits` when given. */
function readWords(text: LexiconText, from: number, to: number, relativeAnswers: boolean, allHits?: Hit[]): WordsReading {
  const stems = text.stems;
  const concepts: number[] = [];
  const strongConcepts: number[] = [];
  const intents: number[] = [];
  let familyCore = false;
  let relativeNamed = false;
  let social = false;
  const someoneElse = asksAboutSomeoneElse(text, from, to, relativeAnswers);
  const conceptHits = longestHits(CONCEPT_TERMS, text, from, to);
  const besideStrong = strongDomains(conceptHits);
  for (let h = 0; h < conceptHits.length; h++) {
    const hit = conceptHits[h] as Hit;
    if (allHits) allHits.push(hit);
    if (besideStrong !== null && outsideContext(hit, conceptHits, besideStrong)) continue;
    // "Any medicines apart from the pill?" asks about everything but the pill.
    if (excepted(stems, from, hit.start)) continue;
    if (hit.target === FAMILY) {
      for (let i = hit.start; i < hit.end; i++) if (FAMILY_CORE.has(stems[i] as string)) familyCore = true;
      relativeNamed = true;
      continue;
    }
    pushOnce(concepts, hit.target);
    if (!hit.weak) {
      pushOnce(strongConcepts, hit.target);
      for (const intent of (CONCEPTS[hit.target] as Concept).asks) pushOnce(intents, intent);
    }
    if (SOCIAL.has(hit.target)) social = true;
  }
  const cueHits = longestHits(INTENT_CUES, text, from, to);
  for (let c = 0; c < cueHits.length; c++) {
    const cue = cueHits[c] as Hit;
    // A cue inside a concept's own words ("burning" in "burning when you pee") asks nothing of its own.
    if (!insideConcept(cue, conceptHits)) pushOnce(intents, cue.target);
  }
  const family = familyCore || (relativeNamed && !relativeAnswers && !social);
  let other = false;
  for (let i = from; i < to && !other; i++) other = OTHER.has(stems[i] as string);
  let compound = false;
  for (let i = from; i < to && !compound; i++) compound = stems[i] === OR_WORD || stems[i] === AND_WORD;
  return { concepts, strongConcepts, intents, family, other, someoneElse, compound };
}


/** The domains of the concepts the hits name by strong terms, or null when no weak hit shares its words with another. */
function strongDomains(hits: readonly Hit[]): Set<string> | null {
  let shared = false;
  for (let a = 0; a < hits.length && !shared; a++) {
    const hit = hits[a] as Hit;
    if (!hit.weak) continue;
    for (let b = a + 1; b < hits.length && !shared; b++) {
      const other = hits[b] as Hit;
      shared = other.weak && other.start === hit.start && other.end === hit.end;
    }
  }
  if (!shared) return null;
  const domains = new Set<string>();
  for (const hit of hits) if (!hit.weak) domains.add((CONCEPTS[hit.target] as Concept).domain);
  return domains;
}

/**
 * "Do you smoke or drink?": a weak word that could mean several concepts (alcohol, thirst,
 * drinks going down) means the one of the domain that the sentence's unambiguous words are in.
 */
function outsideContext(hit: Hit, hits: readonly Hit[], domains: ReadonlySet<string>): boolean {
  if (!hit.weak || domains.has((CONCEPTS[hit.target] as Concept).domain)) return false;
  for (const other of hits) {
    if (other !== hit && other.weak && other.start === hit.start && other.end === hit.end && domains.has((CONCEPTS[other.target] as Concept).domain)) return true;
  }
  return false;
}

function insideConcept(cue: Hit, conceptHits: readonly Hit[]): boolean {
  for (let h = 0; h < conceptHits.length; h++) {
    const hit = conceptHits[h] as Hit;
    if (!hit.weak && hit.start <= cue.start && cue.end <= hit.end && hit.end - hit.start > cue.end - cue.start) return true;
  }
  return false;
}

function readUtterance(tokens: UtteranceTokens, relativeAnswers: boolean): UtteranceReading {
  const text = lexiconText(tokens.words, () => writtenWords(tokens));
  const sentences: SentenceReading[] = [];
  const hits: Hit[] = [];
  for (let s = 0; s < tokens.sentenceStarts.length; s++) {
    const from = tokens.sentenceStarts[s] as number;
    const to = tokens.sentenceStarts[s + 1] ?? tokens.words.length;
    if (!sentenceAsks(tokens, s)) {
      for (const hit of longestHits(CONCEPT_TERMS, text, from, to)) hits.push(hit);
      sentences.push({ from, to, asks: false, concepts: [], strongConcepts: [], intents: [], family: false, other: false, someoneElse: false, compound: false });
      continue;
    }
    const read = readWords(text, from, to, relativeAnswers, hits);
    sentences.push({
      from, to, asks: true,
      concepts: read.concepts, strongConcepts: read.strongConcepts, intents: read.intents, family: read.family, other: read.other,
      someoneElse: read.someoneElse, compound: read.compound,
    });
  }
  return { tokens, stems: text.stems, sentences, hits };
}

/** Readings of each student utterance by utterance index; null for everyone else's. */
export const studentReadings: (parsed: ParsedTranscript) => (UtteranceReading | null)[] = rememberLast((parsed) => {
  const relativeAnswers = parsed.utterances.some((u) => u.speaker === 'relative');
  return studentTokens(parsed).map((tokens) => (tokens ? readUtterance(tokens, relativeAnswers) : null));
});

/** The concepts a piece of text names (weak terms included), without the rest of a reading. */
export function conceptsOf(text: string): number[] {
  const tokens = tokenize(text);
  return readWords(lexiconText(tokens.words, writtenWords(tokens)), 0, tokens.words.length, false).concepts;
}

/** The concepts named in a piece of text (a rubric label or phrase, a patient's answer), weak terms included. */
export function conceptsIn(tokens: UtteranceTokens): WordsReading & { unread: string[] } {
  const text = lexiconText(tokens.words, writtenWords(tokens));
  const stems = text.stems;
  const read = readWords(text, 0, tokens.words.length, false);
  const covered = new Array<boolean>(tokens.words.length).fill(false);
  const conceptStarts = new Set<number>();
  for (const index of [CONCEPT_TERMS, INTENT_CUES]) {
    for (const { start, end } of longestHits(index, text, 0, tokens.words.length)) {
      covered.fill(true, start, end);
      if (index === CONCEPT_TERMS) conceptStarts.add(start);
    }
  }
  // In a rubric's words, "other" counts only right before what it qualifies: "any other joints"
  // (not "in this or another joint", which asks about either).
  const other = stems.some((s, i) => (s === OTHER_WORD || s === ANOTHER_WORD) && conceptStarts.has(i + 1) && stems[i - 1] !== OR_WORD);
  // Adverbs ("exactly", "particularly") say nothing of the subject either.
  const unread = tokens.words.filter((w, i) => !covered[i] && !STOPWORDS.has(w) && !RUBRIC_WORDS.has(w) && !/^\d+$/.test(w) && !w.endsWith('ly'));
  return { ...read, other, unread };
}

const OTHER_WORD = stem('other');
const ANOTHER_WORD = stem('another');
const OR_WORD = stem('or');
const AND_WORD = stem('and');

// Words of rubric labels that say nothing of the subject ("asks about", "whether", "patient").
const RUBRIC_WORDS = new Set([
  'ask', 'asks', 'asked', 'asking', 'about', 'whether', 'establish', 'establishes', 'enquire', 'enquires', 'inquire',
  'inquires', 'explore', 'explores', 'elicit', 'elicits', 'check', 'checks', 'patient', 'patients', 'they', 'them', 'their', 'another',
  'he', 'she', 'his', 'her', 'or', 'and', 'not', 'nor', 'vs', 'versus', 'e', 'g', 'eg', 'ie', 'etc', 'such', 'as', 'like',
  'including', 'recent', 'recently', 'current', 'currently', 'new', 'other', 'also', 'how', 'what', 'which', 'who', 'why',
  'if', 'there', 'been', 'has', 'have', 'had', 'any', 'the', 'this', 'that', 'it', 'its', 'of', 'with', 'without', 'from',
  'into', 'onto', 'since', 'status', 'use', 'using', 'taking', 'take', 'presence', 'absence', 'details', 'detail', 'nature',
  'type', 'history', 'symptoms', 'symptom', 'features', 'feature', 'associated', 'specific', 'severe', 'especially',
  'much', 'many', 'more', 'most', 'very', 'still', 'really', 'both', 'each', 'either', 'all', 'does', 'did', 'do', 'is',
  'are', 'was', 'were', 'can', 'could', 'would', 'should', 'any', 'some', 'get', 'gets', 'got', 'make', 'makes',
]);

export function intentIsSpecific(intent: number): boolean {
  return (INTENTS[intent] as { specific: boolean }).specific;
}
