// Where the student's spoken summary is: its first and last student utterance.
//
// A summary opens with a student utterance that says it is one ("to summarise", "in
// summary", "so, this is Mrs Patel, a 34-year-old ...", "27F", "a sixty-one year old man"),
// or with whatever the student says right after an examiner asks for one ("can you
// summarise?", "please present"), unless the student declines ("sorry, I can't yet"). It
// runs over the student's following utterances, through an examiner's short
// acknowledgements ("mm-hm", "go on"), and ends before:
// - anyone's question (a line that goes on with a sentence the previous one left open,
//   "..., | who presents with ...", asks only with a question mark), or the patient's or a
//   relative's words;
// - a student utterance that turns to the patient (counselling, plans, thanks: "we'll get
//   a scan", "do you have any questions?"), when the summary itself speaks about the
//   patient rather than to them.
// When the student summarises more than once, the last summary counts.

import type { ParsedTranscript, Utterance } from '../types';
import { rememberLast } from './memo';
import { studentTokens, type UtteranceTokens } from './tokens';
import { sentenceAsks, utteranceAsks } from './asks';

export interface SummarySpan {
  /** Indexes of the student utterances of the summary, in order. */
  utterances: number[];
}

const SUMMARY_CUE = /\b(?:to summari[sz]e|(?:let me|i'?ll|i will|can i|could i|just|quickly) (?:just )?(?:summari[sz]e|sum up|recap)|summari[sz]ing|in summary|to sum (?:it |things |this )?up|summing up|in conclusion|to recap|to conclude)\b|(?:^|[.,;:]\s*)(?:so,?\s+)?in short\b/i;
const AGE_WORDS = '(?:\\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)';
const CASE_OPENING = new RegExp(
  `\\bthis is (?:mr|mrs|ms|miss|mx|master|dr|baby|little)\\b|\\bthis is an? (?:\\d|${AGE_WORDS}\\b|young|old|elderly|middle|previously|fit|known|otherwise)|\\b${AGE_WORDS}[- ]?(?:years?|yrs?|y|months?|month|weeks?)[- ]?(?:old|o)\\b|\\b\\d{1,3} ?(?:yo|y\\/o|y\\.o\\.?|yr|yrs)\\b|\\b\\d{1,3}\\s?[mf]\\b|\\b\\d{1,3}\\s?(?:year|yr)s?\\s?(?:old)?\\s?(?:male|female|man|woman|gentleman|lady|boy|girl)\\b`,
  'i',
);
const EXAMINER_ASKS_SUMMARY = /\bsummar|\bsum (?:it |things )?up\b|\bpresent\b|\brecap\b|\bthe case\b|\bwhat you(?:'ve| have) found\b|\bin a few sentences\b/i;
const SECOND_PERSON = /\b(?:you|your|yours|yourself|youre|you're|you've|youve|you'll|youll|you'd|youd)\b/i;
const PLAN_OPENING = /^\W*(?:(?:ok(?:ay)?|right|so|now|and|alright|thank you|thanks)\W+)*(?:what (?:we|i)(?:'ll| will|'re going to| are going to|'d like to| would like to) do|we(?:'ll| will|'re going to| are going to)|i(?:'m going to| am going to|'ll| will)\b(?! be worried)|the (?:doctors?|team|nurses?|surgeons?) (?:will|are going to)|let(?:'s| us)|is there anything|do you have any questions|any questions|thank you|thanks|don'?t worry|try not to worry)/i;
const BACKCHANNEL_WORDS = 4;
// A reply to the examiner's prompt that gives no summary: "Sorry, I don't think I can yet."
const DECLINES = /^\W*(?:(?:um+|uh+|er+|erm|oh)\W+)*(?:sorry\b|not yet\b|i (?:can'?t|cannot|don'?t think i can|haven'?t|have not|am not|'m not)\b|i'?m not (?:ready|sure i can)\b)/i;
// Turning to someone by name ("Mrs Okoye, I'm worried ...") or an examiner's thanks ends the summary.
const ADDRESSES_SOMEONE = /^\W*(?:mr|mrs|ms|miss|mx|dr)\.? [A-Z][\w'-]*,/i;
const THANKS = /^\W*(?:thank you|thanks|thankyou|great,? thank|lovely,? thank)/i;

// What only someone presenting the case says at its start: a summary cue, or a case opening in
// the third person or in shorthand ("so, this is Mrs Carter", "Callum is a 17-year-old", "27F").
const PRESENTER_FORM = /\bthis is\b|\ban? \S*\d|\ban? (?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b|\b\d{1,3} ?[mf]\b/i;
const FIRST_PERSON_START = /^\W*(?:(?:well|so|yes|yeah|no|oh|um|er)\W+)*(?:i|i'm|im|i've|ive|my|me|we|our)\b/i;

/**
 * Whether a line, whoever says it, opens a presentation of the case. Speaker inference uses
 * it: in a transcript without labels, a summary is one turn however many lines it takes.
 */
export function opensPresentation(text: string): boolean {
  if (SUMMARY_CUE.test(text)) return true;
  return CASE_OPENING.test(text) && PRESENTER_FORM.test(text) && !FIRST_PERSON_START.test(text);
}

function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

/** Whether a student utterance opens a summary by its own words. */
function opensSummary(u: Utterance, tokens: UtteranceTokens): boolean {
  if (SUMMARY_CUE.test(u.text)) return true;
  // A case opening said as a statement: "So, this is Mr Khan, a 61-year-old ...".
  const first = tokens.sentenceStarts.length > 0 && sentenceAsks(tokens, 0);
  return !first && CASE_OPENING.test(u.text) && !SECOND_PERSON.test(firstSentence(u.text));
}

function firstSentence(text: string): string {
  const end = text.search(/[.?!;](?:\s|$)/);
  return end < 0 ? text : text.slice(0, end);
}

/** The utterances of the summary starting at `start`, or [] when it holds no words. */
function spanFrom(parsed: ParsedTranscript, tokens: (UtteranceTokens | null)[], start: number): number[] {
  const utterances = parsed.utterances;
  const aboutThePatient = !SECOND_PERSON.test(firstSentence((utterances[start] as Utterance).text));
  const span = [start];
  for (let i = start + 1; i < utterances.length; i++) {
    const u = utterances[i] as Utterance;
    if (u.speaker === 'student') {
      const t = tokens[i] as UtteranceTokens;
      const previous = utterances[span[span.length - 1] as number] as Utterance;
      if (asksAfter(previous.text, t) || PLAN_OPENING.test(u.text) || ADDRESSES_SOMEONE.test(u.text) || (aboutThePatient && SECOND_PERSON.test(u.text))) break;
      span.push(i);
    } else if (u.speaker === 'examiner' || u.speaker === 'patient' || u.speaker === 'relative' || u.speaker === 'unknown') {
      // Only an examiner's short acknowledgement lets the summary go on.
      if (u.speaker !== 'examiner' || u.text.includes('?') || THANKS.test(u.text) || wordCount(u.text) > BACKCHANNEL_WORDS) break;
    }
  }
  return span;
}

// A line that stops mid-sentence (a comma, a dash, a word): the next one goes on with it.
const OPEN_SENTENCE_END = /(?:[,:\-–—]|[\p{L}\p{N}])\s*$/u;

/**
 * Whether an utterance after the text `previous` asks something. When `previous` left its
 * sentence open, the utterance's first words go on with it ("..., | who presents with ...")
 * and ask only with a question mark.
 */
export function asksAfter(previous: string, tokens: UtteranceTokens): boolean {
  const continues = OPEN_SENTENCE_END.test(previous);
  for (let s = 0; s < tokens.sentenceStarts.length; s++) {
    const asks = s === 0 && continues ? tokens.sentenceAsks[0] === true : sentenceAsks(tokens, s);
    if (asks) return true;
  }
  return false;
}

// A lead-in that announces the summary with few words of its own: the summary is what follows.
const LEAD_IN_WORDS = 12;

/** Where a summary opened at `start` begins: at the next student utterance when `start` only announces it. */
function realStart(parsed: ParsedTranscript, start: number): number {
  const utterances = parsed.utterances;
  const u = utterances[start] as Utterance;
  const cue = SUMMARY_CUE.exec(u.text);
  const next = utterances[start + 1];
  if (!cue || !next || next.speaker !== 'student' || CASE_OPENING.test(u.text)) return start;
  return wordCount(u.text.slice(cue.index + cue[0].length)) <= LEAD_IN_WORDS ? start + 1 : start;
}

function findSummary(parsed: ParsedTranscript): SummarySpan | null {
  const tokens = studentTokens(parsed);
  const utterances = parsed.utterances;
  let last: number[] | null = null;
  let promptedBy = -1;
  for (let i = 0; i < utterances.length; i++) {
    const u = utterances[i] as Utterance;
    if (u.speaker === 'examiner' && EXAMINER_ASKS_SUMMARY.test(u.text)) {
      promptedBy = i;
      continue;
    }
    const t = tokens[i];
    if (!t) continue;
    const prompted = promptedBy >= 0 && !utteranceAsks(t) && !DECLINES.test(u.text);
    if (prompted || opensSummary(u, t)) {
      const span = spanFrom(parsed, tokens, prompted ? i : realStart(parsed, i));
      last = span;
      i = span[span.length - 1] as number; // a summary's own lines do not open another one
    }
    promptedBy = -1;
  }
  return last ? { utterances: last } : null;
}

/** The spoken summary of the latest transcript (remembered), or null when the student gave none. */
export const spokenSummary: (parsed: ParsedTranscript) => SummarySpan | null = rememberLast(findSummary);
