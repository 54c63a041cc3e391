// What each student sentence says, read once per transcript and shared by question
// matching, section detection and the summary finder: whether it asks, which concepts of
// the clinical lexicon it names and which question intents (when, where, how fast ...) it
// carries, and whether it asks about the family.

import { stem } from '../questions/stem';
import { rememberLast } from '../transcript/memo';
import { sentenceAsks } from '../transcript/asks';
import { studentTokens, tokenize, writtenWords, type UtteranceTokens } from '../transcript/tokens';
import type { ParsedTranscript } from '../types';
import { CONCEPT_TERMS, CONCEPTS, INTENT_CUES, INTENTS, type TermIndex } from './lexicon';
import { STOPWORDS } from '../questions/lexicon';

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
}

export interface UtteranceReading {
  tokens: UtteranceTokens;
  stems: string[];
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

function pushOnce(list: number[], value: number): void {
  if (!list.includes(value)) list.push(value);
}

export interface Hit {
  target: number;
  /** Words [start, end) of the text. */
  start: number;
  end: number;
  weak: boolean;
  /** The term is one of the concept's clinical names. */
  name: boolean;
}

/**
 * The hits of a term index in words[from, to), without those overlapping a longer hit:
 * "the pill" is contraception, not also a medicine; "getting worse" is a course, not an
 * aggravating factor; "a long flight of stairs" is no journey.
 */
export function longestHits(index: TermIndex, stems: readonly string[], written: readonly string[] | (() => readonly string[]), from: number, to: number): Hit[] {
  const hits: Hit[] = [];
  index.scan(stems, written, from, to, (target, start, end, weak, name) => {
    hits.push({ target, start, end, weak, name });
  });
  if (hits.length < 2) return hits;
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

/** Concepts and intents of words[from, to); the concept hits are also added to `allHits` when given. */
function readWords(stems: readonly string[], written: readonly string[] | (() => readonly string[]), from: number, to: number, relativeAnswers: boolean, allHits?: Hit[]): Omit<SentenceReading, 'asks' | 'from' | 'to'> {
  const concepts: number[] = [];
  const strongConcepts: number[] = [];
  const intents: number[] = [];
  let familyCore = false;
  let relativeNamed = false;
  const conceptHits = longestHits(CONCEPT_TERMS, stems, written, from, to);
  if (allHits) for (const h of conceptHits) allHits.push(h);
  for (const { target, start, end, weak } of conceptHits) {
    // "Any medicines apart from the pill?" asks about everything but the pill.
    if (excepted(stems, from, start)) continue;
    if (target === FAMILY) {
      for (let i = start; i < end; i++) if (FAMILY_CORE.has(stems[i] as string)) familyCore = true;
      relativeNamed = true;
      continue;
    }
    pushOnce(concepts, target);
    if (!weak) pushOnce(strongConcepts, target);
  }
  for (const { target, start, end } of longestHits(INTENT_CUES, stems, written, from, to)) {
    // A cue inside a concept's own words ("burning" in "burning when you pee") asks nothing of its own.
    if (!conceptHits.some((h) => !h.weak && h.start <= start && end <= h.end && h.end - h.start > end - start)) pushOnce(intents, target);
  }
  const social = concepts.some((c) => SOCIAL.has(c));
  const family = familyCore || (relativeNamed && !relativeAnswers && !social);
  let other = false;
  for (let i = from; i < to && !other; i++) other = OTHER.has(stems[i] as string);
  return { concepts, strongConcepts, intents, family, other };
}

export function stemsOf(words: readonly string[]): string[] {
  return words.map(stem);
}

function readUtterance(tokens: UtteranceTokens, relativeAnswers: boolean): UtteranceReading {
  const stems = stemsOf(tokens.words);
  const written = (): string[] => writtenWords(tokens);
  const sentences: SentenceReading[] = [];
  const hits: Hit[] = [];
  for (let s = 0; s < tokens.sentenceStarts.length; s++) {
    const from = tokens.sentenceStarts[s] as number;
    const to = tokens.sentenceStarts[s + 1] ?? tokens.words.length;
    sentences.push({ from, to, asks: sentenceAsks(tokens, s), ...readWords(stems, written, from, to, relativeAnswers, hits) });
  }
  return { tokens, stems, sentences, hits };
}

/** Readings of each student utterance by utterance index; null for everyone else's. */
export const studentReadings: (parsed: ParsedTranscript) => (UtteranceReading | null)[] = rememberLast((parsed) => {
  const relativeAnswers = parsed.utterances.some((u) => u.speaker === 'relative');
  return studentTokens(parsed).map((tokens) => (tokens ? readUtterance(tokens, relativeAnswers) : null));
});

/** The concepts a piece of text names (weak terms included), without the rest of a reading. */
export function conceptsOf(text: string): number[] {
  const tokens = tokenize(text);
  return readWords(stemsOf(tokens.words), writtenWords(tokens), 0, tokens.words.length, false).concepts;
}

/** The concepts named in a piece of text (a rubric label or phrase, a patient's answer), weak terms included. */
export function conceptsIn(tokens: UtteranceTokens): { concepts: number[]; strongConcepts: number[]; intents: number[]; family: boolean; other: boolean; unread: string[] } {
  const stems = stemsOf(tokens.words);
  const written = writtenWords(tokens);
  const read = readWords(stems, written, 0, tokens.words.length, false);
  const covered = new Array<boolean>(tokens.words.length).fill(false);
  const conceptStarts = new Set<number>();
  for (const index of [CONCEPT_TERMS, INTENT_CUES]) {
    for (const { start, end } of longestHits(index, stems, written, 0, tokens.words.length)) {
      covered.fill(true, start, end);
      if (index === CONCEPT_TERMS) conceptStarts.add(start);
    }
  }
  // In a rubric's words, "other" counts only right before what it qualifies: "any other joints".
  const other = stems.some((s, i) => (s === OTHER_WORD || s === ANOTHER_WORD) && conceptStarts.has(i + 1));
  // Adverbs ("exactly", "particularly") say nothing of the subject either.
  const unread = tokens.words.filter((w, i) => !covered[i] && !STOPWORDS.has(w) && !RUBRIC_WORDS.has(w) && !/^\d+$/.test(w) && !w.endsWith('ly'));
  return { ...read, other, unread };
}

const OTHER_WORD = stem('other');
const ANOTHER_WORD = stem('another');

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
