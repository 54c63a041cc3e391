import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { status } from '@grpc/grpc-js';
import { grade } from '@medgrade/core';
import { createRedisClient, RedisWorkQueue, type BatchQueueMessage, type Job } from '@medgrade/data';
import { createClient, createLogger, defineService, GrpcError, toProto, type GrpcClient, type RunningGrpcService } from '@medgrade/kit';
import { componentScores, overallScores } from '@medgrade/kit/metrics';
import { startTestService } from '@medgrade/kit/testing';
import { BatchConsumer } from '../src/consumer';
import { orchestratorGrader } from '../src/handlers';
import { fixtureRubric, openTestData, REDIS_URL, type TestData } from '../../data/test/support';

const transcript = readFileSync(path.join(__dirname, 'fixtures', 'syncope_transcript.txt'), 'utf8');
const scriptedReport = () => grade(fixtureRubric(), transcript, { gradingId: 'scripted' });

/** Observations so far in the score histograms, by component ("overall" for the overall score). */
async function scoreCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const value of (await componentScores.get()).values) {
    if (value.metricName === 'grading_component_scores_count') counts[String(value.labels.component)] = value.value;
  }
  counts.overall = (await overallScores.get()).values.find((value) => value.metricName === 'grading_overall_scores_count')?.value ?? 0;
  return counts;
}

// An orchestrator on a real gRPC server whose answer depends on the transcript: the
// consumer's handling of permanent and passing failures is what is under test here.
function scriptedOrchestrator(calls: Map<string, number>) {
  return defineService({
    implementations: () => ({
      Orchestrator: {
        Grade: async (request) => {
          const text = request.oral_transcript;
          calls.set(text, (calls.get(text) ?? 0) + 1);
          if (text.startsWith('REFUSE')) throw new GrpcError(status.INVALID_ARGUMENT, 'transcript is unusable');
          if (text.startsWith('FLAKY') && calls.get(text) === 1) throw new GrpcError(status.UNAVAILABLE, 'evaluator restarting');
          return toProto('GradingReport', scriptedReport());
        },
      },
    }),
  });
}

describe('worker: BatchConsumer failure handling', function () {
  this.timeout(60_000);
  let t: TestData;
  let orchestrator: RunningGrpcService;
  let client: GrpcClient<'Orchestrator'>;
  let queue: RedisWorkQueue<BatchQueueMessage>;
  const redis = createRedisClient(REDIS_URL);
  const calls = new Map<string, number>();

  before(async () => {
    t = await openTestData();
    orchestrator = await startTestService('orchestrator', scriptedOrchestrator(calls));
    client = createClient('Orchestrator', orchestrator.address, { deadlineMs: 5_000, retry: { maxAttempts: 1, initialBackoffMs: 10, maxBackoffMs: 10 } });
    queue = new RedisWorkQueue<BatchQueueMessage>(redis, REDIS_URL, t.keyPrefix, 'consumer-test');
    const teacher = t.a.as('teacher');
    await t.data.rubrics.create(teacher, fixtureRubric());
    await t.data.rubrics.approve(teacher, 'syncope_v1', '1.0.0', { valid: true, errors: [], warnings: [] });
  });
  after(async () => {
    await queue?.close();
    redis.disconnect();
    client?.close();
    await orchestrator?.shutdown();
    await t?.close();
  });

  it('fails unusable items for good, retries passing failures, drops malformed entries, and finishes the job', async () => {
    const teacher = t.a.as('teacher');
    const { job, messages } = await t.data.jobs.create(teacher, {
      rubricId: 'syncope_v1', rubricVersion: '1.0.0',
      items: [{ studentId: 'ok', transcript }, { studentId: 'refused', transcript: `REFUSE ${transcript}` }, { studentId: 'flaky', transcript: `FLAKY ${transcript}` }],
    });
    await queue.enqueue([...messages, { garbage: true } as unknown as BatchQueueMessage]);
    // The registry is shared by every test of a run: compare before and after.
    const countsBefore = await scoreCounts();
    const consumer = new BatchConsumer({
      queue, jobs: t.data.jobs, grade: orchestratorGrader(client, 5_000), logger: createLogger('worker', 'silent'),
      name: 'test', concurrency: 1, claimIdleMs: 300, maxDeliveries: 3, blockMs: 100,
    });
    consumer.start();
    let finished: Job | null = null;
    const deadline = Date.now() + 30_000;
    while (!finished?.finishedAt && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      finished = await t.data.jobs.get(teacher, job.id);
    }
    assert.ok(await consumer.stop(5_000), 'nothing was left in progress');
    assert.equal(finished?.status, 'completed');
    assert.deepEqual([finished?.succeeded, finished?.failed], [2, 1]);
    const items = await t.data.jobs.progress(teacher, job.id);
    const byStudent = Object.fromEntries(items.map((item) => [item.studentId, item]));
    assert.equal(byStudent.refused?.status, 'failed');
    assert.equal(byStudent.refused?.attempts, 1, 'a permanent failure is not retried');
    assert.match(byStudent.refused?.error ?? '', /INVALID_ARGUMENT/);
    assert.equal(byStudent.flaky?.status, 'done');
    assert.equal(byStudent.flaky?.attempts, 2, 'one failed attempt, then the stored grading');
    assert.equal(calls.get(`FLAKY ${transcript}`), 2);
    assert.deepEqual(await queue.depth(), { waiting: 0, pending: 0, oldestAgeSeconds: 0 }, 'everything acked, the malformed entry too');

    // Each stored grading feeds the score histograms once, as a synchronous grading does.
    const countsAfter = await scoreCounts();
    const report = scriptedReport();
    const observed = Object.entries(report.component_scores).filter(([, score]) => score !== null).map(([component]) => component);
    assert.ok(observed.length > 0 && report.overall_score !== null, 'the scripted report has scores to observe');
    for (const component of [...observed, 'overall']) {
      assert.equal((countsAfter[component] ?? 0) - (countsBefore[component] ?? 0), 2, `${component}: one observation per stored grading`);
    }
  });
});
