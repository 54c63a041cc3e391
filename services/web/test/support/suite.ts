import * as fs from 'node:fs';
import * as path from 'node:path';
import { openApp, type AppPage } from './browser';
import { CHROMIUM, webSystem, type WebSystem } from './system';

export interface Suite {
  system: WebSystem;
  app: AppPage;
}

/**
 * Inside a describe: the shared system and a page signed in as the demo user of `role` (none:
 * the sign-in screen), after `setup` prepared what the suite needs. Skips without Chromium.
 */
export function browserSuite(role?: string, setup?: (system: WebSystem) => Promise<void>): Suite {
  const suite = {} as Suite;
  before(async function () {
    this.timeout(300_000);
    if (!fs.existsSync(CHROMIUM)) this.skip();
    suite.system = await webSystem();
    await setup?.(suite.system);
    suite.app = await openApp(suite.system, role ? suite.system.user(role) : undefined);
  });
  afterEach(async function () {
    // A failed step leaves a picture of the screen it failed on.
    if (this.currentTest?.state === 'failed' && suite.app) {
      const name = `FAILED ${this.currentTest.fullTitle()}`.replace(/[^A-Za-z0-9 ._-]+/g, '').slice(0, 120);
      await suite.app.page.screenshot({ path: path.join(suite.system.screenshotDir, `${name}.png`), fullPage: true }).catch(() => undefined);
    }
  });
  after(async () => { await suite.app?.close(); });
  return suite;
}
