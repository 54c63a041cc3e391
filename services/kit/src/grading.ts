import * as core from '@medgrade/core';
import { fromProto, toProto, type MessageName, type ProtoMessages, type CoreMessages } from './convert';
import { invalidArgument } from './errors';
import type { EvaluationRequest__Output } from './generated/medgrade/v1/EvaluationRequest';
import { defineService, type ServiceModule } from './service-module';
import type { Implementations } from './services';

// What the grading services share: decoding the common evaluation input, telling bad
// input (INVALID_ARGUMENT) from server faults, and the one-method evaluator service shape.
// Imported as @medgrade/kit/grading (not from the kit index) because it loads the core.

export interface EvaluationInput {
  rubric: core.Rubric;
  parsed: core.ParsedTranscript;
  sections: core.SectionResult;
  /** undefined: the oral Summary section is the summary. */
  summaryText: string | undefined;
}

/** A message field the caller must set. */
export function required<T>(value: T | null | undefined, field: string): T {
  if (value === undefined || value === null) throw invalidArgument(`${field} is required`);
  return value;
}

export function decodeEvaluation(request: EvaluationRequest__Output | null | undefined, prefix = ''): EvaluationInput {
  const input = required(request, prefix.replace(/\.$/, '') || 'request');
  return {
    rubric: fromProto('Rubric', required(input.rubric, `${prefix}rubric`)),
    parsed: fromProto('ParsedTranscript', required(input.parsed, `${prefix}parsed`)),
    sections: fromProto('SectionResult', required(input.sections, `${prefix}sections`)),
    summaryText: input.summary_text ?? undefined,
  };
}

/** An empty style means the default (constructive); anything else must be a known style. */
export function feedbackStyle(style: string): core.FeedbackStyle {
  if (style === '') return 'constructive';
  if (!(core.FEEDBACK_STYLES as readonly string[]).includes(style)) {
    throw invalidArgument(`style must be one of ${core.FEEDBACK_STYLES.join(', ')} (got "${style}")`);
  }
  return style as core.FeedbackStyle;
}

/** One line naming each QA error of a rubric, for an INVALID_ARGUMENT message. */
export function describeQaErrors(report: core.QaReport): string {
  return report.errors.map((issue) => `${issue.pointer || '/'}: ${issue.message}`).join('; ');
}

/**
 * Runs a core computation. When it throws, the rubric is checked: an invalid rubric (a
 * pattern the linear-time engine rejects, a missing list...) is the caller's fault and is
 * answered INVALID_ARGUMENT with the QA errors; otherwise the error is a server fault.
 * The check runs only on failure, so valid requests pay nothing for it.
 */
export function withRubricCheck<T>(rubric: core.Rubric, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    const report = core.validateRubric(rubric);
    if (!report.valid) throw invalidArgument(`rubric is invalid: ${describeQaErrors(report)}`);
    throw error;
  }
}

type EvaluatorService = 'StructureService' | 'ReasoningService' | 'SummaryService' | 'QuestionMatchingService';

/** A service with one `Evaluate(EvaluationRequest)` method computing one component. */
export function evaluatorService<K extends MessageName>(
  service: EvaluatorService,
  result: K,
  evaluate: (input: EvaluationInput) => CoreMessages[K],
): ServiceModule {
  return defineService({
    implementations: () =>
      ({
        [service]: {
          Evaluate: async (request: EvaluationRequest__Output): Promise<ProtoMessages[K]> => {
            const input = decodeEvaluation(request);
            return toProto(result, withRubricCheck(input.rubric, () => evaluate(input)));
          },
        },
      }) as Implementations,
  });
}
