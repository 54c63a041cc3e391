// Small helpers shared by the evaluators.

import { asciiBytesReader } from '../transcript/ascii-bytes';
import type { ParsedTranscript, Utterance } from '../types';

/** Section labels compare case-insensitively: "ros" names the same section as "ROS". */
export function sectionKey(label: string): string {
  return label.trim().toLowerCase();
}

const WHITESPACE = /\s/;

/** Whitespace-separated words (runs of non-whitespace, counted without splitting); blank text has none. */
export function countTokens(text: string): number {
  const bytes = asciiBytes(text);
  return bytes ? countAsciiTokens(bytes, text.length) : countUnicodeTokens(text);
}

// Plain ASCII text, the common case, is read byte by byte (see transcript/ascii-bytes.ts).
const asciiBytes = asciiBytesReader();

function countAsciiTokens(bytes: Uint8Array, length: number): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < length; i++) {
    const code = bytes[i] as number;
    // The ASCII characters \s matches: tab, line feed, vertical tab, form feed, carriage return, space.
    if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) inWord = false;
    else if (!inWord) {
      inWord = true;
      count++;
    }
  }
  return count;
}

function countUnicodeTokens(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const space = code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code > 0x7f && WHITESPACE.test(text.charAt(i)));
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      count++;
    }
  }
  return count;
}

/** The utterances spoken by the student, in transcript order. */
export function studentUtterances(parsed: ParsedTranscript): Utterance[] {
  return parsed.utterances.filter((u) => u.speaker === 'student');
}
