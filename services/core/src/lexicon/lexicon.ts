// The clinical lexicon (concepts.json, intents.json) compiled for matching: every term
// becomes a run of stems, indexed by its first stem, so that finding the concepts and
// intents of a word run costs one map lookup per word plus the candidates' continuations.
// The data files are the source of truth; docs/transcripts.md says how to extend them.

import conceptData from './concepts.json';
import intentData from './intents.json';
import { stem } from '../questions/stem';
import { tokenize, writtenWords } from '../transcript/tokens';

export type Domain =
  | 'generic' | 'symptom' | 'condition' | 'drug' | 'allergy' | 'og' | 'social' | 'risk' | 'family' | 'ice' | 'exam'
  | 'investigation' | 'diagnosis' | 'reasoning';

export interface Concept {
  id: string;
  domain: Domain;
  /** Clinical names that rubric patterns are written in. */
  names: readonly string[];
  /**
   * Intents the concept's very meaning carries (indexes into INTENTS): pleuritic pain is pain
   * made worse by breathing, so naming it asks what makes the pain worse.
   */
  asks: readonly number[];
}

export interface Intent {
  id: string;
  /** A specific intent (when, where, how fast ...) must agree between a rubric question and an ask. */
  specific: boolean;
}

/**
 * One word of a term: a stem (an acronym also needs its capitals; a word written "=word"
 * must be that very word, where its stem is another word's too: "=medication" is not "medical"),
 * or a gap: `*` for up to GAP words, `**` for up to LONG_GAP.
 */
interface TermWord {
  /** Empty for a gap. */
  stem: string;
  /** How many words a gap may stand for; -1 for a word. */
  gap: number;
  acronym: string | null;
  exact: string | null;
}

interface CompiledTerm {
  /** Index into CONCEPTS or INTENTS. */
  target: number;
  words: TermWord[];
  /** The words' stems when the term has no gap, acronym or exact word (most terms): matched stem by stem. */
  plain: string[] | null;
  /** A weak term only means its concept in a question. */
  weak: boolean;
  /** The term is one of its concept's clinical names. */
  name: boolean;
}

/** How many words a `*` in a term may stand for, and a `**`. */
export const GAP = 3;
export const LONG_GAP = 6;
const ACRONYM = /^[A-Z]{2,5}$/;

interface RawConcept { id: string; domain: Domain; names?: string[]; terms: string[]; weak?: string[]; asks?: string[] }
interface RawIntent { specific: boolean; cues: string[] }

export const INTENTS: readonly Intent[] = Object.entries(intentData.intents as Record<string, RawIntent>).map(([id, i]) => ({
  id,
  specific: i.specific,
}));

export const INTENT_INDEX: ReadonlyMap<string, number> = new Map(INTENTS.map((c, i) => [c.id, i]));

export const CONCEPTS: readonly Concept[] = (conceptData.concepts as RawConcept[]).map((c) => ({
  id: c.id,
  domain: c.domain,
  names: c.names ?? [],
  asks: (c.asks ?? []).map((id) => {
    const intent = INTENT_INDEX.get(id);
    if (intent === undefined) throw new Error(`concepts.json: concept "${c.id}" asks the unknown intent "${id}"`);
    return intent;
  }),
}));

export const CONCEPT_INDEX: ReadonlyMap<string, number> = new Map(CONCEPTS.map((c, i) => [c.id, i]));

function compileTerm(term: string, target: number, weak: boolean, name = false): CompiledTerm | null {
  const parts = term.split(/\s+/);
  const words: TermWord[] = [];
  for (const part of parts) {
    if (part === '*' || part === '**') {
      words.push({ stem: '', gap: part === '*' ? GAP : LONG_GAP, acronym: null, exact: null });
      continue;
    }
    const exact = part.startsWith('=');
    const tokens = tokenize(exact ? part.slice(1) : part);
    const written = writtenWords(tokens);
    tokens.words.forEach((word, i) => {
      const asWritten = written[i] ?? word;
      words.push({ stem: stem(word), gap: -1, acronym: ACRONYM.test(asWritten) ? asWritten : null, exact: exact ? word : null });
    });
  }
  if (words.length === 0 || (words[0] as TermWord).gap >= 0 || (words[words.length - 1] as TermWord).gap >= 0) return null;
  const plain = words.every((w) => w.gap < 0 && w.acronym === null && w.exact === null) ? words.map((w) => w.stem) : null;
  return { target, words, plain, weak, name };
}

