import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openFromNav, signIn } from './support/browser';
import { browserSuite } from './support/suite';

// A student submits an encounter (uploading the transcript as a .txt file, with a written
// summary), reads the report, follows a citation to its highlighted span, and finds the
// grading in their history with the scores-over-time chart.

const DEMO = path.resolve(__dirname, '../../../scripts/src/local/demo/abdominal_pain_transcript.txt');

const seconds = (t: string) => t.split(':').reduce((total, part) => total * 60 + Number(part), 0);

/** The transcript's timestamps an oral citation A–B covers: utterances starting in [A, B), or at A for a zero-length span. */
function timesCovered(transcript: string, citation: string): string[] {
  const [start = '', end = ''] = citation.replace('student://oral#', '').split('\u2013');
  const times = [...transcript.matchAll(/^\[(\d+:\d{2}(?::\d{2})?)\]/gm)].map((m) => m[1] ?? '');
  const from = seconds(start);
  const to = seconds(end);
  return times.filter((t) => (from === to ? seconds(t) === from : seconds(t) >= from && seconds(t) < to));
}

describe('web app: a student submits and follows a citation', function () {
  this.timeout(180_000);

  const suite = browserSuite();

  it('shows the sign-in screen, then the student screens only', async () => {
    await suite.app.check('login');
    await signIn(suite.app.page, suite.system.user('student'));
    const nav = await suite.app.page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
    assert.deepEqual(nav, ['Submit', 'Gradings', 'Rubrics']);
  });

  it('submits an uploaded .txt transcript with a summary and shows the report', async () => {
    const { page } = suite.app;
    await openFromNav(page, 'Submit');
    await page.getByLabel('Rubric').selectOption('demo_abdominal_pain');
    await page.getByLabel('…or upload the transcript as a .txt file').setInputFiles(DEMO);
    await page.waitForFunction(() => (document.querySelector('textarea[name=oral_transcript]') as HTMLTextAreaElement).value.length > 100);
    await page.getByLabel('Written summary (optional)').fill('24-year-old woman with abdominal pain that migrated to the right lower quadrant, concerning for appendicitis; plan a pregnancy test.');
    await page.getByLabel('Feedback style').selectOption('detailed');
    await suite.app.check('student-submit');
    await page.getByRole('button', { name: 'Submit for grading' }).click();
    await page.getByRole('heading', { name: 'Grading report' }).waitFor();
    const id = page.url().split('/').pop() ?? '';
    const api = await suite.system.api(suite.system.user('student'));
    const stored = await api.expect<{ report: { overall_score: number } }>(200, 'GET', `/api/v1/gradings/${id}`);
    assert.equal(await page.getByTestId('overall-score').textContent(), `${(stored.report.overall_score * 100).toFixed(1)}%`);
    await page.locator('.utterance').first().waitFor();
    await suite.app.check('student-report');
  });

  it('scrolls the transcript to the cited span and highlights exactly it', async () => {
    const { page } = suite.app;
    const transcript = fs.readFileSync(DEMO, 'utf8');
    const buttons = page.locator('button.cite[data-citation^="student://oral#"]');
    assert.ok(await buttons.count() > 0, 'the report cites the student');
    const button = buttons.nth((await buttons.count()) - 1);
    const citation = (await button.getAttribute('data-citation')) ?? '';
    await page.evaluate(() => window.scrollTo(0, 0));
    await button.click();
    const expected = timesCovered(transcript, citation);
    assert.ok(expected.length > 0, `the citation ${citation} covers lines of the transcript`);
    await page.waitForFunction((n) => document.querySelectorAll('.utterance.highlighted').length === n, expected.length);
    assert.deepEqual(await page.locator('.utterance.highlighted .time').allTextContents(), expected);
    const first = page.locator('.utterance.highlighted').first();
    await page.waitForFunction(() => {
      const el = document.querySelector('.utterance.highlighted');
      const box = el?.getBoundingClientRect();
      return Boolean(box && box.top >= 0 && box.bottom <= window.innerHeight);
    });
    assert.equal(await first.evaluate((el) => el === document.activeElement), true, 'the cited span takes the focus');
    await suite.app.check('student-report-citation');
  });

  it('lists the grading in the history with the scores-over-time chart', async () => {
    const { page } = suite.app;
    await openFromNav(page, 'Gradings');
    await page.getByRole('heading', { name: 'Scores over time' }).waitFor();
    assert.equal(await page.locator('canvas[role=img]').count(), 1);
    const rows = page.getByTestId('gradings-table').locator('tbody tr');
    assert.ok(await rows.count() >= 1);
    await suite.app.check('student-history');
    assert.deepEqual(suite.app.errors, []);
    assert.deepEqual(await suite.app.violations(), []);
  });

  it('keeps the session over a reload through the refresh cookie alone, and ends it on sign-out', async () => {
    const { page } = suite.app;
    await page.reload();
    await page.getByTestId('signed-in-as').waitFor();
    const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookies: document.cookie }));
    assert.deepEqual(stored, { local: 0, session: 0, cookies: '' }, 'no token where a script could read it');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.equal(await page.getByTestId('signed-in-as').count(), 0);
  });
});
