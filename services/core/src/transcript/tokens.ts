// Word tokens of the student's utterances, shared by the section detector and question
// matching and computed once per parsed transcript (remembered for the latest one).
//
// A token is a run of letters or digits. Apostrophes inside words are dropped ("don't" →
// "dont"), every other character separates words ("65-year-old" → 65 year old).
// Accented letters are folded to their base letter ("fièvre" → "fievre"). A sentence ends
// at . ? ! or ; followed by a space or the end of the text.

import type { ParsedTranscript } from '../types';
import { rememberLast } from './memo';
import { asciiBytesReader } from './ascii-bytes';

export interface UtteranceTokens {
  /** Lower-cased, accent-folded words. */
  words: string[];
  /** Where each sentence starts in `words`; sentence s is [sentenceStarts[s], sentenceStarts[s+1] or the end). */
  sentenceStarts: number[];
  /** Whether sentence s has a question mark after its last word (in the run of . ? ! ; that ends it). */
  sentenceAsks: boolean[];
  /** Whether sentence s is closed by . ? ! or ; (the last sentence of a text may just stop). */
  sentenceEnded: boolean[];
  /** Where each word starts and ends in the text (ASCII text only; null for other text, whose words are folded). */
  wordStarts: number[] | null;
  wordEnds: number[] | null;
  /** The words with their original capitals, computed on first use (acronyms such as "MI" need them). */
  written: string[] | null;
  text: string;
}

/** Tokens of each student utterance by utterance index; null for everyone else's. */
export const studentTokens: (parsed: ParsedTranscript) => (UtteranceTokens | null)[] = rememberLast((parsed) =>
  parsed.utterances.map((u) => (u.speaker === 'student' ? tokenize(u.text) : null)),
);

export function tokenize(text: string): UtteranceTokens {
  const { words, sentenceStarts, sentenceAsks, sentenceEnded, wordStarts, wordEnds } = splitWords(text, true);
  return { words, sentenceStarts, sentenceAsks, sentenceEnded, wordStarts, wordEnds, written: null, text };
}

/**
 * The words as written, aligned with `tokens.words`. In the rare text where lower-casing
 * changes the word count (a dotted capital I), the lower-cased words stand in.
 */
export function writtenWords(tokens: UtteranceTokens): string[] {
  if (!tokens.written) {
    const written = splitWords(tokens.text, false).words;
    tokens.written = written.length === tokens.words.length ? written : tokens.words;
  }
  return tokens.written;
}

interface Words {
  words: string[];
  sentenceStarts: number[];
  sentenceAsks: boolean[];
  sentenceEnded: boolean[];
  wordStarts: number[] | null;
  wordEnds: number[] | null;
}

function splitWords(text: string, lowerCase: boolean): Words {
  const bytes = asciiBytes(text);
  return bytes ? scanAscii(text, bytes, lowerCase) : splitUnicode(lowerCase ? text.toLowerCase() : text);
}

// Plain ASCII text, the common case, is scanned byte by byte (see ascii-bytes.ts).
const asciiBytes = asciiBytesReader();

const OTHER = 0;
const LETTER_OR_DIGIT = 1;
const CAPITAL = 2;
const SENTENCE_END = 3;
const SPACE = 4;
const APOSTROPHE = 5;
const QUESTION_MARK = 0x3f;
const ASCII_KINDS = asciiKinds();

function asciiKinds(): Uint8Array {
  const kinds = new Uint8Array(128);
  const mark = (chars: string, kind: number) => {
    for (const c of chars) kinds[c.charCodeAt(0)] = kind;
  };
  mark('abcdefghijklmnopqrstuvwxyz0123456789', LETTER_OR_DIGIT);
  mark('ABCDEFGHIJKLMNOPQRSTUVWXYZ', CAPITAL);
  mark('.?!;', SENTENCE_END);
  mark(' \t\n\v\f\r', SPACE);
  mark("'", APOSTROPHE);
  return kinds;
}

/**
 * One pass over ASCII text. Apostrophes are skipped as if absent; a word ends at the first
 * character that is neither letter, digit nor apostrophe, and a run of . ? ! ; closes the
 * sentence once whitespace (or the end of the text) follows it. A word's characters are
 * read by a loop of their own, which is where most of the text is.
 */
