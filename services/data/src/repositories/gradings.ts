// Stored gradings. Idempotency keys and batch item ids are unique per grading, so a
// retried request or a redelivered batch item finds the grading already stored instead
// of storing a second one.
import { sql, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { FeedbackStyle, GradingReport } from '@medgrade/core';
import type { GradingRepository } from '../api';
import { DataError } from '../errors';
import type { Database, GradingSessionsTable } from '../db/schema';
import { withTenant, type Tx } from '../db/tenant';
import type { Grading, GradingWithInput, NamedGrading, NewGrading, StoredGrading, TenantContext } from '../types';
import {
  checkContext, decodeCursor, isForeignKeyViolation, isUuid, newerThan, now, olderThan, pageLimit, pageOf, uuidOrNull, writeAudit,
} from './common';

type GradingRow = Selectable<GradingSessionsTable>;

export function toGrading(row: GradingRow): Grading {
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
    // The report's grading_id is the stored id, whoever produced the report.
    report: { ...row.report, grading_id: row.id },
    machineReport: row.machine_report ? { ...row.machine_report, grading_id: row.id } : null,
    review: row.reviewed_at && row.reviewed_by && row.review
      ? { reviewedBy: row.reviewed_by, reviewedAt: row.reviewed_at, overrides: row.review.overrides }
      : null,
    idempotencyKey: row.idempotency_key,
    jobItemId: row.job_item_id,
    createdAt: row.created_at,
  };
}

type NamedRow = GradingRow & { student_email: string | null; student_name: string | null; rubric_title: string | null };

function toNamedGrading(row: NamedRow): NamedGrading {
  return { ...toGrading(row), studentEmail: row.student_email, studentName: row.student_name || null, rubricTitle: row.rubric_title };
}

function withInput(row: NamedRow): GradingWithInput {
  return { ...toNamedGrading(row), transcript: row.transcript, summaryText: row.summary_text, style: row.style as FeedbackStyle | null };
}

type GradingQuery = SelectQueryBuilder<Database, 'grading_sessions', GradingRow>;

/**
 * The gradings a query selects (its page, already limited), each with its student's account
 * and its rubric's title, in `order`: the names are joined to the page's rows only. Practice
 * gradings have no student.
 */
async function withNames(trx: Tx, page: GradingQuery, order: 'asc' | 'desc'): Promise<NamedRow[]> {
  const rows = await trx.selectFrom(page.select(uuidOrNull('student_id').as('student_uuid')).as('g'))
    .leftJoin('users as u', (join) => join.onRef('u.institution_id', '=', 'g.institution_id').onRef('u.id', '=', 'g.student_uuid'))
    .leftJoin('rubrics as r', (join) => join.onRef('r.institution_id', '=', 'g.institution_id').onRef('r.rubric_id', '=', 'g.rubric_id'))
    .selectAll('g')
    .select(['u.email as student_email', 'u.display_name as student_name', 'r.title as rubric_title'])
    .orderBy('g.created_at', order).orderBy('g.id', order)
    .execute();
  return rows.map(({ student_uuid: _uuid, ...row }) => row);
}

/** A student may act only on their own gradings. */
function studentScope(ctx: TenantContext): string | null {
  return ctx.role === 'student' ? ctx.userId : null;
}

/**
 * Inserts unless the idempotency key or job item already has a grading; in that case
 * returns the existing one. Runs inside the caller's transaction (with its audit row).
 */
/** The report and the columns copied out of it (status and scores, which listings and analytics read). */
function reportColumns(report: GradingReport) {
  const scores = report.component_scores;
  return {
    report: JSON.stringify(report),
    status: report.status,
    overall_score: report.overall_score,
    score_structure: scores.structure,
    score_key_questions: scores.key_questions,
    score_reasoning: scores.reasoning,
    score_summary: scores.summary,
    score_communication: scores.communication,
  };
}

