import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { sql } from 'kysely';
import { createDatabase, createRedisClient, type BatchQueueMessage, type Job, type TenantContext } from '@medgrade/data';
import type { RunningGrpcService } from '@medgrade/kit';
import { checkHealth, startTestService } from '@medgrade/kit/testing';
import { rubricStoreModule } from '../../rubric-store/src/handlers';
import { startCluster, type Cluster } from '../../orchestrator/test/support/cluster';
import { fixtureRubric, openTestData, REDIS_URL, type TestData } from '../../data/test/support';

const repoRoot = path.resolve(__dirname, '../../..');
const transcript = readFileSync(path.join(__dirname, 'fixtures', 'syncope_transcript.txt'), 'utf8');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface WorkerProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

describe('worker: batch grading through real worker processes', function () {
  this.timeout(180_000);
  let t: TestData;
  let store: RunningGrpcService;
  let cluster: Cluster;
  const workers: WorkerProcess[] = [];

  before(async () => {
    t = await openTestData();
    store = await startTestService('rubric-store', rubricStoreModule(), { DATABASE_URL: t.scratch.url, REDIS_URL, REDIS_KEY_PREFIX: t.keyPrefix });
    cluster = await startCluster({ RUBRIC_STORE_ADDR: store.address });
    const teacher = t.a.as('teacher');
    await t.data.rubrics.create(teacher, fixtureRubric());
    await t.data.rubrics.approve(teacher, 'syncope_v1', '1.0.0', { valid: true, errors: [], warnings: [] });
  });
  after(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await cluster?.stop();
    await store?.shutdown();
    await t?.close();
  });

  function startWorker(name: string): WorkerProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', 'services/worker/src/main.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_URL: t.scratch.url,
        DATABASE_MIGRATE: 'false',
        REDIS_URL,
        REDIS_KEY_PREFIX: t.keyPrefix,
        ORCHESTRATOR_ADDR: cluster.orchestrator.address,
        RUBRIC_STORE_ADDR: store.address,
        GRPC_HOST: '127.0.0.1',
        GRPC_PORT: '0',
        LOG_LEVEL: 'info',
        WORKER_NAME: name,
        WORKER_CONCURRENCY: '2',
        WORKER_CLAIM_IDLE_MS: '2000',
        WORKER_BLOCK_MS: '300',
        SHUTDOWN_GRACE_MS: '5000',
        OTEL_TRACES_EXPORTER: 'none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => { output += chunk; });
    child.stderr!.on('data', (chunk) => { output += chunk; });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const worker = { name, child, exited, output: () => output };
    workers.push(worker);
    return worker;
  }

  async function submit(ctx: TenantContext, count: number): Promise<{ job: Job; messages: BatchQueueMessage[] }> {
    const created = await t.data.jobs.create(ctx, {
      rubricId: 'syncope_v1', rubricVersion: '1.0.0',
      items: Array.from({ length: count }, (_, i) => ({ studentId: `student-${i}`, transcript })),
    });
    await t.data.batchQueue.enqueue(created.messages);
    return created;
  }

  async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${workers.map((w) => `--- ${w.name}\n${w.output().slice(-2000)}`).join('\n')}`);
      await sleep(50);
    }
  }

  /** Entries still pending under a worker's consumers (one per loop: <name>-0, <name>-1). */
  async function pendingOf(name: string): Promise<number> {
    const redis = createRedisClient(REDIS_URL);
    try {
      const summary = (await redis.xpending(`${t.keyPrefix}queue:batch-gradings`, 'workers')) as [number, string, string, [string, string][] | null];
      return (summary[3] ?? []).filter(([consumer]) => consumer.startsWith(`${name}-`)).reduce((sum, [, n]) => sum + Number(n), 0);
    } finally {
      redis.disconnect();
    }
  }

  it('a batch of 100 with a worker killed midway still yields 100 stored gradings, none twice', async () => {
    const teacher = t.a.as('teacher');
    const { job } = await submit(teacher, 100);
    const doomed = startWorker('doomed');
    const survivor = startWorker('survivor');

    // Kill the first worker while it holds work in progress, after some gradings are in.
    await waitFor('30 gradings', async () => ((await t.data.jobs.get(teacher, job.id))!.succeeded >= 30 ? true : undefined));
    await waitFor('the doomed worker holding an item', async () => ((await pendingOf('doomed')) > 0 ? true : undefined));
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const orphaned = await pendingOf('doomed');
    assert.ok(orphaned > 0, 'the killed worker left unacknowledged items behind');

    const finished = await waitFor('the job to finish', async () => {
      const current = (await t.data.jobs.get(teacher, job.id))!;
      return current.finishedAt ? current : undefined;
    });
    assert.equal(finished.status, 'completed');
    assert.equal(finished.succeeded, 100);
    assert.equal(finished.failed, 0);
    assert.equal(await pendingOf('doomed'), 0, 'the survivor took over the orphaned items');

    const { db } = createDatabase({ databaseUrl: t.scratch.url, poolMax: 1 });
    try {
      const counts = await sql<{ gradings: string; items: string }>`
        SELECT count(*) AS gradings, count(DISTINCT g.job_item_id) AS items
        FROM grading_sessions g JOIN batch_job_items i ON i.id = g.job_item_id WHERE i.job_id = ${job.id}`.execute(db);
      assert.deepEqual(counts.rows[0], { gradings: '100', items: '100' });
    } finally {
      await db.destroy();
    }
    const items = await t.data.jobs.progress(teacher, job.id);
    assert.ok(items.every((item) => item.status === 'done' && item.gradingId));
    const sample = await t.data.gradings.get(teacher, items[0]!.gradingId!);
    assert.equal(sample?.rubricVersion, '1.0.0');
    assert.equal(sample?.report.rubric_id, 'syncope_v1');
    assert.ok(survivor.child.exitCode === null, 'the survivor is still running');
  });

  it('reports health over gRPC and, on SIGTERM, finishes or leaves its item and exits cleanly', async () => {
    const survivor = workers.find((w) => w.name === 'survivor')!;
    const port = await waitFor('the health port in the logs', async () => /"port":(\d+)/.exec(survivor.output())?.[1]);
    assert.equal(await checkHealth(`127.0.0.1:${port}`, ''), 'SERVING');
    const teacher = t.a.as('teacher');
    const { job } = await submit(teacher, 10);
    await waitFor('work in progress', async () => ((await pendingOf('survivor')) > 0 ? true : undefined));
    survivor.child.kill('SIGTERM');
    assert.equal(await survivor.exited, 0);
    // Whatever it did not finish stays pending for the next worker: a fresh one completes the job.
    startWorker('successor');
    const finished = await waitFor('the second job to finish', async () => {
      const current = (await t.data.jobs.get(teacher, job.id))!;
      return current.finishedAt ? current : undefined;
    });
    assert.equal(finished.succeeded, 10);
  });
});
