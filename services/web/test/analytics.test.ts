import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openFromNav } from './support/browser';
import { browserSuite } from './support/suite';

// Cohort analytics for a cohort this test makes through the API (its own rubric, four
// students, eight gradings of different quality, one of them reviewed). The expected figures
// are computed here from the gradings' own reports (the reviewed one where there is one), not
// read from the analytics endpoint, and must be what the teacher's screen shows.

const DEMO_DIR = path.resolve(__dirname, '../../../scripts/src/local/demo');
const RUBRIC_ID = 'web_analytics_cohort';
const COMPONENTS = ['structure', 'key_questions', 'reasoning', 'summary', 'communication'] as const;

interface Report {
  overall_score: number | null;
  component_scores: Record<string, number | null>;
  details: { key_questions: { unmatched: string[] } | null };
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('web app: cohort analytics show the figures of a seeded cohort', function () {
  this.timeout(180_000);
  let reports: { student: string; report: Report }[];
  let questions: { id: string; label: string }[];

  const suite = browserSuite('teacher', async (system) => {
    const teacher = await system.api(system.user('teacher'));
    const rubric = { ...JSON.parse(fs.readFileSync(path.join(DEMO_DIR, 'abdominal_pain_v1.json'), 'utf8')), rubric_id: RUBRIC_ID, title: 'Analytics cohort' };
    questions = rubric.key_questions;
    const created = await teacher.expect<{ version: string }>(201, 'POST', '/api/v1/rubrics', rubric);
    await teacher.expect(200, 'POST', `/api/v1/rubrics/${RUBRIC_ID}/versions/${created.version}/approve`);
    const admin = await system.api(system.user('institution_admin'));
    const students = (await admin.expect<{ items: { id: string; email: string }[] }>(200, 'GET', '/api/v1/users?role=student&limit=100')).items.slice(0, 4);
    assert.equal(students.length, 4, 'the demo has four students or more');
    const lines = fs.readFileSync(path.join(DEMO_DIR, 'abdominal_pain_transcript.txt'), 'utf8').trim().split('\n');
    const grader = await system.api(system.user('grader'));
    const ids: { student: string; id: string }[] = [];
    for (let i = 0; i < 8; i++) {
      const student = students[i % 4]!;
      const transcript = lines.filter((_, n) => n % (i + 2) !== 1 || n === lines.length - 1).slice(0, lines.length - i).join('\n');
      const graded = await grader.expect<{ grading_id: string }>(201, 'POST', '/api/v1/gradings', { rubric_id: RUBRIC_ID, student_id: student.id, oral_transcript: transcript });
      ids.push({ student: student.id, id: graded.grading_id });
    }
    const reviewed = ids[0]!.id;
    const first = await grader.expect<{ report: { details: { key_questions: { matches: { question_id: string }[] } } } }>(200, 'GET', `/api/v1/gradings/${reviewed}`);
    const credited = first.report.details.key_questions.matches[0]!.question_id;
    await grader.expect(200, 'POST', `/api/v1/gradings/${reviewed}/review`, { overrides: [{ kind: 'key_question', id: credited, decision: 'remove', reason: 'asked by the patient' }] });
    reports = [];
    for (const { student, id } of ids) {
      reports.push({ student, report: (await grader.expect<{ report: Report }>(200, 'GET', `/api/v1/gradings/${id}`)).report });
    }
  });

  it('shows the counts, mean, histogram and component averages computed from the reports', async () => {
    const { page } = suite.app;
    await openFromNav(page, 'Analytics');
    await page.getByLabel('Rubric').selectOption(RUBRIC_ID);
    await page.getByTestId('figure-gradings').filter({ hasText: /^8$/ }).waitFor();
    const overall = reports.map((r) => r.report.overall_score).filter((s): s is number => s !== null);
    assert.equal(await page.getByTestId('figure-students').textContent(), '4');
    assert.equal(await page.getByTestId('figure-reviewed').textContent(), '1');
    assert.equal(await page.getByTestId('figure-mean').textContent(), pct(mean(overall)));

    const bins = Array.from({ length: 10 }, () => 0);
    for (const s of overall) bins[Math.min(9, Math.floor(s * 10))]! += 1;
    const shown = await page.getByTestId('histogram-table').locator('tbody tr td:nth-child(2)').allTextContents();
    assert.deepEqual(shown.map(Number), bins);

    for (const c of COMPONENTS) {
      const values = reports.map((r) => r.report.component_scores[c]).filter((s): s is number => s !== null && s !== undefined);
      const cell = page.getByTestId('components-table').locator(`td[data-component=${c}]`);
      assert.equal(await cell.textContent(), values.length ? pct(mean(values)) : '—', c);
    }
    assert.equal(await page.locator('canvas[role=img]').count(), 2);
    await suite.app.check('analytics');
  });

  it('ranks the most-missed key questions with their share of gradings', async () => {
    const { page } = suite.app;
    const expected = questions.map((q) => {
      const missed = reports.filter((r) => r.report.details.key_questions?.unmatched.includes(q.id)).length;
      return { id: q.id, missed, share: missed / reports.length };
    }).sort((a, b) => b.share - a.share || a.id.localeCompare(b.id));
    const rows = page.getByTestId('missed-questions').locator('tbody tr');
    const shown = [];
    for (let i = 0; i < await rows.count(); i++) {
      const row = rows.nth(i);
      shown.push({ id: (await row.getAttribute('data-id')) ?? '', missed: Number(await row.locator('td').nth(1).textContent()), share: await row.locator('td').nth(2).textContent() });
    }
    assert.deepEqual(shown, expected.map((e) => ({ id: e.id, missed: e.missed, share: pct(e.share) })));
  });

  it('lists each student with their gradings and mean, and narrows to a date range', async () => {
    const { page } = suite.app;
    const table = page.getByTestId('students-table');
    await table.waitFor();
    const byStudent = new Map<string, number[]>();
    for (const r of reports) byStudent.set(r.student, [...(byStudent.get(r.student) ?? []), r.report.overall_score ?? 0]);
    assert.equal(await table.locator('tbody tr').count(), byStudent.size);
    const counts = (await table.locator('tbody tr td:nth-child(3)').allTextContents()).map(Number).sort();
    assert.deepEqual(counts, [...byStudent.values()].map((v) => v.length).sort());
    const means = (await table.locator('tbody tr td:nth-child(4)').allTextContents()).sort();
    assert.deepEqual(means, [...byStudent.values()].map((v) => pct(mean(v))).sort());

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('From (day)').fill(tomorrow);
    await page.getByTestId('figure-gradings').filter({ hasText: /^0$/ }).waitFor();
    await page.getByLabel('From (day)').fill(new Date().toISOString().slice(0, 10));
    await page.getByTestId('figure-gradings').filter({ hasText: /^8$/ }).waitFor();
  });

  it('exports the analytics as CSV', async () => {
    const { page } = suite.app;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export analytics (CSV)' }).click()]);
    const lines = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
    assert.equal(lines[0], 'section,id,label,value,count,total,share');
    assert.ok(lines.some((line) => line.startsWith('summary,') && line.includes('8')), lines.slice(0, 6).join('\n'));
    assert.deepEqual(suite.app.errors, []);
    assert.deepEqual(await suite.app.violations(), []);
  });
});
