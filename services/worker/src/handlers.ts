// The worker process: no gRPC API of its own (health only), a BatchConsumer reading the
// batch queue, the orchestrator as the grader, PostgreSQL for items and gradings.
import * as os from 'node:os';
import { status } from '@grpc/grpc-js';
import { dataEnv, openDataLayerFromEnv, type DataLayer, type Job } from '@medgrade/data';
import {
  addressEnv, clientOptionsFromEnv, createClient, defineService, envVar, fromProto, grpcClientEnv, isServiceError, Lru,
  type GrpcClient, type ServiceModule,
} from '@medgrade/kit';
import type { RubricRef } from '@medgrade/kit/generated/medgrade/v1/RubricRef';
import { registerQueueGauges } from '@medgrade/kit/metrics';
import { BatchConsumer, GradeFailure, type GradeInput } from './consumer';

export const workerEnv = {
  ...dataEnv,
  ...grpcClientEnv(),
  ...addressEnv(['orchestrator', 'rubric-store']),
  /** Consumer name prefix; must differ between live workers (the pod name does). */
  WORKER_NAME: envVar.text(`${os.hostname()}-${process.pid}`),
  WORKER_CONCURRENCY: envVar.integer({ default: 2, min: 1, max: 64 }),
  WORKER_CLAIM_IDLE_MS: envVar.durationMs(60_000),
  WORKER_MAX_DELIVERIES: envVar.integer({ default: 5, min: 1, max: 100 }),
  WORKER_BLOCK_MS: envVar.durationMs(2_000),
  /** Deadline of one Grade call. */
  WORKER_GRADE_DEADLINE_MS: envVar.durationMs(30_000),
  /** At SIGTERM, how long the item in progress may take before it is left for another worker. */
  WORKER_STOP_TIMEOUT_MS: envVar.durationMs(20_000),
};

/** Statuses that will not change on retry: the item fails for good. */
const PERMANENT = new Set([status.INVALID_ARGUMENT, status.NOT_FOUND, status.FAILED_PRECONDITION, status.PERMISSION_DENIED]);

/** Resolved job rubrics kept by one worker (a job's rubric version is fixed for its life). */
const JOB_RUBRICS = 256;

/**
 * Grades batch items through the orchestrator. With the rubric store at hand, each job's
 * rubric version is resolved to its content hash once, so every item names it by reference
 * and no service fetches it again; without, the orchestrator looks the version up per item.
 */
export function orchestratorGrader(client: GrpcClient<'Orchestrator'>, deadlineMs: number, store?: GrpcClient<'RubricStoreService'>) {
  const refs = new Lru<Promise<RubricRef>>(JOB_RUBRICS);
  const refOf = (job: Job, institutionId: string): Promise<RubricRef> => {
    const plain = { rubric_id: job.rubricId, version: job.rubricVersion };
    if (!store) return Promise.resolve(plain);
    let ref = refs.get(job.id);
    if (!ref) {
      ref = store.ResolveRubric({ institution_id: institutionId, rubric_id: job.rubricId, version: job.rubricVersion }, { deadlineMs })
        .then((resolved) => resolved.ref ?? plain);
      ref.catch(() => refs.delete(job.id)); // a failed resolution is tried again by the next item
      refs.set(job.id, ref);
    }
    return ref;
  };
  return async ({ message, job, transcript, summaryText, style }: GradeInput) => {
    const ref = await refOf(job, message.institutionId).catch((err: unknown) => {
      throw isServiceError(err) ? new GradeFailure(`rubric store: ${status[err.code]}: ${err.details}`, PERMANENT.has(err.code)) : err;
    });
    try {
      const report = await client.Grade({
        ref,
        institution_id: message.institutionId,
        oral_transcript: transcript,
        ...(summaryText !== null ? { summary_text: summaryText } : {}),
        style: style ?? '',
      }, { deadlineMs });
      return fromProto('GradingReport', report);
    } catch (err) {
      if (isServiceError(err)) throw new GradeFailure(`orchestrator: ${status[err.code]}: ${err.details}`, PERMANENT.has(err.code));
      throw err;
    }
  };
}

export function workerModule(): ServiceModule<typeof workerEnv> {
  let data: DataLayer | undefined;
  let consumer: BatchConsumer | undefined;
  let orchestrator: GrpcClient<'Orchestrator'> | undefined;
  let rubricStore: GrpcClient<'RubricStoreService'> | undefined;
  let stopTimeoutMs = 0;
  return defineService({
    env: workerEnv,
    async implementations({ env, logger }) {
      data = await openDataLayerFromEnv(env, logger);
      if (data.redisMode === 'memory') {
        logger.warn('REDIS_URL is unset: this worker consumes only its own in-process queue, which no other process can fill');
      }
      orchestrator = createClient('Orchestrator', env.ORCHESTRATOR_ADDR, { ...clientOptionsFromEnv(env), logger });
      rubricStore = createClient('RubricStoreService', env.RUBRIC_STORE_ADDR, { ...clientOptionsFromEnv(env), logger });
      stopTimeoutMs = env.WORKER_STOP_TIMEOUT_MS;
      const queue = data.batchQueue;
      registerQueueGauges(async () => {
        const depth = await queue.depth();
        return { depth: depth.waiting + depth.pending, oldestAgeSeconds: depth.oldestAgeSeconds };
      });
      consumer = new BatchConsumer({
        queue,
        jobs: data.jobs,
        grade: orchestratorGrader(orchestrator, env.WORKER_GRADE_DEADLINE_MS, rubricStore),
        logger,
        name: env.WORKER_NAME,
        concurrency: env.WORKER_CONCURRENCY,
        claimIdleMs: env.WORKER_CLAIM_IDLE_MS,
        maxDeliveries: env.WORKER_MAX_DELIVERIES,
        blockMs: env.WORKER_BLOCK_MS,
      });
      consumer.start();
      logger.info({ consumer: env.WORKER_NAME, concurrency: env.WORKER_CONCURRENCY }, 'batch consumer started');
      return {};
    },
    // The worker needs both stores: items and gradings in PostgreSQL, the queue in Redis.
    healthChecks: () => ({
      postgres: async () => {
        if (!data || !(await data.health()).postgres) throw new Error('PostgreSQL unreachable');
      },
      redis: async () => {
        if (!data || (await data.health()).redis === false) throw new Error('Redis unreachable');
      },
    }),
    async onShutdown() {
      // Finish the items in hand, or leave them unacked for another worker, then close.
      const finished = (await consumer?.stop(stopTimeoutMs)) ?? true;
      await data?.close();
      if (finished) await consumer?.stopped();
      orchestrator?.close();
      rubricStore?.close();
    },
  });
}

export const service = workerModule();
