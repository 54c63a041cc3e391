// Batch grading throughput: N transcripts (1,000 by default) through POST
// /api/v1/gradings/batch, in as many requests as its per-request limit makes (500 items), against a local system this script starts itself
// (`npm start` with a scratch database on the real PostgreSQL at DATABASE_URL and a scratch
// key prefix on the real Redis at REDIS_URL, so the batch worker runs as its own process:
// one worker). Prints the time from the POST to the job's completion and the gradings per
// second, with the CPU each process spent per grading and their resident memory.
//
//   node --import tsx bench/batch.ts [--items 1000] [--worker-concurrency 16]

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { createScratchDatabase, scratchKeyPrefix } from '../services/data/src/index';
import { startLocalSystem } from '../scripts/src/local/child';
import { ApiClient } from '../scripts/src/local/seed';
import { cpuBetween, procAvailable, sampleTree } from './support/processes';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '1000' },
    'worker-concurrency': { type: 'string', default: '16' },
  },
});
const items = Number(values.items);
const workerConcurrency = values['worker-concurrency'];

interface JobView { job_id: string; status: string; total: number; completed: number; failed: number }

/** Items one POST /gradings/batch accepts (BatchGradingRequest in the gateway's schemas). */
const PER_REQUEST = 500;

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medgrade-bench-'));
  const scratch = await createScratchDatabase();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  process.stdout.write('starting the local system (npm start) with PostgreSQL and Redis...\n');
  const system = await startLocalSystem({
    dataDir,
    env: {
      ...process.env,
      DATABASE_URL: scratch.url,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: scratchKeyPrefix(),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_USER: '100000000',
      RATE_LIMIT_INSTITUTION: '100000000',
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      // 1,000 transcripts of the demo's size are about 1.5 MB of JSON.
      BODY_LIMIT_BYTES: String(16 * 1024 * 1024),
      WORKER_CONCURRENCY: workerConcurrency,
      MEDGRADE_LOCAL_PORTS: 'any',
    },
    timeoutMs: 300_000,
  });
  try {
    const teacher = system.credentials.users.find((u) => u.role === 'teacher')!;
    const api = await ApiClient.login(system.url, teacher.email, teacher.password);
    if (!api) throw new Error('the demo teacher cannot log in');
    const single = JSON.parse(fs.readFileSync(system.requestFile, 'utf8')) as { rubric_id: string; oral_transcript: string; style: string };
    // Every item is the demo student's (a batch names existing students).
    const studentCredential = system.credentials.users.find((u) => u.role === 'student')!;
    const student = await (await ApiClient.login(system.url, studentCredential.email, studentCredential.password))!.expect<{ id: string }>(200, 'GET', '/api/v1/me');
    const transcripts = Array.from({ length: items }, () => ({ student_id: student.id, oral_transcript: single.oral_transcript }));
    const launcher = system.process.pid!;
    const before = sampleTree(launcher);
    const started = process.hrtime.bigint();
    const jobs: JobView[] = [];
    for (let first = 0; first < items; first += PER_REQUEST) {
      const batch = { rubric_id: single.rubric_id, style: single.style, items: transcripts.slice(first, first + PER_REQUEST) };
      jobs.push(await api.expect<JobView>(202, 'POST', '/api/v1/gradings/batch', batch));
    }
    const queuedMs = Number(process.hrtime.bigint() - started) / 1e6;
    const finished = (job: JobView) => job.completed + job.failed >= job.total;
    while (!jobs.every(finished)) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (const [i, job] of jobs.entries()) if (!finished(job)) jobs[i] = await api.expect<JobView>(200, 'GET', `/api/v1/jobs/${job.job_id}`);
    }
    const graded = jobs.reduce((sum, job) => sum + job.completed, 0);
    const failed = jobs.reduce((sum, job) => sum + job.failed, 0);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const after = sampleTree(launcher);
    const lines = [
      '',
      `Batch POST /api/v1/gradings/batch: ${items} transcripts (demo_abdominal_pain) in ${jobs.length} job(s), one worker (WORKER_CONCURRENCY=${workerConcurrency}),`,
      `PostgreSQL at DATABASE_URL (scratch database), Redis at REDIS_URL, ${os.cpus().length} cores shared`,
      '',
      `accepted (202) after ${queuedMs.toFixed(0)} ms; ${graded} graded, ${failed} failed`,
      `total ${seconds.toFixed(2)} s from the first POST to the last stored grading: ${(graded / seconds).toFixed(0)} gradings/s`,
    ];
    if (procAvailable) {
      const cpu = [...cpuBetween(before, after)].filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]);
      const total = cpu.reduce((sum, [, ms]) => sum + ms, 0);
      lines.push(
        '',
        'CPU per grading (ms, by process; PostgreSQL and Redis are the machine\'s own servers, not counted):',
        ...cpu.map(([name, ms]) => `  ${name.padEnd(20)} ${(ms / items).toFixed(3).padStart(8)}`),
        `  ${'all processes'.padEnd(20)} ${(total / items).toFixed(3).padStart(8)}`,
        '',
        'Resident memory after the batch (MB):',
        ...[...after.values()].sort((a, b) => a.name.localeCompare(b.name)).map((s) => `  ${s.name.padEnd(20)} ${s.rssMb.toFixed(0).padStart(8)}`),
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await system.stop('SIGTERM');
    await scratch.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  process.stderr.write(`bench/batch failed: ${err.message}\n`);
  process.exit(1);
});