/**
 * Terms that start with one stem, grouped by what follows it: terms of one word; terms whose
 * second word is a gap; the others by the stem of their second word. A word such as "how"
 * starts dozens of cues, but few of them go on with the word that follows it in the text.
 */
interface FirstStemGroup {
  single: CompiledTerm[];
  gapped: CompiledTerm[];
  bySecondStem: Map<string, CompiledTerm[]>;
}

/** A word as the lexicon reads it: its stem and the terms of each index that start with that stem. */
export interface LexiconWord {
  stem: string;
  /** By index slot (TermIndex.slot). */
  starts: readonly (FirstStemGroup | undefined)[];
}

/** Words (lower-case, as tokenized) aligned with their lexicon readings and the words as written. */
export interface LexiconText {
  words: readonly LexiconWord[];
  stems: readonly string[];
  written: readonly string[] | (() => readonly string[]);
}

const WORD_MEMO_LIMIT = 50_000;
const wordMemo = new Map<string, LexiconWord>();

/**
 * The text's words as the lexicon reads them. Each word is looked up once (and remembered: a
 * transcript's vocabulary repeats), which also gives the terms that start with it in every index.
 */
export function lexiconText(words: readonly string[], written: readonly string[] | (() => readonly string[])): LexiconText {
  const read: LexiconWord[] = new Array<LexiconWord>(words.length);
  const stems: string[] = new Array<string>(words.length);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    let entry = wordMemo.get(word);
    if (entry === undefined) {
      const wordStem = stem(word);
      entry = { stem: wordStem, starts: INDEXES.map((index) => index.startingWith(wordStem)) };
      if (wordMemo.size >= WORD_MEMO_LIMIT) wordMemo.clear();
      wordMemo.set(word, entry);
    }
    read[i] = entry;
    stems[i] = entry.stem;
  }
  return { words: read, stems, written };
}

/** Terms indexed by the stems of their first two words. */
export class TermIndex {
  private readonly byFirstStem = new Map<string, FirstStemGroup>();

  /** @param slot this index's place in LexiconWord.starts */
  constructor(readonly slot: number) {}

  startingWith(firstStem: string): FirstStemGroup | undefined {
    return this.byFirstStem.get(firstStem);
  }

  add(term: CompiledTerm | null): void {
    if (!term) return;
    const first = term.words[0] as TermWord; // never a gap (compileTerm)
    let group = this.byFirstStem.get(first.stem);
    if (!group) {
      group = { single: [], gapped: [], bySecondStem: new Map() };
      this.byFirstStem.set(first.stem, group);
    }
    const second = term.words[1];
    let list: CompiledTerm[];
    if (second === undefined) list = group.single;
    else if (second.gap >= 0) list = group.gapped;
    else {
      list = group.bySecondStem.get(second.stem) ?? [];
      group.bySecondStem.set(second.stem, list);
    }
    // The same words twice for one concept (a strong and a weak term, or a name listed twice)
    // are one entry, found once: a strong term wins. A name that is also a term stays two
    // entries, so that the name is still written in after it as a term (lexicon/annotate.ts).
    const same = list.find((t) => t.target === term.target && t.name === term.name && sameWords(t.words, term.words));
    if (!same) list.push(term);
    else same.weak &&= term.weak;
  }

