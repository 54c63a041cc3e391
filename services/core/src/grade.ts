// In-process grading: parse, segment, evaluate, score, compose feedback, check citations.
// The same rubric and transcript always give the same report apart from grading_id and
// graded_at (no clock, randomness or hash order reaches any other field); every list has
// the order documented in docs/grading.md.

import { randomUUID } from 'node:crypto';
import { validateCitations } from './citations/citations';
import { evaluateCommunication, communicationWarnings } from './evaluators/communication';
import { evaluateReasoning } from './evaluators/reasoning';
import { evaluateStructure, structureWarnings } from './evaluators/structure';
import { evaluateSummary, summaryWarnings } from './evaluators/summary';
import { composeFeedback } from './feedback/compose';
import { matchQuestions } from './questions/match';
import { overallScore, scoreComponents } from './scoring/score';
import { parseTranscript } from './transcript/parse';
import { segmentSections } from './transcript/sections';
import {
  FEEDBACK_STYLES, type CommunicationResult, type FeedbackStyle, type GradingReport, type ParsedTranscript, type QuestionsResult,
  type ReasoningResult, type Rubric, type StructureResult, type SummaryResult,
} from './types';

export interface GradeOptions {
  /** A written summary; when given (not blank) it is the summary that is graded. */
  summaryText?: string;
  /** Feedback style; constructive by default. */
  style?: FeedbackStyle;
  /** Defaults to a random UUID. */
  gradingId?: string;
  /** ISO 8601; defaults to now. */
  gradedAt?: string;
}

/** A report whose citations failed validation; it is never returned. */
export class InvalidCitationsError extends Error {
  constructor(readonly problems: string[]) {
    super(`the report's citations are invalid: ${problems.join('; ')}`);
    this.name = 'InvalidCitationsError';
  }
}

export function grade(rubric: Rubric, transcript: string, opts: GradeOptions = {}): GradingReport {
  const style = checkedStyle(opts.style);
  const { parsed, results } = evaluateTranscript(rubric, transcript, opts.summaryText);
  return assembleReport(rubric, parsed, results, style, opts);
}

/** The five evaluators' results on a transcript (and written summary), with the parse they read. */
export interface Evaluation {
  parsed: ParsedTranscript;
  results: {
    structure: StructureResult;
    key_questions: QuestionsResult;
    reasoning: ReasoningResult;
    summary: SummaryResult;
    communication: CommunicationResult;
  };
}

export function checkedStyle(style: FeedbackStyle | undefined): FeedbackStyle {
  const chosen = style ?? 'constructive';
  if (!FEEDBACK_STYLES.includes(chosen)) {
    throw new RangeError(`unknown feedback style "${String(chosen)}" (expected one of ${FEEDBACK_STYLES.join(', ')})`);
  }
  return chosen;
}

export function evaluateTranscript(rubric: Rubric, transcript: string, summaryText?: string): Evaluation {
  const parsed = parseTranscript(transcript);
  const sections = segmentSections(parsed);
  return {
    parsed,
    results: {
      structure: evaluateStructure(rubric, sections, parsed),
      key_questions: matchQuestions(rubric, parsed),
      reasoning: evaluateReasoning(rubric, parsed, summaryText),
      summary: evaluateSummary(rubric, parsed, sections, summaryText),
      communication: evaluateCommunication(rubric, parsed),
    },
  };
}

/** Scores, feedback and warnings of evaluated results, as a report whose citations are checked. */
export function assembleReport(
  rubric: Rubric,
  parsed: ParsedTranscript,
  results: Evaluation['results'],
  style: FeedbackStyle,
  opts: Pick<GradeOptions, 'gradingId' | 'gradedAt'>,
): GradingReport {
  const { structure, key_questions: questions, reasoning, summary, communication } = results;
  const scores = scoreComponents(rubric, { structure, questions, reasoning, summary, communication });

  const report: GradingReport = {
    grading_id: opts.gradingId ?? randomUUID(),
    rubric_id: rubric.rubric_id,
    rubric_version: rubric.version,
    status: 'complete',
    graded_at: opts.gradedAt ?? new Date().toISOString(),
    overall_score: overallScore(rubric, scores),
    component_scores: scores,
    details: { structure, key_questions: questions, reasoning, summary },
    feedback: composeFeedback(rubric, results, style),
    warnings: [
      ...parsed.warnings,
      ...structureWarnings(rubric),
      ...summaryWarnings(rubric),
      ...communicationWarnings(rubric),
    ],
  };
  const problems = validateCitations(rubric, report, parsed);
  if (problems.length > 0) throw new InvalidCitationsError(problems);
  return report;
}
