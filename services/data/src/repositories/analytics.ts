// Cohort analytics, computed by PostgreSQL: aggregates over the score columns and the stored
// report jsonb of one rubric's gradings (optionally one version) over a time range. A
// reviewed grading's report and scores are the reviewed ones, so every figure counts the
// reviewed result. Everything runs under withTenant: row-level security holds as for any
// other read. The indexes behind these queries are grading_sessions_rubric (rubric and
// time range) and grading_sessions_rubric_version (one version); see docs/data.md.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { AnalyticsRepository } from '../api';
import { DataError } from '../errors';
import type { Database } from '../db/schema';
import { withTenant, type Tx } from '../db/tenant';
import type { CohortAnalytics, CohortFilter, GradingExportRow, ItemShare, StudentCohortRow, TenantContext } from '../types';
import { checkContext, decodeCursor, encodeCursor, pageLimit } from './common';

/** The CSV export refuses more rows than this (narrow the range instead). */
export const EXPORT_MAX_ROWS = 50_000;

const HISTOGRAM_BINS = 10;

/** The gradings a cohort figure counts, as a CTE body. */
function cohortRows(ctx: TenantContext, filter: Partial<CohortFilter> & { studentId?: string }): RawBuilder<unknown> {
  const conditions = [sql`g.institution_id = ${ctx.institutionId}::uuid`, sql`g.status <> 'failed'`];
  if (filter.rubricId !== undefined) conditions.push(sql`g.rubric_id = ${filter.rubricId}`);
  if (filter.version) conditions.push(sql`g.rubric_version = ${filter.version}`);
  if (filter.from) conditions.push(sql`g.created_at >= ${filter.from}`);
  if (filter.to) conditions.push(sql`g.created_at < ${filter.to}`);
  if (filter.studentId !== undefined) conditions.push(sql`g.student_id = ${filter.studentId}`);
  return sql`SELECT g.* FROM grading_sessions g WHERE ${sql.join(conditions, sql` AND `)}`;
}

/** The rubric's versions in scope (one, or all), for the labels and definitions of their items. */
function versionRows(ctx: TenantContext, filter: CohortFilter): RawBuilder<unknown> {
  const version = filter.version ? sql` AND rv.version = ${filter.version}` : sql``;
  return sql`SELECT rv.version, rv.major, rv.minor, rv.patch, rv.body FROM rubric_versions rv
             WHERE rv.institution_id = ${ctx.institutionId}::uuid AND rv.rubric_id = ${filter.rubricId}${version}`;
}

interface Totals {
  gradings: number;
  reviewed: number;
  students: number;
  mean_overall: number | null;
  structure: number | null;
  key_questions: number | null;
  reasoning: number | null;
  summary: number | null;
  communication: number | null;
}

async function totals(trx: Tx, ctx: TenantContext, filter: CohortFilter): Promise<Totals> {
  const { rows } = await sql<Totals>`
    WITH g AS (${cohortRows(ctx, filter)})
    SELECT count(*)::int AS gradings, count(reviewed_at)::int AS reviewed, count(DISTINCT student_id)::int AS students,
           avg(overall_score) AS mean_overall, avg(score_structure) AS structure, avg(score_key_questions) AS key_questions,
           avg(score_reasoning) AS reasoning, avg(score_summary) AS summary, avg(score_communication) AS communication
    FROM g`.execute(trx);
  return rows[0] as Totals;
}

async function histogram(trx: Tx, ctx: TenantContext, filter: CohortFilter): Promise<CohortAnalytics['histogram']> {
  const { rows } = await sql<{ bin: number; count: number }>`
    WITH g AS (${cohortRows(ctx, filter)})
    SELECT least(width_bucket(overall_score, 0, 1, ${HISTOGRAM_BINS}), ${HISTOGRAM_BINS}) AS bin, count(*)::int AS count
    FROM g WHERE overall_score IS NOT NULL GROUP BY 1`.execute(trx);
  const counts = new Map(rows.map((row) => [Number(row.bin), row.count]));
  return Array.from({ length: HISTOGRAM_BINS }, (_, i) => ({
    from: i / HISTOGRAM_BINS,
    to: (i + 1) / HISTOGRAM_BINS,
    count: counts.get(i + 1) ?? 0,
  }));
}

interface ItemRow {
  id: string;
  label: string | null;
  critical: boolean | null;
  count: number;
  total: number;
}

