import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openApp } from './support/browser';
import { browserSuite } from './support/suite';

// Hostile text stays text: a rubric whose title and question label, a transcript, a summary and
// a user's display name carry <script>, <img onerror> and javascript: links. The pages show
// them literally; nothing runs (no dialog, no page change, no request to the image), no element
// or link is made from them, and neither the page nor the gateway sees a CSP violation.

const DEMO_DIR = path.resolve(__dirname, '../../../scripts/src/local/demo');
const RUBRIC_ID = 'web_hostile';
const SCRIPT = '<script>window.pwned = "script"; alert("script")</script>';
const IMG = '<img src=x onerror="window.pwned = \'img\'; alert(\'img\')">';
const LINK = '<a href="javascript:window.pwned=\'link\'">click me</a> javascript:alert(1)';
const HOSTILE = `${SCRIPT} ${IMG} ${LINK}`;

describe('web app: hostile content is inert', function () {
  this.timeout(180_000);
  let gradingId: string;
  const imageRequests: string[] = [];

  const suite = browserSuite('student', async (system) => {
    const teacher = await system.api(system.user('teacher'));
    const rubric = JSON.parse(fs.readFileSync(path.join(DEMO_DIR, 'abdominal_pain_v1.json'), 'utf8'));
    rubric.rubric_id = RUBRIC_ID;
    rubric.title = `Hostile ${SCRIPT}`;
    rubric.key_questions[0].label = `Where ${HOSTILE}`;
    const created = await teacher.expect<{ version: string }>(201, 'POST', '/api/v1/rubrics', rubric);
    await teacher.expect(200, 'POST', `/api/v1/rubrics/${RUBRIC_ID}/versions/${created.version}/approve`);
    const admin = await system.api(system.user('institution_admin'));
    await admin.expect(201, 'POST', '/api/v1/users', { email: 'hostile@demo.medgrade.local', password: 'hostile-password-1', role: 'student', display_name: `Eve ${IMG}` });
  });

  before(() => {
    suite.app.page.on('request', (request) => { if (/\/x$/.test(new URL(request.url()).pathname)) imageRequests.push(request.url()); });
  });

  async function assertInert(screen: string): Promise<void> {
    const { page } = suite.app;
    const state = await page.evaluate(() => ({
      pwned: (window as unknown as { pwned?: string }).pwned ?? null,
      scripts: Array.from(document.querySelectorAll('script')).filter((s) => !s.src).length,
      images: document.querySelectorAll('img').length,
      javascriptLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
      handlers: Array.from(document.querySelectorAll('*')).filter((el) => Array.from(el.attributes).some((a) => a.name.startsWith('on'))).length,
    }));
    assert.deepEqual(state, { pwned: null, scripts: 0, images: 0, javascriptLinks: 0, handlers: 0 }, screen);
    assert.deepEqual(suite.app.dialogs, [], `${screen}: no dialog opened`);
    assert.deepEqual(imageRequests, [], `${screen}: the injected image was never requested`);
    assert.deepEqual(await suite.app.violations(), [], `${screen}: the page saw no CSP violation`);
  }

  it('grades a hostile transcript and summary and shows them as text', async () => {
    const { page } = suite.app;
    const transcript = [
      `[00:01] Student: Where is the pain? ${SCRIPT}`,
      `[00:05] Patient: Here. ${IMG}`,
      `[00:09] Student: When did the pain start? ${LINK}`,
      '[00:12] Patient: Last night.',
    ].join('\n');
    await page.getByRole('link', { name: 'Submit', exact: true }).click();
    await page.getByLabel('Rubric').selectOption(RUBRIC_ID);
    await page.getByLabel('Transcript', { exact: true }).fill(transcript);
    await page.getByLabel('Written summary (optional)').fill(`Summary ${HOSTILE}`);
    await page.getByRole('button', { name: 'Submit for grading' }).click();
    await page.getByRole('heading', { name: 'Grading report' }).waitFor();
    gradingId = page.url().split('/').pop() ?? '';
    await page.locator('.utterance').first().waitFor();
    const words = await page.locator('.utterance .words').allTextContents();
    assert.ok(words[0]?.includes(SCRIPT), `shown literally: ${words[0]}`);
    assert.ok(words[1]?.includes(IMG));
    assert.ok((await page.locator('.summary-text').textContent())?.includes(HOSTILE));
    assert.ok((await page.locator('main').textContent())?.includes(`Hostile ${SCRIPT}`), 'the rubric title is shown as text');
    await assertInert('report');
    await suite.app.check('hostile-report');
  });

  it('shows the hostile rubric label as text on the rubric page', async () => {
    const { page } = suite.app;
    await page.goto(`${suite.system.url}/rubrics/${RUBRIC_ID}`);
    await page.getByTestId('key-questions').waitFor();
    assert.ok((await page.getByTestId('key-questions').textContent())?.includes(`Where ${HOSTILE}`));
    await assertInert('rubric page');
  });

  it('shows a hostile display name as text to the admin', async () => {
    const admin = await openApp(suite.system, suite.system.user('institution_admin'));
    try {
      await admin.page.getByRole('link', { name: 'Users', exact: true }).click();
      const row = admin.page.locator('tr[data-user="hostile@demo.medgrade.local"]');
      await row.waitFor();
      assert.ok((await row.textContent())?.includes(`Eve ${IMG}`));
      const images = await admin.page.evaluate(() => document.querySelectorAll('img').length);
      assert.equal(images, 0);
      assert.deepEqual(admin.dialogs, []);
      assert.deepEqual(await admin.violations(), []);
    } finally {
      await admin.close();
    }
  });

  it('leaves the gateway with no CSP report', async () => {
    // Reports are sent asynchronously; give the browser a moment to deliver any.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.ok(gradingId, 'the hostile grading was stored');
    assert.deepEqual(suite.system.cspReports(), []);
  });

  it('would have seen it: markup forced into the page is blocked by the CSP and reported', async () => {
    const { page } = suite.app;
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.pwned = 1">'));
    await page.waitForFunction(() => (window as unknown as { cspViolations: string[] }).cspViolations.length > 0);
    assert.equal(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned ?? null), null);
    const deadline = Date.now() + 10_000;
    while (suite.system.cspReports().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(suite.system.cspReports().length, 1, 'the gateway logged the report');
  });
});
