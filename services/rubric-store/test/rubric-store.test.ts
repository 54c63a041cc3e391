import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { Client } from 'pg';
import type { QaReport } from '@medgrade/core';
import { createRedisClient, type TenantContext } from '@medgrade/data';
import { createClient, readJsonTrailer, RUBRIC_STORE_TRAILERS, type GrpcClient, type PatchFailure, type RunningGrpcService } from '@medgrade/kit';
import { checkHealth, startTestService } from '@medgrade/kit/testing';
import { rubricStoreModule } from '../src/handlers';
import { DEAD_REDIS_URL, fixtureRubric, openTestData, REDIS_URL, type TestData } from '../../data/test/support';

const repoRoot = path.resolve(__dirname, '../../..');
const referenceDir = path.resolve(repoRoot, '../shared/reference-data');

function metadataFor(ctx: TenantContext): Metadata {
  const metadata = new Metadata();
  metadata.set('x-medgrade-institution-id', ctx.institutionId);
  metadata.set('x-medgrade-user-id', ctx.userId);
  metadata.set('x-medgrade-role', ctx.role);
  metadata.set('x-request-id', 'test-request');
  return metadata;
}

function rejectsWith(code: status) {
  return (err: unknown) => {
    assert.equal((err as ServiceError).code, code, `expected ${status[code]}, got ${(err as ServiceError).code}: ${(err as Error).message}`);
    return true;
  };
}

async function startStore(t: TestData, redisUrl: string) {
  const running = await startTestService('rubric-store', rubricStoreModule(), {
    DATABASE_URL: t.scratch.url, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: t.keyPrefix,
  });
  return { running, client: createClient('RubricStoreService', running.address, { deadlineMs: 10_000 }) };
}

