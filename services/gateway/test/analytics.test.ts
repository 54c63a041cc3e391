import * as assert from 'node:assert/strict';
import { applyJsonPatch } from '@medgrade/core';
import { approvedRubric, assertProblem, createInstitution, fixtureRubric, fixtureTranscript, type TestInstitution } from './support/api';
import { testSystem, type TestSystem } from './support/system';

// Cohort analytics over HTTP against a cohort graded through the API. Every expected figure is
// worked out here, in JavaScript, from the reports the API returns one by one; PostgreSQL's
// aggregates must agree with them, count reviewed gradings as reviewed, follow the filters,
// stay inside the institution, and come out of the CSV exports inert.

const COMPONENTS = ['structure', 'key_questions', 'reasoning', 'summary', 'communication'] as const;
const HOSTILE_NAME = '=HYPERLINK("http://evil.example","click")';
const HOSTILE_LABEL = '@SUM(1+1)*cmd|calc';

interface Report {
  rubric_version: string;
  overall_score: number;
  component_scores: Record<string, number>;
  details: {
    structure: { penalties_applied: { id: string }[] };
    key_questions: { matches: { question_id: string }[]; unmatched: string[] };
    reasoning: { detected: { link_id: string }[]; missing: string[] };
  };
}

/** Variants of the fixture transcript, from complete to poor, so the cohort's scores spread. */
const TRANSCRIPTS = [
  (t: string) => t,
  (t: string) => t.split('\n').filter((l) => !/palpitations|heart races/.test(l)).join('\n'),
  (t: string) => t.split('\n').filter((l) => !/family|uncle/.test(l)).join('\n'),
  (t: string) => t.split('\n').filter((l) => !/In summary/.test(l)).join('\n'),
  (t: string) => t.split('\n').filter((l) => !/warning|No, I just|exercise|sprinting|In summary/.test(l)).join('\n'),
];

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const close = (actual: number | null, expected: number | null, what: string) => {
  if (expected === null) assert.equal(actual, null, what);
  else assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);
};

/** The figures the analytics endpoint must show, computed from the reports themselves. */
function expectedFigures(reports: Report[], students: number, penaltiesByVersion: Record<string, string[]>) {
  const histogram = Array.from({ length: 10 }, () => 0);
  for (const r of reports) histogram[Math.min(9, Math.floor(r.overall_score * 10))]! += 1;
  const tally = (pick: (r: Report) => { found: string[]; missing: string[] }) => {
    const counts = new Map<string, { missed: number; total: number }>();
    for (const r of reports) {
      const { found, missing } = pick(r);
      for (const id of [...found, ...missing]) {
        const entry = counts.get(id) ?? { missed: 0, total: 0 };
        entry.total += 1;
        if (missing.includes(id)) entry.missed += 1;
        counts.set(id, entry);
      }
    }
    return counts;
  };
  const penalties = new Map<string, { applied: number; total: number }>();
  for (const r of reports) {
    for (const id of penaltiesByVersion[r.rubric_version] ?? []) {
      const entry = penalties.get(id) ?? { applied: 0, total: 0 };
      entry.total += 1;
      if (r.details.structure.penalties_applied.some((p) => p.id === id)) entry.applied += 1;
      penalties.set(id, entry);
    }
  }
  return {
    gradings: reports.length,
    students,
    mean_overall: mean(reports.map((r) => r.overall_score)),
    histogram,
    components: Object.fromEntries(COMPONENTS.map((c) => [c, mean(reports.map((r) => r.component_scores[c]!))])),
    questions: tally((r) => ({ found: r.details.key_questions.matches.map((m) => m.question_id), missing: r.details.key_questions.unmatched })),
    links: tally((r) => ({ found: r.details.reasoning.detected.map((d) => d.link_id), missing: r.details.reasoning.missing })),
    penalties,
  };
}

/** RFC 4180 reader, enough for the exports (quoted cells, doubled quotes, CRLF); fetch's text() has dropped the BOM. */
function parseCsv(text: string): string[][] {
  assert.ok(text.endsWith('\r\n'), 'CRLF-terminated lines');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += c;
  }
  return rows;
}

