// Stored gradings. Idempotency keys and batch item ids are unique per grading, so a
// retried request or a redelivered batch item finds the grading already stored instead
// of storing a second one.
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { FeedbackStyle } from '@medgrade/core';
import type { GradingRepository } from '../api';
import { DataError } from '../errors';
import type { Database, GradingSessionsTable } from '../db/schema';
import { withTenant } from '../db/tenant';
import type { Grading, GradingListItem, GradingWithInput, NewGrading, StoredGrading, TenantContext } from '../types';
import { checkContext, decodeCursor, isForeignKeyViolation, isUuid, olderThan, pageLimit, pageOf } from './common';

type GradingRow = Selectable<GradingSessionsTable>;

/** Columns a grading is read with: the input texts only when asked for, the report only when returned. */
const LISTED = [
  'id', 'institution_id', 'rubric_id', 'rubric_version', 'student_id', 'grader_id', 'status', 'overall_score', 'score_structure',
  'score_key_questions', 'score_reasoning', 'score_summary', 'score_communication', 'idempotency_key', 'job_item_id', 'created_at',
] as const;
const WITH_REPORT = [...LISTED, 'report'] as const;

type ListedRow = Pick<GradingRow, (typeof LISTED)[number]>;

function toListItem(row: ListedRow): GradingListItem {
  return {
    id: row.id,
    institutionId: row.institution_id,
    rubricId: row.rubric_id,
    rubricVersion: row.rubric_version,
    studentId: row.student_id,
    graderId: row.grader_id,
    status: row.status,
    overallScore: row.overall_score,
    componentScores: {
      structure: row.score_structure,
      key_questions: row.score_key_questions,
      reasoning: row.score_reasoning,
      summary: row.score_summary,
      communication: row.score_communication,
    },
    idempotencyKey: row.idempotency_key,
    jobItemId: row.job_item_id,
    createdAt: row.created_at,
  };
}

export function toGrading(row: ListedRow & Pick<GradingRow, 'report'>): Grading {
  // The report's grading_id is the stored id, whoever produced the report.
  return { ...toListItem(row), report: { ...row.report, grading_id: row.id } };
}

function withInput(row: GradingRow): GradingWithInput {
  return { ...toGrading(row), transcript: row.transcript, summaryText: row.summary_text };
}

/** A student may act only on their own gradings. */
function studentScope(ctx: TenantContext): string | null {
  return ctx.role === 'student' ? ctx.userId : null;
}

/**
 * The CTEs that store a grading: `grading` (the row, unless its idempotency key or job item
 * already has one; RETURNING id, created_at) and `audit` (its audit row, only when stored).
 * `source` is the FROM of the row's SELECT: what must run first, or decide whether to store.
 */
export function gradingInsertCtes(ctx: TenantContext, input: NewGrading, source: RawBuilder<unknown>): RawBuilder<unknown> {
  const { report } = input;
  const scores = report.component_scores;
  const style: FeedbackStyle | null = input.style ?? null;
  const details = JSON.stringify({ rubric_id: input.rubricId, rubric_version: input.rubricVersion, job_item_id: input.jobItemId ?? null });
  return sql`grading AS (
      INSERT INTO "grading_sessions" (
        id, institution_id, rubric_id, rubric_version, student_id, grader_id, transcript, summary_text, style, report,
        status, overall_score, score_structure, score_key_questions, score_reasoning, score_summary, score_communication,
        idempotency_key, job_item_id)
      SELECT coalesce(${input.id ?? null}::uuid, gen_random_uuid()), ${ctx.institutionId}::uuid, ${input.rubricId}, ${input.rubricVersion},
        ${input.studentId}, ${input.graderId}, ${input.transcript}, ${input.summaryText}, ${style},
        ${input.reportJson ?? JSON.stringify(report)}::jsonb, ${report.status}::grading_status, ${report.overall_score}::float8,
        ${scores.structure}::float8, ${scores.key_questions}::float8, ${scores.reasoning}::float8, ${scores.summary}::float8,
        ${scores.communication}::float8, ${input.idempotencyKey ?? null}, ${input.jobItemId ?? null}::uuid
      FROM ${source}
      ON CONFLICT DO NOTHING
      RETURNING id, created_at
    ), audit AS (
      INSERT INTO "audit_logs" (institution_id, actor_id, action, resource_type, resource_id, details, request_id, ip)
      SELECT ${ctx.institutionId}::uuid, ${ctx.userId}::uuid, 'grading.create', 'grading', grading.id::text, ${details}::jsonb,
        ${ctx.requestId ?? null}, ${ctx.ip ?? null}
      FROM grading
    )`;
}

/** A stored grading as its input and the row's id and time describe it (nothing read back). */
export function storedGrading(ctx: TenantContext, input: NewGrading, inserted: { id: string; created_at: Date }): Grading {
  const { report } = input;
  return {
    id: inserted.id,
    institutionId: ctx.institutionId,
    rubricId: input.rubricId,
    rubricVersion: input.rubricVersion,
    studentId: input.studentId,
    graderId: input.graderId,
    status: report.status,
    overallScore: report.overall_score,
    componentScores: { ...report.component_scores },
    report: report.grading_id === inserted.id ? report : { ...report, grading_id: inserted.id },
    idempotencyKey: input.idempotencyKey ?? null,
    jobItemId: input.jobItemId ?? null,
    createdAt: inserted.created_at,
  };
}

