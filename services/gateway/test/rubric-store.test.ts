import * as assert from 'node:assert/strict';
import { createRedisClient } from '@medgrade/data';
import { Api, approvedRubric, assertProblem, createInstitution, fixtureRubric, fixtureTranscript, login, type TestInstitution } from './support/api';
import { testSystem, type TestSystem } from './support/system';

// The rubric routes hold no rules of their own: the rubric store decides (QA gate, patch
// checks) and owns the cache of approved versions. These tests tell the two apart by
// taking away what only the gateway used to need, or by looking at the store's cache.

const DEAD_ADDRESS = '127.0.0.1:1';

describe('gateway rubrics are the rubric store\'s', function () {
  this.timeout(120_000);
  let system: TestSystem;
  let school: TestInstitution;

  before(async () => {
    system = await testSystem();
    school = await createInstitution(system.url, system.admin);
  });

  it('approval is decided by the rubric store: it works with no QA service in reach, and refuses a failing draft with the store\'s report', async () => {
    const variant = await system.startVariant({ QA_VALIDATION_ADDR: DEAD_ADDRESS });
    const { email, password } = school.members.teacher;
    const teacher = (await login(variant.url, email, password)).api;
    const broken = { ...fixtureRubric(), weights: { structure: 0.9, key_questions: 0.9, reasoning: 0, summary: 0, communication: 0 } };
    const created = await school.members.teacher.api.ok(201, 'POST', '/api/v1/rubrics', broken);
    const refused = await teacher.post(`/api/v1/rubrics/${created.rubric_id}/versions/1.0.0/approve`);
    assertProblem(refused, 422, 'rubric-invalid');
    assert.equal(refused.body.detail, `rubric ${created.rubric_id} 1.0.0 failed QA validation`);
    assert.equal(refused.body.qa.valid, false);
    assert.ok(refused.body.qa.errors.some((e: { code: string; pointer: string }) => e.code === 'weights_sum' && e.pointer === '/weights'), JSON.stringify(refused.body.qa));
    const versions = await teacher.ok(200, 'GET', `/api/v1/rubrics/${created.rubric_id}/versions`);
    assert.deepEqual(versions.items.map((v: { status: string }) => v.status), ['draft'], 'the refusal wrote nothing');

    const good = await school.members.teacher.api.ok(201, 'POST', '/api/v1/rubrics', fixtureRubric());
    const approved = await teacher.ok(200, 'POST', `/api/v1/rubrics/${good.rubric_id}/versions/1.0.0/approve`);
    assert.deepEqual([approved.status, approved.qa.valid, approved.approved_by], ['approved', true, school.members.teacher.id]);
  });

  it('every rubric operation goes through the rubric store: without it they answer 503', async () => {
    const rubricId = await approvedRubric(school.members.teacher.api);
    const variant = await system.startVariant({ RUBRIC_STORE_ADDR: DEAD_ADDRESS, GRPC_DEADLINE_MS: '1500' });
    const teacher = (await login(variant.url, school.members.teacher.email, school.members.teacher.password)).api;
    const attempts: [string, string, unknown?][] = [
      ['GET', '/api/v1/rubrics'],
      ['GET', `/api/v1/rubrics/${rubricId}`],
      ['POST', '/api/v1/rubrics', fixtureRubric()],
      ['POST', `/api/v1/rubrics/${rubricId}/archive`],
      ['POST', '/api/v1/gradings', { rubric_id: rubricId, oral_transcript: fixtureTranscript() }],
    ];
    for (const [method, urlPath, body] of attempts) {
      assertProblem(await teacher.request(method, urlPath, body === undefined ? {} : { body }), 503, 'service-unavailable');
    }
    // Nothing happened meanwhile: the rubric is still approved and unarchived.
    assert.equal((await school.members.teacher.api.ok(200, 'GET', `/api/v1/rubrics/${rubricId}`)).status, 'approved');
  });

  it('reads fill the rubric store\'s cache and an approval through the API invalidates it', async () => {
    const teacher = school.members.teacher.api;
    const rubricId = await approvedRubric(teacher);
    const redis = createRedisClient(system.redisUrl);
    try {
      const latestKey = `${system.keyPrefix}cache:rubric:${school.id}:${rubricId}:latest`;
      assert.equal((await teacher.ok(200, 'GET', `/api/v1/rubrics/${rubricId}`)).version, '1.0.0');
      assert.equal(await redis.get(latestKey), '1.0.0', 'the store cached the latest approved version');
      await teacher.ok(201, 'PUT', `/api/v1/rubrics/${rubricId}`, { base_version: '1.0.0', rubric: { ...fixtureRubric(rubricId), title: 'Second edition' } });
      assert.equal(await redis.get(latestKey), '1.0.0', 'a draft does not move the latest approved version');
      await teacher.ok(200, 'POST', `/api/v1/rubrics/${rubricId}/versions/1.1.0/approve`);
      assert.equal(await redis.exists(latestKey), 0, 'the approval dropped the cached pointer');
      const graded = await teacher.ok(201, 'POST', '/api/v1/gradings', { rubric_id: rubricId, oral_transcript: fixtureTranscript() });
      assert.equal(graded.rubric_version, '1.1.0', 'gradings use the newly approved version at once');
    } finally {
      redis.disconnect();
    }
  });

  it('a patch that leaves a malformed rubric is refused by the store with 422 and stores nothing', async () => {
    const teacher: Api = school.members.teacher.api;
    const rubricId = await approvedRubric(teacher);
    const refused = await teacher.patch(`/api/v1/rubrics/${rubricId}`, { base_version: '1.0.0', operations: [{ op: 'replace', path: '/weights', value: 'heavy' }] });
    assertProblem(refused, 422, 'patch-failed');
    assert.match(refused.body.detail, /^the patched rubric is malformed: \/weights /);
    assert.equal(refused.body.operation_index, undefined);
    const failedTest = await teacher.patch(`/api/v1/rubrics/${rubricId}`, { base_version: '1.0.0', operations: [{ op: 'test', path: '/title', value: 'not the title' }] });
    assertProblem(failedTest, 422, 'patch-failed');
    assert.deepEqual([failedTest.body.operation_index, failedTest.body.reason, failedTest.body.path], [0, 'test_failed', '/title']);
    const versions = await teacher.ok(200, 'GET', `/api/v1/rubrics/${rubricId}/versions`);
    assert.deepEqual(versions.items.map((v: { version: string }) => v.version), ['1.0.0']);
  });
});