describe('rubric-store over gRPC', function () {
  let t: TestData;
  let running: RunningGrpcService;
  let client: GrpcClient<'RubricStoreService'>;
  let teacherA: { metadata: Metadata };
  let teacherB: { metadata: Metadata };

  before(async () => {
    t = await openTestData();
    ({ running, client } = await startStore(t, REDIS_URL));
    teacherA = { metadata: metadataFor(t.a.as('teacher')) };
    teacherB = { metadata: metadataFor(t.b.as('teacher')) };
  });
  after(async () => {
    client?.close();
    await running?.shutdown('test over');
    await t?.close();
  });

  const create = (rubric: unknown, as = teacherA) => client.CreateRubric({ rubric_json: JSON.stringify(rubric) }, as);
  const versionsOf = async (rubricId: string) => (await client.ListVersions({ rubric_id: rubricId }, teacherA)).versions.map((v) => `${v.version}:${v.status}`);

  it('reports SERVING while PostgreSQL is reachable', async () => {
    assert.equal(await checkHealth(running.address, 'medgrade.v1.RubricStoreService'), 'SERVING');
  });

  it('imports a rubric as a draft, approves it after QA, and serves it as the latest approved version', async () => {
    const created = await create(fixtureRubric());
    assert.equal(created.status, 'draft');
    assert.equal(created.version, '1.0.0');
    await assert.rejects(client.GetRubric({ institution_id: t.a.institutionId, rubric_id: 'syncope_v1', version: '' }), rejectsWith(status.NOT_FOUND));
    const approved = await client.ApproveRubric({ rubric_id: 'syncope_v1', version: '1.0.0' }, teacherA);
    assert.equal(approved.status, 'approved');
    assert.equal(approved.qa_report?.valid, true);
    // The orchestrator's call: institution in the request, no user metadata.
    const latest = await client.GetRubric({ institution_id: t.a.institutionId, rubric_id: 'syncope_v1', version: '' });
    assert.equal(latest.version, '1.0.0');
    assert.equal(latest.rubric?.key_questions.length, 3);
    assert.equal(JSON.parse(latest.rubric_json).title, 'Syncope history');
  });

  it('accepts the reference rubric JSON unchanged', async function () {
    const file = path.join(referenceDir, 'stroke_v1.json');
    if (!existsSync(file)) this.skip();
    const text = readFileSync(file, 'utf8');
    const created = await client.CreateRubric({ rubric_json: text }, teacherA);
    assert.equal(created.rubric_id, 'stroke_v1');
    assert.equal(created.status, 'draft', 'an import is a draft whatever its JSON says');
    const approved = await client.ApproveRubric({ rubric_id: 'stroke_v1', version: created.version }, teacherA);
    assert.equal(approved.status, 'approved');
    const original = JSON.parse(text) as Record<string, unknown>;
    const stored = JSON.parse(approved.rubric_json) as Record<string, unknown>;
    assert.deepEqual({ ...stored, status: original.status }, original);
  });

  it('hides rubrics of other institutions: NOT_FOUND, never PERMISSION_DENIED', async () => {
    await assert.rejects(client.GetRubric({ institution_id: '', rubric_id: 'syncope_v1', version: '1.0.0' }, teacherB), rejectsWith(status.NOT_FOUND));
    await assert.rejects(client.ListVersions({ rubric_id: 'syncope_v1' }, teacherB), rejectsWith(status.NOT_FOUND));
    await assert.rejects(client.ArchiveRubric({ rubric_id: 'syncope_v1', version: '' }, teacherB), rejectsWith(status.NOT_FOUND));
    await assert.rejects(client.GetRubric({ institution_id: t.a.institutionId, rubric_id: 'syncope_v1', version: '' }, teacherB), rejectsWith(status.PERMISSION_DENIED));
  });

  it('a JSON Patch with a bad pointer, a failing test or a malformed result is INVALID_ARGUMENT, says why and writes nothing', async () => {
    await create({ ...fixtureRubric(), rubric_id: 'patchme' });
    const refusal = async (operations: { op: string; path: string; value_json?: string }[]): Promise<PatchFailure> => {
      const err = await client.PatchRubric({ rubric_id: 'patchme', base_version: '1.0.0', operations }, teacherA).then(
        () => assert.fail('the patch should be refused'),
        (e: ServiceError) => e,
      );
      assert.equal(err.code, status.INVALID_ARGUMENT, err.message);
      return readJsonTrailer<PatchFailure>(err, RUBRIC_STORE_TRAILERS.patchError)!;
    };
    const badPointer = await refusal([{ op: 'replace', path: '/key_questions/7/label', value_json: '"x"' }]);
    assert.deepEqual([badPointer.operation_index, badPointer.path], [0, '/key_questions/7/label']);
    const failingTest = [
      { op: 'replace', path: '/title', value_json: '"renamed"' },
      { op: 'test', path: '/weights/structure', value_json: '0.9' },
    ];
    const failed = await refusal(failingTest);
    assert.deepEqual([failed.operation_index, failed.reason], [1, 'test_failed']);
    const malformed = await refusal([{ op: 'replace', path: '/weights', value_json: '"heavy"' }]);
    assert.equal(malformed.operation_index, undefined);
    assert.match(malformed.message, /malformed: \/weights expected an object/);
    assert.deepEqual(await versionsOf('patchme'), ['1.0.0:draft']);
    const patched = await client.PatchRubric({ rubric_id: 'patchme', base_version: '1.0.0', operations: [failingTest[0]!] }, teacherA);
    assert.equal(patched.version, '1.1.0');
    assert.equal(JSON.parse(patched.rubric_json).title, 'renamed');
  });

  it('two concurrent updates from the same base: one wins, the other is ABORTED', async () => {
    await create({ ...fixtureRubric(), rubric_id: 'contested' });
    const edit = (title: string) => client.UpdateRubric({
      rubric_id: 'contested', base_version: '1.0.0', rubric_json: JSON.stringify({ ...fixtureRubric(), rubric_id: 'contested', title }),
    }, teacherA);
    const results = await Promise.allSettled([edit('mine'), edit('theirs')]);
    const codes = results.map((r) => (r.status === 'fulfilled' ? 'OK' : status[(r.reason as ServiceError).code])).sort();
    assert.deepEqual(codes, ['ABORTED', 'OK']);
    assert.deepEqual(await versionsOf('contested'), ['1.1.0:draft', '1.0.0:draft']);
  });

  it('refuses to approve a rubric that fails QA, with the report attached', async () => {
    await create({ ...fixtureRubric(), rubric_id: 'broken', weights: { ...fixtureRubric().weights, structure: 0.9 } });
    const err = await client.ApproveRubric({ rubric_id: 'broken', version: '1.0.0' }, teacherA).then(
      () => assert.fail('approval should be refused'),
      (e: ServiceError) => e,
    );
    assert.equal(err.code, status.FAILED_PRECONDITION);
    const report = readJsonTrailer<QaReport>(err, RUBRIC_STORE_TRAILERS.qaReport)!;
    assert.equal(report.valid, false);
    assert.ok(report.errors.some((issue) => issue.pointer.startsWith('/weights')));
    assert.deepEqual(await versionsOf('broken'), ['1.0.0:draft']);
  });

  it('keeps approved versions immutable', async () => {
    await assert.rejects(client.ApproveRubric({ rubric_id: 'syncope_v1', version: '1.0.0' }, teacherA), rejectsWith(status.FAILED_PRECONDITION));
    const draft = await client.UpdateRubric({
      rubric_id: 'syncope_v1', base_version: '1.0.0', rubric_json: JSON.stringify({ ...fixtureRubric(), title: 'edited' }),
    }, teacherA);
    assert.equal(draft.version, '1.1.0');
    const original = await client.GetRubric({ institution_id: '', rubric_id: 'syncope_v1', version: '1.0.0' }, teacherA);
    assert.equal(JSON.parse(original.rubric_json).title, 'Syncope history');
    assert.equal(original.status, 'approved');
  });

  it('serves approved versions from the Redis cache and drops them on archive', async () => {
    const redis = createRedisClient(REDIS_URL);
    try {
      const key = `${t.keyPrefix}cache:rubric:${t.a.institutionId}:syncope_v1:v:1.0.0`;
      await client.GetRubric({ institution_id: t.a.institutionId, rubric_id: 'syncope_v1', version: '' });
      assert.ok(await redis.exists(key), 'the approved version is cached');
      const archived = await client.ArchiveRubric({ rubric_id: 'syncope_v1', version: '' }, teacherA);
      assert.deepEqual([...archived.archived_versions].sort(), ['1.0.0', '1.1.0']);
      assert.deepEqual(archived.archived.map((v) => `${v.version}:${v.status}`).sort(), ['1.0.0:archived', '1.1.0:archived']);
      assert.ok(archived.archived.every((v) => v.archived_at !== ''));
      assert.equal(await redis.exists(key), 0);
      await assert.rejects(client.GetRubric({ institution_id: t.a.institutionId, rubric_id: 'syncope_v1', version: '' }), rejectsWith(status.NOT_FOUND));
      const old = await client.GetRubric({ institution_id: t.a.institutionId, rubric_id: 'syncope_v1', version: '1.0.0' });
      assert.equal(old.status, 'archived');
    } finally {
      redis.disconnect();
    }
  });

  it('checks identity and role: no metadata is UNAUTHENTICATED, students may not edit', async () => {
    await assert.rejects(client.CreateRubric({ rubric_json: JSON.stringify(fixtureRubric()) }), rejectsWith(status.UNAUTHENTICATED));
    await assert.rejects(create({ ...fixtureRubric(), rubric_id: 'by_student' }, { metadata: metadataFor(t.a.as('student')) }), rejectsWith(status.PERMISSION_DENIED));
    await assert.rejects(create({ ...fixtureRubric(), rubric_id: 'patchme' }), rejectsWith(status.ALREADY_EXISTS));
    await assert.rejects(client.CreateRubric({ rubric_json: '{not json' }, teacherA), rejectsWith(status.INVALID_ARGUMENT));
  });

  it('keeps answering from PostgreSQL when Redis is unreachable', async () => {
    const degraded = await startStore(t, DEAD_REDIS_URL);
    try {
      await create({ ...fixtureRubric(), rubric_id: 'no_cache' });
      await degraded.client.ApproveRubric({ rubric_id: 'no_cache', version: '1.0.0' }, teacherA);
      const record = await degraded.client.GetRubric({ institution_id: t.a.institutionId, rubric_id: 'no_cache', version: '' });
      assert.equal(record.status, 'approved');
      assert.equal(await checkHealth(degraded.running.address, 'medgrade.v1.RubricStoreService'), 'SERVING');
    } finally {
      degraded.client.close();
      await degraded.running.shutdown('test over');
    }
  });
});

