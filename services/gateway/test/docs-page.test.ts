import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { routeCatalog } from '../src/app';
import { testSystem, type TestSystem } from './support/system';

// The /docs page in a real headless Chromium: it must load its assets from the gateway
// itself (this machine has no internet) and list every operation of the API.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('gateway /docs page in headless Chromium', function () {
  this.timeout(120_000);
  let system: TestSystem;
  let browser: Browser | undefined;

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      // CI installs it (.ci/run); a developer machine without it skips with this reason.
      this.skip();
    }
    system = await testSystem();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
  });

  it('renders the operations list from /openapi.json with no request leaving the gateway', async () => {
    const page = await browser!.newPage();
    const foreign: string[] = [];
    const failed: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(system.url) && !request.url().startsWith('data:')) foreign.push(request.url());
    });
    page.on('requestfailed', (request) => failed.push(request.url()));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${system.url}/docs`);
    await page.waitForSelector('.opblock', { timeout: 60_000 });
    const operationIds = await page.$$eval('.opblock', (blocks) => blocks.map((b) => b.getAttribute('id') ?? ''));
    const summaries = await page.$$eval('.opblock-summary-path', (nodes) => nodes.map((n) => n.getAttribute('data-path') ?? n.textContent ?? ''));
    for (const route of routeCatalog()) {
      assert.ok(summaries.some((s) => s.includes(`/api/v1${route.path}`.replace(/[{}]/g, '')) || s.includes(`/api/v1${route.path}`)), `${route.method} ${route.path} not listed`);
    }
    assert.ok(operationIds.length >= routeCatalog().length, `only ${operationIds.length} operations rendered`);
    assert.equal(await page.title(), 'medgrade API');
    assert.deepEqual(foreign, [], 'the page fetched something outside the gateway');
    assert.deepEqual(failed, []);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
