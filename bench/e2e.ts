// End-to-end grading throughput: gradings per second and latency p50/p99 through
// POST /api/v1/gradings at several concurrencies, against a local system this script starts
// itself (`npm start`: gateway + every gRPC service as separate processes; embedded PostgreSQL
// and in-process Redis stand-ins unless DATABASE_URL / REDIS_URL are set), printed beside
// the in-process figure for the same rubric and transcript so the cost of the distributed
// path shows as a ratio. On Linux it also prints the CPU each process spends per grading at
// the highest concurrency, and every process's resident memory idle and after each run at
// that concurrency (--runs repeats the whole sequence, to show that memory does not grow);
// --live-heap adds each service's live heap after a full garbage collection at those points.
//
//   node --import tsx bench/e2e.ts [--seconds 10] [--concurrency 1,8,32] [--runs 1] [--live-heap]

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { grade } from '../services/core/src/grade';
import type { Rubric } from '../services/core/src/types';
import { startLocalSystem } from '../scripts/src/local/child';
import { DEMO_DIR } from '../scripts/src/local/seed';
import { cpuBetween, procAvailable, sampleTree, type ProcessSample } from './support/processes';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '1,8,32' },
    runs: { type: 'string', default: '1' },
    'live-heap': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const concurrencies = values.concurrency.split(',').map(Number);
const runs = Number(values.runs);
const heapDir = values['live-heap'] ? fs.mkdtempSync(path.join(os.tmpdir(), 'medgrade-heap-')) : undefined;
const busiest = Math.max(...concurrencies);

const rubric = JSON.parse(fs.readFileSync(path.join(DEMO_DIR, 'abdominal_pain_v1.json'), 'utf8')) as Rubric;
const transcript = fs.readFileSync(path.join(DEMO_DIR, 'abdominal_pain_transcript.txt'), 'utf8');

/** Grades per second in this process, one thread: median of three one-second runs. */
function inProcessRate(): number {
  for (let i = 0; i < 200; i++) grade(rubric, transcript);
  const rates: number[] = [];
  for (let run = 0; run < 3; run++) {
    let count = 0;
    const started = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < 1) {
      grade(rubric, transcript);
      count++;
      elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    }
    rates.push(count / elapsed);
  }
  return rates.sort((a, b) => a - b)[1]!;
}

async function token(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

interface Level { run: number; concurrency: number; rate: number; p50: number; p99: number; errors: number; total: number }

const fixed = (value: number, digits: number, width: number) => value.toFixed(digits).padStart(width);

/** CPU milliseconds per grading of each process (the launcher included), busiest first. */
function cpuLines(cpu: Map<string, number>, gradings: number): string[] {
  const rows = [...cpu].filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0) / gradings;
  return [
    ...rows.map(([name, ms]) => `  ${name.padEnd(20)} ${fixed(ms / gradings, 3, 8)}`),
    `  ${'all processes'.padEnd(20)} ${fixed(total, 3, 8)}   (${os.cpus().length} cores: at most ${((os.cpus().length * 1000) / total).toFixed(0)} gradings/s)`,
  ];
}

