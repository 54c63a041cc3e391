// Cohort analytics, computed by PostgreSQL: aggregates over the score columns and the stored
// report jsonb of one rubric's gradings (optionally one version) over a time range. A
// reviewed grading's report and scores are the reviewed ones, so every figure counts the
// reviewed result. Everything runs under withTenant: row-level security holds as for any
// other read. The index behind these queries is grading_sessions_rubric (rubric and time
// range); see docs/data.md.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { AnalyticsRepository } from '../api';
import { DataError } from '../errors';
import type { Database } from '../db/schema';
import { withTenant } from '../db/tenant';
import type { CohortAnalytics, CohortFilter, GradingExportRow, ItemShare, StudentCohortRow, TenantContext } from '../types';
import { checkContext, componentScoresOf, decodeCursor, encodeCursor, pageLimit, uuidOrNull } from './common';

/** The CSV export refuses more rows than this (narrow the range instead). */
export const EXPORT_MAX_ROWS = 50_000;

const HISTOGRAM_BINS = 10;

/** The filter's conditions on grading_sessions g. */
function cohortConditions(ctx: TenantContext, filter: Partial<CohortFilter> & { studentId?: string }): RawBuilder<unknown> {
  const conditions = [sql`g.institution_id = ${ctx.institutionId}::uuid`, sql`g.status <> 'failed'`];
  if (filter.rubricId !== undefined) conditions.push(sql`g.rubric_id = ${filter.rubricId}`);
  if (filter.version) conditions.push(sql`g.rubric_version = ${filter.version}`);
  if (filter.from) conditions.push(sql`g.created_at >= ${filter.from}`);
  if (filter.to) conditions.push(sql`g.created_at < ${filter.to}`);
  if (filter.studentId !== undefined) conditions.push(sql`g.student_id = ${filter.studentId}`);
  return sql.join(conditions, sql` AND `);
}

/** The student's account of each row of g (which carries student_uuid), as u. */
const STUDENT_JOIN = sql`LEFT JOIN users u ON u.institution_id = g.institution_id AND u.id = g.student_uuid`;

/** The rubric's versions in scope (one, or all), for the labels and definitions of their items. */
function versionRows(ctx: TenantContext, filter: CohortFilter): RawBuilder<unknown> {
  const version = filter.version ? sql` AND rv.version = ${filter.version}` : sql``;
  return sql`SELECT rv.version, rv.major, rv.minor, rv.patch, rv.body FROM rubric_versions rv
             WHERE rv.institution_id = ${ctx.institutionId}::uuid AND rv.rubric_id = ${filter.rubricId}${version}`;
}

/** Each item of the newest version defining it: id, label and (questions) whether it is critical. */
function definitions(items: RawBuilder<unknown>, label: string): RawBuilder<unknown> {
  return sql`SELECT DISTINCT ON (d->>'id') d->>'id' AS id, d->>${label} AS label, (d->>'critical')::boolean AS critical
             FROM versions rv CROSS JOIN LATERAL jsonb_array_elements(${items}) d
             ORDER BY d->>'id', rv.major DESC, rv.minor DESC, rv.patch DESC`;
}

/**
 * Found and missed items (key questions or reasoning links) tallied with their definitions: a
 * grading is judged on exactly the items its report lists as found or as missing.
 */
function missedItems(found: string, foundId: string, missing: string, defs: string): RawBuilder<unknown> {
  return sql`SELECT j.id, defs.label, coalesce(defs.critical, false) AS critical,
                    count(*) FILTER (WHERE j.missed)::int AS count, count(*)::int AS total
             FROM (SELECT f->>${foundId} AS id, false AS missed FROM g CROSS JOIN LATERAL jsonb_array_elements(${sql.ref(found)}) f
                   UNION ALL
                   SELECT m, true FROM g CROSS JOIN LATERAL jsonb_array_elements_text(${sql.ref(missing)}) m) j
             LEFT JOIN ${sql.table(defs)} defs ON defs.id = j.id
             GROUP BY j.id, defs.label, defs.critical`;
}

