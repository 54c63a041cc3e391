// Sections of a history-taking transcript, in the canonical vocabulary (CC, HPI, ROS, PMH,
// Meds, Allergies, OGH, SH, FH, ICE, PE, Summary, and Closing for what the student says to
// the patient after the summary). The structure evaluator maps them onto the labels a
// rubric's expected_order uses (structure.ts).
//
// Only the student's utterances open sections; everyone else's stay in the open section.
// - The spoken summary (summary-span.ts) is the Summary section; student utterances after it
//   are Closing, unless they ask something that names a section.
// - The student's first question that elicits the complaint opens CC, whatever its words
//   (greetings, introductions, consent and identity checks before it are the Preamble).
// - Any other student utterance is read against the cue table below, row by row, and then
//   by what its questions ask about (lexicon/reading.ts): the family (FH), social history
//   (SH), allergies, medicines (Meds), obstetric and gynaecological history (OGH), past
//   conditions (PMH), other symptoms asked one after another (ROS), or the complaint (HPI).
// - A student utterance that names no section continues the open one.
//
// Cues are matched on whole words of the lower-cased utterance (see tokens.ts): a cue word
// also matches that word with -s or -es added.

import { CONCEPTS, INTENTS, type Domain } from '../lexicon/lexicon';
import { conceptsOf, studentReadings, type SentenceReading, type UtteranceReading } from '../lexicon/reading';
import type { ParsedTranscript, Section, SectionResult } from '../types';
import { rememberLast } from './memo';
import { spokenSummary } from './summary-span';

export const PREAMBLE = 'Preamble';
export const CLOSING = 'Closing';

export interface CueRule {
  label: string;
  cues: readonly string[];
}

/** In priority order: the first row with a cue in an utterance names its section. */
export const SECTION_CUES: readonly CueRule[] = [
  {
    label: 'CC',
    cues: [
      'what brings you', 'what brought you', 'chief complaint', 'what seems to be the problem', 'what can i do for you',
      'how can i help', 'reason for your visit', 'what is going on today', 'whats going on', 'what has been going on',
      'whats been going on', 'whats happened', 'what happened today', 'whats the problem', 'whats the matter',
      'whats brought you', 'what has brought you', 'what made you come', 'tell me what happened', 'whats been happening',
      'what has been happening', 'tell me what brought you', 'tell me why you', 'in your own words',
    ],
  },
  {
    label: 'FH',
    cues: ['family history', 'runs in the family', 'run in the family', 'in your family', 'in the family', 'blood relatives'],
  },
  {
    label: 'SH',
    cues: [
      'social history', 'do you drink', 'how much do you drink', 'how much are you drinking', 'are you drinking',
      'how much alcohol', 'units a week', 'units of alcohol', 'for work', 'for a living', 'live with', 'live alone',
      'living situation', 'who is at home', 'whos at home', 'at home with', 'sexually active', 'go to nursery',
      'go to school', 'go to daycare', 'go to day care',
    ],
  },
  { label: 'Allergies', cues: ['allergy', 'allergies', 'allergic'] },
  {
    label: 'Meds',
    cues: ['medication', 'medicine', 'meds', 'prescription', 'over the counter', 'drug history', 'what are you taking', 'what do you take', 'taking anything'],
  },
  {
    label: 'PMH',
    cues: [
      'past medical history', 'medical history', 'medical problem', 'medical condition', 'health problem',
      'health condition', 'chronic', 'ever been diagnosed', 'been diagnosed', 'surgery', 'surgeries', 'operation',
      'hospitalized', 'hospitalised', 'been in hospital', 'been in the hospital', 'see a doctor for', 'previous illness',
      'any illnesses', 'hospital stay',
      'see the doctor for', 'any conditions',
    ],
  },
  {
    label: 'ROS',
    cues: [
      'other symptom', 'review of systems', 'systems review', 'head to toe', 'other questions about your general health',
      'other systems', 'general questions', 'run through some', 'rest of your body', 'other parts of your body',
      'anything else in your body', 'generally well', 'general health', 'run through a few', 'go through a few',
      'whizz through', 'few other bits', 'few other things', 'other bits now', 'other things now',
    ],
  },
  { label: 'PE', cues: ['examine', 'examination', 'physical exam', 'vital sign', 'vitals'] },
  {
    label: 'HPI',
    cues: [
      'tell me more', 'tell me about', 'describe', 'feel like', 'radiate', 'spread', 'go anywhere', 'move anywhere',
      'scale', 'severe', 'severity', 'how bad', 'constant', 'comes and goes', 'come and go', 'what were you doing',
      'where is', 'where exactly', 'whereabouts', 'which side', 'which part', 'trigger', 'how often', 'episode',
    ],
  },
];

