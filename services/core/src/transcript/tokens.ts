// Word tokens of the student's utterances, shared by the section detector and question
// matching and computed once per parsed transcript (one WeakMap entry per transcript, so
// grading one transcript against several rubrics tokenises it once).
//
// A token is a run of letters or digits. Apostrophes inside words are dropped ("don't" →
// "dont"), every other character separates words ("65-year-old" → 65 year old).
// Accented letters are folded to their base letter ("fièvre" → "fievre"). A sentence ends
// at . ? ! or ; followed by a space or the end of the text.

import type { ParsedTranscript } from '../types';

export interface UtteranceTokens {
  /** Lower-cased, accent-folded words. */
  words: string[];
  /** Where each sentence starts in `words`; sentence s is [sentenceStarts[s], sentenceStarts[s+1] or the end). */
  sentenceStarts: number[];
  /** The words with their original capitals, computed on first use (acronyms such as "MI" need them). */
  written: string[] | null;
  text: string;
}

// One split per utterance: separators between words, capturing sentence ends.
const ASCII_SPLIT = /([.?!;]+)(?=\s|$)|[^a-z0-9.?!;]+|[.?!;]+/i;
const UNICODE_SPLIT = /([.?!;]+)(?=\s|$)|[^\p{L}\p{N}.?!;]+|[.?!;]+/u;
const APOSTROPHES = /['’]/g;
const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARKS = /\p{M}+/gu;

const cache = new WeakMap<ParsedTranscript, (UtteranceTokens | null)[]>();

/** Tokens of each student utterance by utterance index; null for everyone else's. */
export function studentTokens(parsed: ParsedTranscript): (UtteranceTokens | null)[] {
  let tokens = cache.get(parsed);
  if (!tokens) {
    tokens = parsed.utterances.map((u) => (u.speaker === 'student' ? tokenize(u.text) : null));
    cache.set(parsed, tokens);
  }
  return tokens;
}

export function tokenize(text: string): UtteranceTokens {
  const { words, sentenceStarts } = splitWords(text.toLowerCase());
  return { words, sentenceStarts, written: null, text };
}

/**
 * The words as written, aligned with `tokens.words`. In the rare text where lower-casing
 * changes the word count (a dotted capital I), the lower-cased words stand in.
 */
export function writtenWords(tokens: UtteranceTokens): string[] {
  if (!tokens.written) {
    const written = splitWords(tokens.text).words;
    tokens.written = written.length === tokens.words.length ? written : tokens.words;
  }
  return tokens.written;
}

function splitWords(text: string): { words: string[]; sentenceStarts: number[] } {
  let plain = text;
  let split = ASCII_SPLIT;
  if (NON_ASCII.test(plain)) {
    plain = plain.normalize('NFKD').replace(COMBINING_MARKS, '');
    split = UNICODE_SPLIT;
  }
  if (plain.includes("'") || plain.includes('’')) plain = plain.replace(APOSTROPHES, '');
  const words: string[] = [];
  const sentenceStarts: number[] = [];
  let sentenceOpen = false;
  for (const piece of plain.split(split)) {
    if (piece === undefined || piece === '') continue;
    const code = piece.charCodeAt(0);
    if (code === 0x2e || code === 0x3f || code === 0x21 || code === 0x3b) {
      sentenceOpen = false; // a captured sentence end
      continue;
    }
    if (!sentenceOpen) {
      sentenceStarts.push(words.length);
      sentenceOpen = true;
    }
    words.push(piece);
  }
  return { words, sentenceStarts };
}
