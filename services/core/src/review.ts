// A person's review of a grading: the engine evaluates the transcript again (grading is
// deterministic, so it reaches its own decisions again), the reviewer's overrides replace
// the named key-question, reasoning-link and summary-element decisions, and the scores,
// feedback and citation check are rebuilt from the overridden results by the same code that
// grades. Overrides always apply to the engine's decisions, never to an earlier review.

import { oralCitation } from './citations/format';
import { assembleReport, checkedStyle, evaluateTranscript, type Evaluation } from './grade';
import { compileQuestions } from './questions/compile';
import type {
  FeedbackStyle, GradingReport, ParsedTranscript, QuestionMatch, QuestionsResult, ReasoningDetection, ReasoningResult, Rubric,
  SummaryResult, Utterance,
} from './types';

export const REVIEW_KINDS = ['key_question', 'reasoning_link', 'summary_element'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export interface ReviewOverride {
  kind: ReviewKind;
  /** The question, link or element id in the rubric. */
  id: string;
  /** credit: count it as met; remove: count it as not met. */
  decision: 'credit' | 'remove';
  reason: string;
  /** The student utterance that meets it (required to credit a question or link the engine did not find). */
  utterance_index?: number;
}

export interface ReviewInput {
  transcript: string;
  summaryText?: string;
  style?: FeedbackStyle;
}

/** One refused override: its position in the list, the field at fault and why. */
export interface ReviewProblem {
  index: number;
  field: 'id' | 'utterance_index' | 'kind';
  message: string;
}

export class ReviewRejected extends Error {
  constructor(readonly problems: ReviewProblem[]) {
    super(`the review cannot be applied: ${problems.map((p) => `overrides[${p.index}].${p.field} ${p.message}`).join('; ')}`);
    this.name = 'ReviewRejected';
  }
}

/** The reviewed report; throws ReviewRejected when an override names something that is not there. */
export function reviewReport(
  rubric: Rubric,
  input: ReviewInput,
  overrides: readonly ReviewOverride[],
  opts: { gradingId?: string; gradedAt?: string } = {},
): GradingReport {
  const style = checkedStyle(input.style);
  const { parsed, results } = evaluateTranscript(rubric, input.transcript, input.summaryText);
  const problems = overrideProblems(rubric, parsed, results, overrides);
  if (problems.length > 0) throw new ReviewRejected(problems);
  const reviewed: Evaluation['results'] = {
    ...results,
    key_questions: overrideQuestions(rubric, parsed, results.key_questions, overrides),
    reasoning: overrideLinks(rubric, parsed, results.reasoning, overrides),
    summary: overrideElements(rubric, results.summary, overrides),
  };
  return assembleReport(rubric, parsed, reviewed, style, opts);
}

function idsOf(rubric: Rubric, kind: ReviewKind): string[] {
  switch (kind) {
    case 'key_question': return rubric.key_questions.map((q) => q.id);
    case 'reasoning_link': return rubric.reasoning.required_links.map((l) => l.id);
    case 'summary_element': return rubric.summary.required_elements.map((e) => e.id);
  }
}

function isFound(results: Evaluation['results'], kind: ReviewKind, id: string): boolean {
  switch (kind) {
    case 'key_question': return results.key_questions.matches.some((m) => m.question_id === id);
    case 'reasoning_link': return results.reasoning.detected.some((d) => d.link_id === id);
    case 'summary_element': return results.summary.matched_elements.includes(id);
  }
}

function overrideProblems(rubric: Rubric, parsed: ParsedTranscript, results: Evaluation['results'], overrides: readonly ReviewOverride[]): ReviewProblem[] {
  const problems: ReviewProblem[] = [];
  const seen = new Set<string>();
  overrides.forEach((o, index) => {
    if (!(REVIEW_KINDS as readonly string[]).includes(o.kind)) {
      problems.push({ index, field: 'kind', message: `must be one of ${REVIEW_KINDS.join(', ')}` });
      return;
    }
    if (!idsOf(rubric, o.kind).includes(o.id)) {
      problems.push({ index, field: 'id', message: `rubric ${rubric.rubric_id} ${rubric.version} has no ${o.kind.replace('_', ' ')} "${o.id}"` });
      return;
    }
    const key = `${o.kind}\u0000${o.id}`;
    if (seen.has(key)) problems.push({ index, field: 'id', message: `${o.kind} "${o.id}" is overridden twice` });
    seen.add(key);
    if (o.utterance_index !== undefined && (o.decision !== 'credit' || o.kind === 'summary_element')) {
      problems.push({ index, field: 'utterance_index', message: 'is only given when crediting a key question or reasoning link' });
    } else if (o.utterance_index !== undefined && studentUtterance(parsed, o.utterance_index) === null) {
      problems.push({ index, field: 'utterance_index', message: `is not the index of one of the student's utterances (0-${parsed.utterances.length - 1})` });
    } else if (o.decision === 'credit' && o.kind !== 'summary_element' && o.utterance_index === undefined && !isFound(results, o.kind, o.id)) {
      problems.push({ index, field: 'utterance_index', message: 'is required to credit what the engine did not find: name the student utterance that meets it' });
    }
  });
  return problems;
}

function studentUtterance(parsed: ParsedTranscript, index: number): Utterance | null {
  const u = parsed.utterances[index];
  return u && u.speaker === 'student' ? u : null;
}

function overrideFor(overrides: readonly ReviewOverride[], kind: ReviewKind, id: string): ReviewOverride | undefined {
  return overrides.find((o) => o.kind === kind && o.id === id);
}

/** A reviewer's credit of a question cites the utterance they named, with full confidence. */
function creditedMatch(rubric: Rubric, id: string, u: Utterance): QuestionMatch {
  const question = rubric.key_questions.find((q) => q.id === id) as Rubric['key_questions'][number];
  return {
    question_id: id,
    anchor: question.anchor,
    utterance: { text: u.text, timestamp_start: u.timestamp_start, timestamp_end: u.timestamp_end },
    confidence: 1,
    matched_by: 'reviewer',
    citation: oralCitation(u),
    utterance_index: u.index,
  };
}

function overrideQuestions(rubric: Rubric, parsed: ParsedTranscript, result: QuestionsResult, overrides: readonly ReviewOverride[]): QuestionsResult {
  const weights = compileQuestions(rubric).weights;
  const matches: QuestionMatch[] = [];
  const unmatched: string[] = [];
  let matchedWeight = 0;
  let totalWeight = 0;
  rubric.key_questions.forEach((question, q) => {
    const weight = weights[q] as number;
    totalWeight += weight;
    const machine = result.matches.find((m) => m.question_id === question.id);
    const override = overrideFor(overrides, 'key_question', question.id);
    const named = override?.utterance_index === undefined ? null : studentUtterance(parsed, override.utterance_index);
    const match = override?.decision === 'remove' ? null : named ? creditedMatch(rubric, question.id, named) : machine;
    if (!match) {
      unmatched.push(question.id);
      return;
    }
    matchedWeight += weight;
    matches.push(match);
  });
  // The matcher's own rule: nothing weighted means nothing was missed.
  const score = totalWeight > 0 ? matchedWeight / totalWeight : 1;
  return { score, matches, unmatched, coverage: score };
}

function overrideLinks(rubric: Rubric, parsed: ParsedTranscript, result: ReasoningResult, overrides: readonly ReviewOverride[]): ReasoningResult {
  const detected: ReasoningDetection[] = [];
  const missing: string[] = [];
  const links = rubric.reasoning.required_links;
  for (const link of links) {
    const machine = result.detected.find((d) => d.link_id === link.id);
    const override = overrideFor(overrides, 'reasoning_link', link.id);
    const named = override?.utterance_index === undefined ? null : studentUtterance(parsed, override.utterance_index);
    const detection: ReasoningDetection | undefined = override?.decision === 'remove' ? undefined : named ? {
      link_id: link.id,
      matched_text: named.text,
      timestamp_start: named.timestamp_start,
      timestamp_end: named.timestamp_end,
      citation: oralCitation(named),
    } : machine;
    if (detection) detected.push(detection);
    else missing.push(link.id);
  }
  return { score: links.length === 0 ? 1 : detected.length / links.length, detected, missing };
}

function overrideElements(rubric: Rubric, result: SummaryResult, overrides: readonly ReviewOverride[]): SummaryResult {
  const matched: string[] = [];
  const missing: string[] = [];
  const elements = rubric.summary.required_elements;
  for (const element of elements) {
    const override = overrideFor(overrides, 'summary_element', element.id);
    const met = override ? override.decision === 'credit' : result.matched_elements.includes(element.id);
    (met ? matched : missing).push(element.id);
  }
  const elementsScore = elements.length === 0 ? 1 : matched.length / elements.length;
  return {
    ...result,
    score: 0.5 * result.succinct_score + 0.5 * elementsScore,
    elements_score: elementsScore,
    matched_elements: matched,
    missing_elements: missing,
  };
}
