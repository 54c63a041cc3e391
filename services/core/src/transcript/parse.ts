// Transcript parsing: one pass trimming the lines, a hash pass for repeated blocks, one
// pass reading the kept lines into utterances, one backward pass for spans. Every step is
// linear in the text: line prefixes are read by hand, and the one regular expression (for
// labels with non-ASCII letters) sees at most LONGEST_LABEL characters and has no nested
// quantifiers.
// The accepted formats and every rule below are described in docs/transcripts.md.

import type { ParsedTranscript, Speaker, Utterance } from '../types';
import { findDuplicateBlocks } from './duplicates';
import { inferSpeakers } from './speakers';
import { timestampSeconds } from './timestamp';

// Line prefixes are read by hand for plain ASCII (the common case, several times faster
// than a regular expression with captures); a label with other letters ("Médico:") is
// checked by the Unicode expression below instead.
const UNICODE_LABEL = /^[\p{L}][\p{L}\p{M}'’.-]{0,24}(?:\s\p{Lu}[\p{L}\p{M}'’.-]{0,24})?$/u;
const LONGEST_LABEL = 52;
const WHITESPACE = /\s/;

export function parseTranscript(text: string): ParsedTranscript {
  const warnings: string[] = [];
  const contents = trimmedLines(text);
  const duplicates = findDuplicateBlocks(contents);
  for (const block of duplicates.blocks) {
    warnings.push(
      `lines ${block.first}–${block.last} repeat lines ${block.originalFirst}–${block.originalLast} verbatim and were counted once`,
    );
  }
  let utterances = readUtterances(contents, duplicates.dropped, true);
  // Without any label, lines are turns of a dialogue, not the wrapped lines of one utterance.
  if (!utterances.some((u) => u.speaker_label !== null)) utterances = readUtterances(contents, duplicates.dropped, false);
  assignSpans(utterances, warnings);
  warnUnknownLabels(utterances, warnings);
  const inferred = inferSpeakers(utterances);
  if (inferred > 0) {
    warnings.push(`${inferred} utterance${inferred === 1 ? '' : 's'} without a speaker label ${inferred === 1 ? 'was' : 'were'} given a speaker by turn-taking`);
  }
  if (utterances.length > 0 && !utterances.some((u) => u.speaker === 'student')) {
    warnings.push('no line is labelled as the student (Student, Doctor, Dr, S): questions and sections need the student\'s words');
  }
  return {
    utterances,
    has_timestamps: utterances.some((u) => u.timestamp_start !== null),
    duplicates_removed: duplicates.droppedCount,
    warnings,
  };
}

/**
 * Physical lines trimmed (what "verbatim" compares), 1-based by position as line i+1;
 * blank lines are null. Handles a BOM and CRLF/CR/LF.
 */
function trimmedLines(text: string): (string | null)[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines: (string | null)[] = body.includes('\r') ? body.split(/\r\n|\r|\n/) : body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const content = (lines[i] as string).trim();
    lines[i] = content === '' ? null : content;
  }
  return lines;
}

/**
 * What comes before a line's words: its timestamp and label. One reader serves every line
 * of a transcript, so reading a line allocates only the strings it keeps; lines are read
 * only once the repeated blocks are known, and only the kept ones.
 */
class LinePrefix {
  stamp: string | null = null;
  seconds: number | null = null;
  label: string | null = null;
  speaker: Speaker = 'unknown';
  /** Where the line's words begin. */
  textStart = 0;

  read(content: string): void {
    this.stamp = null;
    this.seconds = null;
    this.label = null;
    this.speaker = 'unknown';
    this.textStart = 0;
    this.readTimestamp(content);
    this.readLabel(content);
  }

  /**
   * "[00:05]", "(00:05)", or a bare "00:05" followed by a space or the end of the line, then
   * spaces and optionally a dash or bar and spaces; the words begin after them.
   */
  private readTimestamp(line: string): void {
    const first = line.charCodeAt(0);
    const closer = first === 0x5b /* [ */ ? 0x5d : first === 0x28 /* ( */ ? 0x29 : -1;
    let at = closer < 0 ? 0 : skipSpaces(line, 1);
    const from = at;
    while (at < line.length && isStampChar(line.charCodeAt(at))) at++;
    if (at === from) return;
    const stamp = line.slice(from, at);
    const seconds = timestampSeconds(stamp);
    if (seconds === null) return;
    if (closer < 0) {
      if (at < line.length && !isSpace(line.charCodeAt(at))) return;
    } else {
      at = skipSpaces(line, at);
      if (line.charCodeAt(at) !== closer) return;
      at++;
    }
    at = skipSpaces(line, at);
    const dash = line.charCodeAt(at);
    if ((dash === 0x2d || dash === 0x2013 || dash === 0x2014 || dash === 0x7c) && isSpace(line.charCodeAt(at + 1))) {
      at = skipSpaces(line, at + 1);
    }
    this.stamp = stamp;
    this.seconds = seconds;
    this.textStart = at;
  }

