import * as core from '@medgrade/core';
import { clientOptionsFromEnv, createClient, type GrpcClient } from './client';
import { CompiledRubrics, rubricCacheEnv, rubricStoreFetch } from './compiled-rubrics';
import { addressEnv, grpcClientEnv } from './config';
import { decodeCore, encodeCore, fromProto, type MessageName, type CoreMessages } from './convert';
import { invalidArgument } from './errors';
import type { RubricRef } from './generated/medgrade/v1/RubricRef';
import { defineService, type ServiceModule } from './service-module';
import { takesBytes, type Implementations } from './services';

// What the grading services share: decoding the common evaluation input, resolving the
// rubric it names, telling bad input (INVALID_ARGUMENT) from server faults, and the
// one-method evaluator service shape. Imported as @medgrade/kit/grading (not from the kit
// index) because it loads the core.

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

/**
 * The rubric a request names: a stored version by reference, from the process's cache
 * (fetched from the rubric store on a miss), or an unstored one sent whole.
 */
export async function requestRubric(
  source: { ref: RubricRef | null | undefined; institutionId: string; inline: core.Rubric | null },
  rubrics: CompiledRubrics,
  where = 'rubric',
): Promise<core.Rubric> {
  if (source.ref) return rubrics.get(source.institutionId, source.ref);
  return required(source.inline, where);
}

/** An evaluation request as decodeCore reads it, with its rubric resolved. */
export async function decodeEvaluation(input: CoreMessages['EvaluationRequest'] | null, rubrics: CompiledRubrics, prefix = ''): Promise<EvaluationInput> {
  const request = required(input, prefix.replace(/\.$/, '') || 'request');
  return {
    rubric: await requestRubric({ ref: request.rubric_ref, institutionId: request.institution_id, inline: request.rubric }, rubrics, `${prefix}rubric`),
    parsed: required(request.parsed, `${prefix}parsed`),
    sections: required(request.sections, `${prefix}sections`),
    summaryText: request.summary_text ?? undefined,
  };
}

/** What a service that grades needs to find rubrics: its configuration and the cache itself. */
export const rubricLookupEnv = { ...grpcClientEnv(), ...addressEnv(['rubric-store']), ...rubricCacheEnv };

/**
 * A service that grades with rubrics: its handlers get the process's rubric cache, filled
 * from the rubric store (RUBRIC_STORE_ADDR), whose client closes at shutdown.
 */
export function gradingService(implementations: (rubrics: CompiledRubrics) => Implementations): ServiceModule<typeof rubricLookupEnv> {
  let store: GrpcClient<'RubricStoreService'> | undefined;
  return defineService({
    env: rubricLookupEnv,
    implementations: ({ env }) => {
      store = createClient('RubricStoreService', env.RUBRIC_STORE_ADDR, clientOptionsFromEnv(env));
      return implementations(new CompiledRubrics(rubricStoreFetch(store), env.RUBRIC_CACHE_SIZE));
    },
    onShutdown: async () => store?.close(),
  });
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

/**
 * A service with one `Evaluate(EvaluationRequest)` method computing one component. The
 * request is decoded straight to the core's types and the result encoded straight from
 * them; the rubric comes from the process's rubric cache.
 */
export function evaluatorService<K extends MessageName>(
  service: EvaluatorService,
  result: K,
  evaluate: (input: EvaluationInput) => CoreMessages[K],
): ServiceModule<typeof rubricLookupEnv> {
  return gradingService((rubrics) => ({
    [service]: {
      Evaluate: takesBytes(async (bytes) => {
        const input = await decodeEvaluation(decodeCore('EvaluationRequest', bytes), rubrics);
        return encodeCore(result, withRubricCheck(input.rubric, () => evaluate(input)));
      }),
    },
  }) as Implementations);
}