interface CohortRow {
  gradings: number;
  reviewed: number;
  students: number;
  mean_overall: number | null;
  averages: CohortAnalytics['componentAverages'];
  bins: { bin: number; count: number }[];
  questions: ItemRow[];
  links: ItemRow[];
  penalties: ItemRow[];
}

/**
 * Every figure in one statement, so they agree and each report is read once: the stored jsonb
 * is decompressed a single time per grading (jsonb_to_record of its details; every `->` on the
 * stored column would decompress it again), and only the small arrays the figures need are
 * kept (g). The rubric versions' definitions are read once too. Penalties count among the
 * gradings whose structure was evaluated against a version that defines them.
 */
function cohortQuery(ctx: TenantContext, filter: CohortFilter): RawBuilder<CohortRow> {
  return sql<CohortRow>`
    WITH g AS MATERIALIZED (
      SELECT g.rubric_version, g.student_id, g.reviewed_at, g.overall_score, g.score_structure, g.score_key_questions,
             g.score_reasoning, g.score_summary, g.score_communication,
             d.key_questions->'matches' AS q_found, d.key_questions->'unmatched' AS q_missing,
             d.reasoning->'detected' AS l_found, d.reasoning->'missing' AS l_missing,
             d.structure->'penalties_applied' AS applied, jsonb_typeof(d.structure) = 'object' AS structured
      FROM grading_sessions g
      CROSS JOIN LATERAL jsonb_to_record(g.report->'details') AS d(key_questions jsonb, reasoning jsonb, structure jsonb)
      WHERE ${cohortConditions(ctx, filter)}
    ),
    versions AS MATERIALIZED (${versionRows(ctx, filter)}),
    question_defs AS (${definitions(sql`rv.body->'key_questions'`, 'label')}),
    link_defs AS (${definitions(sql`rv.body->'reasoning'->'required_links'`, 'description')}),
    penalty_defs AS (${definitions(sql`rv.body->'structure'->'penalties'`, 'description')}),
    version_penalties AS MATERIALIZED (
      SELECT rv.version, p->>'id' AS id FROM versions rv CROSS JOIN LATERAL jsonb_array_elements(rv.body->'structure'->'penalties') p
    ),
    penalty_judged AS (
      SELECT vp.id, EXISTS (SELECT 1 FROM jsonb_array_elements(g.applied) a WHERE a->>'id' = vp.id) AS applied
      FROM g JOIN version_penalties vp ON vp.version = g.rubric_version
      WHERE g.structured
    )
    SELECT
      (SELECT count(*)::int FROM g) AS gradings,
      (SELECT count(reviewed_at)::int FROM g) AS reviewed,
      (SELECT count(DISTINCT student_id)::int FROM g) AS students,
      (SELECT avg(overall_score) FROM g) AS mean_overall,
      (SELECT json_build_object('structure', avg(score_structure), 'key_questions', avg(score_key_questions), 'reasoning', avg(score_reasoning),
                                'summary', avg(score_summary), 'communication', avg(score_communication)) FROM g) AS averages,
      (SELECT coalesce(json_agg(b), '[]') FROM (
         SELECT least(width_bucket(overall_score, 0, 1, ${HISTOGRAM_BINS}), ${HISTOGRAM_BINS}) AS bin, count(*)::int AS count
         FROM g WHERE overall_score IS NOT NULL GROUP BY 1) b) AS bins,
      (SELECT coalesce(json_agg(q), '[]') FROM (${missedItems('q_found', 'question_id', 'q_missing', 'question_defs')}) q) AS questions,
      (SELECT coalesce(json_agg(l), '[]') FROM (${missedItems('l_found', 'link_id', 'l_missing', 'link_defs')}) l) AS links,
      (SELECT coalesce(json_agg(p), '[]') FROM (
         SELECT j.id, defs.label, false AS critical, count(*) FILTER (WHERE j.applied)::int AS count, count(*)::int AS total
         FROM penalty_judged j LEFT JOIN penalty_defs defs ON defs.id = j.id GROUP BY j.id, defs.label) p) AS penalties`;
}

