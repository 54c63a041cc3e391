import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { createScratchDatabase, scratchKeyPrefix } from '@medgrade/data';
import { SERVICES, addressEnvOf } from '@medgrade/kit';
import { pickPort } from '../../src/local/ports';
import { ApiClient, DEMO_DIR, loadOrCreateCredentials, seedDemo, type LocalCredentials } from '../../src/local/seed';
import { startOtlpReceiver, type OtlpReceiver } from './observability-otlp';
import { startTcpProxy, type TcpProxy } from './observability-proxy';

// The whole medgrade system as real processes for the observability tests: every catalog
// service started the way the local launcher starts it (`node --import tsx
// services/<name>/src/main.ts`), each exporting traces over OTLP/HTTP JSON to a receiver in
// this process, on a scratch PostgreSQL database (reached through a proxy the tests can cut)
// and a scratch Redis key prefix. Every line each process prints is kept. Started once per
// mocha run, on first use, and stopped by a root hook.

const repoRoot = path.resolve(__dirname, '../../..');
export const VERSION = '0.0.0-observability';
const START_TIMEOUT_MS = 240_000;
/**
 * Catalog processes not started at their catalog addresses: each costs seconds of CPU to start,
 * and their absence shows how /services/status reports an unreachable service. Only the batch
 * trace test needs a worker, and it starts one elsewhere (startWorker).
 */
export const NOT_STARTED = ['rubric-edit', 'worker'];

export interface LogLine {
  service: string;
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string>;
  port: number;
  /** Prometheus port (the gateway serves /metrics on its own port). */
  metricsPort?: number;
}

export interface ObservabilitySystem {
  url: string;
  databaseUrl: string;
  receiver: OtlpReceiver;
  /** PostgreSQL as every process sees it; cut() takes it away, restore() brings it back. */
  postgres: TcpProxy;
  processes: Map<string, ServiceProcess>;
  logs: LogLine[];
  credentials: LocalCredentials;
  teacher: ApiClient;
  env: NodeJS.ProcessEnv;
  addresses: Record<string, string>;
  /** Starts one more gateway on the same stores (its lines are logged under `name`). */
  startGateway(name: string, overrides: NodeJS.ProcessEnv): Promise<ServiceProcess & { url: string }>;
  /**
   * Starts a batch worker on the queue, on a port of its own: the gateway's status page keeps
   * reporting the catalog's worker address as unreachable (see NOT_STARTED).
   */
  startWorker(): Promise<ServiceProcess>;
}


function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('OTEL_') || name.startsWith('K8S_')) delete env[name];
  return env;
}

function spawnProcess(name: string, env: NodeJS.ProcessEnv, logs: LogLine[]): { child: ChildProcess; exited: Promise<number | string> } {
  const entry = path.join(repoRoot, 'services', name === 'gateway' || name.startsWith('gateway-') ? 'gateway' : name, 'src', 'main.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of ['stdout', 'stderr'] as const) {
    readline.createInterface({ input: child[stream] }).on('line', (text) => logs.push({ service: name, stream, text }));
  }
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return { child, exited };
}

