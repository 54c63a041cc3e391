import { strict as assert } from 'node:assert';
import * as grpc from '@grpc/grpc-js';
import { grade } from '@medgrade/core';
import { createClient, fromProto, type GrpcClient, type RunningGrpcService } from '@medgrade/kit';
import { registry } from '@medgrade/kit/metrics';
import type { RubricRef } from '@medgrade/kit/generated/medgrade/v1/RubricRef';
import { startTestService } from '@medgrade/kit/testing';
import { fixtureRubric, openTestData, REDIS_URL, type TestData } from '../../data/test/support';
import { rubricStoreModule } from '../../rubric-store/src/handlers';
import { syncopeTranscript } from '../../kit/test/support/fixtures';
import { startCluster, type Cluster } from './support/cluster';

// A stored rubric named by reference (id, version, content hash): every service that grades
// with it fetches it from the real rubric store once, then grades from its own cache.

/** GetRubric calls answered so far by the rubric store (every test service shares this process's registry). */
async function getRubricCalls(): Promise<number> {
  const handled = await registry.getSingleMetric('grpc_server_handled_total')!.get();
  return handled.values.filter((v) => v.labels.grpc_method === 'GetRubric').reduce((sum, v) => sum + v.value, 0);
}

describe('orchestrator grading with a rubric by reference', function () {
  this.timeout(60_000);
  let t: TestData;
  let store: RunningGrpcService;
  let cluster: Cluster;
  let client: GrpcClient<'Orchestrator'>;
  let ref: RubricRef;

  before(async () => {
    t = await openTestData();
    store = await startTestService('rubric-store', rubricStoreModule(), { DATABASE_URL: t.scratch.url, REDIS_URL, REDIS_KEY_PREFIX: t.keyPrefix });
    const teacher = t.a.as('teacher');
    await t.data.rubrics.create(teacher, fixtureRubric());
    await t.data.rubrics.approve(teacher, 'syncope_v1', '1.0.0', { valid: true, errors: [], warnings: [] });
    cluster = await startCluster({ RUBRIC_STORE_ADDR: store.address });
    client = createClient('Orchestrator', cluster.orchestrator.address, { deadlineMs: 20_000, retry: { maxAttempts: 1, initialBackoffMs: 1, maxBackoffMs: 1 } });
    const rubricStore = createClient('RubricStoreService', store.address);
    try {
      ref = (await rubricStore.ResolveRubric({ institution_id: t.a.institutionId, rubric_id: 'syncope_v1', version: '' })).ref!;
    } finally {
      rubricStore.close();
    }
  });
  after(async () => {
    client.close();
    await cluster?.stop();
    await store?.shutdown();
    await t?.close();
  });

  it('resolves to the approved version and a content hash', () => {
    assert.equal(ref.rubric_id, 'syncope_v1');
    assert.equal(ref.version, '1.0.0');
    assert.match(ref.content_hash ?? '', /^[0-9a-f]{64}$/);
  });

  it('grades exactly as grade() with the stored rubric, each service asking the store once', async () => {
    const stored = (await t.data.rubrics.get(t.a.as('teacher'), 'syncope_v1', '1.0.0'))!.body;
    const before = await getRubricCalls();
    for (let i = 0; i < 3; i++) {
      const report = fromProto('GradingReport', await client.Grade({ ref, institution_id: t.a.institutionId, oral_transcript: syncopeTranscript() }));
      const expected = grade(stored, syncopeTranscript(), { gradingId: report.grading_id, gradedAt: report.graded_at });
      assert.equal(JSON.stringify(report), JSON.stringify(expected));
    }
    // The orchestrator, the four evaluators, scoring and feedback: one fetch each, none after.
    assert.equal(await getRubricCalls() - before, 7);
  });

  it('refuses a reference whose content hash is not the stored version\'s (FAILED_PRECONDITION)', async () => {
    await assert.rejects(
      client.Grade({ ref: { ...ref, content_hash: 'f'.repeat(64) }, institution_id: t.a.institutionId, oral_transcript: syncopeTranscript() }),
      { code: grpc.status.FAILED_PRECONDITION, details: /no longer the content it was resolved to/ },
    );
  });

  it('does not serve one institution\'s rubric to another that names the same reference', async () => {
    await assert.rejects(
      client.Grade({ ref, institution_id: t.b.institutionId, oral_transcript: syncopeTranscript() }),
      { code: grpc.status.NOT_FOUND },
    );
  });
});
