import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createScratchDatabase, type ScratchDatabase } from '@medgrade/data';
import { chromium, type Browser } from 'playwright-core';
import { startLocalSystem, type LocalSystem } from '../../../../scripts/src/local/child';
import { ApiClient, type Credential } from '../../../../scripts/src/local/seed';
import { axeRecords } from './browser';

// One real medgrade system for every browser test of the web app: `npm start`'s launcher on
// free ports over a fresh database of the real PostgreSQL server (in-process queue and
// limiter), which builds the web app and serves it at `/`, and one headless Chromium.
// Started by the first suite that asks, stopped after the whole run (a root-level hook).

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface WebSystem {
  url: string;
  local: LocalSystem;
  browser: Browser;
  /** Where the screenshots go (printed once). */
  screenshotDir: string;
  user(role: string): Credential;
  api(credential: Credential): Promise<ApiClient>;
  /** CSP reports the gateway logged so far. */
  cspReports(): unknown[];
}

let shared: Promise<WebSystem> | undefined;
let started: { local?: LocalSystem; browser?: Browser; database?: ScratchDatabase; dataDir?: string } = {};

async function start(): Promise<WebSystem> {
  const database = await createScratchDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medgrade-web-'));
  started = { database, dataDir };
  // Every test signs in from 127.0.0.1 and one person's page sends many requests: the limits
  // that protect a real deployment would throttle the suite itself.
  const env: NodeJS.ProcessEnv = {
    ...process.env, DATABASE_URL: database.url, MEDGRADE_LOCAL_PORTS: 'any', LOG_LEVEL: 'warn',
    RATE_LIMIT_LOGIN: '10000', RATE_LIMIT_USER: '100000', RATE_LIMIT_INSTITUTION: '100000',
  };
  delete env.REDIS_URL;
  const local = await startLocalSystem({ dataDir, env, timeoutMs: 240_000 });
  started.local = local;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  started.browser = browser;
  const screenshotDir = process.env.WEB_SCREENSHOT_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'medgrade-web-screens-'));
  fs.mkdirSync(screenshotDir, { recursive: true });
  process.stdout.write(`      web app screenshots: ${screenshotDir}\n`);
  const clients = new Map<string, ApiClient>();
  const user = (role: string) => {
    const found = local.credentials.users.find((u) => u.role === role);
    if (!found) throw new Error(`the demo has no ${role}`);
    return found;
  };
  return {
    url: local.url,
    local,
    browser,
    screenshotDir,
    user,
    async api(credential) {
      const client = clients.get(credential.email) ?? await ApiClient.login(local.url, credential.email, credential.password);
      if (!client) throw new Error(`${credential.email} cannot log in`);
      clients.set(credential.email, client);
      return client;
    },
    cspReports: () => local.output.filter((line) => line.includes('csp violation')).map((line) => {
      try { return JSON.parse(line.slice(line.indexOf('{'))) as unknown; } catch { return line; }
    }),
  };
}

/** The shared system; the first call starts it. */
export function webSystem(): Promise<WebSystem> {
  shared ??= start();
  return shared;
}

after(async function () {
  this.timeout(60_000);
  if (!shared) return;
  const system = await shared.catch(() => undefined);
  if (system) {
    fs.writeFileSync(path.join(system.screenshotDir, 'axe.json'), JSON.stringify(axeRecords, null, 2));
    process.stdout.write(`      web app screenshots and axe results (axe.json): ${system.screenshotDir}\n`);
  }
  await started.browser?.close().catch(() => undefined);
  await started.local?.stop('SIGTERM');
  await started.database?.drop().catch(() => undefined);
  if (started.dataDir) fs.rmSync(started.dataDir, { recursive: true, force: true });
});
