// Compiles a rubric's key questions once (cached per rubric object) into their phrases
// over stemmed terms, an inverted index from stem to phrases, and BM25-style inverse
// document frequencies in which each question (all its phrases together) is one document.
// Each stem the phrases use gets a number, so that matching compares numbers rather than
// strings; the compiled questions also remember each student word's stem number as words
// are met. What a question is about in other words (the clinical lexicon) is compiled
// separately, in concepts.ts.

import type { Rubric } from '../types';
import { tokenize, writtenWords } from '../transcript/tokens';
import { STOPWORDS } from './lexicon';
import { stem } from './stem';

export interface Term {
  /** The word as the phrase writes it, lower-cased (exact matching compares these). */
  word: string;
  stem: string;
  /** Set for an acronym (2–5 capitals, e.g. "MI"): the student must write these capitals. */
  acronym: string | null;
}

export interface PhraseVariant {
  question: number;
  /** Index of the phrase in the question's phrases. */
  phrase: number;
  terms: Term[];
  /** Indexes into `terms` of the words that carry meaning (not stopwords). */
  content: number[];
  /** The stem number of each term (see `CompiledQuestions.stemNumbers`). */
  stems: number[];
  /** The idf of each content term, in the order of `content`. */
  contentIdf: number[];
  /** Σ idf over the content terms. */
  idfTotal: number;
}

export interface CompiledQuestions {
  variants: PhraseVariant[];
  /** Every stem of the variants' terms → its number. */
  stemNumbers: Map<string, number>;
  /**
   * Student word → the number of its stem (NO_STEM when no question uses it), filled in as
   * words are met: vocabulary repeats across transcripts, and one lookup per word is half
   * the cost of stemming it and then numbering the stem. See `wordStemNumber`.
   */
  wordStemNumbers: Map<string, number>;
  /** Stem number → ids of the variants with that stem as a content term. */
  variantsByStem: number[][];
  weights: number[];
}

const ACRONYM = /^[A-Z]{2,5}$/;
const byRubricObject = new WeakMap<Rubric, CompiledQuestions>();
// The gRPC services decode a new rubric object for every call, so they would miss the
// object cache and recompile (hundreds of microseconds) every time; this cache recognises
// the same questions by content. Bounded so that many rubrics cannot grow it forever.
const byContent = new Map<string, CompiledQuestions>();
const MAX_BY_CONTENT = 500;

/** The stem number of a word whose stem no question uses. */
export const NO_STEM = -1;
// Bounds each rubric's word memo; a rubric meeting that many distinct words starts afresh.
const MAX_WORDS_PER_RUBRIC = 20_000;

/** The number of the word's stem in these questions, or NO_STEM. */
export function wordStemNumber(compiled: CompiledQuestions, word: string): number {
  let number = compiled.wordStemNumbers.get(word);
  if (number === undefined) {
    number = compiled.stemNumbers.get(stem(word)) ?? NO_STEM;
    if (compiled.wordStemNumbers.size >= MAX_WORDS_PER_RUBRIC) compiled.wordStemNumbers.clear();
    compiled.wordStemNumbers.set(word, number);
  }
  return number;
}

export function compileQuestions(rubric: Rubric): CompiledQuestions {
  let compiled = byRubricObject.get(rubric);
  if (compiled) return compiled;
  const { critical_weight: critical, noncritical_weight: noncritical } = rubric.key_questions_policy;
  const content = JSON.stringify([rubric.key_questions, critical, noncritical]);
  compiled = byContent.get(content);
  if (!compiled) {
    compiled = compile(rubric);
    if (byContent.size >= MAX_BY_CONTENT) byContent.clear();
    byContent.set(content, compiled);
  }
  byRubricObject.set(rubric, compiled);
  return compiled;
}

/**
 * A phrase's terms. A word of 2–5 capitals is an acronym, except in a phrase of several
 * words written wholly in capitals ("ANY CHEST PAIN"), which is just shouting.
 */
export function phraseTerms(phrase: string): Term[] {
  const tokens = tokenize(phrase);
  const written = writtenWords(tokens);
  const shouted = written.length > 1 && written.every((w) => w === w.toUpperCase());
  return tokens.words.map((word, i) => {
    const asWritten = written[i] as string;
    return { word, stem: stem(word), acronym: !shouted && ACRONYM.test(asWritten) ? asWritten : null };
  });
}

function compile(rubric: Rubric): CompiledQuestions {
  const policy = rubric.key_questions_policy;
  const variants: PhraseVariant[] = [];
  const documents: Set<string>[] = [];
  rubric.key_questions.forEach((question, q) => {
    const seen = new Set<string>();
    const document = new Set<string>();
    (question.phrases ?? []).forEach((phrase, p) => {
      const terms = phraseTerms(phrase);
      const key = terms.map(termKey).join(' ');
      if (terms.length === 0 || seen.has(key)) return;
      seen.add(key);
      const content = contentIndexes(terms);
      for (const i of content) document.add((terms[i] as Term).stem);
      variants.push({ question: q, phrase: p, terms, content, stems: [], contentIdf: [], idfTotal: 0 });
    });
    documents.push(document);
  });

  const weights = rubric.key_questions.map((q) => (q.critical ? policy.critical_weight : policy.noncritical_weight));
  const stems = indexStems(variants, inverseDocumentFrequencies(documents));
  return { variants, ...stems, wordStemNumbers: new Map(), weights };
}

/** Numbers the stems, fills in each variant's stem numbers and idfs, and indexes the variants by content stem. */
function indexStems(
  variants: PhraseVariant[],
  idf: ReadonlyMap<string, number>,
): Pick<CompiledQuestions, 'stemNumbers' | 'variantsByStem'> {
  const stemNumbers = new Map<string, number>();
  const numberOf = (s: string) => {
    if (!stemNumbers.has(s)) stemNumbers.set(s, stemNumbers.size);
    return stemNumbers.get(s) as number;
  };
  const variantsByStem: number[][] = [];
  variants.forEach((v, id) => {
    v.stems = v.terms.map((t) => numberOf(t.stem));
    for (const i of v.content) {
      const s = (v.terms[i] as Term).stem;
      v.contentIdf.push(idf.get(s) as number);
      v.idfTotal += idf.get(s) as number;
      const list = (variantsByStem[numberOf(s)] ??= []);
      if (list[list.length - 1] !== id) list.push(id);
    }
  });
  // Every number gets an entry, so that matching reads dense arrays.
  for (let n = 0; n < stemNumbers.size; n++) variantsByStem[n] ??= [];
  return { stemNumbers, variantsByStem };
}

function termKey(t: Term): string {
  return t.acronym ?? t.stem;
}

function contentIndexes(terms: readonly Term[]): number[] {
  const content: number[] = [];
  terms.forEach((t, i) => {
    if (!STOPWORDS.has(t.word)) content.push(i);
  });
  return content.length > 0 ? content : terms.map((_, i) => i);
}

/** idf(t) = ln(1 + (N − n_t + 0.5) / (n_t + 0.5)), N questions, n_t of them using stem t. */
function inverseDocumentFrequencies(documents: readonly Set<string>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of documents) for (const s of d) counts.set(s, (counts.get(s) ?? 0) + 1);
  const n = documents.length;
  const idf = new Map<string, number>();
  for (const [s, count] of counts) idf.set(s, Math.log(1 + (n - count + 0.5) / (count + 0.5)));
  return idf;
}
