// Stored gradings. Idempotency keys and batch item ids are unique per grading, so a
// retried request or a redelivered batch item finds the grading already stored instead
// of storing a second one.
import { sql, type Kysely, type RawBuilder, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { FeedbackStyle, GradingReport } from '@medgrade/core';
import type { GradingRepository } from '../api';
import { DataError } from '../errors';
import type { Database, GradingSessionsTable } from '../db/schema';
import { withTenant, type Tx } from '../db/tenant';
import type { Grading, GradingListItem, GradingWithInput, NamedGrading, NewGrading, StoredGrading, TenantContext } from '../types';
import {
  checkContext, componentScoresOf, decodeCursor, isForeignKeyViolation, isUuid, newerThan, now, olderThan, pageLimit, pageOf, uuidOrNull, writeAudit,
} from './common';

type GradingRow = Selectable<GradingSessionsTable>;

/**
 * Columns a grading is read with: listings read neither report nor the review's overrides
 * (who reviewed it and when suffice), the input texts are read only when asked for.
 */
const LISTED = [
  'id', 'institution_id', 'rubric_id', 'rubric_version', 'student_id', 'grader_id', 'status', 'overall_score', 'score_structure',
  'score_key_questions', 'score_reasoning', 'score_summary', 'score_communication', 'idempotency_key', 'job_item_id', 'created_at',
  'reviewed_by', 'reviewed_at',
] as const;
const WITH_REPORT = [...LISTED, 'report', 'machine_report', 'review'] as const;

type ListedRow = Pick<GradingRow, (typeof LISTED)[number]>;
type ReportRow = Pick<GradingRow, (typeof WITH_REPORT)[number]>;

/** Whom a grading is for and its rubric's title, joined by withNames. */
interface NameColumns {
  student_email: string | null;
  student_name: string | null;
  rubric_title: string | null;
}

/** What every shape of a grading has: its columns but the reports and the review. */
function gradingColumns(row: ListedRow): Omit<Grading, 'report' | 'machineReport' | 'review'> {
  return {
    id: row.id,
    institutionId: row.institution_id,
    rubricId: row.rubric_id,
    rubricVersion: row.rubric_version,
    studentId: row.student_id,
    graderId: row.grader_id,
    status: row.status,
    overallScore: row.overall_score,
    componentScores: componentScoresOf(row),
    idempotencyKey: row.idempotency_key,
    jobItemId: row.job_item_id,
    createdAt: row.created_at,
  };
}

function namesOf(row: NameColumns) {
  return { studentEmail: row.student_email, studentName: row.student_name || null, rubricTitle: row.rubric_title };
}

function toListItem(row: ListedRow & NameColumns): GradingListItem {
  const review = row.reviewed_by && row.reviewed_at ? { reviewedBy: row.reviewed_by, reviewedAt: row.reviewed_at } : null;
  return { ...gradingColumns(row), review, ...namesOf(row) };
}

export function toGrading(row: ReportRow): Grading {
  return {
    ...gradingColumns(row),
    // The report's grading_id is the stored id, whoever produced the report.
    report: { ...row.report, grading_id: row.id },
    machineReport: row.machine_report ? { ...row.machine_report, grading_id: row.id } : null,
    review: row.reviewed_at && row.reviewed_by && row.review
      ? { reviewedBy: row.reviewed_by, reviewedAt: row.reviewed_at, overrides: row.review.overrides }
      : null,
  };
}

function toNamedGrading(row: ReportRow & NameColumns): NamedGrading {
  return { ...toGrading(row), ...namesOf(row) };
}

function withInput(row: GradingRow & NameColumns): GradingWithInput {
  return { ...toNamedGrading(row), transcript: row.transcript, summaryText: row.summary_text, style: row.style as FeedbackStyle | null };
}

/**
 * The gradings a query selects (its page, already limited), each with its student's account
 * and its rubric's title, in `order`: the names are joined to the page's rows only. Practice
 * gradings have no student.
 */
async function withNames<R extends ListedRow>(
  trx: Tx, page: SelectQueryBuilder<Database, 'grading_sessions', R>, order: 'asc' | 'desc',
): Promise<(R & NameColumns)[]> {
  const rows = await trx.selectFrom(page.select(uuidOrNull('student_id').as('student_uuid')).as('g'))
    .leftJoin('users as u', (join) => join.onRef('u.institution_id', '=', 'g.institution_id').onRef('u.id', '=', 'g.student_uuid'))
    .leftJoin('rubrics as r', (join) => join.onRef('r.institution_id', '=', 'g.institution_id').onRef('r.rubric_id', '=', 'g.rubric_id'))
    .selectAll('g')
    .select(['u.email as student_email', 'u.display_name as student_name', 'r.title as rubric_title'])
    .orderBy('g.created_at', order).orderBy('g.id', order)
    .execute();
  // Kysely cannot follow a generic selection through the subquery: the rows are the page's
  // columns plus the names (and student_uuid, which the mappers ignore).
  return rows as unknown as (R & NameColumns)[];
}

/** A student may act only on their own gradings. */
function studentScope(ctx: TenantContext): string | null {
  return ctx.role === 'student' ? ctx.userId : null;
}

/**
 * The report and the columns copied out of it (status and scores, which listings and analytics
 * read). `json` is the report as JSON when the caller has it already.
 */
function reportColumns(report: GradingReport, json = JSON.stringify(report)) {
  const scores = report.component_scores;
  return {
    report: json,
    status: report.status,
    overall_score: report.overall_score,
    score_structure: scores.structure,
    score_key_questions: scores.key_questions,
    score_reasoning: scores.reasoning,
    score_summary: scores.summary,
    score_communication: scores.communication,
  };
}

/**
 * The CTEs that store a grading: `grading` (the row, unless its idempotency key or job item
 * already has one; RETURNING id, created_at) and `audit` (its audit row, only when stored).
 * `source` is the FROM of the row's SELECT: what must run first, or decide whether to store.
 * A new grading is not reviewed: machine_report, review, reviewed_by and reviewed_at stay null.
 */
export function gradingInsertCtes(ctx: TenantContext, input: NewGrading, source: RawBuilder<unknown>): RawBuilder<unknown> {
  const columns = reportColumns(input.report, input.reportJson);
  const style: FeedbackStyle | null = input.style ?? null;
  const details = JSON.stringify({ rubric_id: input.rubricId, rubric_version: input.rubricVersion, job_item_id: input.jobItemId ?? null });
  return sql`grading AS (
      INSERT INTO "grading_sessions" (
        id, institution_id, rubric_id, rubric_version, student_id, grader_id, transcript, summary_text, style, report,
        status, overall_score, score_structure, score_key_questions, score_reasoning, score_summary, score_communication,
        idempotency_key, job_item_id)
      SELECT coalesce(${input.id ?? null}::uuid, gen_random_uuid()), ${ctx.institutionId}::uuid, ${input.rubricId}, ${input.rubricVersion},
        ${input.studentId}, ${input.graderId}, ${input.transcript}, ${input.summaryText}, ${style},
        ${columns.report}::jsonb, ${columns.status}::grading_status, ${columns.overall_score}::float8,
        ${columns.score_structure}::float8, ${columns.score_key_questions}::float8, ${columns.score_reasoning}::float8,
        ${columns.score_summary}::float8, ${columns.score_communication}::float8, ${input.idempotencyKey ?? null}, ${input.jobItemId ?? null}::uuid
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
    machineReport: null,
    review: null,
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
  const row = await withTenant(db, ctx, (trx) => trx.selectFrom('grading_sessions').select(WITH_REPORT)
    .where('institution_id', '=', ctx.institutionId).where('idempotency_key', '=', key).executeTakeFirstOrThrow());
  return { grading: toGrading(row), created: false };
}

export function gradingRepository(db: Kysely<Database>): GradingRepository {
  /** The grading `id` if ctx may see it, with its names; `select` picks the columns read. */
  async function findOne<R extends ListedRow>(
    ctx: TenantContext, id: string, select: (query: SelectQueryBuilder<Database, 'grading_sessions', {}>) => SelectQueryBuilder<Database, 'grading_sessions', R>,
  ): Promise<(R & NameColumns) | undefined> {
    checkContext(ctx);
    if (!isUuid(id)) return undefined;
    return withTenant(db, ctx, async (trx) => {
      let query = trx.selectFrom('grading_sessions').where('institution_id', '=', ctx.institutionId).where('id', '=', id);
      const student = studentScope(ctx);
      if (student) query = query.where('student_id', '=', student);
      return (await withNames(trx, select(query), 'desc'))[0];
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
      const row = await findOne(ctx, id, (query) => query.select(WITH_REPORT));
      return row ? toNamedGrading(row) : null;
    },

    async getWithInput(ctx, id) {
      const row = await findOne(ctx, id, (query) => query.selectAll());
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
        if (filter.from) query = query.where('created_at', '>=', filter.from);
        if (filter.to) query = query.where('created_at', '<', filter.to);
        if (after) query = query.where(olderThan('grading_sessions', after));
        return withNames(trx, query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1), 'desc');
      });
      return pageOf(rows, limit, toListItem, (row) => row.id);
    },

    async review(ctx, id, { report, overrides }) {
      checkContext(ctx);
      if (studentScope(ctx)) throw new DataError('forbidden', 'students cannot review gradings');
      if (!isUuid(id)) return null;
      return withTenant(db, ctx, async (trx) => {
        const before = await trx.selectFrom('grading_sessions').select(['overall_score', 'reviewed_at'])
          .where('institution_id', '=', ctx.institutionId).where('id', '=', id).forUpdate().executeTakeFirst();
        if (!before) return null;
        const row = await trx.updateTable('grading_sessions').set({
          // The engine's report is kept once, at the first review; later reviews replace only the reviewed one.
          machine_report: sql`coalesce(machine_report, report)`,
          ...reportColumns(report),
          review: JSON.stringify({ overrides }),
          reviewed_by: ctx.userId,
          reviewed_at: now,
        }).where('institution_id', '=', ctx.institutionId).where('id', '=', id).returning(WITH_REPORT).executeTakeFirstOrThrow();
        await writeAudit(trx, ctx, {
          action: 'grading.review', resourceType: 'grading', resourceId: id,
          details: {
            overrides: overrides.map((o) => ({ kind: o.kind, id: o.id, decision: o.decision })),
            overall_before: before.overall_score,
            overall_after: report.overall_score,
            first_review: before.reviewed_at === null,
          },
        });
        return toGrading(row);
      });
    },

    async reviewQueue(ctx, filter = {}) {
      checkContext(ctx);
      const limit = pageLimit(filter.limit);
      const after = decodeCursor(filter.cursor);
      const rows = await withTenant(db, ctx, (trx) => {
        let query = trx.selectFrom('grading_sessions').select(LISTED)
          .where('institution_id', '=', ctx.institutionId).where('reviewed_at', 'is', null).where('status', '<>', 'failed');
        if (filter.rubricId) query = query.where('rubric_id', '=', filter.rubricId);
        if (after) query = query.where(newerThan('grading_sessions', after));
        return withNames(trx, query.orderBy('created_at', 'asc').orderBy('id', 'asc').limit(limit + 1), 'asc');
      });
      return pageOf(rows, limit, toListItem, (row) => row.id);
    },
  };
}
