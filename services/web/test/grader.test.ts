import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openFromNav } from './support/browser';
import { browserSuite } from './support/suite';

// A grader uploads a batch (one .txt per student, named after the student's email), watches
// the job to the end, then opens a grading from the review queue, removes the credit of a
// key question with a reason and sees the recomputed score and who reviewed it.

const DEMO = path.resolve(__dirname, '../../../scripts/src/local/demo/abdominal_pain_transcript.txt');

interface Stored {
  overall_score: number;
  report: { overall_score: number };
  machine_report: { overall_score: number } | null;
  review: { reviewed_by_name: string | null; overrides: { kind: string; id: string; decision: string; reason: string }[] } | null;
}

describe('web app: a grader uploads a batch and reviews a grading', function () {
  this.timeout(180_000);
  let files: string[];

  const suite = browserSuite('grader');

  before(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medgrade-batch-'));
    const lines = fs.readFileSync(DEMO, 'utf8').trim().split('\n');
    // Three students, three transcripts of different length (so different scores).
    files = ['student@demo.medgrade.local', 'student2@demo.medgrade.local', 'student3@demo.medgrade.local'].map((email, i) => {
      const file = path.join(dir, `${email}.txt`);
      fs.writeFileSync(file, lines.slice(0, lines.length - i * 6).join('\n'));
      return file;
    });
  });

  it('uploads one file per student and follows the job to the end', async () => {
    const { page } = suite.app;
    await openFromNav(page, 'Batch upload');
    await page.getByLabel('Rubric').selectOption('demo_abdominal_pain');
    await page.getByLabel('Transcript files (.txt, one per student)').setInputFiles(files);
    const rows = page.getByTestId('batch-rows').locator('tbody tr');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=batch-rows] tbody tr').length === 3);
    assert.equal(await page.getByLabel('Student email for student2@demo.medgrade.local.txt').inputValue(), 'student2@demo.medgrade.local');
    assert.equal(await rows.count(), 3);
    await suite.app.check('grader-batch-upload');
    await page.getByRole('button', { name: 'Grade 3 transcripts' }).click();
    await page.getByRole('heading', { name: 'Batch progress' }).waitFor();
    const progress = page.getByTestId('job-progress');
    assert.equal(await progress.getAttribute('max'), '3');
    await page.getByTestId('job-status').filter({ hasText: 'Finished: 3 graded.' }).waitFor({ timeout: 60_000 });
    assert.equal(await progress.getAttribute('value'), '3');
    assert.equal(await page.getByTestId('job-items').locator('tbody tr[data-status=done]').count(), 3);
    await suite.app.check('grader-job');
  });

  it('opens a grading from the review queue, overturns a decision and sees the score change', async () => {
    const { page } = suite.app;
    await openFromNav(page, 'Review queue');
    const first = page.getByTestId('review-queue').locator('tbody tr').first().getByRole('link');
    await first.waitFor();
    await suite.app.check('grader-review-queue');
    await first.click();
    await page.getByRole('heading', { name: 'Review', exact: true }).waitFor();
    const id = page.url().split('/').pop() ?? '';
    const decision = page.locator('li[data-decision^="key_question:"]').filter({ has: page.locator('.credited') }).first();
    const key = (await decision.getAttribute('data-decision')) ?? '';
    const questionId = key.split(':')[1] ?? '';
    const before = (await page.getByTestId('overall-score').textContent()) ?? '';
    await decision.getByLabel('Overturn: remove credit').check();
    await page.getByRole('button', { name: 'Save review' }).click();
    await decision.getByText('give a reason for overturning').waitFor();
    await decision.getByLabel(`Reason for ${questionId}`).fill('The question was asked by the patient, not the student');
    await page.getByRole('button', { name: 'Save review' }).click();
    const result = page.getByTestId('review-result');
    await result.waitFor();
    await page.getByTestId('reviewed-by').waitFor();

    const api = await suite.system.api(suite.system.user('grader'));
    const stored = await api.expect<Stored>(200, 'GET', `/api/v1/gradings/${id}`);
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    assert.ok(stored.machine_report, 'the machine report is kept');
    assert.equal(pct(stored.machine_report.overall_score), before);
    assert.ok(stored.report.overall_score < stored.machine_report.overall_score, 'removing a credit lowers the score');
    assert.equal((await result.textContent())?.replace(/\s+/g, ' '), `Score recomputed: ${before} → ${pct(stored.report.overall_score)}`);
    assert.equal(await page.getByTestId('overall-score').textContent(), pct(stored.report.overall_score));
    assert.deepEqual(stored.review?.overrides.map((o) => [o.kind, o.id, o.decision]), [['key_question', questionId, 'remove']]);
    assert.match((await page.getByTestId('reviewed-by').textContent()) ?? '', new RegExp(`Reviewed by ${stored.review?.reviewed_by_name ?? ''}`));
    await suite.app.check('grader-review');
    await openFromNav(page, 'Gradings');
    await page.getByTestId('gradings-table').locator('tbody tr').first().waitFor();
    assert.match((await page.getByTestId('gradings-table').textContent()) ?? '', /Demo student/);
    await suite.app.check('grader-gradings');
    assert.deepEqual(suite.app.errors, []);
    assert.deepEqual(await suite.app.violations(), []);
  });
});