export async function insertGrading(trx: Tx, ctx: TenantContext, input: NewGrading): Promise<StoredGrading> {
  const scores = input.report.component_scores;
  const style: FeedbackStyle | null = input.style ?? null;
  const inserted = await trx.insertInto('grading_sessions').values({
    institution_id: ctx.institutionId,
    rubric_id: input.rubricId,
    rubric_version: input.rubricVersion,
    student_id: input.studentId,
    grader_id: input.graderId,
    transcript: input.transcript,
    summary_text: input.summaryText,
    style,
    report: JSON.stringify(input.report),
    status: input.report.status,
    overall_score: input.report.overall_score,
    score_structure: scores.structure,
    score_key_questions: scores.key_questions,
    score_reasoning: scores.reasoning,
    score_summary: scores.summary,
    score_communication: scores.communication,
    idempotency_key: input.idempotencyKey ?? null,
    job_item_id: input.jobItemId ?? null,
  }).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
  if (inserted) {
    await writeAudit(trx, ctx, {
      action: 'grading.create', resourceType: 'grading', resourceId: inserted.id,
      details: { rubric_id: input.rubricId, rubric_version: input.rubricVersion, job_item_id: input.jobItemId ?? null },
    });
    return { grading: toGrading(inserted), created: true };
  }
  let existing = trx.selectFrom('grading_sessions').selectAll().where('institution_id', '=', ctx.institutionId);
  if (input.jobItemId) existing = existing.where('job_item_id', '=', input.jobItemId);
  else if (input.idempotencyKey) existing = existing.where('idempotency_key', '=', input.idempotencyKey);
  else throw new Error('grading insert conflicted without an idempotency key or job item');
  const row = await existing.executeTakeFirstOrThrow();
  return { grading: toGrading(row), created: false };
}

export function gradingRepository(db: Kysely<Database>): GradingRepository {
  async function findOne(ctx: TenantContext, id: string): Promise<NamedRow | undefined> {
    checkContext(ctx);
    if (!isUuid(id)) return undefined;
    return withTenant(db, ctx, async (trx) => {
      let query = trx.selectFrom('grading_sessions').selectAll().where('institution_id', '=', ctx.institutionId).where('id', '=', id);
      const student = studentScope(ctx);
      if (student) query = query.where('student_id', '=', student);
      return (await withNames(trx, query, 'desc'))[0];
    });
  }

  return {
    async create(ctx, input) {
      checkContext(ctx);
      const student = studentScope(ctx);
      if (student && input.studentId !== student) throw new DataError('forbidden', 'a student can only store their own gradings');
      try {
        return await withTenant(db, ctx, (trx) => insertGrading(trx, ctx, input));
      } catch (err) {
        if (isForeignKeyViolation(err)) throw new DataError('not_found', `rubric "${input.rubricId}" has no version ${input.rubricVersion}`);
        throw err;
      }
    },

    async get(ctx, id) {
      const row = await findOne(ctx, id);
      return row ? toNamedGrading(row) : null;
    },

    async getWithInput(ctx, id) {
      const row = await findOne(ctx, id);
      return row ? withInput(row) : null;
    },

    async findByIdempotencyKey(ctx, key) {
      checkContext(ctx);
      const row = await withTenant(db, ctx, (trx) => trx.selectFrom('grading_sessions').selectAll()
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
        let query = trx.selectFrom('grading_sessions').selectAll().where('institution_id', '=', ctx.institutionId);
        const studentId = student ?? filter.studentId;
        if (studentId) query = query.where('student_id', '=', studentId);
        if (filter.rubricId) query = query.where('rubric_id', '=', filter.rubricId);
        if (filter.from) query = query.where('created_at', '>=', filter.from);
        if (filter.to) query = query.where('created_at', '<', filter.to);
        if (after) query = query.where(olderThan('grading_sessions', after));
        return withNames(trx, query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1), 'desc');
      });
      return pageOf(rows, limit, toNamedGrading, (row) => row.id);
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
        }).where('institution_id', '=', ctx.institutionId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
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
        let query = trx.selectFrom('grading_sessions').selectAll()
          .where('institution_id', '=', ctx.institutionId).where('reviewed_at', 'is', null).where('status', '<>', 'failed');
        if (filter.rubricId) query = query.where('rubric_id', '=', filter.rubricId);
        if (after) query = query.where(newerThan('grading_sessions', after));
        return withNames(trx, query.orderBy('created_at', 'asc').orderBy('id', 'asc').limit(limit + 1), 'asc');
      });
      return pageOf(rows, limit, toNamedGrading, (row) => row.id);
    },
  };
}
