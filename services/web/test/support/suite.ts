import * as fs from 'node:fs';
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
  after(async () => { await suite.app?.close(); });
  return suite;
}