/**
 * Stores a grading with its audit row in one statement, one round trip, unless the
 * idempotency key already has a grading; then returns the existing one. The statement is
 * its own transaction and sets the tenant for it first: the settings CTE is the rows'
 * source, so it runs before either row is checked. A login that could bypass row-level
 * security is not switched to medgrade_tenant for this one statement (a role set within a
 * statement applies from the next one); both rows take their institution from the same
 * parameter as the setting, which is all the policy's check would compare.
 */
async function insertGrading(db: Kysely<Database>, ctx: TenantContext, input: NewGrading): Promise<StoredGrading> {
  const { rows } = await sql<{ id: string; created_at: Date }>`
    WITH tenant AS MATERIALIZED (
      SELECT set_config('medgrade.institution_id', ${ctx.institutionId}, true), set_config('medgrade.user_id', ${ctx.userId}, true),
             set_config('medgrade.platform', 'off', true)
    ), ${gradingInsertCtes(ctx, input, sql`tenant`)}
    SELECT id, created_at FROM grading`.execute(db);
  const inserted = rows[0];
  if (!inserted) return existingGrading(db, ctx, input);
  return { grading: storedGrading(ctx, input, inserted), created: true };
}

/** The grading stored earlier under the input's idempotency key. */
async function existingGrading(db: Kysely<Database>, ctx: TenantContext, input: NewGrading): Promise<StoredGrading> {
  if (!input.idempotencyKey) throw new Error('grading insert conflicted without an idempotency key');
  const key = input.idempotencyKey;
  const row = await withTenant(db, ctx, (trx) => trx.selectFrom('grading_sessions').selectAll()
    .where('institution_id', '=', ctx.institutionId).where('idempotency_key', '=', key).executeTakeFirstOrThrow());
  return { grading: toGrading(row), created: false };
}

export function gradingRepository(db: Kysely<Database>): GradingRepository {
  async function findOne(ctx: TenantContext, id: string): Promise<GradingRow | undefined> {
    checkContext(ctx);
    if (!isUuid(id)) return undefined;
    return withTenant(db, ctx, (trx) => {
      let query = trx.selectFrom('grading_sessions').selectAll().where('institution_id', '=', ctx.institutionId).where('id', '=', id);
      const student = studentScope(ctx);
      if (student) query = query.where('student_id', '=', student);
      return query.executeTakeFirst();
    });
  }

  async function findReport(ctx: TenantContext, id: string) {
    checkContext(ctx);
    if (!isUuid(id)) return undefined;
    return withTenant(db, ctx, (trx) => {
      let query = trx.selectFrom('grading_sessions').select(WITH_REPORT).where('institution_id', '=', ctx.institutionId).where('id', '=', id);
      const student = studentScope(ctx);
      if (student) query = query.where('student_id', '=', student);
      return query.executeTakeFirst();
    });
  }

  return {
    async create(ctx, input) {
      checkContext(ctx);
      const student = studentScope(ctx);
      if (student && input.studentId !== student) throw new DataError('forbidden', 'a student can only store their own gradings');
      try {
        return await insertGrading(db, ctx, input);
      } catch (err) {
        if (isForeignKeyViolation(err)) throw new DataError('not_found', `rubric "${input.rubricId}" has no version ${input.rubricVersion}`);
        throw err;
      }
    },

    async get(ctx, id) {
      const row = await findReport(ctx, id);
      return row ? toGrading(row) : null;
    },

    async getWithInput(ctx, id) {
      const row = await findOne(ctx, id);
      return row ? withInput(row) : null;
    },

    async findByIdempotencyKey(ctx, key) {
      checkContext(ctx);
      const row = await withTenant(db, ctx, (trx) => trx.selectFrom('grading_sessions').select(WITH_REPORT)
        .where('institution_id', '=', ctx.institutionId).where('idempotency_key', '=', key).executeTakeFirst());
      const student = studentScope(ctx);
      return row && (!student || row.student_id === student) ? toGrading(row) : null;
    },

    async list(ctx, filter = {}) {
      checkContext(ctx);
      const limit = pageLimit(filter.limit);
      const after = decodeCursor(filter.cursor);
      const student = studentScope(ctx);
      if (student && filter.studentId && filter.studentId !== student) return { items: [], nextCursor: null };
      const rows = await withTenant(db, ctx, (trx) => {
        let query = trx.selectFrom('grading_sessions').select(LISTED).where('institution_id', '=', ctx.institutionId);
        const studentId = student ?? filter.studentId;
        if (studentId) query = query.where('student_id', '=', studentId);
        if (filter.rubricId) query = query.where('rubric_id', '=', filter.rubricId);
        if (after) query = query.where(olderThan('grading_sessions', after));
        return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
      });
      return pageOf(rows, limit, toListItem, (row) => row.id);
    },
  };
}