/** Resolves with the first JSON log line of `service` whose msg matches, failing if the process dies first. */
export async function waitForLog(logs: LogLine[], service: string, msg: RegExp, exited: Promise<unknown>, timeoutMs = START_TIMEOUT_MS): Promise<Record<string, unknown>> {
  let dead = false;
  void exited.then(() => { dead = true; });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const line of logs) {
      if (line.service !== service || !line.text.startsWith('{')) continue;
      const parsed = JSON.parse(line.text) as Record<string, unknown>;
      if (typeof parsed.msg === 'string' && msg.test(parsed.msg)) return parsed;
    }
    if (dead || Date.now() > deadline) {
      const tail = logs.filter((l) => l.service === service).slice(-15).map((l) => l.text).join('\n');
      throw new Error(`${service} ${dead ? 'exited' : 'timed out'} before logging ${msg}:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls until `check` resolves truthy; the last failure explains a timeout. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

let started: Promise<ObservabilitySystem> | undefined;
const cleanups: (() => Promise<unknown>)[] = [];

async function start(): Promise<ObservabilitySystem> {
  const receiver = await startOtlpReceiver();
  cleanups.push(() => receiver.close());
  const scratch = await createScratchDatabase();
  cleanups.push(() => scratch.drop());
  const postgresUrl = new URL(scratch.url);
  const postgres = await startTcpProxy(postgresUrl.hostname, Number(postgresUrl.port || 5432));
  cleanups.unshift(() => postgres.close());
  const databaseUrl = Object.assign(new URL(scratch.url), { hostname: '127.0.0.1', port: String(postgres.port) }).toString();

  const taken = new Set<number>();
  const specs = SERVICES.filter((s) => s.kind !== 'gateway' && !NOT_STARTED.includes(s.name));
  const ports = new Map<string, number>();
  for (const spec of SERVICES) ports.set(spec.name, await pickPort(0, taken));
  const addresses = Object.fromEntries(SERVICES.filter((s) => s.kind !== 'gateway').map((s) => [addressEnvOf(s), `127.0.0.1:${ports.get(s.name)}`]));
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    ...addresses,
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: scratchKeyPrefix(),
    MEDGRADE_MODE: 'local',
    MEDGRADE_VERSION: VERSION,
    LOG_LEVEL: 'debug',
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_BSP_SCHEDULE_DELAY: '200',
  };

  const logs: LogLine[] = [];
  const processes = new Map<string, ServiceProcess>();
  cleanups.unshift(async () => {
    for (const p of processes.values()) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all([...processes.values()].map((p) => p.exited));
  });
  const startedServices = specs.map(async (spec) => {
    const port = ports.get(spec.name)!;
    const { child, exited } = spawnProcess(spec.name, { ...env, GRPC_HOST: '127.0.0.1', GRPC_PORT: String(port), METRICS_PORT: '0' }, logs);
    processes.set(spec.name, { name: spec.name, child, exited, port });
    const metrics = await waitForLog(logs, spec.name, /^metrics listening/, exited);
    processes.get(spec.name)!.metricsPort = Number(metrics.metrics_port);
    await waitForLog(logs, spec.name, /^gRPC server listening/, exited);
  });

  const credentialsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medgrade-observability-'));
  cleanups.push(async () => fs.rmSync(credentialsDir, { recursive: true, force: true }));
  const credentials = loadOrCreateCredentials(credentialsDir);
  const gatewayEnv: NodeJS.ProcessEnv = {
    ...env,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    BOOTSTRAP_ADMIN_EMAIL: credentials.platformAdmin.email,
    BOOTSTRAP_ADMIN_PASSWORD: credentials.platformAdmin.password,
    BOOTSTRAP_INSTITUTION_NAME: 'Observability platform',
    GATEWAY_RUN_WORKER: 'false',
    GATEWAY_HOST: '127.0.0.1',
    SHUTDOWN_GRACE_MS: '8000',
  };
  const startGateway = async (name: string, overrides: NodeJS.ProcessEnv) => {
    const port = overrides.GATEWAY_PORT ? Number(overrides.GATEWAY_PORT) : await pickPort(0, taken);
    const { child, exited } = spawnProcess(name, { ...gatewayEnv, ...overrides, GATEWAY_PORT: String(port) }, logs);
    const gateway = { name, child, exited, port, metricsPort: port, url: `http://127.0.0.1:${port}` };
    processes.set(name, gateway);
    await waitForLog(logs, name, /^gateway listening/, exited);
    return gateway;
  };
  const [{ url }] = await Promise.all([startGateway('gateway', { GATEWAY_PORT: String(ports.get('gateway')) }), ...startedServices]);
  const startWorker = async () => {
    const { child, exited } = spawnProcess('worker', { ...env, GRPC_HOST: '127.0.0.1', GRPC_PORT: '0', METRICS_PORT: '0', WORKER_NAME: 'observability-worker', WORKER_BLOCK_MS: '200' }, logs);
    const worker: ServiceProcess = { name: 'worker', child, exited, port: 0 };
    processes.set('worker', worker);
    worker.port = Number((await waitForLog(logs, 'worker', /^gRPC server listening/, exited)).port);
    await waitForLog(logs, 'worker', /^batch consumer started/, exited);
    return worker;
  };

  await eventually('every service SERVING in /services/status', async () => {
    const status = (await (await fetch(`${url}/services/status`)).json()) as { services: { status: string; service: string }[] };
    return status.services.filter((s) => specs.some((spec) => spec.name === s.service)).every((s) => s.status === 'SERVING');
  }, START_TIMEOUT_MS);
  await seedDemo(url, credentials);
  const teacherCredential = credentials.users.find((u) => u.role === 'teacher')!;
  const teacher = await ApiClient.login(url, teacherCredential.email, teacherCredential.password);
  if (!teacher) throw new Error('the seeded teacher cannot log in');
  return { url, databaseUrl, receiver, postgres, processes, logs, credentials, teacher, env: gatewayEnv, addresses, startGateway, startWorker };
}

export function observabilitySystem(): Promise<ObservabilitySystem> {
  started ??= start();
  return started;
}

/** The demo rubric the seed approved, and its transcript. */
export const DEMO_RUBRIC_ID = 'demo_abdominal_pain';
export const demoTranscript = (): string => fs.readFileSync(path.join(DEMO_DIR, 'abdominal_pain_transcript.txt'), 'utf8');

after(async function stopObservabilitySystem() {
  this.timeout(30_000);
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
