import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openFromNav } from './support/browser';
import { browserSuite } from './support/suite';

// A teacher creates a rubric from its JSON, approves it, changes it in plain language
// (preview: patch, before/after, QA; then "save as new draft"), approves the new version and
// sees it; compares the two versions; and in the editor follows a QA error to its field.

const DEMO_RUBRIC = path.resolve(__dirname, '../../../scripts/src/local/demo/abdominal_pain_v1.json');
const RUBRIC_ID = 'web_teacher_abdominal';

describe('web app: a teacher edits a rubric in plain language and approves it', function () {
  this.timeout(180_000);

  const suite = browserSuite('teacher');

  it('creates a rubric from pasted JSON and approves its first version', async () => {
    const { page } = suite.app;
    const rubric = { ...JSON.parse(fs.readFileSync(DEMO_RUBRIC, 'utf8')), rubric_id: RUBRIC_ID, title: 'Abdominal pain (teacher test)' };
    await openFromNav(page, 'Rubrics');
    await page.getByRole('link', { name: 'New rubric' }).click();
    await page.getByLabel('Rubric JSON').fill('{ not json');
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByText('Not valid JSON').waitFor();
    await page.getByLabel('Rubric JSON').fill(JSON.stringify(rubric, null, 2));
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByText('Valid: ready to approve.').waitFor();
    await suite.app.check('teacher-new-rubric');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByTestId('shown-version').filter({ hasText: '1.0.0' }).waitFor();
    await page.getByRole('button', { name: 'Approve 1.0.0' }).click();
    await page.getByTestId('versions').getByText('approved').waitFor();
  });

  it('finds it in the library by search and status', async () => {
    const { page } = suite.app;
    await openFromNav(page, 'Rubrics');
    await page.getByLabel('Search rubrics').fill('teacher test');
    await page.getByTestId('rubrics-table').locator('tbody tr').filter({ hasText: RUBRIC_ID }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=rubrics-table] tbody tr').length === 1);
    await suite.app.check('teacher-library');
    await page.getByRole('link', { name: 'Abdominal pain (teacher test)' }).click();
    await page.getByRole('heading', { name: 'Abdominal pain (teacher test)' }).waitFor();
  });

  it('previews a plain-language edit, saves it as a new draft, approves it and shows the new version', async () => {
    const { page } = suite.app;
    await page.getByLabel('Describe the change').fill('mark the fever question critical');
    await page.getByRole('button', { name: 'Preview the change' }).click();
    const preview = page.getByTestId('edit-preview');
    await preview.waitFor();
    assert.match((await preview.getByTestId('patch').textContent()) ?? '', /replace \/key_questions\/5\/critical/);
    assert.match((await preview.getByTestId('diff').textContent()) ?? '', /\/key_questions\/5\/critical\s*false\s*true/);
    await preview.getByText('Valid: ready to approve.').waitFor();
    await suite.app.check('teacher-edit-preview');
    await preview.getByRole('button', { name: 'Save as new draft' }).click();
    await page.getByTestId('shown-version').filter({ hasText: '1.1.0' }).waitFor();
    await page.getByRole('button', { name: 'Approve 1.1.0' }).click();
    const row = page.getByTestId('versions').locator('tbody tr').filter({ hasText: '1.1.0' });
    await row.getByText('approved').waitFor();
    assert.match((await page.getByTestId('key-questions').textContent()) ?? '', /Fever or chills\?\s*critical/);
    const api = await suite.system.api(suite.system.user('teacher'));
    const latest = await api.expect<{ version: string; status: string; rubric: { key_questions: { id: string; critical: boolean }[] } }>(200, 'GET', `/api/v1/rubrics/${RUBRIC_ID}`);
    assert.equal(latest.version, '1.1.0');
    assert.equal(latest.rubric.key_questions.find((q) => q.id === 'fever')?.critical, true);
    await suite.app.check('teacher-rubric-page');
  });

  it('compares two versions', async () => {
    const { page } = suite.app;
    await page.getByLabel('From version').selectOption('1.0.0');
    await page.getByLabel('To version').selectOption('1.1.0');
    await page.getByRole('button', { name: 'Compare' }).click();
    const table = page.getByRole('table', { name: 'Changes from 1.0.0 to 1.1.0' });
    await table.waitFor();
    assert.match((await table.textContent()) ?? '', /\/key_questions\/5\/critical/);
  });

  it('moves the focus from a QA error in the editor to the field it points at', async () => {
    const { page } = suite.app;
    await page.getByRole('link', { name: 'Open in editor' }).click();
    await page.getByRole('heading', { name: /^Edit / }).waitFor();
    await page.getByText('Valid: ready to approve.').waitFor();
    const structureWeight = page.locator('#field_2fweights_2fstructure');
    await structureWeight.fill('0.9');
    const issue = page.locator('.qa-error button').filter({ hasText: '/weights' }).first();
    await issue.waitFor();
    const pointer = ((await issue.textContent()) ?? '').trim();
    await issue.click();
    const focused = await page.evaluate(() => document.activeElement?.id ?? '');
    assert.ok(focused.startsWith('field_2fweights'), `focus moved to ${focused} for ${pointer}`);
    await suite.app.check('teacher-editor');
    assert.deepEqual(suite.app.errors, []);
    assert.deepEqual(await suite.app.violations(), []);
  });
});