describe('gateway cohort analytics', function () {
  this.timeout(180_000);
  let system: TestSystem;
  let school: TestInstitution;
  let rubricId: string;
  const studentIds: string[] = [];
  const gradingIds: string[] = [];
  const penaltiesByVersion: Record<string, string[]> = {};

  before(async () => {
    system = await testSystem();
    school = await createInstitution(system.url, system.admin);
    const teacher = school.members.teacher.api;
    const rubric = fixtureRubric();
    rubricId = await approvedRubric(teacher, rubric);
    // Version 1.1.0 asks one more question (with a hostile label) and drops the penalty.
    const v11 = await teacher.ok(201, 'PATCH', `/api/v1/rubrics/${rubricId}`, {
      base_version: '1.0.0',
      operations: [
        { op: 'add', path: '/key_questions/-', value: { id: 'medicines', anchor: '#S.q.meds', label: HOSTILE_LABEL, critical: false, phrases: ['take any medicines'] } },
        { op: 'replace', path: '/structure/penalties', value: [] },
      ],
    });
    await teacher.ok(200, 'POST', `/api/v1/rubrics/${rubricId}/versions/${v11.version}/approve`);
    penaltiesByVersion['1.0.0'] = ['missing_summary'];
    penaltiesByVersion['1.1.0'] = [];
    const admin = school.members.institution_admin.api;
    for (let i = 0; i < 4; i++) {
      const user = await admin.ok(201, 'POST', '/api/v1/users', {
        email: `cohort-${i}-${school.id.slice(0, 8)}@test.medgrade.local`, password: 'cohort-password-1', role: 'student',
        display_name: i === 0 ? HOSTILE_NAME : `Cohort student ${i}`,
      });
      studentIds.push(user.id);
    }
    const grader = school.members.grader.api;
    let n = 0;
    for (const version of ['1.0.0', '1.1.0']) {
      for (const [s, studentId] of studentIds.entries()) {
        for (let k = 0; k < 2; k++) {
          const transcript = TRANSCRIPTS[(s + k + (version === '1.1.0' ? 2 : 0)) % TRANSCRIPTS.length]!(fixtureTranscript());
          const graded = await grader.ok(201, 'POST', '/api/v1/gradings', { rubric_id: rubricId, rubric_version: version, student_id: studentId, oral_transcript: transcript });
          gradingIds.push(graded.grading_id);
          n++;
        }
      }
    }
    assert.equal(n, 16);
  });

  async function currentReports(version?: string): Promise<Report[]> {
    const teacher = school.members.teacher.api;
    const reports = await Promise.all(gradingIds.map(async (id) => (await teacher.ok(200, 'GET', `/api/v1/gradings/${id}`)).report as Report));
    return reports.filter((r) => !version || r.rubric_version === version);
  }

  function assertFigures(actual: any, expected: ReturnType<typeof expectedFigures>): void {
    assert.equal(actual.gradings, expected.gradings);
    assert.equal(actual.students, expected.students);
    close(actual.mean_overall, expected.mean_overall, 'mean_overall');
    assert.deepEqual(actual.histogram.map((b: { count: number }) => b.count), expected.histogram);
    assert.deepEqual(actual.histogram.map((b: { from: number; to: number }) => [b.from, b.to]), Array.from({ length: 10 }, (_, i) => [i / 10, (i + 1) / 10]));
    for (const c of COMPONENTS) close(actual.component_averages[c], expected.components[c] ?? null, c);
    assert.deepEqual(
      Object.fromEntries(actual.missed_questions.map((q: any) => [q.question_id, { missed: q.missed, total: q.total }])),
      Object.fromEntries(expected.questions),
    );
    for (const q of actual.missed_questions) close(q.share, q.missed / q.total, `share of ${q.question_id}`);
    const shares = actual.missed_questions.map((q: { share: number }) => q.share);
    assert.deepEqual(shares, [...shares].sort((a: number, b: number) => b - a), 'most missed first');
    assert.deepEqual(
      Object.fromEntries(actual.missed_links.map((l: any) => [l.link_id, { missed: l.missed, total: l.total }])),
      Object.fromEntries(expected.links),
    );
    assert.deepEqual(
      Object.fromEntries(actual.penalties.map((p: any) => [p.penalty_id, { applied: p.applied, total: p.total }])),
      Object.fromEntries(expected.penalties),
    );
  }

  it('agrees with the figures worked out from the reports, over all versions and for one', async () => {
    const teacher = school.members.teacher.api;
    const all = await teacher.ok(200, 'GET', `/api/v1/analytics/rubrics/${rubricId}`);
    const reports = await currentReports();
    assert.ok(new Set(reports.map((r) => r.overall_score)).size >= 4, 'the cohort spreads');
    assertFigures(all, expectedFigures(reports, 4, penaltiesByVersion));
    assert.equal(all.version, null);
    assert.equal(all.reviewed, 0);
    const medicines = all.missed_questions.find((q: { question_id: string }) => q.question_id === 'medicines');
    assert.equal(medicines.total, 8, 'a question counts only in the gradings of versions that have it');
    assert.equal(medicines.label, HOSTILE_LABEL);
    assert.equal(all.missed_questions.find((q: { question_id: string }) => q.question_id === 'prodrome').critical, true);
    assert.equal(all.missed_links[0].description, 'Exertional syncope suggests a cardiac cause');

    const v10 = await teacher.ok(200, 'GET', `/api/v1/analytics/rubrics/${rubricId}?version=1.0.0`);
    assertFigures(v10, expectedFigures(await currentReports('1.0.0'), 4, penaltiesByVersion));
    assert.equal(v10.version, '1.0.0');
    assert.ok(!v10.missed_questions.some((q: { question_id: string }) => q.question_id === 'medicines'));
  });

  it('counts a reviewed grading with its reviewed result', async () => {
    const grader = school.members.grader.api;
    const target = gradingIds[0]!;
    const before = await grader.ok(200, 'GET', `/api/v1/gradings/${target}`);
    const questionId = before.report.details.key_questions.matches[0].question_id;
    await grader.ok(200, 'POST', `/api/v1/gradings/${target}/review`, {
      overrides: [{ kind: 'key_question', id: questionId, decision: 'remove', reason: 'asked by the examiner, not the student' }],
    });
    const after = await school.members.teacher.api.ok(200, 'GET', `/api/v1/analytics/rubrics/${rubricId}`);
    assert.equal(after.reviewed, 1);
    const reports = await currentReports();
    assert.ok(reports[0]!.details.key_questions.unmatched.includes(questionId));
    assertFigures(after, expectedFigures(reports, 4, penaltiesByVersion));
  });

  it('follows the date range (a plain date as `to` includes that day) and refuses malformed ranges', async () => {
    const teacher = school.members.teacher.api;
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    assert.equal((await teacher.ok(200, 'GET', `/api/v1/analytics/rubrics/${rubricId}?from=${today}&to=${today}`)).gradings, 16);
    const none = await teacher.ok(200, 'GET', `/api/v1/analytics/rubrics/${rubricId}?from=${tomorrow}`);
    assert.deepEqual([none.gradings, none.students, none.mean_overall, none.missed_questions], [0, 0, null, []]);
    assert.equal((await teacher.ok(200, 'GET', `/api/v1/analytics/rubrics/${rubricId}?to=${yesterday}`)).gradings, 0);
    const future = new Date(Date.now() + 60_000).toISOString();
    assert.equal((await teacher.ok(200, 'GET', `/api/v1/analytics/rubrics/${rubricId}?to=${encodeURIComponent(future)}`)).gradings, 16);
    const bad = await teacher.get(`/api/v1/analytics/rubrics/${rubricId}?from=last-week`);
    assertProblem(bad, 400, 'bad-request');
    assert.deepEqual(bad.body.errors.map((e: { parameter: string }) => e.parameter), ['from']);
    assertProblem(await teacher.get(`/api/v1/analytics/rubrics/${rubricId}?from=${tomorrow}&to=${yesterday}`), 400, 'bad-request');
    assertProblem(await teacher.get(`/api/v1/analytics/rubrics/${rubricId}?version=one`), 400, 'bad-request');
  });

  it('lists each student with their figures, by email, a page at a time', async () => {
    const teacher = school.members.teacher.api;
    const rows: any[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: any[]; next_cursor: string | null } = await teacher.ok(200, 'GET', `/api/v1/analytics/rubrics/${rubricId}/students?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      rows.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    assert.deepEqual(rows.map((r) => r.student_id).sort(), [...studentIds].sort());
    assert.deepEqual(rows.map((r) => r.email), rows.map((r) => r.email).sort());
    const gradings = await Promise.all(gradingIds.map(async (id) => teacher.ok(200, 'GET', `/api/v1/gradings/${id}`)));
    for (const row of rows) {
      const own = gradings.filter((g) => g.student_id === row.student_id).sort((a, b) => b.created_at.localeCompare(a.created_at));
      assert.equal(row.gradings, 4);
      close(row.mean_overall, mean(own.map((g) => g.overall_score)), 'student mean');
      assert.equal(row.last_overall, own[0].overall_score);
      assert.equal(row.last_graded_at, own[0].created_at);
    }
    assert.equal(rows.find((r) => r.student_id === studentIds[0]).display_name, HOSTILE_NAME);
  });

  it('exports the analytics and the gradings as CSV with formula-like text made inert', async () => {
    const teacher = school.members.teacher.api;
    const analytics = await teacher.get(`/api/v1/analytics/rubrics/${rubricId}/export.csv`);
    assert.equal(analytics.status, 200);
    const raw = await fetch(`${system.url}/api/v1/analytics/rubrics/${rubricId}/export.csv`, { headers: { authorization: `Bearer ${teacher.token}` } });
    assert.deepEqual([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark for spreadsheets');
    assert.equal(analytics.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(analytics.headers.get('content-disposition') ?? '', /^attachment; filename="analytics-/);
    const table = parseCsv(analytics.body);
    assert.deepEqual(table[0], ['section', 'id', 'label', 'value', 'count', 'total', 'share']);
    const figures = await teacher.ok(200, 'GET', `/api/v1/analytics/rubrics/${rubricId}`);
    assert.deepEqual(table.find((r) => r[0] === 'summary' && r[1] === 'gradings')?.[4], String(figures.gradings));
    assert.equal(Number(table.find((r) => r[0] === 'summary' && r[1] === 'mean_overall')?.[3]), figures.mean_overall);
    assert.deepEqual(table.filter((r) => r[0] === 'histogram').map((r) => Number(r[4])), figures.histogram.map((b: { count: number }) => b.count));
    assert.equal(table.find((r) => r[0] === 'question' && r[1] === 'medicines')?.[2], `'${HOSTILE_LABEL}`);
    assert.equal(table.filter((r) => r[0] === 'student').length, 4);

    const exported = await teacher.get(`/api/v1/gradings/export.csv?rubric_id=${rubricId}`);
    assert.equal(exported.status, 200);
    const rows = parseCsv(exported.body);
    assert.equal(rows[0]![0], 'grading_id');
    assert.equal(rows.length, 1 + 16);
    assert.deepEqual(rows.slice(1).map((r) => r[0]).sort(), [...gradingIds].sort());
    const nameColumn = rows[0]!.indexOf('student_name');
    const hostile = rows.slice(1).filter((r) => r[nameColumn]!.includes('HYPERLINK'));
    assert.equal(hostile.length, 4);
    for (const row of hostile) assert.equal(row[nameColumn], `'${HOSTILE_NAME}`);
    assert.ok(!exported.body.includes(`,${HOSTILE_NAME}`) && !exported.body.includes(`,"${HOSTILE_NAME}`), 'never a cell starting with =');
    const reviewed = rows.slice(1).filter((r) => r[rows[0]!.indexOf('reviewed_by')] !== '');
    assert.deepEqual(reviewed.map((r) => r[0]), [gradingIds[0]]);
    const one = parseCsv((await teacher.get(`/api/v1/gradings/export.csv?student_id=${studentIds[1]}&version=1.1.0`)).body);
    assert.equal(one.length, 1 + 2);
  });

  it('is the caller\'s institution only, and for teachers and institution admins only', async () => {
    const other = await createInstitution(system.url, system.admin);
    const empty = await other.members.teacher.api.ok(200, 'GET', `/api/v1/analytics/rubrics/${rubricId}`);
    assert.deepEqual([empty.gradings, empty.missed_questions, empty.penalties], [0, [], []]);
    assert.equal(parseCsv((await other.members.teacher.api.get('/api/v1/gradings/export.csv')).body).length, 1);
    assert.equal((await school.members.institution_admin.api.ok(200, 'GET', `/api/v1/analytics/rubrics/${rubricId}`)).gradings, 16);
    for (const role of ['grader', 'student'] as const) {
      assertProblem(await school.members[role].api.get(`/api/v1/analytics/rubrics/${rubricId}`), 403, 'forbidden');
      assertProblem(await school.members[role].api.get('/api/v1/gradings/export.csv'), 403, 'forbidden');
    }
  });

  it('the version diff turns one version into the other', async () => {
    const teacher = school.members.teacher.api;
    const diff = await teacher.ok(200, 'GET', `/api/v1/rubrics/${rubricId}/diff?from=1.0.0&to=1.1.0`);
    const [v10, v11] = await Promise.all(['1.0.0', '1.1.0'].map(async (v) => (await teacher.ok(200, 'GET', `/api/v1/rubrics/${rubricId}?version=${v}`)).rubric));
    assert.deepEqual(applyJsonPatch(v10, diff.operations), v11);
    assert.deepEqual(diff.changes.map((c: { path: string; change: string }) => [c.path, c.change]), [
      ['/version', 'replace'], ['/structure/penalties/0', 'remove'], ['/key_questions/4', 'add'],
    ]);
    assert.deepEqual((await teacher.ok(200, 'GET', `/api/v1/rubrics/${rubricId}/diff?from=1.1.0&to=1.1.0`)).operations, []);
    assertProblem(await teacher.get(`/api/v1/rubrics/${rubricId}/diff?from=1.0.0&to=9.0.0`), 404, 'not-found');
    assertProblem(await teacher.get(`/api/v1/rubrics/${rubricId}/diff?from=1.0.0`), 400, 'bad-request');
  });
});
