import type { CohortAnalytics, CohortFilter, GradingExportRow, StudentCohortRow } from '@medgrade/data';
import { COMPONENTS } from '@medgrade/core';
import { csvDocument, csvHeaders, type CsvValue } from '../http/csv';
import { route, type RouteSpec } from '../http/route';
import {
  AnalyticsQuery, AnalyticsStudentsQuery, CohortAnalytics as CohortSchema, GradingExportQuery, IdParam, StudentCohortPage,
} from '../schemas';
import type { GatewayDeps } from './deps';

// Cohort analytics of a rubric (teachers, institution admins), computed by PostgreSQL in the
// data layer, and the CSV exports of the same figures and of the gradings themselves.

function cohortView(rubricId: string, filter: CohortFilter, figures: CohortAnalytics) {
  return {
    rubric_id: rubricId,
    version: filter.version ?? null,
    from: filter.from?.toISOString() ?? null,
    to: filter.to?.toISOString() ?? null,
    gradings: figures.gradings,
    reviewed: figures.reviewed,
    students: figures.students,
    mean_overall: figures.meanOverall,
    histogram: figures.histogram,
    component_averages: figures.componentAverages,
    missed_questions: figures.missedQuestions.map((q) => ({
      question_id: q.id, label: q.label, critical: q.critical, missed: q.count, total: q.total, share: q.share,
    })),
    missed_links: figures.missedLinks.map((l) => ({ link_id: l.id, description: l.label, missed: l.count, total: l.total, share: l.share })),
    penalties: figures.penalties.map((p) => ({ penalty_id: p.id, description: p.label, applied: p.count, total: p.total, share: p.share })),
  };
}

function studentView(row: StudentCohortRow) {
  return {
    student_id: row.studentId,
    email: row.email,
    display_name: row.displayName,
    gradings: row.gradings,
    mean_overall: row.meanOverall,
    last_overall: row.lastOverall,
    last_graded_at: row.lastGradedAt.toISOString(),
  };
}

const ANALYTICS_COLUMNS = ['section', 'id', 'label', 'value', 'count', 'total', 'share'];

/** The analytics as one table: a section per figure, one row per bin, component, item or student. */
function analyticsRows(figures: CohortAnalytics, students: StudentCohortRow[]): CsvValue[][] {
  return [
    ['summary', 'gradings', null, null, figures.gradings, null, null],
    ['summary', 'reviewed', null, null, figures.reviewed, null, null],
    ['summary', 'students', null, null, figures.students, null, null],
    ['summary', 'mean_overall', null, figures.meanOverall, null, null, null],
    ...figures.histogram.map((bin): CsvValue[] => ['histogram', `${bin.from.toFixed(1)}-${bin.to.toFixed(1)}`, null, null, bin.count, null, null]),
    ...COMPONENTS.map((c): CsvValue[] => ['component', c, null, figures.componentAverages[c], null, null, null]),
    ...figures.missedQuestions.map((q): CsvValue[] => ['question', q.id, q.label, null, q.count, q.total, q.share]),
    ...figures.missedLinks.map((l): CsvValue[] => ['link', l.id, l.label, null, l.count, l.total, l.share]),
    ...figures.penalties.map((p): CsvValue[] => ['penalty', p.id, p.label, null, p.count, p.total, p.share]),
    ...students.map((s): CsvValue[] => ['student', s.studentId, s.email, s.meanOverall, s.gradings, null, null]),
  ];
}

const GRADING_COLUMNS = [
  'grading_id', 'created_at', 'rubric_id', 'rubric_version', 'student_id', 'student_email', 'student_name', 'grader_id', 'status',
  'overall_score', ...COMPONENTS.map((c) => `score_${c}`), 'reviewed_by', 'reviewed_at',
];

function gradingRow(row: GradingExportRow): CsvValue[] {
  return [
    row.id, row.createdAt.toISOString(), row.rubricId, row.rubricVersion, row.studentId, row.studentEmail, row.studentName, row.graderId,
    row.status, row.overallScore, ...COMPONENTS.map((c) => row.componentScores[c]), row.reviewedBy, row.reviewedAt?.toISOString() ?? null,
  ];
}

const today = () => new Date().toISOString().slice(0, 10);

