// Citation strings: how feedback points at a rubric anchor or at the student's words.
//   rubric://<rubric_id>#<anchor without its leading #>
//   student://oral#<start>–<end>      times in the transcript's own notation
//   student://oral#L<line>–L<line>    transcripts (or utterances) without timestamps
//   student://summary#tokens=<n>
// The separator between start and end is U+2013 (en dash).

import type { Utterance } from '../types';
import { timestampSeconds } from '../transcript/timestamp';

export const EN_DASH = '\u2013';
export const ORAL_PREFIX = 'student://oral#';

/**
 * Cites an utterance by its time span; an utterance without both times (a transcript
 * without timestamps, or an untimed line inside a timed one) is cited by its line span,
 * which runs to the first line of the next kept utterance.
 */
export function oralCitation(u: Utterance): string {
  return oralSpanCitation(u, u);
}

/** Cites the stretch from the start of `first` to the end of `last`, in oralCitation's notation. */
export function oralSpanCitation(first: Utterance, last: Utterance): string {
  if (first.timestamp_start !== null && last.timestamp_end !== null) {
    return `student://oral#${first.timestamp_start}${EN_DASH}${last.timestamp_end}`;
  }
  return `student://oral#L${first.line}${EN_DASH}L${last.line_span_end}`;
}

export function summaryCitation(tokens: number): string {
  return `student://summary#tokens=${tokens}`;
}

export function rubricCitation(rubricId: string, anchor: string): string {
  const fragment = anchor.startsWith('#') ? anchor.slice(1) : anchor;
  return `rubric://${rubricId}#${fragment}`;
}

export type ParsedCitation =
  /** `anchor` carries its leading '#', as the rubric writes it. */
  | { kind: 'rubric'; rubric_id: string; anchor: string }
  | { kind: 'oral'; mode: 'time'; start: string; end: string; start_seconds: number; end_seconds: number }
  | { kind: 'oral'; mode: 'line'; start_line: number; end_line: number }
  | { kind: 'summary'; tokens: number };

const RUBRIC_CITATION = /^rubric:\/\/([A-Za-z0-9._-]+)#([^\s#]+)$/;
const ORAL_TIME_CITATION = /^student:\/\/oral#([0-9:]+)\u2013([0-9:]+)$/;
const ORAL_LINE_CITATION = /^student:\/\/oral#L([1-9][0-9]*)\u2013L([1-9][0-9]*)$/;
const SUMMARY_CITATION = /^student:\/\/summary#tokens=(0|[1-9][0-9]*)$/;

/**
 * Reads a citation back into its parts, or null when it is malformed: unknown scheme,
 * a hyphen instead of the en dash, a time that is not MM:SS/HH:MM:SS, a span whose end
 * precedes its start. Start and end may differ in notation: a recording that passes the
 * hour often switches from 59:58 to 1:00:05, and each time keeps the transcript's notation.
 */
export function parseCitation(s: string): ParsedCitation | null {
  let m = RUBRIC_CITATION.exec(s);
  if (m) return { kind: 'rubric', rubric_id: m[1] as string, anchor: `#${m[2] as string}` };
  m = ORAL_TIME_CITATION.exec(s);
  if (m) return parseTimeSpan(m[1] as string, m[2] as string);
  m = ORAL_LINE_CITATION.exec(s);
  if (m) {
    const startLine = Number(m[1]);
    const endLine = Number(m[2]);
    return endLine >= startLine ? { kind: 'oral', mode: 'line', start_line: startLine, end_line: endLine } : null;
  }
  m = SUMMARY_CITATION.exec(s);
  if (m) return { kind: 'summary', tokens: Number(m[1]) };
  return null;
}

function parseTimeSpan(start: string, end: string): ParsedCitation | null {
  const startSeconds = timestampSeconds(start);
  const endSeconds = timestampSeconds(end);
  if (startSeconds === null || endSeconds === null || endSeconds < startSeconds) return null;
  return { kind: 'oral', mode: 'time', start, end, start_seconds: startSeconds, end_seconds: endSeconds };
}
