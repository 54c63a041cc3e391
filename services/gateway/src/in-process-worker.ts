import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import type { Logger } from '@medgrade/kit';
import { BatchConsumer, GradeFailure, type GradeInput } from '@medgrade/worker';
import type { GatewayDeps } from './api/deps';
import { approvedRubric } from './api/resolve-rubric';
import { HttpProblem } from './problem';

// Without REDIS_URL the batch queue lives in this process's memory, so no separate worker
// process could see it: the gateway then runs the worker's BatchConsumer itself, grading
// through the same path as POST /gradings. With Redis the worker service does this job and
// this stays off (GATEWAY_RUN_WORKER=false).

/** gRPC answers that a retry cannot change. */
const PERMANENT = new Set([status.INVALID_ARGUMENT, status.NOT_FOUND, status.FAILED_PRECONDITION, status.PERMISSION_DENIED]);
const STOP_TIMEOUT_MS = 10_000;

export interface InProcessWorker {
  stop(): Promise<void>;
}

export function startInProcessWorker(deps: GatewayDeps, logger: Logger): InProcessWorker {
  const { data, upstream } = deps;
  // The consumer runs each item in the trace of the request that queued it.
  const grade = async ({ message, job, transcript, summaryText, style }: GradeInput) => {
    const tenant = { institutionId: message.institutionId, userId: message.userId, role: message.role, requestId: `job:${message.jobId}` };
    try {
      const rubric = await approvedRubric(upstream, tenant, job.rubricId, job.rubricVersion);
      const { report } = await upstream.grade({
        rubric,
        institutionId: message.institutionId,
        oralTranscript: transcript,
        summaryText: summaryText ?? undefined,
        style: style ?? undefined,
        gradingId: randomUUID(),
      }, { requestId: tenant.requestId, tenant });
      return report;
    } catch (err) {
      if (err instanceof HttpProblem) throw new GradeFailure(err.message, err.status < 500);
      const code = (err as { code?: unknown }).code;
      if (typeof code === 'number') throw new GradeFailure((err as Error).message, PERMANENT.has(code));
      throw err;
    }
  };
  const consumer = new BatchConsumer({
    queue: data.batchQueue,
    jobs: data.jobs,
    grade,
    logger,
    name: `gateway-${randomUUID().slice(0, 8)}`,
    concurrency: 2,
    claimIdleMs: 60_000,
    maxDeliveries: 5,
    blockMs: 1_000,
  });
  consumer.start();
  logger.info('in-process batch worker started (no REDIS_URL)');
  return {
    async stop() {
      await consumer.stop(STOP_TIMEOUT_MS);
    },
  };
}
