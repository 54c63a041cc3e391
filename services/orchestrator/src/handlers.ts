import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import {
  communicationWarnings,
  structureWarnings,
  summaryWarnings,
  validateCitations,
  type Component,
  type GradingReport,
  type Rubric,
} from '@medgrade/core';
import {
  addressEnv,
  clientOptionsFromEnv,
  createClient,
  defineService,
  fromProto,
  GrpcError,
  grpcClientEnv,
  internal,
  invalidArgument,
  isServiceError,
  statusName,
  toProto,
  type AddressVariable,
  type ClientOptions,
  type GrpcClient,
  type Logger,
  type ServiceName,
} from '@medgrade/kit';
import { feedbackStyle, required } from '@medgrade/kit/grading';
import type { EvaluationRequest } from '@medgrade/kit/generated/medgrade/v1/EvaluationRequest';
import type { GradeRequest__Output } from '@medgrade/kit/generated/medgrade/v1/GradeRequest';
import type { ReportDetails } from '@medgrade/kit/generated/medgrade/v1/ReportDetails';

const DOWNSTREAM = ['transcript', 'question-matching', 'structure', 'reasoning', 'summary', 'scoring', 'feedback', 'rubric-store'] as const;

// GRPC_CALL_DEADLINE_MS bounds each downstream call; the *_ADDR variables locate the services.
const env = { ...grpcClientEnv(), ...addressEnv(DOWNSTREAM) };

/** The four evaluators, in report order: component, service and the details key. */
const EVALUATORS = [
  { component: 'structure', service: 'StructureService' },
  { component: 'key_questions', service: 'QuestionMatchingService' },
  { component: 'reasoning', service: 'ReasoningService' },
  { component: 'summary', service: 'SummaryService' },
] as const satisfies readonly { component: Exclude<Component, 'communication'>; service: ServiceName }[];

type EvaluatorService = (typeof EVALUATORS)[number]['service'];

interface Clients {
  transcript: GrpcClient<'TranscriptService'>;
  evaluators: { [S in EvaluatorService]: GrpcClient<S> };
  scoring: GrpcClient<'ScoringService'>;
  feedback: GrpcClient<'FeedbackService'>;
  rubricStore: GrpcClient<'RubricStoreService'>;
}

type Addresses = { [K in AddressVariable<(typeof DOWNSTREAM)[number]>]: string };

function connect(addresses: Addresses, options: ClientOptions): Clients {
  const client = <N extends ServiceName>(service: N, variable: keyof Addresses) => createClient(service, addresses[variable], options);
  return {
    transcript: client('TranscriptService', 'TRANSCRIPT_ADDR'),
    evaluators: {
      StructureService: client('StructureService', 'STRUCTURE_ADDR'),
      QuestionMatchingService: client('QuestionMatchingService', 'QUESTION_MATCHING_ADDR'),
      ReasoningService: client('ReasoningService', 'REASONING_ADDR'),
      SummaryService: client('SummaryService', 'SUMMARY_ADDR'),
    },
    scoring: client('ScoringService', 'SCORING_ADDR'),
    feedback: client('FeedbackService', 'FEEDBACK_ADDR'),
    rubricStore: client('RubricStoreService', 'RUBRIC_STORE_ADDR'),
  };
}

function closeAll(clients: Clients): void {
  for (const client of [clients.transcript, ...Object.values(clients.evaluators), clients.scoring, clients.feedback, clients.rubricStore]) {
    client.close();
  }
}

/**
 * A failed downstream call as this service's own answer: the caller's mistakes
 * (INVALID_ARGUMENT, NOT_FOUND, ...) pass through, everything else names the step.
 */
function downstreamFailure(step: string, error: unknown): GrpcError {
  if (!isServiceError(error)) return internal(`${step} failed`);
  const passThrough = [grpc.status.INVALID_ARGUMENT, grpc.status.NOT_FOUND, grpc.status.PERMISSION_DENIED, grpc.status.FAILED_PRECONDITION];
  if (passThrough.includes(error.code)) return new GrpcError(error.code, `${step}: ${error.details}`);
  const code = error.code === grpc.status.DEADLINE_EXCEEDED ? grpc.status.DEADLINE_EXCEEDED : grpc.status.UNAVAILABLE;
  return new GrpcError(code, `${step} failed: ${statusName(error.code)} ${error.details}`);
}

async function step<T>(name: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw downstreamFailure(name, error);
  }
}

/** Milliseconds the next downstream call may take: the configured deadline, capped by what is left of the caller's. */
function downstreamBudget(callerDeadline: grpc.Deadline, configuredMs: number): () => number {
  const callerAt = callerDeadline instanceof Date ? callerDeadline.getTime() : callerDeadline;
  return () => Math.max(1, Math.min(configuredMs, callerAt - Date.now()));
}