interface ItemRow {
  id: string;
  label: string | null;
  critical: boolean;
  count: number;
  total: number;
}

/** Most missed (or applied) first, then by id. */
function shares(rows: ItemRow[]): (ItemShare & { critical: boolean })[] {
  return rows
    .map((row) => ({ id: row.id, label: row.label, critical: row.critical, count: row.count, total: row.total, share: row.total > 0 ? row.count / row.total : 0 }))
    .sort((a, b) => b.share - a.share || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function histogramOf(bins: CohortRow['bins']): CohortAnalytics['histogram'] {
  const counts = new Map(bins.map((row) => [Number(row.bin), row.count]));
  return Array.from({ length: HISTOGRAM_BINS }, (_, i) => ({
    from: i / HISTOGRAM_BINS,
    to: (i + 1) / HISTOGRAM_BINS,
    count: counts.get(i + 1) ?? 0,
  }));
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
      const row = await withTenant(db, ctx, async (trx) => (await cohortQuery(ctx, filter).execute(trx)).rows[0] as CohortRow);
      const withoutCritical = ({ critical: _unused, ...item }: ItemShare & { critical: boolean }): ItemShare => item;
      return {
        gradings: row.gradings,
        reviewed: row.reviewed,
        students: row.students,
        meanOverall: row.mean_overall,
        histogram: histogramOf(row.bins),
        componentAverages: row.averages,
        missedQuestions: shares(row.questions),
        missedLinks: shares(row.links).map(withoutCritical),
        penalties: shares(row.penalties).map(withoutCritical),
      };
    },

    async students(ctx, filter) {
      checkContext(ctx);
      const limit = pageLimit(filter.limit);
      const after = studentCursor(filter.cursor);
      const rows = await withTenant(db, ctx, async (trx) => (await sql<StudentRow>`
        WITH per_student AS (
          SELECT g.institution_id, g.student_id, ${uuidOrNull('g.student_id')} AS student_uuid,
                 count(*)::int AS gradings, avg(g.overall_score) AS mean_overall,
                 (array_agg(g.overall_score ORDER BY g.created_at DESC, g.id DESC))[1] AS last_overall,
                 max(g.created_at) AS last_graded_at
          FROM grading_sessions g
          WHERE ${cohortConditions(ctx, filter)} AND g.student_id IS NOT NULL
          GROUP BY g.institution_id, g.student_id
        ),
        named AS (
          SELECT g.student_id, u.email, nullif(u.display_name, '') AS display_name, coalesce(lower(u.email), '') AS sort_key,
                 g.gradings, g.mean_overall, g.last_overall, g.last_graded_at
          FROM per_student g ${STUDENT_JOIN}
        )
        SELECT * FROM named
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
        SELECT g.id, g.created_at, g.rubric_id, g.rubric_version, g.student_id, u.email AS student_email,
               nullif(u.display_name, '') AS student_name, g.grader_id, g.status, g.overall_score, g.score_structure,
               g.score_key_questions, g.score_reasoning, g.score_summary, g.score_communication, g.reviewed_by, g.reviewed_at
        FROM (SELECT g.id, g.institution_id, g.created_at, g.rubric_id, g.rubric_version, g.student_id, ${uuidOrNull('g.student_id')} AS student_uuid,
                     g.grader_id, g.status, g.overall_score, g.score_structure, g.score_key_questions, g.score_reasoning, g.score_summary,
                     g.score_communication, g.reviewed_by, g.reviewed_at
              FROM grading_sessions g WHERE ${cohortConditions(ctx, filter)}
              ORDER BY g.created_at DESC, g.id DESC LIMIT ${EXPORT_MAX_ROWS + 1}) g
        ${STUDENT_JOIN}
        ORDER BY g.created_at DESC, g.id DESC`.execute(trx)).rows);
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
    componentScores: componentScoresOf(row),
    reviewedBy: row.reviewed_by,
    reviewedAt: row.reviewed_at,
  };
}