export function analyticsRoutes({ data }: GatewayDeps): RouteSpec[] {
  /** Every student row of the cohort (for the CSV), page after page. */
  async function allStudents(tenant: Parameters<typeof data.analytics.students>[0], filter: CohortFilter): Promise<StudentCohortRow[]> {
    const rows: StudentCohortRow[] = [];
    let cursor: string | null = null;
    do {
      const page = await data.analytics.students(tenant, { ...filter, cursor, limit: 100 });
      rows.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return rows;
  }

  return [
    route({
      method: 'get', path: '/analytics/rubrics/{id}', operationId: 'getCohortAnalytics', tag: 'analytics', permission: 'analytics.read',
      summary: 'Cohort figures of a rubric: score histogram, component averages, most-missed questions and links, penalties',
      description: 'Over the gradings of the rubric (one `version`, or all) created in [`from`, `to`). A reviewed grading counts '
        + 'with its reviewed result. A question, link or penalty counts only in the gradings whose rubric version has it.',
      params: IdParam,
      query: AnalyticsQuery,
      responses: { 200: { description: 'The figures', schema: CohortSchema } },
      problems: ['bad-request'],
      async handler({ params, query, caller }) {
        const filter: CohortFilter = { rubricId: params.id, version: query.version, from: query.from, to: query.to };
        return { body: cohortView(params.id, filter, await data.analytics.cohort(caller.tenant, filter)) };
      },
    }),
    route({
      method: 'get', path: '/analytics/rubrics/{id}/students', operationId: 'listCohortStudents', tag: 'analytics', permission: 'analytics.read',
      summary: 'Per-student figures of a rubric\'s cohort, by email, one page at a time',
      params: IdParam,
      query: AnalyticsStudentsQuery,
      responses: { 200: { description: 'One page', schema: StudentCohortPage } },
      problems: ['bad-request'],
      async handler({ params, query, caller }) {
        const page = await data.analytics.students(caller.tenant, {
          rubricId: params.id, version: query.version, from: query.from, to: query.to, cursor: query.cursor, limit: query.limit,
        });
        return { body: { items: page.items.map(studentView), next_cursor: page.nextCursor } };
      },
    }),
    route({
      method: 'get', path: '/analytics/rubrics/{id}/export.csv', operationId: 'exportCohortAnalytics', tag: 'analytics', permission: 'analytics.read',
      summary: 'The cohort figures and the per-student table as CSV',
      description: `Columns ${ANALYTICS_COLUMNS.join(', ')}; one section per figure. Text that a spreadsheet would take for a formula is prefixed with an apostrophe.`,
      params: IdParam,
      query: AnalyticsQuery,
      responses: { 200: { description: 'CSV', mediaType: 'text/csv', headers: ['Content-Disposition'] } },
      problems: ['bad-request'],
      async handler({ params, query, caller }) {
        const filter: CohortFilter = { rubricId: params.id, version: query.version, from: query.from, to: query.to };
        const [figures, students] = [await data.analytics.cohort(caller.tenant, filter), await allStudents(caller.tenant, filter)];
        return { text: csvDocument(ANALYTICS_COLUMNS, analyticsRows(figures, students)), headers: csvHeaders(`analytics-${params.id}-${today()}.csv`) };
      },
    }),
    route({
      method: 'get', path: '/gradings/export.csv', operationId: 'exportGradings', tag: 'analytics', permission: 'analytics.read',
      summary: 'Gradings as CSV, newest first: scores (reviewed where reviewed), student, reviewer',
      description: `Columns ${GRADING_COLUMNS.join(', ')}. At most 50,000 gradings (narrow the range otherwise).`,
      query: GradingExportQuery,
      responses: { 200: { description: 'CSV', mediaType: 'text/csv', headers: ['Content-Disposition'] } },
      problems: ['bad-request', 'validation-failed'],
      async handler({ query, caller }) {
        const rows = await data.analytics.gradingRows(caller.tenant, {
          rubricId: query.rubric_id, version: query.version, studentId: query.student_id, from: query.from, to: query.to,
        });
        return { text: csvDocument(GRADING_COLUMNS, rows.map(gradingRow)), headers: csvHeaders(`gradings-${query.rubric_id ?? 'all'}-${today()}.csv`) };
      },
    }),
  ];
}