  private readLabel(content: string): void {
    const from = this.textStart;
    const usual = usualLabelAt(content, from);
    if (usual) {
      this.label = usual;
      this.speaker = roleNamed(usual);
      this.textStart = skipSpaces(content, from + USUAL_LABEL_LENGTH + 1);
      return;
    }
    const labelEnd = readLabel(content, from);
    if (labelEnd > 0) {
      this.label = content.slice(from, labelEnd);
      this.speaker = speakerForLabel(this.label);
      this.textStart = skipSpaces(content, content.indexOf(':', labelEnd) + 1);
    }
  }

  /** The line's words: content is trimmed and textStart already skips the spaces after a time or label. */
  words(content: string): string {
    return this.textStart === 0 ? content : content.slice(this.textStart);
  }
}

/**
 * The two labels nearly every transcript uses, "Student" and "Patient". Both have seven
 * letters, so one look for the colon rules both out on most other lines; each needs no
 * string of its own, and the general reading below gives the same result.
 */
const USUAL_LABEL_LENGTH = 7;

function usualLabelAt(line: string, from: number): 'Student' | 'Patient' | null {
  const colon = from + USUAL_LABEL_LENGTH;
  if (line.charCodeAt(colon) !== 0x3a) return null;
  if (colon + 1 < line.length && !isSpace(line.charCodeAt(colon + 1))) return null;
  const usual = line.charCodeAt(from) === 0x53 /* S */ ? 'Student' : 'Patient';
  return line.startsWith(usual, from) ? usual : null;
}

/**
 * A speaker label at `from`: one word, or one word and a capitalised name ("Dr. Smith"),
 * of letters, apostrophes, dots and hyphens, then a colon and a space (or the end).
 * Returns where the label ends (spaces before the colon left out), or -1 when there is none.
 */
function readLabel(line: string, from: number): number {
  const colon = line.indexOf(':', from);
  if (colon <= from || colon - from > LONGEST_LABEL) return -1;
  if (colon + 1 < line.length && !isSpace(line.charCodeAt(colon + 1))) return -1;
  let end = colon;
  while (end > from && isTrimmedSpace(line.charCodeAt(end - 1))) end--;
  // only a label with non-ASCII letters needs a string of its own, for the expression
  if (!isAsciiLabel(line, from, end) && !UNICODE_LABEL.test(line.slice(from, end))) return -1;
  return end;
}

/** Whether line[from, to) is a label of ASCII letters. */
function isAsciiLabel(line: string, from: number, to: number): boolean {
  let wordStart = true;
  let words = 1;
  for (let i = from; i < to; i++) {
    const code = line.charCodeAt(i);
    if (code === 0x20) {
      if (wordStart || ++words > 2) return false;
      wordStart = true;
      continue;
    }
    const letter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
    // a word starts with a letter, a second word (a name) with a capital
    if (wordStart && (!letter || (words === 2 && code > 0x5a))) return false;
    if (!letter && code !== 0x27 && code !== 0x2e && code !== 0x2d) return false;
    wordStart = false;
  }
  return !wordStart;
}

function isStampChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || code === 0x3a;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || (code > 0x7f && WHITESPACE.test(String.fromCharCode(code)));
}

/** Whitespace as trim() removes it: besides isSpace, the ASCII controls \n \v \f \r. */
function isTrimmedSpace(code: number): boolean {
  return (code >= 0x09 && code <= 0x0d) || isSpace(code);
}

function skipSpaces(line: string, at: number): number {
  while (at < line.length && isSpace(line.charCodeAt(at))) at++;
  return at;
}

/** The role named by a label's first word, case-insensitive, ignoring a trailing dot ("Dr." → student). */
function speakerForLabel(label: string): Speaker {
  const usual = roleNamed(label);
  if (usual !== 'unknown') return usual;
  const space = label.indexOf(' ');
  let word = space < 0 ? label : label.slice(0, space);
  if (word.endsWith('.')) word = word.slice(0, -1);
  const role = roleNamed(word);
  return role !== 'unknown' ? role : roleNamed(word.toLowerCase());
}

/**
 * The role a label word names, in lower case or in the usual capitalisation (so the common
 * case needs no lower-casing). A switch compares the few names directly, where a map
 * would first hash the freshly read word.
 */
