// Key-question matching: did the student ask each rubric question, where, and how surely.
//
// Only the student's utterances count, sentence by sentence, and not those of the closing
// Summary section (a summary reports what was learned; it does not ask). A sentence that
// names a relative ("does anyone in your family have a history of stroke") asks about the
// family, so it counts only for questions whose own phrases name a relative.
//
// Each rubric phrase and its lexicon rewrites (variants) are scored against a sentence:
//   1.0   the phrase's words appear contiguously, as written (case and punctuation aside)
//   0.95  the phrase's stems appear contiguously ("came on suddenly" ~ "come on suddenly")
//   0.9   a lexicon rewrite appears contiguously, as written or stemmed
//   0.8·s the phrase's content stems appear anywhere in the sentence, s = their idf-weighted
//         share (BM25 with b = 0 and term frequency saturated at one occurrence)
//   0.75·s the same for a lexicon rewrite
// A question's confidence is its best score over all sentences; it is matched when that
// reaches ACCEPT_THRESHOLD, and cites the first utterance (in transcript order) reaching it.

import { oralCitation } from '../citations/format';
import type { ParsedTranscript, QuestionMatch, QuestionsResult, Rubric, Utterance } from '../types';
import { segmentSections } from '../transcript/sections';
import { studentTokens, tokenize, type UtteranceTokens, writtenWords } from '../transcript/tokens';
import { compileQuestions, type CompiledQuestions, NO_STEM, type PhraseVariant, type Term, wordStemNumber } from './compile';

export const ACCEPT_THRESHOLD = 0.6;
export const CONFIDENCE = {
  exact: 1,
  stemmed: 0.95,
  rewrite: 0.9,
  bagOfWords: 0.8,
  rewriteBagOfWords: 0.75,
} as const;

interface Best {
  confidence: number;
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
  const best: (Best | null)[] = rubric.key_questions.map(() => null);
  const asking = askingUtterances(parsed);
  const marks = marksFor(compiled);
  // One sentence object and one array of stem numbers serve every utterance in turn.
  const sentence: Sentence = { words: [], stems: [], tokens: NO_TOKENS, from: 0, to: 0, number: 0 };
  for (const u of parsed.utterances) {
    const tokens = asking[u.index];
    if (!tokens) continue;
    sentence.words = tokens.words;
    sentence.tokens = tokens;
    fillStemNumbers(compiled, tokens.words, sentence.stems);
    for (let s = 0; s < tokens.sentenceStarts.length; s++) {
      sentence.from = tokens.sentenceStarts[s] as number;
      sentence.to = tokens.sentenceStarts[s + 1] ?? tokens.words.length;
      sentence.number = sentenceCount++;
      scoreSentence(compiled, sentence, marks, best, u.index);
    }
  }
  return questionsResult(rubric, compiled, parsed.utterances, best);
}

/** Sets stems[i] to the stem number of words[i] (entries past the words are left as they are). */
function fillStemNumbers(compiled: CompiledQuestions, words: readonly string[], stems: number[]): void {
  for (let i = 0; i < words.length; i++) stems[i] = wordStemNumber(compiled, words[i] as string);
}

/** Tokens of the utterances that can ask a question: the student's, outside the Summary section. */
function askingUtterances(parsed: ParsedTranscript): (UtteranceTokens | null)[] {
  const tokens = studentTokens(parsed).slice();
  for (const section of segmentSections(parsed).sections) {
    if (section.label !== 'Summary') continue;
    for (const i of section.utterance_indexes) tokens[i] = null;
  }
  return tokens;
}

/** Raises each question's best confidence with this sentence's; earlier sentences win ties. */
function scoreSentence(
  compiled: CompiledQuestions,
  sentence: Sentence,
  marks: Marks,
  best: (Best | null)[],
  utterance: number,
): void {
  const aboutFamily = markStems(compiled, sentence, marks.stemPresent);
  for (let i = sentence.from; i < sentence.to; i++) {
    const number = sentence.stems[i] as number;
    if (number === NO_STEM) continue;
    for (const id of compiled.variantsByStem[number] as number[]) {
      if (marks.variantScored[id] === sentence.number) continue;
      marks.variantScored[id] = sentence.number;
      const variant = compiled.variants[id] as PhraseVariant;
      if (aboutFamily && !compiled.asksAboutFamily[variant.question]) continue;
      const confidence = variantConfidence(variant, sentence, marks.stemPresent);
      const current = best[variant.question];
      if (!current) {
        best[variant.question] = { confidence, utterance };
      } else if (confidence > current.confidence) {
        current.confidence = confidence; // updated in place: one object per question and grade
        current.utterance = utterance;
      }
    }
  }
}

/** Marks the stems present in the sentence; returns whether one of them names a relative. */
function markStems(compiled: CompiledQuestions, sentence: Sentence, stemPresent: number[]): boolean {
  let family = false;
  for (let i = sentence.from; i < sentence.to; i++) {
    const number = sentence.stems[i] as number;
    if (number === NO_STEM) continue;
    stemPresent[number] = sentence.number;
    if (compiled.familyStem[number]) family = true;
  }
  return family;
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
    if (occursContiguously(variant, sentence, 'word')) return variant.original ? CONFIDENCE.exact : CONFIDENCE.rewrite;
    if (occursContiguously(variant, sentence, 'stem')) return variant.original ? CONFIDENCE.stemmed : CONFIDENCE.rewrite;
  }
  const share = variant.idfTotal > 0 ? present / variant.idfTotal : 0;
  return share * (variant.original ? CONFIDENCE.bagOfWords : CONFIDENCE.rewriteBagOfWords);
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
  best: readonly (Best | null)[],
): QuestionsResult {
  const matches: QuestionMatch[] = [];
  const unmatched: string[] = [];
  let matchedWeight = 0;
  let totalWeight = 0;
  rubric.key_questions.forEach((question, q) => {
    const weight = compiled.weights[q] as number;
    totalWeight += weight;
    const found = best[q];
    if (!found || found.confidence < ACCEPT_THRESHOLD) {
      unmatched.push(question.id);
      return;
    }
    matchedWeight += weight;
    const u = utterances[found.utterance] as Utterance;
    // Fields in the report's order (the layout first, utterance_index after), so that
    // the report serialises the match as built.
    matches.push({
      question_id: question.id,
      anchor: question.anchor,
      utterance: { text: u.text, timestamp_start: u.timestamp_start, timestamp_end: u.timestamp_end },
      confidence: found.confidence,
      citation: oralCitation(u),
      utterance_index: u.index,
    });
  });
  // Nothing to ask (or nothing weighted) means nothing was missed.
  const score = totalWeight > 0 ? matchedWeight / totalWeight : 1;
  return { score, matches, unmatched, coverage: score };
}