function shares<T extends ItemRow>(rows: T[]): (ItemShare & { critical: boolean })[] {
  return rows
    .map((row) => ({ id: row.id, label: row.label, critical: row.critical === true, count: row.count, total: row.total, share: row.total > 0 ? row.count / row.total : 0 }))
    .sort((a, b) => b.share - a.share || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Each key question (or reasoning link) with the gradings that missed it among those judged
 * on it: a grading is judged on exactly the items its report lists as found or as missing.
 */
async function missedItems(trx: Tx, ctx: TenantContext, filter: CohortFilter, kind: 'questions' | 'links'): Promise<ItemRow[]> {
  const spec = kind === 'questions'
    ? { details: 'key_questions', found: 'matches', foundId: 'question_id', missing: 'unmatched', defs: sql`rv.body->'key_questions'`, label: 'label' }
    : { details: 'reasoning', found: 'detected', foundId: 'link_id', missing: 'missing', defs: sql`rv.body->'reasoning'->'required_links'`, label: 'description' };
  const { rows } = await sql<ItemRow>`
    WITH g AS (${cohortRows(ctx, filter)}),
    judged AS (
      SELECT f->>${spec.foundId} AS id, false AS missed
        FROM g CROSS JOIN LATERAL jsonb_array_elements(g.report->'details'->${spec.details}->${spec.found}) f
      UNION ALL
      SELECT m, true
        FROM g CROSS JOIN LATERAL jsonb_array_elements_text(g.report->'details'->${spec.details}->${spec.missing}) m
    ),
    defs AS (
      SELECT DISTINCT ON (d->>'id') d->>'id' AS id, d->>${spec.label} AS label, (d->>'critical')::boolean AS critical
      FROM (${versionRows(ctx, filter)}) rv CROSS JOIN LATERAL jsonb_array_elements(${spec.defs}) d
      ORDER BY d->>'id', rv.major DESC, rv.minor DESC, rv.patch DESC
    )
    SELECT j.id, defs.label, defs.critical, count(*) FILTER (WHERE j.missed)::int AS count, count(*)::int AS total
    FROM judged j LEFT JOIN defs ON defs.id = j.id
    GROUP BY j.id, defs.label, defs.critical`.execute(trx);
  return rows;
}

/**
 * Each structure penalty with the gradings it was applied to, among the gradings whose
 * structure was evaluated against a version that defines it.
 */
async function penalties(trx: Tx, ctx: TenantContext, filter: CohortFilter): Promise<ItemRow[]> {
  const { rows } = await sql<ItemRow>`
    WITH g AS (${cohortRows(ctx, filter)}),
    versions AS (${versionRows(ctx, filter)}),
    defined AS (
      SELECT rv.version, p->>'id' AS id, p->>'description' AS label FROM versions rv
      CROSS JOIN LATERAL jsonb_array_elements(rv.body->'structure'->'penalties') p
    ),
    judged AS (
      SELECT d.id, EXISTS (
        SELECT 1 FROM jsonb_array_elements(g.report->'details'->'structure'->'penalties_applied') a WHERE a->>'id' = d.id
      ) AS applied
      FROM g JOIN defined d ON d.version = g.rubric_version
      WHERE jsonb_typeof(g.report->'details'->'structure') = 'object'
    ),
    labels AS (
      SELECT DISTINCT ON (p->>'id') p->>'id' AS id, p->>'description' AS label FROM versions rv
      CROSS JOIN LATERAL jsonb_array_elements(rv.body->'structure'->'penalties') p
      ORDER BY p->>'id', rv.major DESC, rv.minor DESC, rv.patch DESC
    )
    SELECT j.id, labels.label, NULL::boolean AS critical, count(*) FILTER (WHERE j.applied)::int AS count, count(*)::int AS total
    FROM judged j LEFT JOIN labels ON labels.id = j.id
    GROUP BY j.id, labels.label`.execute(trx);
  return rows;
}

interface StudentRow {
  student_id: string;
  email: string | null;
  display_name: string | null;
  sort_key: string;
  gradings: number;
  mean_overall: number | null;
  last_overall: number | null;
  last_graded_at: Date;
}

/** The students page cursor: the last row's sort key and student id. */
function studentCursor(cursor: string | null | undefined): [string, string] | null {
  const raw = decodeCursor(cursor);
  if (raw === null) return null;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((part) => typeof part === 'string')) return parsed as [string, string];
  } catch {
    // fall through
  }
  throw new DataError('invalid_input', 'cursor is not one this listing returned');
}

