// The batch consumer. Each loop reads one queue entry at a time (first taking over
// entries a dead consumer left pending), grades the item through the orchestrator,
// stores the grading and marks the item done in one transaction, and only then acks.
// A crash anywhere before the ack leaves the entry pending; another consumer claims it
// later, finds the item already done if the commit had happened, and stores nothing twice.
import type { FeedbackStyle, GradingReport } from '@medgrade/core';
import type { BatchQueueMessage, Job, JobRepository, QueueEntry, TenantContext, WorkQueue } from '@medgrade/data';
import { Lru, type Logger } from '@medgrade/kit';
import { observeReportScores } from '@medgrade/kit/metrics';
import { continueTrace } from '@medgrade/kit/telemetry';

export interface GradeInput {
  message: BatchQueueMessage;
  job: Job;
  transcript: string;
  summaryText: string | null;
  style: FeedbackStyle | null;
}

/** A failure the grader classifies: permanent ones are not retried. */
export class GradeFailure extends Error {
  constructor(message: string, readonly permanent: boolean) {
    super(message);
    this.name = 'GradeFailure';
  }
}

export interface ConsumerOptions {
  queue: WorkQueue<BatchQueueMessage>;
  jobs: JobRepository;
  grade: (input: GradeInput) => Promise<GradingReport>;
  logger: Logger;
  /** Prefix of this process's consumer names (one per loop); unique per process. */
  name: string;
  /** Parallel loops (each handles one item at a time). */
  concurrency: number;
  /** An entry pending this long under another consumer is presumed abandoned and taken over. */
  claimIdleMs: number;
  /** Deliveries after which a failing item is marked failed for good. */
  maxDeliveries: number;
  /** How long one read waits for new work before checking for abandoned entries again. */
  blockMs: number;
}

export class BatchConsumer {
  private stopping = false;
  /** When the loops next look for entries abandoned by dead consumers. */
  private nextClaimAt = 0;
  private loops: Promise<void>[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Jobs of recent items (a job's rubric and version never change); bounded, as a worker lives long. */
  private readonly jobCache = new Lru<Job>(256);

  constructor(private readonly options: ConsumerOptions) {}

  start(): void {
    for (let i = 0; i < this.options.concurrency; i++) this.loops.push(this.loop(`${this.options.name}-${i}`));
  }

  /**
   * Stops taking work and waits up to `timeoutMs` for items in progress. Returns true when
   * they finished; otherwise their entries stay unacked for another worker to take over.
   */
  async stop(timeoutMs: number): Promise<boolean> {
    this.stopping = true;
    const finished = Promise.all([...this.inFlight]).then(() => true);
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    return Promise.race([finished, timeout]);
  }

  /** Resolves when every loop has returned (after stop() and the queue's close()). */
  async stopped(): Promise<void> {
    await Promise.all(this.loops);
  }

  private async loop(consumer: string): Promise<void> {
    while (!this.stopping) {
      try {
        const entries = await this.next(consumer);
        for (const entry of entries) {
          if (this.stopping) break;
          await this.track(this.handle(entry));
        }
      } catch (err) {
        if (this.stopping) break;
        // Redis or PostgreSQL trouble: whatever was in hand stays pending and comes back.
        this.options.logger.warn({ consumer, err: (err as Error).message }, 'batch consumer error; pausing before the next read');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }

  /**
   * An abandoned entry when there is one, else new work. Abandoned entries have been idle for
   * claimIdleMs, so looking for them a few times per claimIdleMs (and after an idle read) is
   * soon enough: not a round trip before every item.
   */
  private async next(consumer: string): Promise<QueueEntry<BatchQueueMessage>[]> {
    const { queue, claimIdleMs, blockMs } = this.options;
    if (Date.now() >= this.nextClaimAt) {
      this.nextClaimAt = Date.now() + claimIdleMs / 4;
      const abandoned = await queue.claimStale(consumer, claimIdleMs, 1);
      if (abandoned.length > 0) {
        this.nextClaimAt = 0; // there may be more
        return abandoned;
      }
    }
    const entries = await queue.read(consumer, 1, blockMs);
    if (entries.length === 0) this.nextClaimAt = 0;
    return entries;
  }

  private async track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    try {
      await work;
    } finally {
      this.inFlight.delete(work);
    }
  }

  private async handle(entry: QueueEntry<BatchQueueMessage>): Promise<void> {
    const message = entry.body;
    if (!message?.itemId || !message.jobId || !message.institutionId) {
      // Not a batch item: acking it keeps it from coming back forever.
      this.options.logger.warn({ entry_id: entry.id }, 'dropping a malformed queue entry');
      await this.options.queue.ack([entry.id]);
      return;
    }
    // Each item continues the trace of the request that queued it.
    const attributes = { 'medgrade.job_id': message.jobId, 'medgrade.item_id': message.itemId, 'medgrade.deliveries': entry.deliveries };
    await continueTrace(message.traceparent, 'batch item', attributes, () => this.gradeItem(entry, message));
  }

  private async gradeItem(entry: QueueEntry<BatchQueueMessage>, message: BatchQueueMessage): Promise<void> {
    const { queue, jobs, logger, maxDeliveries } = this.options;
    const ctx: TenantContext = { institutionId: message.institutionId, userId: message.userId, role: message.role, requestId: `job:${message.jobId}` };
    const log = { job_id: message.jobId, item_id: message.itemId, deliveries: entry.deliveries };
    const item = await jobs.getItem(ctx, message.itemId);
    if (!item || item.status !== 'pending') {
      // Done by an earlier delivery (or the job is gone): nothing to store.
      await queue.ack([entry.id]);
      return;
    }
    const job = await this.job(ctx, message.jobId);
    let report: GradingReport;
    try {
      report = await this.options.grade({ message, job, transcript: item.transcript, summaryText: item.summaryText, style: item.style });
    } catch (err) {
      const permanent = err instanceof GradeFailure && err.permanent;
      const final = permanent || entry.deliveries >= maxDeliveries;
      await jobs.failItem(ctx, item.id, (err as Error).message, final);
      logger.warn({ ...log, final, err: (err as Error).message }, 'grading a batch item failed');
      // A final failure is recorded, so the entry is done; otherwise it stays pending and
      // is retried once it has been idle for claimIdleMs.
      if (final) await queue.ack([entry.id]);
      return;
    }
    const stored = await jobs.completeItem(ctx, item.id, {
      rubricId: job.rubricId,
      rubricVersion: report.rubric_version || job.rubricVersion,
      studentId: item.studentId,
      graderId: message.userId,
      transcript: item.transcript,
      summaryText: item.summaryText,
      style: item.style,
      report,
    });
    // A redelivered item whose grading was already stored must not count its scores twice.
    if (stored.created) observeReportScores(report.component_scores, report.overall_score);
    await queue.ack([entry.id]);
    logger.debug(log, 'batch item stored');
  }

  private async job(ctx: TenantContext, jobId: string): Promise<Job> {
    let job = this.jobCache.get(jobId);
    if (!job) {
      job = (await this.options.jobs.get(ctx, jobId)) ?? undefined;
      if (!job) throw new Error(`job ${jobId} not found`);
      this.jobCache.set(jobId, job);
    }
    return job;
  }
}
