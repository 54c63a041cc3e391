// Speakers of lines without a label. Auto-transcripts and typed notes often drop the
// labels, yet a student's question on such a line is still a question. Turns alternate:
//
// - an unlabelled utterance after the student's is the other party's (the relative's when
//   a relative was the last to answer, else the patient's); after anyone else's it is the
//   student's;
// - in a transcript without any label, turns alternate from the start, and the student is
//   whichever of the two alternations asks more questions before any presentation of the
//   case (the first speaker on a tie); a presentation ("so to sum up, this is a 61-year-old
//   ...") is one student turn however many lines it takes, up to a question or thanks.
//
// Inferred speakers keep `speaker_label: null`, so a reader can tell them from labelled
// ones, and the parser warns how many it inferred.

import type { Speaker, Utterance } from '../types';
import { utteranceAsks } from './asks';
import { asksAfter, opensPresentation } from './summary-span';
import { tokenize } from './tokens';

function otherParty(lastAnswering: Speaker | null): Speaker {
  return lastAnswering === 'relative' ? 'relative' : 'patient';
}

/** Fills in the speaker of every unlabelled utterance; returns how many were inferred. */
export function inferSpeakers(utterances: Utterance[]): number {
  const unlabelled = utterances.filter((u) => u.speaker_label === null);
  if (unlabelled.length === 0) return 0;
  if (unlabelled.length === utterances.length) {
    alternateFromStart(utterances);
    return utterances.length;
  }
  let previous: Speaker | null = null;
  let lastAnswering: Speaker | null = null;
  for (const u of utterances) {
    if (u.speaker_label === null) {
      u.speaker = previous === 'student' ? otherParty(lastAnswering) : previous === null ? firstSpeaker(u) : 'student';
    }
    if (u.speaker === 'patient' || u.speaker === 'relative') lastAnswering = u.speaker;
    previous = u.speaker;
  }
  return unlabelled.length;
}

/** The first utterance, unlabelled, before any labelled one: the student's when it asks. */
function firstSpeaker(u: Utterance): Speaker {
  return utteranceAsks(tokenize(u.text)) ? 'student' : 'patient';
}

function alternateFromStart(utterances: Utterance[]): void {
  const asks = utterances.map((u) => utteranceAsks(tokenize(u.text)));
  const presented = presentationLines(utterances, asks);
  // The side that asks more, counted on the dialogue before the first presentation.
  const firstPresentation = presented.indexOf(true);
  const dialogue = firstPresentation >= 2 ? firstPresentation : utterances.length;
  let evenAsks = 0;
  let oddAsks = 0;
  for (let i = 0; i < dialogue; i++) {
    if (!asks[i]) continue;
    if (i % 2 === 0) evenAsks++;
    else oddAsks++;
  }
  let next: Speaker = oddAsks > evenAsks ? 'patient' : 'student';
  utterances.forEach((u, i) => {
    if (presented[i]) {
      u.speaker = 'student';
      next = 'patient';
      return;
    }
    u.speaker = next;
    next = next === 'student' ? 'patient' : 'student';
  });
}

const THANKS = /^\W*(?:thank you|thanks|thankyou|cheers)\b/i;

/**
 * Lines of the student's presentations of the case: a line that opens one (summary-span.ts)
 * and the lines after it up to a question or thanks (the patient's "Is it serious?", the
 * examiner's "Thank you"): a summary is one turn however many lines it takes.
 */
function presentationLines(utterances: readonly Utterance[], asks: readonly boolean[]): boolean[] {
  const presented = utterances.map(() => false);
  for (let i = 0; i < utterances.length; i++) {
    if (asks[i] || !opensPresentation((utterances[i] as Utterance).text)) continue;
    presented[i] = true;
    for (let j = i + 1; j < utterances.length; j++) {
      const text = (utterances[j] as Utterance).text;
      if (THANKS.test(text) || asksAfter((utterances[j - 1] as Utterance).text, tokenize(text))) break;
      presented[j] = true;
      i = j;
    }
  }
  return presented;
}
