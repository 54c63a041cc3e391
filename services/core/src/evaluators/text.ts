// Small helpers shared by the evaluators.

import type { ParsedTranscript, Utterance } from '../types';

/** Section labels compare case-insensitively: "ros" names the same section as "ROS". */
export function sectionKey(label: string): string {
  return label.trim().toLowerCase();
}

/** Whitespace-separated words; blank text has none. */
export function countTokens(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

/** The utterances spoken by the student, in transcript order. */
export function studentUtterances(parsed: ParsedTranscript): Utterance[] {
  return parsed.utterances.filter((u) => u.speaker === 'student');
}
