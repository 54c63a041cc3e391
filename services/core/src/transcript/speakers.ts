// Speakers of lines without a label. Auto-transcripts and typed notes often drop the
// labels, yet a student's question on such a line is still a question. Turns alternate:
//
// - an unlabelled utterance after the student's is the other party's (the relative's when
//   a relative was the last to answer, else the patient's); after anyone else's it is the
//   student's;
// - in a transcript without any label, turns alternate from the start, and the student is
//   whichever of the two alternations asks more questions (the first speaker on a tie).
//
// Inferred speakers keep `speaker_label: null`, so a reader can tell them from labelled
// ones, and the parser warns how many it inferred.

import type { Speaker, Utterance } from '../types';
import { utteranceAsks } from './asks';
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
  let evenAsks = 0;
  let oddAsks = 0;
  asks.forEach((a, i) => {
    if (!a) return;
    if (i % 2 === 0) evenAsks++;
    else oddAsks++;
  });
  const studentParity = oddAsks > evenAsks ? 1 : 0;
  utterances.forEach((u, i) => {
    u.speaker = i % 2 === studentParity ? 'student' : 'patient';
  });
}