/** Which section a question about a concept of each domain belongs to (null: none of its own). */
const DOMAIN_SECTION: Readonly<Record<Domain, string | null>> = {
  family: 'FH',
  social: 'SH',
  allergy: 'Allergies',
  drug: 'Meds',
  og: 'OGH',
  condition: 'PMH',
  ice: 'ICE',
  exam: 'PE',
  symptom: null,
  generic: null,
  risk: null,
  investigation: null,
  diagnosis: null,
  reasoning: null,
};
/** Section priority when an utterance asks about several: the first named wins. */
const DOMAIN_ORDER = ['family', 'social', 'allergy', 'drug', 'og', 'condition', 'ice', 'exam'] as const;
const HISTORY_DOMAINS = new Set<Domain>(['condition', 'diagnosis']);

interface CompiledCue {
  rule: number;
  words: readonly string[];
}

const cuesByFirstWord = compileCues(SECTION_CUES);

/** Indexed by every form the cue's first word may take (as listed, plus -s and -es). */
function compileCues(rules: readonly CueRule[]): Map<string, CompiledCue[]> {
  const index = new Map<string, CompiledCue[]>();
  rules.forEach((rule, ruleIndex) => {
    for (const cue of rule.cues) {
      const words = cue.split(' ');
      const first = words[0] as string;
      for (const form of [first, `${first}s`, `${first}es`]) {
        const list = index.get(form) ?? [];
        list.push({ rule: ruleIndex, words });
        index.set(form, list);
      }
    }
  });
  return index;
}

/**
 * Sections of a parsed transcript. The result for the latest transcript object is
 * remembered and shared (question matching and the summary reuse it), so treat it as read-only.
 */
export const segmentSections: (parsed: ParsedTranscript) => SectionResult = rememberLast(segment);

// How many of the first eliciting questions may draw out the complaint ("Hello, Mrs Doyle?"
// answered "Yes, that's me" draws out nothing; the next question does).
const COMPLAINT_QUESTIONS = 3;

/**
 * What the encounter is about: the symptoms the patient (or a relative) names in answer to
 * the question that elicits the complaint, before the student asks anything else; that
 * question is the first of the opening ones whose answer names a symptom.
 */
export function complaintConcepts(parsed: ParsedTranscript): ReadonlySet<number> {
  return complaint(parsed).concepts;
}

/** The utterance index of the question the complaint was told in answer to, or -1 (no complaint told). */
export function complaintQuestion(parsed: ParsedTranscript): number {
  return complaint(parsed).question;
}

const complaint = rememberLast((parsed: ParsedTranscript): { concepts: ReadonlySet<number>; question: number } => {
  const readings = studentReadings(parsed);
  let questions = 0;
  for (const u of parsed.utterances) {
    const reading = readings[u.index];
    if (!reading || !elicitsComplaint(reading)) continue;
    const told = symptomsAnswering(parsed, readings, u.index);
    if (told.size > 0) {
      // "So you've got a cough?" names the complaint the patient then confirms.
      for (const s of reading.sentences) if (s.asks) for (const c of s.strongConcepts) if (CONCEPTS[c]?.domain === 'symptom') told.add(c);
      return { concepts: told, question: u.index };
    }
    if (++questions === COMPLAINT_QUESTIONS) break;
  }
  return { concepts: new Set<number>(), question: -1 };
});

/** The symptoms named in the answers to the student's question at `question`, up to the next question. */
function symptomsAnswering(parsed: ParsedTranscript, readings: readonly (UtteranceReading | null)[], question: number): Set<number> {
  const told = new Set<number>();
  for (const u of parsed.utterances.slice(question + 1)) {
    if (readings[u.index]?.sentences.some((s) => s.asks)) break;
    if (u.speaker !== 'patient' && u.speaker !== 'relative') continue;
    for (const c of conceptsOf(u.text)) if (CONCEPTS[c]?.domain === 'symptom') told.add(c);
  }
  return told;
}