  /** Appends to `hits` every term occurring in the text's words[from, to), with `end` one past its last word. */
  scan(text: LexiconText, from: number, to: number, hits: TermHit[]): void {
    const { words, stems, written } = text;
    for (let i = from; i < to; i++) {
      const group = (words[i] as LexiconWord).starts[this.slot];
      if (!group) continue;
      scanList(group.single, stems, written, i, to, hits);
      scanList(group.gapped, stems, written, i, to, hits);
      if (i + 1 < to) {
        const list = group.bySecondStem.get(stems[i + 1] as string);
        if (list) scanList(list, stems, written, i, to, hits);
      }
    }
  }
}

/** A term found in a word run: words [start, end). */
export interface TermHit {
  target: number;
  start: number;
  end: number;
  /** A weak term only means its concept in a question. */
  weak: boolean;
  /** The term is one of the concept's clinical names. */
  name: boolean;
}

function sameWords(a: readonly TermWord[], b: readonly TermWord[]): boolean {
  return a.length === b.length && a.every((w, i) => {
    const v = b[i] as TermWord;
    return w.stem === v.stem && w.gap === v.gap && w.acronym === v.acronym && w.exact === v.exact;
  });
}

function scanList(list: readonly CompiledTerm[], stems: readonly string[], written: readonly string[] | (() => readonly string[]), i: number, to: number, hits: TermHit[]): void {
  for (let t = 0; t < list.length; t++) {
    const term = list[t] as CompiledTerm;
    const end = term.plain ? matchPlain(term.plain, stems, i, to) : matchAt(term.words, 0, stems, written, i, to);
    if (end >= 0) hits.push({ target: term.target, start: i, end, weak: term.weak, name: term.name });
  }
}

/** Where a term of plain stems matched from word i ends (one past), or -1. */
function matchPlain(plain: readonly string[], stems: readonly string[], i: number, to: number): number {
  const end = i + plain.length;
  if (end > to) return -1;
  for (let k = 0; k < plain.length; k++) if (stems[i + k] !== plain[k]) return -1;
  return end;
}

/** Where term.words[w..] matched from word i ends (one past), or -1. Gaps are tried shortest first. */
function matchAt(words: readonly TermWord[], w: number, stems: readonly string[], written: readonly string[] | (() => readonly string[]), i: number, to: number): number {
  if (w === words.length) return i;
  const word = words[w] as TermWord;
  if (word.gap >= 0) {
    for (let skip = 0; skip <= word.gap && i + skip <= to; skip++) {
      const end = matchAt(words, w + 1, stems, written, i + skip, to);
      if (end >= 0) return end;
    }
    return -1;
  }
  if (i >= to || stems[i] !== word.stem) return -1;
  if (word.acronym !== null || word.exact !== null) {
    // The words as written are looked at only here, for the few terms that need them.
    const asWritten = (typeof written === 'function' ? written() : written)[i] as string;
    if (word.acronym !== null && asWritten !== word.acronym) return -1;
    if (word.exact !== null && asWritten.toLowerCase() !== word.exact) return -1;
  }
  return matchAt(words, w + 1, stems, written, i + 1, to);
}

function buildConceptIndex(): TermIndex {
  const index = new TermIndex(0);
  (conceptData.concepts as RawConcept[]).forEach((c, target) => {
    for (const term of c.terms) index.add(compileTerm(term, target, false));
    for (const term of c.weak ?? []) index.add(compileTerm(term, target, true));
    for (const name of c.names ?? []) index.add(compileTerm(name, target, false, true));
  });
  return index;
}

function buildIntentIndex(): TermIndex {
  const index = new TermIndex(1);
  Object.values(intentData.intents as Record<string, RawIntent>).forEach((intent, target) => {
    for (const cue of intent.cues) index.add(compileTerm(cue, target, false));
  });
  return index;
}

export const CONCEPT_TERMS = buildConceptIndex();
export const INTENT_CUES = buildIntentIndex();
// Every index, at its slot; complete before any text is read (lexiconText runs on texts only).
const INDEXES: readonly TermIndex[] = [CONCEPT_TERMS, INTENT_CUES];