export function analyticsRepository(db: Kysely<Database>): AnalyticsRepository {
  return {
    async cohort(ctx, filter) {
      checkContext(ctx);
      // One snapshot for every figure, so the counts agree with each other.
      return withTenant(db, ctx, async (trx) => {
        const sums = await totals(trx, ctx, filter);
        const bins = await histogram(trx, ctx, filter);
        const questions = await missedItems(trx, ctx, filter, 'questions');
        const links = await missedItems(trx, ctx, filter, 'links');
        const applied = await penalties(trx, ctx, filter);
        return {
          gradings: sums.gradings,
          reviewed: sums.reviewed,
          students: sums.students,
          meanOverall: sums.mean_overall,
          histogram: bins,
          componentAverages: {
            structure: sums.structure,
            key_questions: sums.key_questions,
            reasoning: sums.reasoning,
            summary: sums.summary,
            communication: sums.communication,
          },
          missedQuestions: shares(questions),
          missedLinks: shares(links).map(({ critical: _unused, ...item }) => item),
          penalties: shares(applied).map(({ critical: _unused, ...item }) => item),
        };
      }, { repeatableRead: true });
    },

    async students(ctx, filter) {
      checkContext(ctx);
      const limit = pageLimit(filter.limit);
      const after = studentCursor(filter.cursor);
      const rows = await withTenant(db, ctx, async (trx) => (await sql<StudentRow>`
        WITH g AS (${cohortRows(ctx, filter)}),
        per_student AS (
          SELECT g.student_id, u.email, nullif(u.display_name, '') AS display_name, coalesce(lower(u.email), '') AS sort_key,
                 count(*)::int AS gradings, avg(g.overall_score) AS mean_overall,
                 (array_agg(g.overall_score ORDER BY g.created_at DESC, g.id DESC))[1] AS last_overall,
                 max(g.created_at) AS last_graded_at
          FROM g LEFT JOIN users u ON u.institution_id = g.institution_id AND u.id::text = g.student_id
          WHERE g.student_id IS NOT NULL
          GROUP BY g.student_id, u.email, u.display_name
        )
        SELECT * FROM per_student
        ${after ? sql`WHERE (sort_key, student_id) > (${after[0]}, ${after[1]})` : sql``}
        ORDER BY sort_key, student_id
        LIMIT ${limit + 1}`.execute(trx)).rows);
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      return {
        items: items.map((row): StudentCohortRow => ({
          studentId: row.student_id,
          email: row.email,
          displayName: row.display_name,
          gradings: row.gradings,
          meanOverall: row.mean_overall,
          lastOverall: row.last_overall,
          lastGradedAt: row.last_graded_at,
        })),
        nextCursor: rows.length > limit && last ? encodeCursor(JSON.stringify([last.sort_key, last.student_id])) : null,
      };
    },

    async gradingRows(ctx, filter) {
      checkContext(ctx);
      const rows = await withTenant(db, ctx, async (trx) => (await sql<ExportRow>`
        WITH g AS (${cohortRows(ctx, filter)})
        SELECT g.id, g.created_at, g.rubric_id, g.rubric_version, g.student_id, u.email AS student_email,
               nullif(u.display_name, '') AS student_name, g.grader_id, g.status, g.overall_score, g.score_structure,
               g.score_key_questions, g.score_reasoning, g.score_summary, g.score_communication, g.reviewed_by, g.reviewed_at
        FROM g LEFT JOIN users u ON u.institution_id = g.institution_id AND u.id::text = g.student_id
        ORDER BY g.created_at DESC, g.id DESC
        LIMIT ${EXPORT_MAX_ROWS + 1}`.execute(trx)).rows);
      if (rows.length > EXPORT_MAX_ROWS) {
        throw new DataError('invalid_input', `the export would hold more than ${EXPORT_MAX_ROWS} gradings; narrow the date range or the rubric`);
      }
      return rows.map(toExportRow);
    },
  };
}

interface ExportRow {
  id: string;
  created_at: Date;
  rubric_id: string;
  rubric_version: string;
  student_id: string | null;
  student_email: string | null;
  student_name: string | null;
  grader_id: string | null;
  status: GradingExportRow['status'];
  overall_score: number | null;
  score_structure: number | null;
  score_key_questions: number | null;
  score_reasoning: number | null;
  score_summary: number | null;
  score_communication: number | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
}

function toExportRow(row: ExportRow): GradingExportRow {
  return {
    id: row.id,
    createdAt: row.created_at,
    rubricId: row.rubric_id,
    rubricVersion: row.rubric_version,
    studentId: row.student_id,
    studentEmail: row.student_email,
    studentName: row.student_name,
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
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at,
  };
}