function segment(parsed: ParsedTranscript): SectionResult {
  const readings = studentReadings(parsed);
  const summary = spokenSummary(parsed);
  const summaryFirst = summary ? (summary.utterances[0] as number) : Infinity;
  const summaryLast = summary ? (summary.utterances[summary.utterances.length - 1] as number) : Infinity;
  const complaint = complaintConcepts(parsed);
  const sections: Section[] = [];
  let open: Section | null = null;
  let complaintElicited = false;
  for (const u of parsed.utterances) {
    let label: string | null = null;
    const reading = readings[u.index];
    if (u.index >= summaryFirst && u.index <= summaryLast) label = 'Summary';
    else if (reading && u.index > summaryLast) {
      label = reading.sentences.some((s) => s.asks) ? utteranceSection(reading, complaint) ?? CLOSING : CLOSING;
    } else if (reading && !complaintElicited) {
      // The first question that is not small talk elicits the complaint, whatever its words.
      if (sectionCue(reading.tokens.words) === 'CC' || elicitsComplaint(reading)) {
        label = 'CC';
        complaintElicited = true;
      }
    } else if (reading) {
      label = utteranceSection(reading, complaint);
    }
    if (!open || (label !== null && label !== open.label)) {
      open = { label: label ?? PREAMBLE, utterance_indexes: [] };
      sections.push(open);
    }
    open.utterance_indexes.push(u.index);
  }
  return { sections, detected_order: detectedOrder(sections) };
}

function detectedOrder(sections: readonly Section[]): string[] {
  const order: string[] = [];
  for (const s of sections) {
    if (s.label !== PREAMBLE && order[order.length - 1] !== s.label) order.push(s.label);
  }
  return order;
}

// Questions before the complaint that do not elicit it: identity, consent, comfort.
// "Are you Callum?", "And is this your mum?", "Mrs Begum, is it?": who is who.
const IDENTITY = /\b(?:(?:is this|are you|youre|is that) (?:(?:your|his|her|their|\w+s) )?\w+|is it|this is|and you are|you are|you must be)\?$|^(?:(?:hello|hi|hiya|hey|good morning|good afternoon|good evening|morning|afternoon) )?(?:(?:mr|mrs|ms|miss|mx|dr|master) )?\w+\?$/i;
const SMALL_TALK = /\b(?:your name|date of birth|how would you like|call you|is it ok(?:ay)?|is that ok(?:ay)?|would you mind if|do you mind if|mind if i|is it alright|alright if|ok(?:ay)? if i|can i (?:just )?(?:confirm|check your|ask you (?:a few|some))|comfortable|are you ok(?:ay)? to|happy (?:for me )?to|how are you(?: doing)?(?: today)?\?|nice to meet)\b/i;

function elicitsComplaint(reading: UtteranceReading): boolean {
  return reading.sentences.some((s) => {
    if (!s.asks) return false;
    const text = sentenceText(reading, s);
    return !SMALL_TALK.test(text) && !IDENTITY.test(text);
  });
}

function sentenceText(reading: UtteranceReading, s: SentenceReading): string {
  return reading.tokens.words.slice(s.from, s.to).join(' ') + (s.asks ? '?' : '');
}

/** The section an utterance names once the complaint is elicited, or null when it continues the open one. */
export function utteranceSection(reading: UtteranceReading, complaint: ReadonlySet<number>): string | null {
  const cue = sectionCue(reading.tokens.words);
  // The complaint is elicited once; a topic named by a cue outranks what the questions ask
  // about, except the complaint's own cues (HPI).
  if (cue === 'CC') return null;
  if (cue !== null && cue !== 'HPI') return cue;
  return askedSection(reading, complaint) ?? cue;
}

/** The section that the utterance's questions ask about, by the domains of their concepts and intents. */
function askedSection(reading: UtteranceReading, complaint: ReadonlySet<number>): string | null {
  const asking = reading.sentences.filter((s) => s.asks);
  if (asking.length === 0) return null;
  if (asking.some((s) => s.family)) return 'FH';
  const domains = new Set<Domain>();
  let history = false;
  // Only unambiguous words place a question in a section ("home" in "the stairs at home" does not make it social history).
  for (const s of asking) {
    for (const c of s.strongConcepts) if (!onlyContext(c, s)) domains.add((CONCEPTS[c] as { domain: Domain }).domain);
    if (s.intents.some(isHistoryIntent) && s.concepts.some((c) => HISTORY_DOMAINS.has((CONCEPTS[c] as { domain: Domain }).domain))) history = true;
  }
  for (const domain of DOMAIN_ORDER) if (domains.has(domain)) return DOMAIN_SECTION[domain];
  if (history) return 'PMH';
  if (asksOtherSymptoms(asking, complaint)) return 'ROS';
  return asking.some((s) => s.intents.some(isComplaintIntent) || s.concepts.some((c) => complaint.has(c))) ? 'HPI' : null;
}

