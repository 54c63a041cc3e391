import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLocalSystem, type LocalSystem } from '../src/local/child';

// Embedded-mode smoke test of `npm start`: no DATABASE_URL and no REDIS_URL, so the launcher
// runs its embedded PostgreSQL and the in-process cache/limiter/queue. It must become ready,
// grade the printed curl example's request, and stop every process on SIGTERM. The platform
// admin comes from BOOTSTRAP_ADMIN_EMAIL / _PASSWORD (the generated one: local-admin.test.ts).

function listening(address: string): Promise<boolean> {
  const [host, port] = address.split(':');
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), host, () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

const ADMIN = { BOOTSTRAP_ADMIN_EMAIL: 'ops@example.org', BOOTSTRAP_ADMIN_PASSWORD: 'correct horse battery staple' };

const login = (url: string, email: string, password: string) => fetch(`${url}/api/v1/auth/login`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
});

describe('npm start in embedded mode (no DATABASE_URL, no REDIS_URL)', function () {
  this.timeout(300_000);
  let dataDir: string;
  let system: LocalSystem | undefined;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medgrade-local-'));
    const env = { ...process.env };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    // Free ports only: other copies of the system may hold the catalog's ports on this machine.
    system = await startLocalSystem({
      dataDir,
      env: { ...env, ...ADMIN, LOG_LEVEL: 'warn', EMBEDDED_POSTGRES_PORT: '0', MEDGRADE_LOCAL_PORTS: 'any' },
      timeoutMs: 240_000,
    });
  });

  after(async () => {
    await system?.stop('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('becomes ready on embedded PostgreSQL with in-process Redis stand-ins', async () => {
    const ready = await fetch(`${system!.url}/ready`);
    const body = (await ready.json()) as { checks: Record<string, string> };
    assert.equal(ready.status, 200, JSON.stringify(body));
    assert.equal(body.checks.postgres, 'ok');
    assert.equal(body.checks.redis, 'in-process');
    assert.ok(fs.existsSync(path.join(dataDir, 'postgres', 'PG_VERSION')), 'PostgreSQL data lives in the data directory');
    const teacher = system!.credentials.users.find((u) => u.role === 'teacher')!;
    assert.ok(system!.output.some((line) => line.includes(teacher.email) && line.includes(teacher.password)), 'demo credentials are printed');
  });

  it('bootstraps and seeds with the platform admin from BOOTSTRAP_ADMIN_EMAIL / _PASSWORD, and says so', async () => {
    assert.ok(system!.output.includes('medgrade: platform admin ops@example.org (from BOOTSTRAP_ADMIN_EMAIL / BOOTSTRAP_ADMIN_PASSWORD)'), system!.output.join('\n'));
    assert.ok(system!.output.some((line) => /platform_admin\s+ops@example\.org\s+\(BOOTSTRAP_ADMIN_PASSWORD\)/.test(line)), 'its password is not printed');
    assert.ok(!system!.output.some((line) => line.includes(ADMIN.BOOTSTRAP_ADMIN_PASSWORD)));
    assert.equal((await login(system!.url, ADMIN.BOOTSTRAP_ADMIN_EMAIL, ADMIN.BOOTSTRAP_ADMIN_PASSWORD)).status, 200);
    const generated = system!.credentials.platformAdmin;
    assert.equal((await login(system!.url, generated.email, generated.password)).status, 401, 'the generated admin was not created');
  });

  it('grades the demo transcript exactly as the printed curl example does', async () => {
    const teacher = system!.credentials.users.find((u) => u.role === 'teacher')!;
    const loggedIn = await login(system!.url, teacher.email, teacher.password);
    assert.equal(loggedIn.status, 200);
    const { access_token } = (await loggedIn.json()) as { access_token: string };
    const graded = await fetch(`${system!.url}/api/v1/gradings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}` },
      body: fs.readFileSync(system!.requestFile, 'utf8'),
    });
    const report = (await graded.json()) as { grading_id: string; rubric_id: string; overall_score: number; status: string };
    assert.equal(graded.status, 201, JSON.stringify(report));
    assert.equal(report.rubric_id, 'demo_abdominal_pain');
    assert.equal(report.status, 'complete');
    assert.ok(report.overall_score > 0.5, `the demo transcript is a good one: ${report.overall_score}`);
    const rubrics = await fetch(`${system!.url}/api/v1/rubrics`, { headers: { authorization: `Bearer ${access_token}` } });
    const ids = ((await rubrics.json()) as { items: { rubric_id: string; latest_approved_version: string }[] }).items;
    assert.deepEqual(ids.map((r) => [r.rubric_id, r.latest_approved_version]).sort(), [['demo_abdominal_pain', '1.0.0'], ['demo_headache', '1.0.0']]);
  });

  it('serves the web app at / first in the banner, with a demo cohort graded through the API for the analytics', async () => {
    const banner = system!.output.findIndex((line) => line.includes('medgrade is ready'));
    const firstUrl = system!.output.slice(banner).find((line) => /https?:\/\//.test(line));
    assert.match(firstUrl ?? '', new RegExp(`^\\s*Web app \\(sign in as a demo user\\):\\s+${system!.url}/$`), 'the web app is the first address printed');
    const page = await fetch(`${system!.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.match(await page.text(), /<script[^>]+src="\/assets\//);

    const teacher = system!.credentials.users.find((u) => u.role === 'teacher')!;
    const login = await fetch(`${system!.url}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: teacher.email, password: teacher.password }),
    });
    const { access_token } = (await login.json()) as { access_token: string };
    const headers = { authorization: `Bearer ${access_token}` };
    const students = system!.credentials.users.filter((u) => u.role === 'student');
    assert.equal(students.length, 6, 'six demo students in the credentials file');
    let gradings = 0;
    let reviewed = 0;
    for (const rubric of ['demo_abdominal_pain', 'demo_headache']) {
      const figures = (await (await fetch(`${system!.url}/api/v1/analytics/rubrics/${rubric}`, { headers })).json()) as {
        gradings: number; reviewed: number; students: number; histogram: { count: number }[];
      };
      assert.equal(figures.students, 6, rubric);
      assert.ok(figures.histogram.filter((bin) => bin.count > 0).length >= 3, `${rubric}: the scores spread over several bins`);
      gradings += figures.gradings;
      reviewed += figures.reviewed;
    }
    assert.equal(gradings, 36 + 1, 'the cohort, and the curl example graded by the test before');
    assert.equal(reviewed, 2);
    // Every demo student can sign in with the printed password.
    for (const student of students) {
      const signIn = await fetch(`${system!.url}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: student.email, password: student.password }),
      });
      assert.equal(signIn.status, 200, student.email);
    }
  });

  it('stops every service on SIGTERM', async () => {
    const status = (await (await fetch(`${system!.url}/services/status`)).json()) as { services: { address: string; status: string }[] };
    const addresses = [new URL(system!.url).host, ...status.services.filter((s) => s.status === 'SERVING').map((s) => s.address)];
    const exitCode = await system!.stop('SIGTERM');
    assert.equal(exitCode, 0);
    const stillListening = [];
    for (const address of addresses) if (await listening(address)) stillListening.push(address);
    assert.deepEqual(stillListening, []);
    system = undefined;
  });
});
