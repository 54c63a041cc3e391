// Where the student's spoken summary is: its first and last student utterance.
//
// A summary opens with a student utterance that says it is one ("to summarise", "in
// summary", "so, this is Mrs Patel, a 34-year-old ...", "27F", "a sixty-one year old man"),
// or with whatever the student says right after an examiner asks for one ("can you
// summarise?", "please present"). It runs over the student's following utterances,
// through an examiner's short acknowledgements ("mm-hm", "go on"), and ends before:
// - anyone's question, or the patient's or a relative's words;
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
// Turning to someone by name ("Mrs Okoye, I'm worried ...") or an examiner's thanks ends the summary.
const ADDRESSES_SOMEONE = /^\W*(?:mr|mrs|ms|miss|mx|dr)\.? [A-Z][\w'-]*,/i;
const THANKS = /^\W*(?:thank you|thanks|thankyou|great,? thank|lovely,? thank)/i;

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
      if (utteranceAsks(t) || PLAN_OPENING.test(u.text) || ADDRESSES_SOMEONE.test(u.text) || (aboutThePatient && SECOND_PERSON.test(u.text))) break;
      span.push(i);
    } else if (u.speaker === 'examiner' || u.speaker === 'patient' || u.speaker === 'relative' || u.speaker === 'unknown') {
      // Only an examiner's short acknowledgement lets the summary go on.
      if (u.speaker !== 'examiner' || u.text.includes('?') || THANKS.test(u.text) || wordCount(u.text) > BACKCHANNEL_WORDS) break;
    }
  }
  return span;
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
    const prompted = promptedBy >= 0 && !utteranceAsks(t);
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