const LIVING_SITUATION = CONCEPTS.findIndex((c) => c.id === 'living_situation');
const BASELINE = CONCEPTS.findIndex((c) => c.id === 'baseline_function');
const SICK_CONTACTS = CONCEPTS.findIndex((c) => c.id === 'sick_contacts');

/**
 * Whether a concept only sets the scene of what the sentence asks: "anyone else poorly at the
 * home?" asks about contacts, not where the patient lives; "before all this, had your bowels
 * been normal?" asks about the bowels, not how the patient manages.
 */
function onlyContext(concept: number, s: SentenceReading): boolean {
  if (concept === LIVING_SITUATION) return s.strongConcepts.includes(SICK_CONTACTS);
  if (concept === BASELINE) return s.strongConcepts.some((c) => SYMPTOMS.has(c));
  return false;
}

const HISTORY_INTENT = INTENTS.findIndex((i) => i.id === 'history');
const COMPLAINT_INTENTS = new Set(INTENTS.flatMap((i, n) => (i.specific && i.id !== 'history' ? [n] : [])));

function isHistoryIntent(intent: number): boolean {
  return intent === HISTORY_INTENT;
}

function isComplaintIntent(intent: number): boolean {
  return COMPLAINT_INTENTS.has(intent);
}

const SYMPTOMS = new Set(CONCEPTS.flatMap((c, i) => (c.domain === 'symptom' ? [i] : [])));

/**
 * "Any fever or sweats?": symptoms other than the complaint asked about by their presence,
 * not the complaint's details (when, where, how bad). Whether they belong to the history of
 * the complaint or to a systems review depends on the rubric (rubric-sections.ts).
 */
function asksOtherSymptoms(asking: readonly SentenceReading[], complaint: ReadonlySet<number>): boolean {
  let other = false;
  for (const s of asking) {
    if (s.intents.some(isComplaintIntent)) return false;
    for (const c of s.strongConcepts) if (SYMPTOMS.has(c) && !complaint.has(c)) other = true;
  }
  return other;
}

/** The section named by the highest-priority rule with a cue among these words, or null. */
export function sectionCue(words: readonly string[]): string | null {
  let best = SECTION_CUES.length;
  for (let i = 0; i < words.length && best > 0; i++) best = firstRuleAt(words, i, words[i] as string, best);
  return best < SECTION_CUES.length ? (SECTION_CUES[best] as CueRule).label : null;
}

// A cue after these words dates something rather than naming a topic: "since the operation, has the leg swollen?".
const DATING = new Set(['since', 'after', 'before', 'following']);
const DETERMINERS = new Set(['the', 'your', 'his', 'her', 'their', 'that', 'this', 'my']);

export function datesSomething(words: readonly string[], at: number): boolean {
  const before = words[at - 1];
  return before !== undefined && (DATING.has(before) || (DETERMINERS.has(before) && DATING.has(words[at - 2] as string)));
}

/** The lowest rule number below `better` whose cue starts at words[at] (looked up under `key`). */
function firstRuleAt(words: readonly string[], at: number, key: string, better: number): number {
  const candidates = cuesByFirstWord.get(key);
  if (!candidates || datesSomething(words, at)) return better;
  let found = better;
  for (const cue of candidates) if (cue.rule < found && cueContinuesAt(words, at, cue.words)) found = cue.rule;
  return found;
}

function cueContinuesAt(words: readonly string[], at: number, cue: readonly string[]): boolean {
  if (at + cue.length > words.length) return false;
  for (let j = 1; j < cue.length; j++) if (!wordMatches(words[at + j] as string, cue[j] as string)) return false;
  return true;
}

function wordMatches(word: string, cueWord: string): boolean {
  if (!word.startsWith(cueWord)) return false;
  const suffix = word.length - cueWord.length;
  return suffix === 0 || (suffix === 1 && word.endsWith('s')) || (suffix === 2 && word.endsWith('es'));
}
