// Compiles a rubric's key questions once (cached per rubric object) into phrase variants
// over stemmed terms, an inverted index from stem to variants, and BM25-style inverse
// document frequencies in which each question (all its phrases and their lexicon
// variants together) is one document. Each stem the questions use (and each stem naming a
// relative) gets a number, so that matching compares numbers rather than strings; the
// compiled questions also remember each student word's stem number as words are met.

import type { Rubric } from '../types';
import { tokenize, writtenWords } from '../transcript/tokens';
import { FAMILY_WORDS, STOPWORDS, SYNONYM_GROUPS } from './lexicon';
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
  terms: Term[];
  /** Indexes into `terms` of the words that carry meaning (not stopwords). */
  content: number[];
  /** True for the rubric's own phrase, false for a lexicon rewrite of it. */
  original: boolean;
  /** The stem number of each term (see `CompiledQuestions.stemNumbers`). */
  stems: number[];
  /** The idf of each content term, in the order of `content`. */
  contentIdf: number[];
  /** Σ idf over the content terms. */
  idfTotal: number;
}

export interface CompiledQuestions {
  variants: PhraseVariant[];
  /** Every stem of the variants' terms and of FAMILY_WORDS → its number. */
  stemNumbers: Map<string, number>;
  /**
   * Student word → the number of its stem (NO_STEM when no question uses it), filled in as
   * words are met: vocabulary repeats across transcripts, and one lookup per word is half
   * the cost of stemming it and then numbering the stem. See `wordStemNumber`.
   */
  wordStemNumbers: Map<string, number>;
  /** Stem number → ids of the variants with that stem as a content term. */
  variantsByStem: number[][];
  /** Stem number → whether the stem names a relative. */
  familyStem: boolean[];
  weights: number[];
  /** True when one of the question's own phrases names a relative (then family sentences count). */
  asksAboutFamily: boolean[];
}

const ACRONYM = /^[A-Z]{2,5}$/;
const byRubricObject = new WeakMap<Rubric, CompiledQuestions>();
// The gRPC services decode a new rubric object for every call, so they would miss the
// object cache and recompile (hundreds of microseconds) every time; this cache recognises
// the same questions by content. Bounded so that many rubrics cannot grow it forever.
const byContent = new Map<string, CompiledQuestions>();
const MAX_BY_CONTENT = 500;

export const FAMILY_STEMS: ReadonlySet<string> = new Set(FAMILY_WORDS.map(stem));

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

interface LexiconMember {
  group: number;
  terms: Term[];
}

const lexiconGroups: Term[][][] = SYNONYM_GROUPS.map((group) => group.map(phraseTerms));
const lexiconByFirstStem = indexLexicon(lexiconGroups);

function indexLexicon(groups: Term[][][]): Map<string, LexiconMember[]> {
  const index = new Map<string, LexiconMember[]>();
  groups.forEach((members, group) => {
    for (const terms of members) {
      const first = terms[0];
      if (!first) continue;
      const list = index.get(first.stem) ?? [];
      list.push({ group, terms });
      index.set(first.stem, list);
    }
  });
  return index;
}

function compile(rubric: Rubric): CompiledQuestions {
  const policy = rubric.key_questions_policy;
  const variants: PhraseVariant[] = [];
  const asksAboutFamily: boolean[] = [];
  const documents: Set<string>[] = [];
  rubric.key_questions.forEach((question, q) => {
    const seen = new Set<string>();
    const document = new Set<string>();
    let family = false;
    for (const phrase of question.phrases) {
      const terms = phraseTerms(phrase);
      if (terms.some((t) => FAMILY_STEMS.has(t.stem))) family = true;
      for (const variant of rewrites(terms)) {
        const key = variant.terms.map(termKey).join(' ');
        if (variant.terms.length === 0 || seen.has(key)) continue;
        seen.add(key);
        const content = contentIndexes(variant.terms);
        for (const i of content) document.add((variant.terms[i] as Term).stem);
        variants.push({ question: q, terms: variant.terms, content, original: variant.original, stems: [], contentIdf: [], idfTotal: 0 });
      }
    }
    asksAboutFamily.push(family);
    documents.push(document);
  });

  const weights = rubric.key_questions.map((q) => (q.critical ? policy.critical_weight : policy.noncritical_weight));
  const stems = indexStems(variants, inverseDocumentFrequencies(documents));
  return { variants, ...stems, wordStemNumbers: new Map(), weights, asksAboutFamily };
}

/** Numbers the stems, fills in each variant's stem numbers and idfs, and indexes the variants by content stem. */
function indexStems(
  variants: PhraseVariant[],
  idf: ReadonlyMap<string, number>,
): Pick<CompiledQuestions, 'stemNumbers' | 'variantsByStem' | 'familyStem'> {
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
  const familyStem: boolean[] = [];
  for (const s of FAMILY_STEMS) familyStem[numberOf(s)] = true;
  // Every number gets an entry, so that matching reads dense arrays.
  for (let n = 0; n < stemNumbers.size; n++) {
    variantsByStem[n] ??= [];
    familyStem[n] ??= false;
  }
  return { stemNumbers, variantsByStem, familyStem };
}

function termKey(t: Term): string {
  return t.acronym ?? t.stem;
}

/** The phrase itself, then each rewrite replacing one lexicon member by another of its group. */
function rewrites(terms: Term[]): { terms: Term[]; original: boolean }[] {
  const out = [{ terms, original: true }];
  terms.forEach((term, at) => {
    for (const member of lexiconByFirstStem.get(term.stem) ?? []) {
      if (!termsAt(terms, at, member.terms)) continue;
      for (const other of lexiconGroups[member.group] as Term[][]) {
        if (other === member.terms) continue;
        out.push({ terms: [...terms.slice(0, at), ...other, ...terms.slice(at + member.terms.length)], original: false });
      }
    }
  });
  return out;
}

function termsAt(terms: readonly Term[], at: number, member: readonly Term[]): boolean {
  if (at + member.length > terms.length) return false;
  return member.every((m, j) => termKey(terms[at + j] as Term) === termKey(m));
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
