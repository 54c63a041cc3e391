// Rubric patterns are written in clinical words ("(PE|pulmonary embol)"), students often
// speak in lay ones ("a clot on the lung"). Before reasoning and summary patterns run, the
// clinical names of every concept said in other words are written in after those words:
// "a clot on the lung / PE / pulmonary embolism / pulmonary embolus"; so are the words of a
// diagnostic judgement ("I think it's ..." → "likely / suspect / concern ..."). Only
// unambiguous (strong) terms are annotated, never the weak ones that mean a concept only in
// a question, and not the patient's ideas and concerns.
// The inserted names sit in the same clause as the words they follow, so negation still
// covers them ("not a clot on the lung" negates the inserted names too).

import { CONCEPTS, CONCEPT_TERMS, lexiconText, type LexiconText, type TermHit } from './lexicon';
import { rememberLast } from '../transcript/memo';
import { longestHits, type UtteranceReading } from './reading';
import { tokenize, writtenWords } from '../transcript/tokens';

export interface AnnotatedText {
  text: string;
  /**
   * The offset in the original text of an offset in the annotated one. Inside inserted names,
   * a match's start maps to the start of the words they annotate, its end to their end.
   */
  toOriginal(offset: number, edge: 'start' | 'end'): number;
}

interface Insertion {
  /** Where the annotated words start in the original text. */
  from: number;
  /** Offset in the original text after which the names go (the annotated words' end). */
  at: number;
  concept: number;
  text: string;
}

const ANNOTATED = new Set(CONCEPTS.flatMap((c, i) => (c.names.length > 0 && c.domain !== 'ice' && c.domain !== 'generic' ? [i] : [])));
const FINDING_DOMAINS = new Set(['symptom', 'condition']);

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const APOSTROPHES = /['’]/g;
const COMBINING_MARKS = /\p{M}+/gu;

interface Words {
  text: LexiconText;
  starts: readonly number[];
  ends: readonly number[];
}

/** The words of a text with their offsets: from the shared tokenizer for ASCII text, which has them. */
function words(text: string): Words {
  const tokens = tokenize(text);
  if (tokens.wordStarts && tokens.wordEnds) {
    return { text: lexiconText(tokens.words, () => writtenWords(tokens)), starts: tokens.wordStarts, ends: tokens.wordEnds };
  }
  return unicodeWords(text);
}

function unicodeWords(text: string): Words {
  const lower: string[] = [];
  const written: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of text.matchAll(WORD)) {
    const plain = m[0].replace(APOSTROPHES, '').normalize('NFKD').replace(COMBINING_MARKS, '');
    written.push(plain);
    lower.push(plain.toLowerCase());
    starts.push(m.index ?? 0);
    ends.push((m.index ?? 0) + m[0].length);
  }
  return { text: lexiconText(lower, written), starts, ends };
}

export interface ConceptMention {
  /** The concept's id. */
  id: string;
  start: number;
  end: number;
}

/** Symptoms and conditions (findings, not diagnoses) the text names unambiguously, with their character offsets (remembered for the latest text). */
export const findingConcepts: (text: string) => ConceptMention[] = rememberLast(readFindings);

function readFindings(text: string): ConceptMention[] {
  const { text: read, starts, ends } = words(text);
  const mentions: ConceptMention[] = [];
  const hits: TermHit[] = [];
  CONCEPT_TERMS.scan(read, 0, read.words.length, hits);
  for (const { target, start, end, weak } of hits) {
    const c = CONCEPTS[target] as { id: string; domain: string };
    if (!weak && FINDING_DOMAINS.has(c.domain)) mentions.push({ id: c.id, start: starts[start] as number, end: ends[end - 1] as number });
  }
  return mentions;
}

/** A concept term in a text, by character offsets. */
interface CharHit {
  concept: number;
  from: number;
  at: number;
  weak: boolean;
  name: boolean;
}

/** The text with the clinical names of lay-worded concepts written in, or null when nothing needs them. */
export function annotateConcepts(text: string): AnnotatedText | null {
  const { text: read, starts, ends } = words(text);
  const hits = longestHits(CONCEPT_TERMS, read, 0, read.words.length).map((h) => ({ concept: h.target, from: starts[h.start] as number, at: ends[h.end - 1] as number, weak: h.weak, name: h.name }));
  return annotated(text, hits);
}

/** The same for a student utterance already read (its concept terms found once for every use). */
export function annotateReading(reading: UtteranceReading): AnnotatedText | null {
  const { tokens, hits } = reading;
  if (!tokens.wordStarts || !tokens.wordEnds) return annotateConcepts(tokens.text);
  const starts = tokens.wordStarts;
  const ends = tokens.wordEnds;
  return annotated(tokens.text, hits.map((h) => ({ concept: h.target, from: starts[h.start] as number, at: ends[h.end - 1] as number, weak: h.weak, name: h.name })));
}

function annotated(text: string, hits: readonly CharHit[]): AnnotatedText | null {
  // A concept the text also names in clinical words elsewhere needs no annotation (a name
  // inside the lay words, "bleed" in "a bleed in the brain", does not count).
  const named = hits.filter((h) => h.name);
  const namedElsewhere = (h: CharHit): boolean => named.some((n) => n.concept === h.concept && (n.at <= h.from || n.from >= h.at));
  const insertions: Insertion[] = [];
  for (const h of hits) {
    if (h.name || h.weak || !ANNOTATED.has(h.concept) || namedElsewhere(h)) continue;
    if (insertions.some((i) => i.at === h.at && i.concept === h.concept)) continue;
    insertions.push({ from: h.from, at: h.at, concept: h.concept, text: ` / ${(CONCEPTS[h.concept] as { names: readonly string[] }).names.join(' / ')}` });
  }
  return insertions.length === 0 ? null : build(text, insertions);
}

function build(text: string, insertions: Insertion[]): AnnotatedText {
  insertions.sort((a, b) => a.at - b.at);
  let out = '';
  let from = 0;
  // Where each insertion starts and ends in the annotated text, and where it sits in the original.
  const spans: { start: number; end: number; from: number; at: number }[] = [];
  for (const ins of insertions) {
    out += text.slice(from, ins.at);
    spans.push({ start: out.length, end: out.length + ins.text.length, from: ins.from, at: ins.at });
    out += ins.text;
    from = ins.at;
  }
  out += text.slice(from);
  return {
    text: out,
    toOriginal(offset: number, edge: 'start' | 'end'): number {
      let shift = 0;
      for (const span of spans) {
        if (offset < span.start || (offset === span.start && edge === 'end')) break;
        if (offset < span.end || (offset === span.end && edge === 'end')) return edge === 'start' ? span.from : span.at;
        shift += span.end - span.start;
      }
      return offset - shift;
    },
  };
}
