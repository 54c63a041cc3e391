import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createLogger } from '@medgrade/kit';
import type { RunningGateway } from '../src/server';
import { WEB_APP_CSP } from '../src/web-app';
import { Api, assertProblem, createInstitution, type Member, type TestInstitution } from './support/api';
import { testSystem, type TestSystem } from './support/system';

// The browser's side of the gateway: the web app served at / with its Content-Security-Policy
// and cache headers, the refresh cookie with its CSRF header, rotation and theft detection, and
// in a real Chromium that the Secure cookie is kept on http://127.0.0.1 and http://localhost
// and that a CSP violation reaches the report endpoint. The app here is a small stand-in
// built by the test, so the gateway's behaviour is tested without the real app's build.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ASSET = 'app-3f9a1c.js';

const SESSION_SCRIPT = `
const auth = (path, body) => fetch('/api/v1/auth/' + path, {
  method: 'POST', headers: { 'content-type': 'application/json', 'x-medgrade-csrf': '1' }, body: JSON.stringify(body),
}).then(async (r) => ({ status: r.status, body: r.status === 204 ? null : await r.json() }));
window.session = {
  login: (email, password) => auth('login', { email, password, refresh_cookie: true }),
  refresh: () => auth('refresh', {}),
  logout: () => auth('logout', {}),
};
document.getElementById('state').textContent = 'ready';
`;

