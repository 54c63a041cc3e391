// Batch grading jobs. A job is a set of items; the queue carries item ids only. The
// worker completes an item by storing its grading and marking it done in one
// transaction, under a row lock on the item: a second delivery of the same item (after
// a worker died between commit and ack) finds it done and stores nothing.
import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { FeedbackStyle } from '@medgrade/core';
import type { JobRepository } from '../api';
import { DataError } from '../errors';
import type { BatchJobItemsTable, BatchJobsTable, Database } from '../db/schema';
import { withTenant, type Tx } from '../db/tenant';
import type { BatchQueueMessage, Job, JobItem, JobItemProgress, StoredGrading, TenantContext } from '../types';
import { checkContext, isForeignKeyViolation, isUuid, now, writeAudit } from './common';
import { gradingInsertCtes, storedGrading, toGrading } from './gradings';

export const MAX_BATCH_ITEMS = 1000;

function toJob(row: Selectable<BatchJobsTable>): Job {
  return {
    id: row.id,
    institutionId: row.institution_id,
    createdBy: row.created_by,
    rubricId: row.rubric_id,
    rubricVersion: row.rubric_version,
    status: row.status,
    total: row.total,
    succeeded: row.succeeded,
    failed: row.failed,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

/** The columns a job's progress reads (no input texts). */
const PROGRESS = ['position', 'label', 'student_id', 'status', 'attempts', 'grading_id', 'error'] as const;

function toProgress(row: Pick<Selectable<BatchJobItemsTable>, (typeof PROGRESS)[number]>): JobItemProgress {
  return {
    position: row.position,
    label: row.label,
    studentId: row.student_id,
    status: row.status,
    attempts: row.attempts,
    gradingId: row.grading_id,
    error: row.error,
  };
}

function toItem(row: Selectable<BatchJobItemsTable>): JobItem {
  return {
    ...toProgress(row),
    id: row.id,
    jobId: row.job_id,
    institutionId: row.institution_id,
    transcript: row.transcript,
    summaryText: row.summary_text,
    style: row.style as FeedbackStyle | null,
    attempts: row.attempts,
  };
}

async function lockItem(trx: Tx, ctx: TenantContext, itemId: string): Promise<Selectable<BatchJobItemsTable>> {
  const row = isUuid(itemId)
    ? await trx.selectFrom('batch_job_items').selectAll()
      .where('institution_id', '=', ctx.institutionId).where('id', '=', itemId).forUpdate().executeTakeFirst()
    : undefined;
  if (!row) throw new DataError('not_found', `batch item ${itemId} not found`);
  return row;
}

/** Counts a finished item in its job and closes the job when every item is finished. */
async function countFinished(trx: Tx, ctx: TenantContext, jobId: string, outcome: 'succeeded' | 'failed'): Promise<void> {
  const job = await trx.updateTable('batch_jobs')
    .set((eb) => ({ [outcome]: eb(outcome, '+', 1), status: 'running' as const, updated_at: now }))
    .where('institution_id', '=', ctx.institutionId).where('id', '=', jobId)
    .returning(['succeeded', 'failed', 'total']).executeTakeFirstOrThrow();
  await finishIfComplete(trx, ctx, jobId, job);
}

/** Closes the job once every item is finished, with its audit row. */
async function finishIfComplete(trx: Tx, ctx: TenantContext, jobId: string, job: { succeeded: number | null; failed: number | null; total: number | null }): Promise<void> {
  const succeeded = Number(job.succeeded);
  const failed = Number(job.failed);
  if (succeeded + failed < Number(job.total)) return;
  await trx.updateTable('batch_jobs')
    .set({ status: succeeded > 0 ? 'completed' : 'failed', finished_at: now })
    .where('institution_id', '=', ctx.institutionId).where('id', '=', jobId).execute();
  await writeAudit(trx, ctx, { action: 'job.finish', resourceType: 'job', resourceId: jobId, details: { succeeded, failed } });
}

/** What completing an item found and did (columns of the item, the stored grading and the job, each null when absent). */
interface CompletedItem {
  status: 'pending' | 'done' | 'failed';
  earlier_id: string | null;
  id: string | null;
  created_at: Date | null;
  job_id: string | null;
  succeeded: number | null;
  failed: number | null;
  total: number | null;
}

export function jobRepository(db: Kysely<Database>): JobRepository {
  return {
    async create(ctx, input) {
      checkContext(ctx);
      if (!Array.isArray(input.items) || input.items.length === 0 || input.items.length > MAX_BATCH_ITEMS) {
        throw new DataError('invalid_input', `a batch needs 1 to ${MAX_BATCH_ITEMS} items`);
      }
      try {
        return await withTenant(db, ctx, async (trx) => {
          const job = await trx.insertInto('batch_jobs').values({
            institution_id: ctx.institutionId,
            created_by: ctx.userId,
            rubric_id: input.rubricId,
            rubric_version: input.rubricVersion,
            status: 'queued',
            total: input.items.length,
          }).returningAll().executeTakeFirstOrThrow();
          const items = await trx.insertInto('batch_job_items').values(input.items.map((item, position) => ({
            job_id: job.id,
            institution_id: ctx.institutionId,
            position,
            label: item.label ?? null,
            student_id: item.studentId,
            transcript: item.transcript,
            summary_text: item.summaryText ?? null,
            style: item.style ?? null,
          }))).returning(['id', 'position']).execute();
          await writeAudit(trx, ctx, { action: 'job.create', resourceType: 'job', resourceId: job.id, details: { items: items.length } });
          const messages: BatchQueueMessage[] = items.sort((a, b) => a.position - b.position).map((item) => ({
            institutionId: ctx.institutionId, jobId: job.id, itemId: item.id, userId: ctx.userId, role: ctx.role,
          }));
          return { job: toJob(job), messages };
        });
      } catch (err) {
        if (isForeignKeyViolation(err)) throw new DataError('not_found', `rubric "${input.rubricId}" has no version ${input.rubricVersion}`);
        throw err;
      }
    },

    async get(ctx, id) {
      checkContext(ctx);
      if (!isUuid(id)) return null;
      const row = await withTenant(db, ctx, (trx) => trx.selectFrom('batch_jobs').selectAll()
        .where('institution_id', '=', ctx.institutionId).where('id', '=', id).executeTakeFirst());
      return row ? toJob(row) : null;
    },

    async getItem(ctx, itemId) {
      checkContext(ctx);
      if (!isUuid(itemId)) return null;
      const row = await withTenant(db, ctx, (trx) => trx.selectFrom('batch_job_items').selectAll()
        .where('institution_id', '=', ctx.institutionId).where('id', '=', itemId).executeTakeFirst());
      return row ? toItem(row) : null;
    },

    async progress(ctx, jobId) {
      checkContext(ctx);
      if (!isUuid(jobId)) return [];
      const rows = await withTenant(db, ctx, (trx) => trx.selectFrom('batch_job_items').select(PROGRESS)
        .where('institution_id', '=', ctx.institutionId).where('job_id', '=', jobId).orderBy('position').execute());
      return rows.map(toProgress);
    },

    async completeItem(ctx, itemId, grading): Promise<StoredGrading> {
      checkContext(ctx);
      if (!isUuid(itemId)) throw new DataError('not_found', `batch item ${itemId} not found`);
      const input = { ...grading, jobItemId: itemId };
      return withTenant(db, ctx, async (trx) => {
        // One statement under the item's row lock: the grading and its audit row only for a
        // pending item, the item marked done and counted in its job only when they were stored.
        const { rows } = await sql<CompletedItem>`
          WITH item AS MATERIALIZED (
            SELECT id, job_id, status, grading_id FROM batch_job_items
            WHERE institution_id = ${ctx.institutionId} AND id = ${itemId} FOR UPDATE
          ), ${gradingInsertCtes(ctx, input, sql`item WHERE item.status = 'pending'`)},
          done AS (
            UPDATE batch_job_items SET status = 'done', grading_id = grading.id, attempts = attempts + 1, error = NULL, updated_at = now()
            FROM grading WHERE batch_job_items.id = ${itemId} RETURNING batch_job_items.job_id
          ), job AS (
            UPDATE batch_jobs SET succeeded = succeeded + 1, status = 'running', updated_at = now()
            FROM done WHERE batch_jobs.institution_id = ${ctx.institutionId} AND batch_jobs.id = done.job_id
            RETURNING batch_jobs.id, succeeded, failed, total
          )
          SELECT item.status, item.grading_id AS earlier_id, grading.id, grading.created_at, job.id AS job_id, job.succeeded, job.failed, job.total
          FROM item LEFT JOIN grading ON true LEFT JOIN job ON true`.execute(trx);
        const outcome = rows[0];
        if (!outcome) throw new DataError('not_found', `batch item ${itemId} not found`);
        if (outcome.id) {
          if (outcome.job_id) await finishIfComplete(trx, ctx, outcome.job_id, outcome);
          return { grading: storedGrading(ctx, input, { id: outcome.id, created_at: outcome.created_at! }), created: true };
        }
        if (outcome.status === 'failed') throw new DataError('invalid_state', `batch item ${itemId} already failed for good`);
        // Done by an earlier delivery: answer the grading it stored.
        const existing = await trx.selectFrom('grading_sessions').selectAll()
          .where('id', '=', outcome.earlier_id ?? '00000000-0000-0000-0000-000000000000').executeTakeFirstOrThrow();
        return { grading: toGrading(existing), created: false };
      });
    },

    async failItem(ctx, itemId, error, final) {
      checkContext(ctx);
      return withTenant(db, ctx, async (trx) => {
        const item = await lockItem(trx, ctx, itemId);
        if (item.status !== 'pending') return toItem(item);
        const row = await trx.updateTable('batch_job_items')
          .set({ attempts: sql`attempts + 1`, error: error.slice(0, 2000), updated_at: now, ...(final ? { status: 'failed' as const } : {}) })
          .where('id', '=', item.id).returningAll().executeTakeFirstOrThrow();
        if (final) await countFinished(trx, ctx, item.job_id, 'failed');
        return toItem(row);
      });
    },
  };
}
