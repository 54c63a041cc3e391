import { randomUUID } from 'node:crypto';
import type { BatchQueueMessage, QueueEntry, TenantContext } from '@medgrade/data';
import type { Logger } from '@medgrade/kit';
import type { GatewayDeps } from './api/deps';
import { approvedRubric } from './api/resolve-rubric';

// Without REDIS_URL the batch queue lives in this process's memory, so no separate worker
// process could see it: the gateway then runs the batch loop itself. With Redis the worker
// service does this job and this loop stays off (GATEWAY_RUN_WORKER=false).

const MAX_ATTEMPTS = 3;
const STALE_AFTER_MS = 60_000;

export interface InProcessWorker {
  stop(): Promise<void>;
}

export function startInProcessWorker(deps: GatewayDeps, logger: Logger): InProcessWorker {
  const { data, upstream } = deps;
  const consumer = `gateway-${randomUUID().slice(0, 8)}`;
  let running = true;

  async function handle(entry: QueueEntry<BatchQueueMessage>): Promise<void> {
    const message = entry.body;
    const tenant: TenantContext = { institutionId: message.institutionId, userId: message.userId, role: message.role, requestId: `job-${message.jobId}` };
    const item = await data.jobs.getItem(tenant, message.itemId);
    if (!item || item.status !== 'pending') return;
    const job = await data.jobs.get(tenant, message.jobId);
    if (!job) return;
    try {
      const rubric = await approvedRubric(data, tenant, job.rubricId, job.rubricVersion);
      const report = await upstream.grade({
        rubric: rubric.body,
        institutionId: message.institutionId,
        oralTranscript: item.transcript,
        summaryText: item.summaryText ?? undefined,
        style: item.style ?? undefined,
        gradingId: randomUUID(),
      }, { requestId: tenant.requestId ?? '', tenant });
      await data.jobs.completeItem(tenant, item.id, {
        rubricId: job.rubricId, rubricVersion: job.rubricVersion, studentId: item.studentId, graderId: message.userId,
        transcript: item.transcript, summaryText: item.summaryText, style: item.style, report, jobItemId: item.id,
      });
    } catch (err) {
      const final = entry.deliveries >= MAX_ATTEMPTS;
      await data.jobs.failItem(tenant, item.id, (err as Error).message.slice(0, 500), final);
      if (!final) throw err;
    }
  }

  const loop = (async () => {
    while (running) {
      try {
        const entries = [
          ...(await data.batchQueue.claimStale(consumer, STALE_AFTER_MS, 8)),
          ...(await data.batchQueue.read(consumer, 8, 1000)),
        ];
        for (const entry of entries) {
          try {
            await handle(entry);
            await data.batchQueue.ack([entry.id]);
          } catch (err) {
            logger.warn({ job_id: entry.body.jobId, item_id: entry.body.itemId, deliveries: entry.deliveries, err_message: (err as Error).message }, 'batch item failed; it will be retried');
          }
        }
      } catch (err) {
        if (running) {
          logger.error({ err_message: (err as Error).message }, 'batch loop error');
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
    }
  })();
  logger.info({ consumer }, 'in-process batch worker started (no REDIS_URL)');

  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}