export interface Orchestrator {
  grade(request: GradeRequest__Output, deadline: grpc.Deadline): Promise<GradingReport>;
}

export function createOrchestrator(clients: Clients, downstreamDeadlineMs: number, logger: Logger): Orchestrator {
  async function resolveRubric(request: GradeRequest__Output, deadlineMs: number): Promise<Rubric> {
    if (request.rubric) return fromProto('Rubric', request.rubric);
    const ref = required(request.ref, 'rubric or ref');
    if (ref.rubric_id.trim() === '') throw invalidArgument('ref.rubric_id is required');
    const record = await step('rubric store', () =>
      clients.rubricStore.GetRubric(
        { institution_id: request.institution_id, rubric_id: ref.rubric_id, version: ref.version },
        { deadlineMs },
      ),
    );
    return fromProto('Rubric', required(record.rubric, 'rubric store record.rubric'));
  }

  return {
    async grade(request, deadline) {
      const style = feedbackStyle(request.style);
      if (request.oral_transcript.trim() === '') throw invalidArgument('oral_transcript is empty');
      const deadlineMs = downstreamBudget(deadline, downstreamDeadlineMs);
      const rubric = await resolveRubric(request, deadlineMs());
      const { parsed, sections } = await step('transcript', () =>
        clients.transcript.Parse({ oral_transcript: request.oral_transcript }, { deadlineMs: deadlineMs() }),
      );
      const input: EvaluationRequest = {
        rubric: toProto('Rubric', rubric),
        parsed: parsed ?? undefined,
        sections: sections ?? undefined,
        ...(request.summary_text === undefined ? {} : { summary_text: request.summary_text }),
      };

      const settled = await Promise.allSettled(
        EVALUATORS.map(({ service }) => (clients.evaluators[service] as GrpcClient<'StructureService'>).Evaluate(input, { deadlineMs: deadlineMs() })),
      );
      const details: ReportDetails = {};
      const missing: Partial<Record<Component, string>> = {};
      settled.forEach((outcome, i) => {
        const { component, service } = EVALUATORS[i]!;
        if (outcome.status === 'fulfilled') {
          (details as Record<string, unknown>)[component] = outcome.value;
          return;
        }
        const error = outcome.reason as unknown;
        // A bad rubric is the caller's mistake, not a missing component.
        if (isServiceError(error) && error.code === grpc.status.INVALID_ARGUMENT) throw downstreamFailure(service, error);
        const reason = isServiceError(error) ? `${statusName(error.code)}: ${error.details}` : String(error);
        missing[component] = `the ${service} could not be reached or failed (${reason})`;
        logger.warn({ component, service, reason }, 'component not evaluated');
      });

      const scored = await step('scoring', () => clients.scoring.Score({ input, details }, { deadlineMs: deadlineMs() }));
      const feedback = await step('feedback', () =>
        clients.feedback.Compose(
          { rubric: input.rubric, details, communication: scored.communication ?? undefined, style, missing_reasons: missing },
          { deadlineMs: deadlineMs() },
        ),
      );

      const parsedTranscript = fromProto('ParsedTranscript', parsed);
      const report: GradingReport = {
        grading_id: request.grading_id ?? randomUUID(),
        rubric_id: rubric.rubric_id,
        rubric_version: rubric.version,
        status: Object.keys(missing).length === 0 ? 'complete' : 'partial',
        graded_at: new Date().toISOString(),
        overall_score: scored.overall_score ?? null,
        component_scores: fromProto('ComponentScores', scored.component_scores),
        details: fromProto('ReportDetails', details),
        feedback: fromProto('Feedback', feedback),
        warnings: [
          ...parsedTranscript.warnings,
          ...structureWarnings(rubric),
          ...summaryWarnings(rubric),
          ...communicationWarnings(rubric),
          ...Object.entries(missing).map(([component, reason]) => `component ${component} was not evaluated: ${reason}`),
        ],
      };
      const problems = validateCitations(rubric, report, parsedTranscript);
      if (problems.length > 0) {
        logger.error({ problems }, 'report withheld: invalid citations');
        throw internal(`the report's citations are invalid: ${problems.join('; ')}`);
      }
      return report;
    },
  };
}

let openClients: Clients | undefined;

export const service = defineService({
  env,
  implementations: ({ env: config, logger }) => {
    openClients = connect(config, { ...clientOptionsFromEnv(config), logger });
    const orchestrator = createOrchestrator(openClients, config.GRPC_CALL_DEADLINE_MS, logger);
    return {
      Orchestrator: {
        Grade: async (request, call) => toProto('GradingReport', await orchestrator.grade(request, call.getDeadline())),
      },
    };
  },
  onShutdown: async () => {
    if (openClients) closeAll(openClients);
  },
});
