import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { grade } from '@medgrade/core';
import { startInProcessWorker } from '../src/in-process-worker';
import { approvedRubric, assertProblem, createInstitution, fixtureRubric, fixtureTranscript, login, type TestInstitution } from './support/api';
import { testSystem, type TestSystem } from './support/system';

describe('gateway rubrics and gradings over HTTP', function () {
  this.timeout(180_000);
  let system: TestSystem;
  let school: TestInstitution;

  before(async () => {
    system = await testSystem();
    school = await createInstitution(system.url, system.admin);
  });

  it('end to end: login → create rubric → approve → grade → fetch', async () => {
    const teacher = (await login(system.url, school.members.teacher.email, school.members.teacher.password)).api;
    const rubric = fixtureRubric();
    const created = await teacher.ok(201, 'POST', '/api/v1/rubrics', rubric);
    assert.deepEqual([created.rubric_id, created.version, created.status, created.qa.valid], [rubric.rubric_id, '1.0.0', 'draft', true]);
    // A draft does not grade yet.
    assertProblem(await teacher.post('/api/v1/gradings', { rubric_id: created.rubric_id, oral_transcript: fixtureTranscript() }), 404, 'not-found');
    const approved = await teacher.ok(200, 'POST', `/api/v1/rubrics/${created.rubric_id}/versions/1.0.0/approve`);
    assert.equal(approved.status, 'approved');
    assert.equal(approved.approved_by, school.members.teacher.id);

    const graded = await teacher.request('POST', '/api/v1/gradings', {
      body: { rubric_id: created.rubric_id, student_id: school.members.student.id, oral_transcript: fixtureTranscript(), style: 'detailed' },
    });
    assert.equal(graded.status, 201, JSON.stringify(graded.body));
    const report = graded.body;
    assert.equal(graded.headers.get('location'), `/api/v1/gradings/${report.grading_id}`);
    assert.equal(report.rubric_id, created.rubric_id);
    assert.equal(report.rubric_version, '1.0.0');
    assert.equal(report.status, 'complete');
    assert.ok(report.overall_score > 0 && report.overall_score <= 1);
    assert.ok(report.details.key_questions.matches.length > 0);
    assert.ok(report.feedback.sections.every((s: { items: { citations: { rubric: string[] } }[] }) =>
      s.items.every((item) => item.citations.rubric.every((c) => c.startsWith(`rubric://${created.rubric_id}#`)))));

    const fetched = await teacher.ok(200, 'GET', `/api/v1/gradings/${report.grading_id}`);
    assert.equal(fetched.grading_id, report.grading_id);
    assert.equal(fetched.student_id, school.members.student.id);
    assert.equal(fetched.grader_id, school.members.teacher.id);
    assert.deepEqual(fetched.report, report);
    // Stored and returned in the report's documented key order, not the database's.
    assert.deepEqual(Object.keys(report).slice(0, 6), ['grading_id', 'rubric_id', 'rubric_version', 'status', 'graded_at', 'overall_score']);
    assert.deepEqual(Object.keys(fetched.report), Object.keys(report));
  });

  it('answers with the in-process report to the byte (apart from grading_id and graded_at), as stored', async () => {
    const teacher = school.members.teacher.api;
    const rubricId = await approvedRubric(teacher);
    const tenant = { institutionId: school.id, userId: school.members.teacher.id, role: 'teacher' as const };
    const stored = (await system.gateway.deps.data.rubrics.get(tenant, rubricId, '1.0.0'))!.body;
    const answered: { gradingId: string; text: string }[] = [];
    for (const style of ['constructive', 'concise'] as const) {
      const response = await fetch(`${system.url}/api/v1/gradings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${teacher.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ rubric_id: rubricId, oral_transcript: fixtureTranscript(), style }),
      });
      assert.equal(response.status, 201);
      assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8');
      const text = await response.text();
      const { grading_id: gradingId, graded_at: gradedAt } = JSON.parse(text) as { grading_id: string; graded_at: string };
      assert.equal(text, JSON.stringify(grade(stored, fixtureTranscript(), { style, gradingId, gradedAt })));
      const fetched = await teacher.ok(200, 'GET', `/api/v1/gradings/${gradingId}`);
      assert.equal(JSON.stringify(fetched.report), text);
      assert.equal(fetched.machine_report, null, 'stored unreviewed');
      answered.push({ gradingId, text });
    }
    // Once reviewed, the grading answers the reviewed report, and keeps the one first answered to the byte.
    const { gradingId, text } = answered[0]!;
    const reviewed = await teacher.ok(200, 'POST', `/api/v1/gradings/${gradingId}/review`, {
      overrides: [{ kind: 'reasoning_link', id: 'exertion_to_cardiac', decision: 'remove', reason: 'stated, not reasoned' }],
    });
    assert.notEqual(JSON.stringify(reviewed.report), text);
    const fetched = await teacher.ok(200, 'GET', `/api/v1/gradings/${gradingId}`);
    assert.equal(JSON.stringify(fetched.report), JSON.stringify(reviewed.report));
    assert.equal(JSON.stringify(fetched.machine_report), text);
  });

  it('an idempotent retry returns the same grading; a different body under the same key is refused', async () => {
    const teacher = school.members.teacher.api;
    const rubricId = await approvedRubric(teacher);
    const key = `retry-${randomUUID()}`;
    const body = { rubric_id: rubricId, student_id: school.members.student.id, oral_transcript: fixtureTranscript() };
    const first = await teacher.request('POST', '/api/v1/gradings', { body, headers: { 'idempotency-key': key } });
    assert.equal(first.status, 201);
    const retry = await teacher.request('POST', '/api/v1/gradings', { body, headers: { 'idempotency-key': key } });
    assert.equal(retry.status, 200);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(retry.body, first.body);
    const listed = await teacher.ok(200, 'GET', `/api/v1/gradings?rubric_id=${rubricId}&limit=100`);
    assert.equal(listed.items.length, 1, 'the retry stored nothing');
    const changed = await teacher.request('POST', '/api/v1/gradings', { body: { ...body, oral_transcript: `${fixtureTranscript()}\n[01:00] Student: one more line` }, headers: { 'idempotency-key': key } });
    assertProblem(changed, 422, 'idempotency-mismatch');
  });

  it('concurrent requests with one Idempotency-Key store one grading', async () => {
    const teacher = school.members.teacher.api;
    const rubricId = await approvedRubric(teacher);
    const key = `race-${randomUUID()}`;
    const body = { rubric_id: rubricId, oral_transcript: fixtureTranscript() };
    const responses = await Promise.all([1, 2, 3].map(() => teacher.request('POST', '/api/v1/gradings', { body, headers: { 'idempotency-key': key } })));
    const statuses = responses.map((r) => r.status).sort();
    assert.equal(statuses.filter((s) => s === 201).length, 1, `statuses ${statuses}`);
    assert.ok(statuses.every((s) => s === 201 || s === 200 || s === 409), `statuses ${statuses}`);
    const ids = new Set(responses.filter((r) => r.status < 300).map((r) => r.body.grading_id));
    assert.equal(ids.size, 1);
    const listed = await teacher.ok(200, 'GET', `/api/v1/gradings?rubric_id=${rubricId}&limit=100`);
    assert.equal(listed.items.length, 1);
  });

  it('lists gradings newest first with a cursor, filtered by rubric and student', async () => {
    const teacher = school.members.teacher.api;
    const rubricId = await approvedRubric(teacher);
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      created.push((await teacher.ok(201, 'POST', '/api/v1/gradings', { rubric_id: rubricId, student_id: school.members.student.id, oral_transcript: fixtureTranscript() })).grading_id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { grading_id: string }[]; next_cursor: string | null } = await teacher.ok(200, 'GET', `/api/v1/gradings?rubric_id=${rubricId}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.ok(page.items.length <= 2);
      seen.push(...page.items.map((g) => g.grading_id));
      cursor = page.next_cursor;
    } while (cursor);
    assert.deepEqual(seen, [...created].reverse());
    const none = await teacher.ok(200, 'GET', `/api/v1/gradings?rubric_id=${rubricId}&student_id=${school.members.grader.id}`);
    assert.deepEqual(none.items, []);
    assertProblem(await teacher.get('/api/v1/gradings?limit=1000'), 400, 'bad-request');
  });

  it('versions: PUT and PATCH make new drafts; a stale base version gets 409 and a failing patch writes nothing', async () => {
    const teacher = school.members.teacher.api;
    const rubricId = await approvedRubric(teacher);
    const put = await teacher.ok(201, 'PUT', `/api/v1/rubrics/${rubricId}`, { base_version: '1.0.0', rubric: { ...fixtureRubric(rubricId), title: 'Second edition' } });
    assert.deepEqual([put.version, put.status, put.rubric.title], ['1.1.0', 'draft', 'Second edition']);
    // Two editors started from 1.1.0: the first wins, the second is told its base is stale.
    const ops = (title: string) => ({ base_version: '1.1.0', operations: [{ op: 'replace', path: '/title', value: title }] });
    const [a, b] = await Promise.all([teacher.patch(`/api/v1/rubrics/${rubricId}`, ops('A')), teacher.patch(`/api/v1/rubrics/${rubricId}`, ops('B'))]);
    const statuses = [a.status, b.status].sort();
    assert.deepEqual(statuses, [201, 409], JSON.stringify([a.body, b.body]));
    assertProblem([a, b].find((r) => r.status === 409)!, 409, 'stale-version');

    const failing = await teacher.patch(`/api/v1/rubrics/${rubricId}`, {
      base_version: '1.2.0',
      operations: [{ op: 'replace', path: '/title', value: 'never' }, { op: 'test', path: '/weights/structure', value: 0.99 }],
    });
    assertProblem(failing, 422, 'patch-failed');
    assert.equal(failing.body.operation_index, 1);
    const badPointer = await teacher.patch(`/api/v1/rubrics/${rubricId}`, { base_version: '1.2.0', operations: [{ op: 'remove', path: '/key_questions/99' }] });
    assertProblem(badPointer, 422, 'patch-failed');
    const versions = await teacher.ok(200, 'GET', `/api/v1/rubrics/${rubricId}/versions`);
    assert.deepEqual(versions.items.map((v: { version: string }) => v.version), ['1.2.0', '1.1.0', '1.0.0']);
    // The latest approved is still 1.0.0 and grades as before.
    assert.equal((await teacher.ok(200, 'GET', `/api/v1/rubrics/${rubricId}`)).version, '1.0.0');
  });

  it('approval runs QA: an invalid draft is refused with its report; validate and archive work', async () => {
    const teacher = school.members.teacher.api;
    const broken = { ...fixtureRubric(), weights: { structure: 0.9, key_questions: 0.9, reasoning: 0, summary: 0, communication: 0 } };
    const report = await teacher.ok(200, 'POST', '/api/v1/rubrics/validate', broken);
    assert.equal(report.valid, false);
    assert.ok(report.errors.some((e: { pointer: string }) => e.pointer.startsWith('/weights')));
    const created = await teacher.ok(201, 'POST', '/api/v1/rubrics', broken);
    const refused = await teacher.post(`/api/v1/rubrics/${created.rubric_id}/versions/1.0.0/approve`);
    assertProblem(refused, 422, 'rubric-invalid');
    assert.equal(refused.body.qa.valid, false);

    const rubricId = await approvedRubric(teacher);
    await teacher.ok(201, 'POST', '/api/v1/gradings', { rubric_id: rubricId, oral_transcript: fixtureTranscript() });
    const archived = await teacher.ok(200, 'POST', `/api/v1/rubrics/${rubricId}/archive`);
    assert.ok(archived.items.every((v: { status: string }) => v.status === 'archived'));
    // The cached approved version is invalidated: an archived rubric no longer grades.
    assertProblem(await teacher.post('/api/v1/gradings', { rubric_id: rubricId, oral_transcript: fixtureTranscript() }), 404, 'not-found');
  });

  it('previews a natural-language edit as a JSON Patch that PATCH then applies', async () => {
    const teacher = school.members.teacher.api;
    const rubricId = await approvedRubric(teacher);
    const preview = await teacher.ok(200, 'POST', `/api/v1/rubrics/${rubricId}/edits/preview`, { instruction: 'set max tokens to 50' });
    assert.equal(preview.base_version, '1.0.0');
    assert.equal(preview.after.summary.max_tokens, 50);
    assert.ok(preview.patch.length > 0);
    const applied = await teacher.ok(201, 'PATCH', `/api/v1/rubrics/${rubricId}`, { base_version: '1.0.0', operations: preview.patch });
    assert.equal(applied.rubric.summary.max_tokens, 50);
    const unclear = await teacher.post(`/api/v1/rubrics/${rubricId}/edits/preview`, { instruction: 'make it sparkle' });
    assertProblem(unclear, 422, 'edit-not-understood');
    assert.ok(Array.isArray(unclear.body.not_understood));
  });

  it('a batch is accepted with 202 and graded by the in-process worker loop', async () => {
    const worker = startInProcessWorker(system.gateway.deps, system.gateway.deps.logger);
    try {
      const grader = school.members.grader.api;
      const rubricId = await approvedRubric(school.members.teacher.api);
      const items = [0, 1, 2].map(() => ({ student_id: school.members.student.id, oral_transcript: fixtureTranscript() }));
      const accepted = await grader.request('POST', '/api/v1/gradings/batch', { body: { rubric_id: rubricId, items } });
      assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
      assert.equal(accepted.headers.get('location'), `/api/v1/jobs/${accepted.body.job_id}`);
      let job = accepted.body;
      for (let i = 0; i < 120 && job.status !== 'completed' && job.status !== 'failed'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        job = await grader.ok(200, 'GET', `/api/v1/jobs/${job.job_id}`);
      }
      assert.equal(job.status, 'completed', JSON.stringify(job));
      assert.equal(job.completed, 3);
      assert.equal(new Set(job.grading_ids).size, 3);
      for (const id of job.grading_ids) assert.equal((await grader.ok(200, 'GET', `/api/v1/gradings/${id}`)).rubric_id, rubricId);
    } finally {
      await worker.stop();
    }
  });
});