function memoryLines(idle: Map<string, ProcessSample>, after: Map<string, ProcessSample>[]): string[] {
  const header = `  ${'process'.padEnd(20)} ${'idle'.padStart(7)} ${after.map((_, i) => `run ${i + 1}`.padStart(8)).join(' ')}`;
  const names = [...idle.keys()].sort();
  return [header, ...names.map((name) => `  ${name.padEnd(20)} ${fixed(idle.get(name)!.rssMb, 0, 7)} ${after.map((m) => fixed(m.get(name)?.rssMb ?? 0, 0, 8)).join(' ')}`)];
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medgrade-bench-'));
  process.stdout.write('starting the local system (npm start)...\n');
  const system = await startLocalSystem({
    dataDir,
    // The benchmark measures grading, not the rate limiter; tokens must outlive the run.
    env: {
      ...process.env, LOG_LEVEL: 'warn', RATE_LIMIT_USER: '100000000', RATE_LIMIT_INSTITUTION: '100000000', ACCESS_TOKEN_TTL_SECONDS: '3600', EMBEDDED_POSTGRES_PORT: '0', MEDGRADE_LOCAL_PORTS: 'any',
      ...(heapDir ? { NODE_OPTIONS: `--expose-gc --require ${path.join(__dirname, 'support', 'live-heap.cjs')}`, MEDGRADE_BENCH_HEAP_DIR: heapDir } : {}),
    },
    timeoutMs: 300_000,
  });
  try {
    const launcher = system.process.pid!;
    const teacher = system.credentials.users.find((u) => u.role === 'teacher')!;
    const bearer = await token(system.url, teacher.email, teacher.password);
    const body = fs.readFileSync(system.requestFile, 'utf8');
    const levels: Level[] = [];
    const cpuAtBusiest: Map<string, number>[] = [];
    const idle = sampleTree(launcher);
    await liveHeaps(idle);
    const afterBusiest: Map<string, ProcessSample>[] = [];
    for (let run = 1; run <= runs; run++) {
      for (const connections of concurrencies) {
        const before = sampleTree(launcher);
        const result = await autocannon({
          url: `${system.url}/api/v1/gradings`,
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
          body,
          connections,
          duration: seconds,
        });
        const after = sampleTree(launcher);
        levels.push({
          run, concurrency: connections, rate: result.requests.average, p50: result.latency.p50, p99: result.latency.p99,
          errors: result.non2xx + result.errors + result.timeouts, total: result.requests.total,
        });
        if (connections === busiest) {
          cpuAtBusiest.push(new Map([...cpuBetween(before, after)].map(([name, ms]) => [name, ms / result.requests.total])));
          afterBusiest.push(after);
          await liveHeaps(after);
        }
      }
    }
    const inProcess = inProcessRate();
    const lines = [
      '',
      `End-to-end POST /api/v1/gradings (demo_abdominal_pain, ${transcript.split('\n').length} lines, ${seconds}s per level, ${runs} run(s), ${os.cpus().length} cores shared)`,
      `storage: ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL'}, ${process.env.REDIS_URL ? 'Redis' : 'in-process limiter/cache'}`,
      '',
      'run  concurrency  gradings/s   p50 ms   p99 ms   errors   requests   in-process/e2e',
      ...levels.map((r) => [
        String(r.run).padStart(3),
        String(r.concurrency).padStart(12),
        fixed(r.rate, 1, 11),
        String(r.p50).padStart(8),
        String(r.p99).padStart(8),
        String(r.errors).padStart(8),
        String(r.total).padStart(10),
        `${(inProcess / r.rate).toFixed(1)}x`.padStart(16),
      ].join(' ')),
      '',
      `in-process grade() on one thread: ${inProcess.toFixed(0)} grades/s (median of 3 one-second runs)`,
    ];
    if (procAvailable) {
      const lastCpu = cpuAtBusiest[cpuAtBusiest.length - 1]!;
      lines.push(
        '',
        `CPU per grading at concurrency ${busiest}, last run (ms, by process; the load generator is this process, not listed):`,
        ...cpuLines(lastCpu, 1),
        '',
        `Resident memory (MB): idle after start-up, and after each run's concurrency-${busiest} level`,
        ...memoryLines(idle, afterBusiest),
      );
      if (heapDir) lines.push('', 'Live heap after a full garbage collection (MB), at the same points', ...heapLines(idle));
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await system.stop('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (heapDir) fs.rmSync(heapDir, { recursive: true, force: true });
  }
}

/** Asks every medgrade service to collect garbage and write down its live heap (--live-heap). */
async function liveHeaps(processes: Map<string, ProcessSample>): Promise<void> {
  if (!heapDir) return;
  for (const sample of processes.values()) if (sample.name !== 'launcher' && sample.name !== 'postgres') for (const pid of sample.pids) process.kill(pid, 'SIGUSR2');
  await new Promise((resolve) => setTimeout(resolve, 2000));
}

function heapLines(processes: Map<string, ProcessSample>): string[] {
  const rows: string[] = [];
  for (const sample of [...processes.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(heapDir!, String(sample.pids[0]));
    if (!fs.existsSync(file)) continue;
    const values = fs.readFileSync(file, 'utf8').trim().split('\n').map(Number);
    rows.push(`  ${sample.name.padEnd(20)} ${values.map((mb) => fixed(mb, 1, 8)).join(' ')}`);
  }
  return rows;
}

main().catch((err: Error) => {
  process.stderr.write(`bench/e2e failed: ${err.message}\n`);
  process.exit(1);
});