function standInApp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medgrade-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>stand-in</title><script type="module" src="/assets/${ASSET}"></script></head>`
    + '<body><p id="state">loading</p></body></html>\n');
  fs.writeFileSync(path.join(dir, 'assets', ASSET), SESSION_SCRIPT);
  // A page breaking the policy on purpose: inline script and style must be blocked and reported.
  fs.writeFileSync(path.join(dir, 'inline.html'),
    '<!doctype html><html lang="en"><head><title>inline</title><style>p { color: red }</style></head>'
    + '<body><p id="flag">not run</p><script>document.getElementById("flag").textContent = "ran";</script></body></html>\n');
  return dir;
}

/** The medgrade_refresh cookie of a Set-Cookie answer, with its attributes. */
function refreshCookieOf(headers: Headers): { value: string; attributes: string[] } | null {
  const line = headers.getSetCookie().find((c) => c.startsWith('medgrade_refresh='));
  if (!line) return null;
  const [pair, ...attributes] = line.split(';').map((part) => part.trim());
  return { value: pair!.slice('medgrade_refresh='.length), attributes };
}

describe('gateway web app and browser session', function () {
  this.timeout(120_000);
  let system: TestSystem;
  let school: TestInstitution;
  let gateway: RunningGateway;
  let distDir: string;
  const logLines: { msg: string; csp?: Record<string, unknown> }[] = [];

  before(async () => {
    system = await testSystem();
    school = await createInstitution(system.url, system.admin);
    distDir = standInApp();
    const logger = createLogger('gateway', 'warn', { write: (line: string) => logLines.push(JSON.parse(line)) });
    gateway = await system.startVariant({ WEB_DIST_DIR: distDir }, logger);
  });

  after(() => fs.rmSync(distDir, { recursive: true, force: true }));

  const cookieApi = (cookie?: string, csrf = true) => new Api(gateway.url, undefined, {
    ...(cookie ? { cookie: `medgrade_refresh=${cookie}` } : {}), ...(csrf ? { 'x-medgrade-csrf': '1' } : {}),
  });

  async function cookieLogin(member: Member): Promise<string> {
    const response = await new Api(gateway.url).post('/api/v1/auth/login', { email: member.email, password: member.password, refresh_cookie: true });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.refresh_token, undefined, 'no refresh token in the body of a cookie login');
    const cookie = refreshCookieOf(response.headers);
    assert.ok(cookie, 'Set-Cookie medgrade_refresh');
    return cookie.value;
  }

  it('serves the app at / and at client routes with the strict CSP; assets are cached for good, pages revalidated', async () => {
    for (const page of ['/', '/rubrics/demo/versions', '/gradings/4a1b']) {
      const response = await fetch(gateway.url + page);
      assert.equal(response.status, 200, page);
      assert.match(response.headers.get('content-type') ?? '', /text\/html/);
      assert.equal(response.headers.get('content-security-policy'), WEB_APP_CSP);
      assert.equal(response.headers.get('cache-control'), 'no-cache');
      assert.match(await response.text(), /stand-in/);
    }
    const asset = await fetch(`${gateway.url}/assets/${ASSET}`);
    assert.equal(asset.status, 200);
    assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(asset.headers.get('content-type') ?? '', /javascript/);
    assert.equal(asset.headers.get('content-security-policy'), WEB_APP_CSP);
    // A missing asset is an error, not the page; the API, /docs and the operational endpoints stay theirs.
    const missing = await new Api(gateway.url).get('/assets/app-000000.js');
    assertProblem(missing, 404, 'not-found');
    assertProblem(await new Api(gateway.url).get('/api/v1/no-such-thing'), 404, 'not-found');
    assertProblem(await new Api(gateway.url).get('/docs/nothing-here'), 404, 'not-found');
    assertProblem(await new Api(gateway.url).post('/some/page', {}), 404, 'not-found');
    assert.match(await (await fetch(`${gateway.url}/docs`)).text(), /swagger-ui/);
    assert.deepEqual(await (await fetch(`${gateway.url}/health`)).json(), { status: 'ok' });
    assert.equal((await fetch(`${gateway.url}/openapi.json`)).headers.get('content-type')?.startsWith('application/json'), true);
  });

  it('says so when the app is not built, instead of a blank page', async () => {
    const bare = await system.startVariant({ WEB_DIST_DIR: path.join(distDir, 'not-built') });
    const response = await fetch(`${bare.url}/`);
    assert.equal(response.status, 503);
    assert.match(await response.text(), /npm run build -w @medgrade\/web/);
  });

  it('sets the refresh token as an HttpOnly, Secure, SameSite=Strict cookie scoped to /api/v1/auth', async () => {
    const response = await new Api(gateway.url).post('/api/v1/auth/login', {
      email: school.members.student.email, password: school.members.student.password, refresh_cookie: true,
    });
    assert.deepEqual(Object.keys(response.body).sort(), ['access_token', 'expires_in', 'token_type']);
    const cookie = refreshCookieOf(response.headers)!;
    assert.deepEqual(cookie.attributes.sort(), ['HttpOnly', 'Max-Age=2592000', 'Path=/api/v1/auth', 'SameSite=Strict', 'Secure']);
    // Without refresh_cookie, API clients keep getting the token in the body and no cookie.
    const plain = await new Api(gateway.url).post('/api/v1/auth/login', { email: school.members.student.email, password: school.members.student.password });
    assert.equal(typeof plain.body.refresh_token, 'string');
    assert.equal(refreshCookieOf(plain.headers), null);
  });

  it('refreshes from the cookie only with the CSRF header, rotating it; a reused cookie revokes the whole login', async () => {
    const first = await cookieLogin(school.members.teacher);
    const refused = await cookieApi(first, false).post('/api/v1/auth/refresh', {});
    assertProblem(refused, 403, 'csrf-required');
    assert.equal(refreshCookieOf(refused.headers), null, 'a refused request leaves the cookie alone');

    // The refusal rotated nothing: the same cookie still refreshes, once.
    const rotated = await cookieApi(first).post('/api/v1/auth/refresh', {});
    assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
    assert.equal(rotated.body.refresh_token, undefined);
    const me = await new Api(gateway.url, rotated.body.access_token).ok(200, 'GET', '/api/v1/me');
    assert.equal(me.id, school.members.teacher.id);
    const second = refreshCookieOf(rotated.headers)!.value;
    assert.notEqual(second, first);

    // The old cookie again (a stolen copy): refused, cleared, and the current one dies with it.
    const reuse = await cookieApi(first).post('/api/v1/auth/refresh', {});
    assertProblem(reuse, 401, 'token-invalid');
    assert.deepEqual(refreshCookieOf(reuse.headers), { value: '', attributes: ['Path=/api/v1/auth', 'Max-Age=0', 'HttpOnly', 'Secure', 'SameSite=Strict'] });
    assertProblem(await cookieApi(second).post('/api/v1/auth/refresh', {}), 401, 'token-invalid');
    assertProblem(await cookieApi().post('/api/v1/auth/refresh', {}), 401, 'token-invalid');
  });

  it('logs out from the cookie: needs the CSRF header, revokes the login and clears the cookie', async () => {
    const cookie = await cookieLogin(school.members.grader);
    assertProblem(await cookieApi(cookie, false).post('/api/v1/auth/logout', {}), 403, 'csrf-required');
    const out = await cookieApi(cookie).post('/api/v1/auth/logout', {});
    assert.equal(out.status, 204);
    assert.equal(refreshCookieOf(out.headers)?.value, '');
    assertProblem(await cookieApi(cookie).post('/api/v1/auth/refresh', {}), 401, 'token-invalid');
  });

  describe('in headless Chromium', () => {
    let browser: Browser | undefined;

    before(async function () {
      if (!fs.existsSync(CHROMIUM)) this.skip();
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      });
    });

    after(async () => {
      await browser?.close();
    });

    for (const host of ['127.0.0.1', 'localhost']) {
      it(`keeps the Secure refresh cookie on http://${host}, out of reach of script, and restores the session after a reload`, async () => {
        const origin = gateway.url.replace('127.0.0.1', host);
        const context = await browser!.newContext();
        const page = await context.newPage();
        await page.goto(`${origin}/`);
        await page.waitForFunction(() => (globalThis as any).document.getElementById('state')?.textContent === 'ready');
        const student = school.members.student;
        const login = await page.evaluate(([email, password]) => (globalThis as any).session.login(email, password), [student.email, student.password]);
        assert.equal(login.status, 200);

        const cookies = await context.cookies();
        const refresh = cookies.find((c) => c.name === 'medgrade_refresh');
        assert.ok(refresh, `Chromium kept no refresh cookie on ${host}: ${JSON.stringify(cookies)}`);
        assert.deepEqual([refresh.httpOnly, refresh.secure, refresh.sameSite, refresh.path, refresh.domain], [true, true, 'Strict', '/api/v1/auth', host]);
        assert.equal(await page.evaluate(() => (globalThis as any).document.cookie), '', 'script cannot see the refresh cookie');

        await page.reload();
        await page.waitForFunction(() => (globalThis as any).document.getElementById('state')?.textContent === 'ready');
        const restored = await page.evaluate(() => (globalThis as any).session.refresh());
        assert.equal(restored.status, 200, JSON.stringify(restored.body));
        const me = await new Api(gateway.url, restored.body.access_token).ok(200, 'GET', '/api/v1/me');
        assert.equal(me.id, student.id);
        assert.notEqual((await context.cookies()).find((c) => c.name === 'medgrade_refresh')?.value, refresh.value, 'rotated');

        assert.equal((await page.evaluate(() => (globalThis as any).session.logout())).status, 204);
        assert.equal((await context.cookies()).find((c) => c.name === 'medgrade_refresh'), undefined);
        assert.equal((await page.evaluate(() => (globalThis as any).session.refresh())).status, 401);
        await context.close();
      });
    }

    it('blocks inline script and style and reports each violation to the gateway', async () => {
      const before = logLines.filter((l) => l.msg === 'csp violation').length;
      const page = await browser!.newPage();
      await page.goto(`${gateway.url}/inline.html`);
      assert.equal(await page.textContent('#flag'), 'not run');
      const deadline = Date.now() + 10_000;
      let reports: Record<string, unknown>[] = [];
      while (Date.now() < deadline) {
        reports = logLines.filter((l) => l.msg === 'csp violation').slice(before).map((l) => l.csp!);
        if (reports.some((r) => String(r.directive).startsWith('script-src')) && reports.some((r) => String(r.directive).startsWith('style-src'))) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.ok(reports.some((r) => String(r.directive).startsWith('script-src') && String(r.document).endsWith('/inline.html')), JSON.stringify(reports));
      assert.ok(reports.some((r) => String(r.directive).startsWith('style-src')), JSON.stringify(reports));
      const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
      assert.match(metrics, /csp_reports_total\{[^}]*directive="script-src-elem"[^}]*\} [1-9]/);
      await page.close();
    });
  });
});
