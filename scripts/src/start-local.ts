import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVICES, addressEnvOf, type ServiceSpec } from '@medgrade/kit';
import { choosePlatformAdmin, platformAdminLine } from './local/admin';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './local/postgres';
import { pickPort } from './local/ports';
import { prefixer, spawnService, stopAll, type Child } from './local/processes';
import { seedCohort } from './local/cohort';
import { DEMO_DIR, loadOrCreateCredentials, seedDemo, type LocalCredentials } from './local/seed';
import { ensureWebBuilt, type WebBuild } from './local/web-build';

// `npm start`: the whole medgrade system on loopback ports with nothing installed but Node.
// Without DATABASE_URL an embedded PostgreSQL runs from ./.data; without REDIS_URL the cache,
// rate limiter, idempotency lock and batch queue are in-process, so the batch worker runs
// inside the gateway (the only process that can see that queue). Every gRPC service of the
// catalog runs as its own child process with its own OpenTelemetry service.name.

const repoRoot = path.resolve(__dirname, '../..');
const env = process.env;
const dataDir = path.resolve(env.MEDGRADE_DATA_DIR ?? path.join(repoRoot, '.data'));
const startTimeoutMs = Number(env.START_TIMEOUT_MS ?? 180_000);
const color = process.stdout.isTTY === true && !env.NO_COLOR;
/** `any`: free ports only, never the catalog's (tests and benchmarks running beside other copies). */
const catalogPorts = env.MEDGRADE_LOCAL_PORTS !== 'any';
const say = (line: string) => process.stdout.write(`${line}\n`);

function entryOf(spec: ServiceSpec): string {
  const entry = path.join(repoRoot, 'services', spec.name, 'src', 'main.ts');
  if (!fs.existsSync(entry)) throw new Error(`service ${spec.name} has no entry point ${path.relative(repoRoot, entry)}`);
  return entry;
}


