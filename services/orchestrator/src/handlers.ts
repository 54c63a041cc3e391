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
  answersBytes,
  clientOptionsFromEnv,
  CompiledRubrics,
  createBytesClient,
  createClient,
  decodeCore,
  defineService,
  embeddedFields,
  encodeCore,
  fromProto,
  GrpcError,
  grpcClientEnv,
  internal,
  invalidArgument,
  isServiceError,
  MessageWriter,
  rubricCacheEnv,
  statusName,
  type AddressVariable,
  type BytesClient,
  type ClientOptions,
  type GrpcClient,
  type Logger,
  type RubricFetch,
  type ServiceName,
} from '@medgrade/kit';
import { feedbackStyle, required } from '@medgrade/kit/grading';
import type { GradeRequest__Output } from '@medgrade/kit/generated/medgrade/v1/GradeRequest';

const DOWNSTREAM = ['transcript', 'question-matching', 'structure', 'reasoning', 'summary', 'scoring', 'feedback', 'rubric-store'] as const;

// GRPC_CALL_DEADLINE_MS bounds each downstream call; the *_ADDR variables locate the services.
const env = { ...grpcClientEnv(), ...addressEnv(DOWNSTREAM), ...rubricCacheEnv };

/** The four evaluators, in report order: component, service and the result message. */
const EVALUATORS = [
  { component: 'structure', service: 'StructureService', result: 'StructureResult' },
  { component: 'key_questions', service: 'QuestionMatchingService', result: 'QuestionsResult' },
  { component: 'reasoning', service: 'ReasoningService', result: 'ReasoningResult' },
  { component: 'summary', service: 'SummaryService', result: 'SummaryResult' },
] as const satisfies readonly { component: Exclude<Component, 'communication'>; service: ServiceName; result: string }[];

type EvaluatorService = (typeof EVALUATORS)[number]['service'];

// Field numbers of the messages this service assembles from encoded parts (common.proto,
// scoring.proto, feedback.proto, transcript.proto).
const PARSE_RESPONSE = { parsed: 1, sections: 2 };
const EVALUATION_REQUEST = { rubric: 1, parsed: 2, sections: 3, summaryText: 4, rubricRef: 5, institutionId: 6 };
const REPORT_DETAILS: Record<(typeof EVALUATORS)[number]['component'], number> = { structure: 1, key_questions: 2, reasoning: 3, summary: 4 };
const SCORE_REQUEST = { input: 1, details: 2 };
const SCORE_RESPONSE = { communication: 3 };
const COMPOSE_REQUEST = { rubric: 1, details: 2, communication: 3, style: 4, missingReasons: 5, rubricRef: 6, institutionId: 7 };

// Downstream answers arrive as their encoded bytes: decoded once for the report, and passed
// on to scoring and feedback as they are.
interface Clients {
  transcript: BytesClient<'TranscriptService'>;
  evaluators: { [S in EvaluatorService]: BytesClient<S> };
  scoring: BytesClient<'ScoringService'>;
  feedback: BytesClient<'FeedbackService'>;
  rubricStore: GrpcClient<'RubricStoreService'>;
}

type Addresses = { [K in AddressVariable<(typeof DOWNSTREAM)[number]>]: string };

