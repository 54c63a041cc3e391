// communication = matched rules / rules (1.0 when the rubric has none).
// A rule with a pattern matches when the pattern (linear-time engine, case-insensitive) is
// found in any of the student's utterances. A rule without a pattern is decided by the
// built-in check named by its id:
//   introduction  the student introduces themself ("I'm Dr ...", "my name is ...", "I am a student ...")
//   empathy       an empathic statement ("sorry to hear", "that must be", "I understand", "I can imagine")
//   open_question the student's first utterance is an open question ("what brings you", "tell me", "describe", "how can I help")
// An unknown id is simply not matched (and named in the report's warnings).

import type { CommunicationResult, ParsedTranscript, Rubric, Utterance } from '../types';
import { rubricPatterns } from './rubric-cache';
import { studentUtterances } from './text';

type CommunicationCheck = (student: readonly Utterance[]) => boolean;

const INTRODUCTION = /\b(?:i['’]m dr\b|i am dr\b|my name is|i['’]m (?:a|the|one of the) (?:medical )?student|i am (?:a|the|one of the) (?:medical )?student)/i;
const EMPATHY = /\b(?:sorry to hear|that must (?:be|have been)|i understand|i can imagine|that sounds (?:hard|difficult|frightening|scary|painful))\b/i;
const OPEN_QUESTION = /\b(?:what brings you|tell me|describe|how can i help|what happened|what seems to be)\b/i;

const CHECKS: Readonly<Record<string, CommunicationCheck>> = {
  introduction: (student) => student.some((u) => INTRODUCTION.test(u.text)),
  empathy: (student) => student.some((u) => EMPATHY.test(u.text)),
  open_question: (student) => (student[0] ? OPEN_QUESTION.test(student[0].text) : false),
};

export function evaluateCommunication(rubric: Rubric, parsed: ParsedTranscript): CommunicationResult {
  const rules = rubric.communication.rules;
  const patterns = rubricPatterns(rubric, 'communication rule', rules);
  const student = studentUtterances(parsed);
  const matched: string[] = [];
  const missing: string[] = [];
  rules.forEach((rule, i) => {
    const pattern = patterns[i];
    const found = pattern ? student.some((u) => pattern.test(u.text)) : (communicationCheck(rule.id)?.(student) ?? false);
    (found ? matched : missing).push(rule.id);
  });
  return {
    score: rules.length === 0 ? 1 : matched.length / rules.length,
    matched_rules: matched,
    missing_rules: missing,
  };
}

function communicationCheck(id: string): CommunicationCheck | null {
  return Object.prototype.hasOwnProperty.call(CHECKS, id) ? (CHECKS[id] as CommunicationCheck) : null;
}

/** Warnings for rules without a pattern whose id no built-in check knows. */
export function communicationWarnings(rubric: Rubric): string[] {
  return rubric.communication.rules
    .filter((rule) => rule.pattern == null && communicationCheck(rule.id) === null)
    .map((rule) => `communication rule "${rule.id}" has no pattern and no built-in check has that id; it is never matched`);
}
