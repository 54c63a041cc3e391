// The callbacks these tests hand to page.evaluate run in the browser: they need the DOM's types.
/// <reference lib="dom" />
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { AxeResults, Result } from 'axe-core';
import type { Credential } from '../../../../scripts/src/local/seed';
import type { WebSystem } from './system';

// A page of the web app in its own browser context (own cookies), with what the tests watch:
// page errors, dialogs (an alert() from injected script would be one) and CSP violations as the
// browser reports them to the page, plus an axe-core check and a screenshot of each screen.

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AppPage {
  page: Page;
  errors: string[];
  dialogs: string[];
  /** securitypolicyviolation events seen by the page. */
  violations(): Promise<string[]>;
  /** axe-core on the current screen (zero serious/critical allowed), then a full-page screenshot. */
  check(screen: string): Promise<void>;
  close(): Promise<void>;
}

export interface AxeRecord {
  screen: string;
  violations: { id: string; impact: string | null | undefined; nodes: number }[];
}

/** Every screen checked in this run, written next to the screenshots at the end. */
export const axeRecords: AxeRecord[] = [];

export async function openApp(system: WebSystem, credential?: Credential): Promise<AppPage> {
  const context = await system.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
  // Runs before the app's own script, outside the page's CSP (the browser's automation channel).
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(system.url);
  if (credential) await signIn(page, credential);
  return {
    page,
    errors,
    dialogs,
    violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
    async check(screen) {
      await page.waitForFunction(() => !document.querySelector('.loading'));
      await page.evaluate(AXE_SOURCE);
      const results = await page.evaluate(() => (window as unknown as { axe: { run(ctx: Document): Promise<AxeResults> } }).axe.run(document));
      const record = { screen, violations: results.violations.map((v: Result) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })) };
      axeRecords.push(record);
      await page.screenshot({ path: path.join(system.screenshotDir, `${screen}.png`), fullPage: true });
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`), [], `axe on ${screen}`);
    },
    close: () => context.close(),
  };
}

export async function signIn(page: Page, credential: Credential): Promise<void> {
  await page.getByLabel('Email').fill(credential.email);
  await page.getByLabel('Password').fill(credential.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

/** Goes to a screen through the main navigation, as a person would. */
export async function openFromNav(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
}