async function waitUntilReady(gatewayUrl: string, children: Child[], isStopping: () => boolean): Promise<void> {
  const deadline = Date.now() + startTimeoutMs;
  let last = 'no answer yet';
  const started = new Set(children.map((c) => c.name));
  while (Date.now() < deadline && !isStopping()) {
    const dead = children.find((c) => c.process.exitCode !== null || c.process.signalCode !== null);
    if (dead) throw new Error(`${dead.name} exited during start-up (${dead.process.exitCode ?? dead.process.signalCode})`);
    try {
      const [ready, status] = await Promise.all([fetch(`${gatewayUrl}/ready`), fetch(`${gatewayUrl}/services/status`)]);
      const services = (await status.json()) as { services: { service: string; status: string }[] };
      const waiting = services.services.filter((s) => started.has(s.service) && s.status !== 'SERVING').map((s) => s.service);
      if (ready.status === 200 && waiting.length === 0) return;
      last = `waiting for ${waiting.length ? waiting.join(', ') : JSON.stringify(await ready.json())}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (!isStopping()) throw new Error(`not ready after ${startTimeoutMs} ms: ${last}`);
}

function webAppLine(gatewayUrl: string, web: WebBuild): string {
  if (web.status === 'failed') return '  Web app: NOT BUILT, its build failed (output above); the API below works';
  if (web.status === 'absent') return '  Web app: not in this checkout (services/web is missing)';
  return `  Web app (sign in as a demo user):   ${gatewayUrl}/`;
}

function banner(gatewayUrl: string, web: WebBuild, credentials: LocalCredentials, requestFile: string, embedded: boolean, adminFromEnv: boolean): string {
  const teacher = credentials.users.find((u) => u.role === 'teacher');
  const admin = adminFromEnv ? { ...credentials.platformAdmin, password: '(BOOTSTRAP_ADMIN_PASSWORD)' } : credentials.platformAdmin;
  const rows = [admin, ...credentials.users].map((u) => `    ${u.role.padEnd(18)} ${u.email.padEnd(36)} ${u.password}`);
  return [
    '',
    '  medgrade is ready',
    '',
    webAppLine(gatewayUrl, web),
    `  API docs (try it in the browser):  ${gatewayUrl}/docs`,
    `  OpenAPI document:                  ${gatewayUrl}/openapi.json`,
    `  Services and their health:         ${gatewayUrl}/services/status`,
    `  Storage: ${embedded ? `embedded PostgreSQL in ${dataDir}` : 'DATABASE_URL'}; ${env.REDIS_URL ? 'Redis at REDIS_URL' : 'in-process cache, limiter and queue (no REDIS_URL)'}`,
    '',
    '  Demo users (institution "Demo Medical School"; the platform admin creates institutions):',
    ...rows,
    '',
    '  Grade a transcript against the demo rubric "demo_abdominal_pain":',
    '',
    `    TOKEN=$(curl -s ${gatewayUrl}/api/v1/auth/login -H 'content-type: application/json' \\`,
    `      -d '{"email":"${teacher?.email}","password":"${teacher?.password}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')`,
    `    curl -s ${gatewayUrl}/api/v1/gradings -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\`,
    `      -d @${requestFile}`,
    '',
    '  Ctrl-C stops everything.',
    '',
  ].join('\n');
}

function writeDemoRequest(): string {
  const file = path.join(dataDir, 'demo-grading-request.json');
  const transcript = fs.readFileSync(path.join(DEMO_DIR, 'abdominal_pain_transcript.txt'), 'utf8');
  fs.writeFileSync(file, JSON.stringify({ rubric_id: 'demo_abdominal_pain', oral_transcript: transcript, style: 'constructive' }, null, 2));
  return file;
}

async function main(): Promise<void> {
  fs.mkdirSync(dataDir, { recursive: true });
  const children: Child[] = [];
  let database: EmbeddedDatabase | undefined;
  let stopping: Promise<void> | undefined;
  const shutdown = (code: number) => (stopping ??= (async () => {
    say('\nmedgrade: stopping every service...');
    await stopAll(children, Number(env.SHUTDOWN_GRACE_MS ?? 10_000));
    await database?.stop();
    say('medgrade: stopped.');
    process.exit(code);
  })());
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  // The web build runs beside the start-up of the services; the gateway reads the files per request.
  const webBuild = ensureWebBuilt(repoRoot, say).catch((err: Error): WebBuild => ({ status: 'failed', output: err.message }));
  try {
    const taken = new Set<number>();
    const width = Math.max(...SERVICES.map((s) => s.name.length), 'postgres'.length);
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      const port = await pickPort(Number(env.EMBEDDED_POSTGRES_PORT ?? 54329), taken);
      say(`medgrade: starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${dataDir})`);
      database = await startEmbeddedPostgres(dataDir, port, prefixer('postgres', SERVICES.length, width, color));
      databaseUrl = database.url;
    }
    const redis = Boolean(env.REDIS_URL);
    const processes = SERVICES.filter((s) => s.kind === 'grpc' || (s.kind === 'worker' && redis));
    const gatewaySpec = SERVICES.find((s) => s.kind === 'gateway');
    if (!gatewaySpec) throw new Error('the catalog has no gateway');

    const ports = new Map<string, { port: number; metricsPort: number }>();
    for (const spec of [gatewaySpec, ...processes]) {
      const port = await pickPort(catalogPorts ? spec.port : 0, taken);
      const metricsPort = spec.kind === 'gateway' ? port : await pickPort(catalogPorts ? spec.metricsPort : 0, taken);
      ports.set(spec.name, { port, metricsPort });
    }
    const addresses = Object.fromEntries(SERVICES.filter((s) => s.kind !== 'gateway').map((s) => [addressEnvOf(s), `127.0.0.1:${ports.get(s.name)?.port ?? s.port}`]));
    const admin = choosePlatformAdmin(loadOrCreateCredentials(dataDir), env);
    const { credentials } = admin;
    say(platformAdminLine(admin, path.join(dataDir, 'local-credentials.json')));
    const common: NodeJS.ProcessEnv = {
      ...env,
      ...addresses,
      DATABASE_URL: databaseUrl,
      MEDGRADE_MODE: 'local',
      LOG_LEVEL: env.LOG_LEVEL ?? 'info',
    };

    processes.forEach((spec, index) => {
      const { port, metricsPort } = ports.get(spec.name)!;
      children.push(spawnService(spec.name, entryOf(spec), {
        ...common,
        OTEL_SERVICE_NAME: `medgrade-${spec.name}`,
        GRPC_HOST: '127.0.0.1',
        GRPC_PORT: String(port),
        METRICS_PORT: String(metricsPort),
      }, prefixer(spec.name, index, width, color), repoRoot));
    });
    const gatewayPort = ports.get('gateway')!.port;
    children.push(spawnService('gateway', entryOf(gatewaySpec), {
      ...common,
      OTEL_SERVICE_NAME: 'medgrade-gateway',
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: String(gatewayPort),
      JWT_SECRET: env.JWT_SECRET ?? randomBytes(32).toString('base64url'),
      BOOTSTRAP_ADMIN_EMAIL: credentials.platformAdmin.email,
      BOOTSTRAP_ADMIN_PASSWORD: credentials.platformAdmin.password,
      BOOTSTRAP_INSTITUTION_NAME: 'Medgrade platform',
      GATEWAY_RUN_WORKER: redis ? 'false' : 'true',
    }, prefixer('gateway', processes.length, width, color), repoRoot));

    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    await waitUntilReady(gatewayUrl, children, () => stopping !== undefined);
    if (stopping) return;
    const web = await webBuild;
    if (web.status === 'failed') say(`medgrade: the web app's build failed:\n${web.output}`);
    if (web.status !== 'failed' && web.status !== 'absent') say(`medgrade: the web app is at ${gatewayUrl}/ (seeding the demo data first)`);
    const seeded = await seedDemo(gatewayUrl, credentials);
    say(seeded ? 'medgrade: seeded the demo institution, its users and two approved demo rubrics' : 'medgrade: demo data already present');
    const graded = await seedCohort(gatewayUrl, credentials);
    if (graded > 0) say(`medgrade: graded a demo cohort of ${graded} presentations (two of them reviewed) for the analytics`);
    say(banner(gatewayUrl, web, credentials, writeDemoRequest(), Boolean(database), admin.fromEnv));
    // After start-up, losing any service means the system is broken: stop the rest too.
    void Promise.race(children.map((c) => c.exited.then((code) => ({ name: c.name, code })))).then(({ name, code }) => {
      if (stopping) return;
      say(`medgrade: ${name} exited (${code}); stopping the others`);
      void shutdown(1);
    });
  } catch (err) {
    if (stopping) return;
    say(`medgrade: start-up failed: ${(err as Error).message}`);
    await shutdown(1);
  }
}

void main();