function scanAscii(text: string, bytes: Uint8Array, lowerCase: boolean): Words {
  const words: string[] = [];
  const sentenceStarts: number[] = [];
  const sentenceAsks: boolean[] = [];
  const sentenceEnded: boolean[] = [];
  const wordStarts: number[] = [];
  const wordEnds: number[] = [];
  let sentenceOpen = false;
  let endingSentence = false; // after a run of . ? ! ; (apostrophes aside)
  const n = text.length;
  let i = 0;
  while (i < n) {
    const kind = ASCII_KINDS[bytes[i] as number] as number;
    if (kind === LETTER_OR_DIGIT || kind === CAPITAL) {
      if (!sentenceOpen) {
        sentenceStarts.push(words.length);
        sentenceAsks.push(false);
        sentenceEnded.push(false);
      }
      sentenceOpen = true;
      endingSentence = false;
      const start = i;
      let hasApostrophe = false;
      let hasCapital = kind === CAPITAL;
      for (i++; i < n; i++) {
        const inner = ASCII_KINDS[bytes[i] as number] as number;
        if (inner === LETTER_OR_DIGIT) continue;
        if (inner === CAPITAL) hasCapital = true;
        else if (inner === APOSTROPHE) hasApostrophe = true;
        else break;
      }
      words.push(wordOf(text, start, i, hasApostrophe, hasCapital && lowerCase));
      wordStarts.push(start);
      wordEnds.push(i);
      continue; // the character that ended the word is read next
    }
    if (kind !== APOSTROPHE) {
      if (kind === SPACE && endingSentence) sentenceOpen = false;
      endingSentence = kind === SENTENCE_END;
      if (endingSentence && sentenceOpen) {
        sentenceEnded[sentenceEnded.length - 1] = true;
        if (bytes[i] === QUESTION_MARK) sentenceAsks[sentenceAsks.length - 1] = true;
      }
    }
    i++;
  }
  return { words, sentenceStarts, sentenceAsks, sentenceEnded, wordStarts, wordEnds };
}

function wordOf(text: string, start: number, end: number, dropApostrophes: boolean, lowerCase: boolean): string {
  let word = text.slice(start, end);
  if (dropApostrophes) word = word.replace(APOSTROPHES, '');
  return lowerCase ? word.toLowerCase() : word;
}

// Any other text is accent-folded and split with Unicode character classes, to the same rules.
const UNICODE_WORDS_AND_ENDS = /[\p{L}\p{N}]+|[.?!;]+(?=\s|$)/gu;
const APOSTROPHES = /['’]/g;
const COMBINING_MARKS = /\p{M}+/gu;

function splitUnicode(text: string): Words {
  let plain = text.normalize('NFKD').replace(COMBINING_MARKS, '');
  if (plain.includes("'") || plain.includes('’')) plain = plain.replace(APOSTROPHES, '');
  // The matched pieces are compacted in place into the words, sentence ends dropped.
  const words = plain.match(UNICODE_WORDS_AND_ENDS) ?? [];
  const sentenceStarts: number[] = [];
  const sentenceAsks: boolean[] = [];
  const sentenceEnded: boolean[] = [];
  let kept = 0;
  let sentenceOpen = false;
  for (let i = 0; i < words.length; i++) {
    const piece = words[i] as string;
    const code = piece.charCodeAt(0);
    if (code === 0x2e || code === 0x3f || code === 0x21 || code === 0x3b) {
      if (sentenceOpen) {
        sentenceEnded[sentenceEnded.length - 1] = true;
        if (piece.includes('?')) sentenceAsks[sentenceAsks.length - 1] = true;
      }
      sentenceOpen = false; // . ? ! ; ending a sentence
      continue;
    }
    if (!sentenceOpen) {
      sentenceStarts.push(kept);
      sentenceAsks.push(false);
      sentenceEnded.push(false);
      sentenceOpen = true;
    }
    words[kept++] = piece;
  }
  words.length = kept;
  return { words, sentenceStarts, sentenceAsks, sentenceEnded, wordStarts: null, wordEnds: null };
}
