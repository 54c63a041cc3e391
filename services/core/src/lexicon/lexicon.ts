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
type TermWord = { stem: string; acronym: string | null; exact: string | null } | { gap: number };

interface CompiledTerm {
  /** Index into CONCEPTS or INTENTS. */
  target: number;
  words: TermWord[];
  /** A weak term only means its concept in a question. */
  weak: boolean;
  /** The term is one of its concept's clinical names. */
  name: boolean;
}

/** How many words a `*` in a term may stand for, and a `**`. */
export const GAP = 3;
export const LONG_GAP = 6;
const ACRONYM = /^[A-Z]{2,5}$/;

interface RawConcept { id: string; domain: Domain; names?: string[]; terms: string[]; weak?: string[] }
interface RawIntent { specific: boolean; cues: string[] }

export const CONCEPTS: readonly Concept[] = (conceptData.concepts as RawConcept[]).map((c) => ({
  id: c.id,
  domain: c.domain,
  names: c.names ?? [],
}));

export const INTENTS: readonly Intent[] = Object.entries(intentData.intents as Record<string, RawIntent>).map(([id, i]) => ({
  id,
  specific: i.specific,
}));

export const CONCEPT_INDEX: ReadonlyMap<string, number> = new Map(CONCEPTS.map((c, i) => [c.id, i]));
export const INTENT_INDEX: ReadonlyMap<string, number> = new Map(INTENTS.map((c, i) => [c.id, i]));

function compileTerm(term: string, target: number, weak: boolean, name = false): CompiledTerm | null {
  const parts = term.split(/\s+/);
  const words: TermWord[] = [];
  for (const part of parts) {
    if (part === '*' || part === '**') {
      words.push({ gap: part === '*' ? GAP : LONG_GAP });
      continue;
    }
    const exact = part.startsWith('=');
    const tokens = tokenize(exact ? part.slice(1) : part);
    const written = writtenWords(tokens);
    tokens.words.forEach((word, i) => {
      const asWritten = written[i] ?? word;
      words.push({ stem: stem(word), acronym: ACRONYM.test(asWritten) ? asWritten : null, exact: exact ? word : null });
    });
  }
  if (words.length === 0 || 'gap' in (words[0] as TermWord) || 'gap' in (words[words.length - 1] as TermWord)) return null;
  return { target, words, weak, name };
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

/** Terms indexed by the stems of their first two words. */
export class TermIndex {
  private readonly byFirstStem = new Map<string, FirstStemGroup>();

  add(term: CompiledTerm | null): void {
    if (!term) return;
    const first = term.words[0] as { stem: string }; // never a gap (compileTerm)
    let group = this.byFirstStem.get(first.stem);
    if (!group) {
      group = { single: [], gapped: [], bySecondStem: new Map() };
      this.byFirstStem.set(first.stem, group);
    }
    const second = term.words[1];
    if (second === undefined) group.single.push(term);
    else if ('gap' in second) group.gapped.push(term);
    else {
      const list = group.bySecondStem.get(second.stem);
      if (list) list.push(term);
      else group.bySecondStem.set(second.stem, [term]);
    }
  }

  /**
   * Calls `found(target, start, end, weak, name)` for every term occurring in words[from, to),
   * with `end` one past its last word. `stems` and `written` are aligned with the words.
   */
  scan(
    stems: readonly string[],
    written: readonly string[] | (() => readonly string[]),
    from: number,
    to: number,
    found: (target: number, start: number, end: number, weak: boolean, name: boolean) => void,
  ): void {
    for (let i = from; i < to; i++) {
      const group = this.byFirstStem.get(stems[i] as string);
      if (!group) continue;
      const candidates = [group.single, group.gapped, i + 1 < to ? group.bySecondStem.get(stems[i + 1] as string) : undefined];
      for (const list of candidates) {
        if (!list) continue;
        for (const term of list) {
          const end = matchAt(term.words, 0, stems, written, i, to);
          if (end >= 0) found(term.target, i, end, term.weak, term.name);
        }
      }
    }
  }
}

/** Where term.words[w..] matched from word i ends (one past), or -1. Gaps are tried shortest first. */
function matchAt(words: readonly TermWord[], w: number, stems: readonly string[], written: readonly string[] | (() => readonly string[]), i: number, to: number): number {
  if (w === words.length) return i;
  const word = words[w] as TermWord;
  if ('gap' in word) {
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
  const index = new TermIndex();
  (conceptData.concepts as RawConcept[]).forEach((c, target) => {
    for (const term of c.terms) index.add(compileTerm(term, target, false));
    for (const term of c.weak ?? []) index.add(compileTerm(term, target, true));
    for (const name of c.names ?? []) index.add(compileTerm(name, target, false, true));
  });
  return index;
}

function buildIntentIndex(): TermIndex {
  const index = new TermIndex();
  Object.values(intentData.intents as Record<string, RawIntent>).forEach((intent, target) => {
    for (const cue of intent.cues) index.add(compileTerm(cue, target, false));
  });
  return index;
}

export const CONCEPT_TERMS = buildConceptIndex();
export const INTENT_CUES = buildIntentIndex();

/** A concept found in a word run. */
export interface ConceptHit {
  concept: number;
  start: number;
  end: number;
  weak: boolean;
}