function connect(addresses: Addresses, options: ClientOptions): Clients {
  const client = <N extends ServiceName>(service: N, variable: keyof Addresses) => createBytesClient(service, addresses[variable], options);
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
    rubricStore: createClient('RubricStoreService', addresses.RUBRIC_STORE_ADDR, options),
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
    throw error instanceof GrpcError ? error : downstreamFailure(name, error);
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

/**
 * How the evaluators get the rubric: by reference when the caller named a stored version with
 * its content hash (each service then grades from its own cache), whole otherwise.
 */
interface RubricSource {
  rubric: Rubric;
  /** The EvaluationRequest / ComposeRequest fields naming it: field number and encoded value. */
  fields: { field: 'reference'; ref: Uint8Array; institutionId: string } | { field: 'inline'; rubric: Uint8Array };
}

export function createOrchestrator(clients: Clients, downstreamDeadlineMs: number, logger: Logger, cacheSize: number): Orchestrator {
  const fetchRubric: RubricFetch = async (institutionId, ref) => {
    const record = await step('rubric store', () => clients.rubricStore.GetRubric(
      { institution_id: institutionId, rubric_id: ref.rubric_id ?? '', version: ref.version ?? '' },
      { deadlineMs: downstreamDeadlineMs },
    ));
    return { rubric: fromProto('Rubric', required(record.rubric, 'rubric store record.rubric')), contentHash: record.content_hash };
  };
  const rubrics = new CompiledRubrics(fetchRubric, cacheSize);

  async function resolveRubric(request: GradeRequest__Output): Promise<RubricSource> {
    if (request.rubric) {
      const rubric = fromProto('Rubric', request.rubric);
      return { rubric, fields: { field: 'inline', rubric: encodeCore('Rubric', rubric) } };
    }
    const ref = required(request.ref, 'rubric or ref');
    if (ref.rubric_id.trim() === '') throw invalidArgument('ref.rubric_id is required');
    if (ref.version && ref.content_hash) {
      const rubric = await rubrics.get(request.institution_id, ref);
      return { rubric, fields: { field: 'reference', ref: encodeCore('RubricRef', ref), institutionId: request.institution_id } };
    }
    // Without its content hash the reference may name a moving target (the latest approved
    // version): ask the store, and send what it answered whole.
    const { rubric } = await fetchRubric(request.institution_id, ref);
    return { rubric, fields: { field: 'inline', rubric: encodeCore('Rubric', rubric) } };
  }

  /** The EvaluationRequest every evaluator and scoring get: encoded once, the transcript's parts as parsing produced them. */
  function evaluationRequest(source: RubricSource, parseResponse: Uint8Array, summaryText: string | undefined): Buffer {
    const parts = embeddedFields(parseResponse);
    const writer = new MessageWriter()
      .embed(EVALUATION_REQUEST.parsed, parts.get(PARSE_RESPONSE.parsed))
      .embed(EVALUATION_REQUEST.sections, parts.get(PARSE_RESPONSE.sections))
      .string(EVALUATION_REQUEST.summaryText, summaryText);
    return withRubric(writer, source, EVALUATION_REQUEST).finish();
  }

  function withRubric(writer: MessageWriter, source: RubricSource, fields: { rubric: number; rubricRef: number; institutionId: number }): MessageWriter {
    const named = source.fields;
    return named.field === 'inline'
      ? writer.embed(fields.rubric, named.rubric)
      : writer.embed(fields.rubricRef, named.ref).string(fields.institutionId, named.institutionId);
  }

  return {
    async grade(request, deadline) {
      const style = feedbackStyle(request.style);
      if (request.oral_transcript.trim() === '') throw invalidArgument('oral_transcript is empty');
      const deadlineMs = downstreamBudget(deadline, downstreamDeadlineMs);
      const source = await resolveRubric(request);
      const { rubric } = source;
      const parseResponse = await step('transcript', () =>
        clients.transcript.Parse({ oral_transcript: request.oral_transcript }, { deadlineMs: deadlineMs() }),
      );
      const transcript = decodeCore('ParseResponse', parseResponse);
      const parsedTranscript = required(transcript.parsed, 'transcript parsed');
      const input = evaluationRequest(source, parseResponse, request.summary_text);

      const settled = await Promise.allSettled(
        EVALUATORS.map(({ service }) => (clients.evaluators[service] as BytesClient<'StructureService'>).Evaluate(input, { deadlineMs: deadlineMs() })),
      );
      const details: GradingReport['details'] = { structure: null, key_questions: null, reasoning: null, summary: null };
      const detailsMessage = new MessageWriter();
      const missing: Partial<Record<Component, string>> = {};
      settled.forEach((outcome, i) => {
        const { component, service, result } = EVALUATORS[i]!;
        if (outcome.status === 'fulfilled') {
          (details as Record<string, unknown>)[component] = decodeCore(result, outcome.value);
          detailsMessage.embed(REPORT_DETAILS[component], outcome.value);
          return;
        }
        const error = outcome.reason as unknown;
        // A bad rubric is the caller's mistake, not a missing component.
        if (isServiceError(error) && error.code === grpc.status.INVALID_ARGUMENT) throw downstreamFailure(service, error);
        const reason = isServiceError(error) ? `${statusName(error.code)}: ${error.details}` : String(error);
        missing[component] = `the ${service} could not be reached or failed (${reason})`;
        logger.warn({ component, service, reason }, 'component not evaluated');
      });
      const detailsBytes = detailsMessage.finish();

      const scoreBytes = await step('scoring', () => clients.scoring.Score(
        new MessageWriter().embed(SCORE_REQUEST.input, input).embed(SCORE_REQUEST.details, detailsBytes).finish(),
        { deadlineMs: deadlineMs() },
      ));
      const scored = decodeCore('ScoreResponse', scoreBytes);
      const composeRequest = withRubric(new MessageWriter(), source, COMPOSE_REQUEST)
        .embed(COMPOSE_REQUEST.details, detailsBytes)
        .embed(COMPOSE_REQUEST.communication, embeddedFields(scoreBytes).get(SCORE_RESPONSE.communication))
        .string(COMPOSE_REQUEST.style, style)
        .stringMap(COMPOSE_REQUEST.missingReasons, missing as Record<string, string>)
        .finish();
      const feedback = decodeCore('Feedback', await step('feedback', () => clients.feedback.Compose(composeRequest, { deadlineMs: deadlineMs() })));

      const report: GradingReport = {
        grading_id: request.grading_id ?? randomUUID(),
        rubric_id: rubric.rubric_id,
        rubric_version: rubric.version,
        status: Object.keys(missing).length === 0 ? 'complete' : 'partial',
        graded_at: new Date().toISOString(),
        overall_score: scored.overall_score,
        component_scores: required(scored.component_scores, 'scoring component_scores'),
        details,
        feedback,
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
    const orchestrator = createOrchestrator(openClients, config.GRPC_CALL_DEADLINE_MS, logger, config.RUBRIC_CACHE_SIZE);
    return {
      Orchestrator: {
        Grade: answersBytes(async (request, call) => encodeCore('GradingReport', await orchestrator.grade(request, call.getDeadline()))),
      },
    };
  },
  onShutdown: async () => {
    if (openClients) closeAll(openClients);
  },
});