describe('rubric-store health follows PostgreSQL', function () {
  this.timeout(60_000);
  let t: TestData;
  let running: RunningGrpcService;
  const admin = async (text: string) => {
    const client = new Client({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  const healthBecomes = async (wanted: string) => {
    const deadline = Date.now() + 30_000;
    let seen = '';
    while (Date.now() < deadline) {
      seen = await checkHealth(running.address, 'medgrade.v1.RubricStoreService');
      if (seen === wanted) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail(`health stayed ${seen}, expected ${wanted}`);
  };

  before(async () => {
    t = await openTestData();
    const started = await startStore(t, REDIS_URL);
    started.client.close();
    running = started.running;
  });
  after(async () => {
    await admin(`ALTER DATABASE ${t.scratch.name} ALLOW_CONNECTIONS true`);
    await running?.shutdown('test over');
    await t?.close();
  });

  it('turns NOT_SERVING when PostgreSQL refuses connections and SERVING again when it is back', async () => {
    await healthBecomes('SERVING');
    await admin(`ALTER DATABASE ${t.scratch.name} ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${t.scratch.name}'`);
    await healthBecomes('NOT_SERVING');
    await admin(`ALTER DATABASE ${t.scratch.name} ALLOW_CONNECTIONS true`);
    await healthBecomes('SERVING');
  });
});