function roleNamed(word: string): Speaker {
  switch (word) {
    case 'Student': case 'Doctor': case 'Dr': case 'S':
    case 'student': case 'doctor': case 'dr': case 's':
      return 'student';
    case 'Patient': case 'Pt': case 'P':
    case 'patient': case 'pt': case 'p':
      return 'patient';
    case 'Examiner': case 'examiner':
      return 'examiner';
    default:
      return RELATIVES.has(word) ? 'relative' : 'unknown';
  }
}

/** Label words naming someone who answers for or with the patient (lower case; roleNamed also sees them capitalised). */
const RELATIVES: ReadonlySet<string> = new Set(
  [
    'mum', 'mom', 'mam', 'mother', 'mummy', 'mommy', 'dad', 'father', 'daddy', 'parent', 'husband', 'wife', 'partner',
    'son', 'daughter', 'sister', 'brother', 'grandma', 'grandmother', 'granny', 'nan', 'nana', 'grandad', 'grandpa',
    'grandfather', 'carer', 'caregiver', 'guardian', 'friend', 'boyfriend', 'girlfriend', 'fiance', 'fiancee', 'relative',
    'niece', 'nephew', 'aunt', 'uncle', 'spouse', 'companion',
  ].flatMap((w) => [w, w.charAt(0).toUpperCase() + w.slice(1)]),
);

/**
 * Kept lines become utterances. A line with neither a timestamp nor a label continues the
 * utterance on the line directly above it (when `continuation` allows); after a blank line,
 * a dropped duplicate or at the start it opens an utterance without a speaker instead.
 */
function readUtterances(contents: readonly (string | null)[], dropped: readonly boolean[], continuation: boolean): Utterance[] {
  const utterances: Utterance[] = [];
  const prefix = new LinePrefix();
  let open: Utterance | null = null;
  for (let i = 0; i < contents.length; i++) {
    const content = contents[i];
    const number = i + 1;
    if (content === null || content === undefined || dropped[number] === true) {
      open = null;
      continue;
    }
    prefix.read(content);
    const words = prefix.words(content);
    if (continuation && open && prefix.stamp === null && prefix.label === null) {
      open.text = open.text === '' ? words : `${open.text} ${words}`;
      open.line_end = number;
      continue;
    }
    open = newUtterance(utterances.length, number, prefix, words);
    utterances.push(open);
  }
  return utterances;
}

/** Every utterance is made here, with its fields in one order, so all share one hidden class. */
function newUtterance(index: number, line: number, prefix: LinePrefix, text: string): Utterance {
  return {
    index,
    line,
    line_end: line,
    line_span_end: line,
    speaker: prefix.speaker,
    speaker_label: prefix.label,
    text,
    start_seconds: prefix.seconds,
    end_seconds: null,
    timestamp_start: prefix.stamp,
    timestamp_end: null,
  };
}

/**
 * Line spans run to the next utterance's first line. Time spans run to the next timed
 * utterance's start when that is later; equal starts share the end of the later one;
 * when time goes backwards (a re-pasted passage) or nothing later follows, the span
 * ends at its own start, so no span is ever negative.
 */
function assignSpans(utterances: Utterance[], warnings: string[]): void {
  for (let i = 0; i < utterances.length; i++) {
    const u = utterances[i] as Utterance;
    const next = utterances[i + 1];
    u.line_span_end = next ? next.line : u.line_end;
  }
  const backwardsWarnings: string[] = [];
  let following: Utterance | null = null;
  for (let i = utterances.length - 1; i >= 0; i--) {
    const u = utterances[i] as Utterance;
    if (u.start_seconds === null) continue;
    endSpan(u, following, backwardsWarnings);
    following = u;
  }
  warnings.push(...backwardsWarnings.reverse());
}

function endSpan(u: Utterance, following: Utterance | null, warnings: string[]): void {
  const start = u.start_seconds as number;
  if (following && (following.start_seconds as number) > start) {
    u.end_seconds = following.start_seconds;
    u.timestamp_end = following.timestamp_start;
  } else if (following && following.start_seconds === start) {
    u.end_seconds = following.end_seconds;
    u.timestamp_end = following.timestamp_end;
  } else {
    u.end_seconds = start;
    u.timestamp_end = u.timestamp_start;
    if (following) {
      warnings.push(
        `time goes back at line ${following.line} (${following.timestamp_start} after ${u.timestamp_start}): ` +
          `the utterance at line ${u.line} is given a zero-length span`,
      );
    }
  }
}

function warnUnknownLabels(utterances: Utterance[], warnings: string[]): void {
  const seen = new Set<string>();
  for (const u of utterances) {
    if (u.speaker !== 'unknown' || u.speaker_label === null || seen.has(u.speaker_label)) continue;
    seen.add(u.speaker_label);
    warnings.push(`line ${u.line}: speaker label "${u.speaker_label}" is not a known role; treated as an unknown speaker`);
  }
}
