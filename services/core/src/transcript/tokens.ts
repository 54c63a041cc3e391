// Word tokens of the student's utterances, shared by the section detector and question
// matching and computed once per parsed transcript (remembered for the latest one).
//
// A token is a run of letters or digits. Apostrophes inside words are dropped ("don't" →
// "dont"), every other character separates words ("65-year-old" → 65 year old).
// Accented letters are folded to their base letter ("fièvre" → "fievre"). A sentence ends
// at . ? ! or ; followed by a space or the end of the text.

import type { ParsedTranscript } from '../types';
import { rememberLast } from './memo';

export interface UtteranceTokens {
  /** Lower-cased, accent-folded words. */
  words: string[];
  /** Where each sentence starts in `words`; sentence s is [sentenceStarts[s], sentenceStarts[s+1] or the end). */
  sentenceStarts: number[];
  /** The words with their original capitals, computed on first use (acronyms such as "MI" need them). */
  written: string[] | null;
  text: string;
}

// One pass per utterance: words, and the punctuation runs that end sentences.
const ASCII_WORDS_AND_ENDS = /[a-z0-9]+|[.?!;]+(?=\s|$)/gi;
const UNICODE_WORDS_AND_ENDS = /[\p{L}\p{N}]+|[.?!;]+(?=\s|$)/gu;
const APOSTROPHES = /['’]/g;
const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARKS = /\p{M}+/gu;

/** Tokens of each student utterance by utterance index; null for everyone else's. */
export const studentTokens: (parsed: ParsedTranscript) => (UtteranceTokens | null)[] = rememberLast((parsed) =>
  parsed.utterances.map((u) => (u.speaker === 'student' ? tokenize(u.text) : null)),
);

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
  let pattern = ASCII_WORDS_AND_ENDS;
  if (NON_ASCII.test(plain)) {
    plain = plain.normalize('NFKD').replace(COMBINING_MARKS, '');
    pattern = UNICODE_WORDS_AND_ENDS;
  }
  if (plain.includes("'") || plain.includes('’')) plain = plain.replace(APOSTROPHES, '');
  // The matched pieces are compacted in place into the words, sentence ends dropped.
  const words = plain.match(pattern) ?? [];
  const sentenceStarts: number[] = [];
  let kept = 0;
  let sentenceOpen = false;
  for (let i = 0; i < words.length; i++) {
    const piece = words[i] as string;
    const code = piece.charCodeAt(0);
    if (code === 0x2e || code === 0x3f || code === 0x21 || code === 0x3b) {
      sentenceOpen = false; // . ? ! ; ending a sentence
      continue;
    }
    if (!sentenceOpen) {
      sentenceStarts.push(kept);
      sentenceOpen = true;
    }
    words[kept++] = piece;
  }
  words.length = kept;
  return { words, sentenceStarts };
}
