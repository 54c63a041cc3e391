import * as assert from 'node:assert/strict';
import { startInProcessWorker } from '../src/in-process-worker';
import { PERMISSION_NAMES, scopeOf } from '../src/permissions';
import { approvedRubric, assertProblem, createInstitution, fixtureRubric, fixtureTranscript, type TestInstitution } from './support/api';
import { testSystem, type TestSystem } from './support/system';

// What the admin and grader screens list: users a page at a time with filters, the audit log
// with its filters and cursor, and a batch job's per-item progress with the client's labels.

async function pages<T>(fetchPage: (cursor: string | null) => Promise<{ items: T[]; next_cursor: string | null }>): Promise<{ items: T[]; count: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let count = 0;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.next_cursor;
    count++;
  } while (cursor);
  return { items, count };
}

describe('gateway users, audit log and batch progress', function () {
  this.timeout(120_000);
  let system: TestSystem;
  let school: TestInstitution;

  before(async () => {
    system = await testSystem();
    school = await createInstitution(system.url, system.admin);
    const admin = school.members.institution_admin.api;
    for (let i = 0; i < 5; i++) {
      await admin.ok(201, 'POST', '/api/v1/users', {
        email: `learner${i}-${school.id.slice(0, 6)}@test.medgrade.local`, password: 'learner-password', role: 'student',
        display_name: i % 2 === 0 ? `Ana Lopez ${i}` : `Ben 100%_done ${i}`,
      });
    }
  });

  it('pages through users newest first, filtered by role, enabled state and a search of email and name', async () => {
    const admin = school.members.institution_admin.api;
    const all = await pages((cursor) => admin.ok(200, 'GET', `/api/v1/users?limit=3${cursor ? `&cursor=${cursor}` : ''}`));
    assert.equal(all.items.length, 4 + 5);
    assert.equal(all.count, 3);
    const created = all.items.map((u: any) => u.created_at);
    assert.deepEqual(created, [...created].sort().reverse(), 'newest first');
    assert.equal(new Set(all.items.map((u: any) => u.id)).size, 9, 'no repeats across pages');

    const students = await admin.ok(200, 'GET', '/api/v1/users?role=student&limit=100');
    assert.equal(students.items.length, 6);
    assert.ok(students.items.every((u: { role: string }) => u.role === 'student'));
    const anas = await admin.ok(200, 'GET', '/api/v1/users?q=ana%20LOPEZ');
    assert.deepEqual(anas.items.map((u: { display_name: string }) => u.display_name).sort(), ['Ana Lopez 0', 'Ana Lopez 2', 'Ana Lopez 4']);
    // % and _ in the search are letters, not wildcards.
    assert.equal((await admin.ok(200, 'GET', '/api/v1/users?q=100%25_')).items.length, 2);
    assert.equal((await admin.ok(200, 'GET', '/api/v1/users?q=%25')).items.length, 2);
    const byEmail = await admin.ok(200, 'GET', `/api/v1/users?q=${encodeURIComponent(school.members.grader.email.toUpperCase())}`);
    assert.deepEqual(byEmail.items.map((u: { id: string }) => u.id), [school.members.grader.id]);

    const target = students.items[0];
    await admin.ok(200, 'PATCH', `/api/v1/users/${target.id}`, { disabled: true });
    assert.deepEqual((await admin.ok(200, 'GET', '/api/v1/users?disabled=true')).items.map((u: { id: string }) => u.id), [target.id]);
    assert.equal((await admin.ok(200, 'GET', '/api/v1/users?disabled=false&limit=100')).items.length, 8);
    assertProblem(await admin.get('/api/v1/users?role=wizard'), 400, 'bad-request');
    assertProblem(await admin.get('/api/v1/users?limit=500'), 400, 'bad-request');
    // Teachers and graders may read the list (to pick students); students may not.
    assert.equal((await school.members.grader.api.ok(200, 'GET', '/api/v1/users?role=student&limit=100')).items.length, 6);
    assertProblem(await school.members.student.api.get('/api/v1/users'), 403, 'forbidden');
  });

  it('reads the audit log newest first with filters and a cursor; only institution admins may', async () => {
    const admin = school.members.institution_admin.api;
    const creations = await pages((cursor) => admin.ok(200, 'GET', `/api/v1/audit?action=user.create&limit=2${cursor ? `&cursor=${cursor}` : ''}`));
    assert.equal(creations.items.length, 1 + 3 + 5, 'the admin (by the platform admin), the three role users and the five learners');
    assert.ok(creations.items.every((e: any) => e.action === 'user.create' && e.resource_type === 'user'));
    assert.equal(creations.items.filter((e: any) => e.actor_id === school.members.institution_admin.id).length, 8);
    assert.equal((creations.items[0] as any).actor_email, school.members.institution_admin.email);
    // The platform admin belongs to another institution: their id shows, their account does not.
    const byPlatform = creations.items.at(-1) as any;
    assert.equal(byPlatform.resource_id, school.members.institution_admin.id);
    assert.deepEqual([byPlatform.actor_email, byPlatform.actor_name], [null, null]);
    const times = creations.items.map((e: any) => e.at);
    assert.deepEqual(times, [...times].sort().reverse());

    const grader = school.members.grader;
    const mine = await admin.ok(200, 'GET', `/api/v1/audit?actor_id=${grader.id}&limit=100`);
    assert.ok(mine.items.length >= 1);
    assert.ok(mine.items.every((e: { actor_id: string }) => e.actor_id === grader.id));
    assert.ok(mine.items.some((e: { action: string }) => e.action === 'auth.login'));
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    assert.deepEqual((await admin.ok(200, 'GET', `/api/v1/audit?from=${tomorrow}`)).items, []);
    assert.deepEqual((await admin.ok(200, 'GET', '/api/v1/audit?actor_id=not-a-uuid')).items, []);
    assertProblem(await admin.get('/api/v1/audit?to=yesterday'), 400, 'bad-request');

    // Another institution's log is not visible, and the other roles are refused.
    const other = await createInstitution(system.url, system.admin);
    const theirs = await other.members.institution_admin.api.ok(200, 'GET', '/api/v1/audit?limit=100');
    assert.ok(theirs.items.length > 0);
    assert.ok(!theirs.items.some((e: { actor_id: string }) => e.actor_id === school.members.institution_admin.id));
    for (const role of ['teacher', 'grader', 'student'] as const) assertProblem(await school.members[role].api.get('/api/v1/audit'), 403, 'forbidden');
  });

  it('/me lists the permissions of the caller\'s role, as the permission table says', async () => {
    const me = await school.members.grader.api.ok(200, 'GET', '/api/v1/me');
    assert.deepEqual(me.permissions, PERMISSION_NAMES.filter((p) => scopeOf('grader', p)));
    assert.ok(me.permissions.includes('gradings.review') && !me.permissions.includes('analytics.read'));
    const student = await school.members.student.api.ok(200, 'GET', '/api/v1/me');
    assert.deepEqual(student.permissions, ['profile.read', 'rubrics.read', 'gradings.create', 'gradings.read']);
  });

  it('searches rubrics by id or title and by the head version\'s status', async () => {
    const teacher = school.members.teacher.api;
    const tag = school.id.slice(0, 6);
    const approved = await approvedRubric(teacher, { ...fixtureRubric(`cardio_${tag}`), title: 'Chest pain history' });
    await teacher.ok(201, 'POST', '/api/v1/rubrics', { ...fixtureRubric(`neuro_${tag}`), title: 'Headache 100%_draft' });
    const archived = await approvedRubric(teacher, { ...fixtureRubric(`old_${tag}`), title: 'Old chest pain' });
    await teacher.ok(200, 'POST', `/api/v1/rubrics/${archived}/archive`);
    const ids = async (query: string) => (await teacher.ok(200, 'GET', `/api/v1/rubrics?limit=100&${query}`)).items.map((r: { rubric_id: string }) => r.rubric_id)
      .filter((id: string) => id.endsWith(tag));
    assert.deepEqual(await ids('q=CHEST'), [approved]);
    assert.deepEqual(await ids('q=chest&include_archived=true'), [approved, archived]);
    assert.deepEqual(await ids(`q=neuro_${tag}`), [`neuro_${tag}`]);
    assert.deepEqual(await ids('q=100%25_'), [`neuro_${tag}`]);
    assert.deepEqual(await ids('status=draft'), [`neuro_${tag}`]);
    assert.deepEqual(await ids('status=approved'), [approved]);
    assert.deepEqual(await ids('status=archived'), [archived]);
    const listed = (await teacher.ok(200, 'GET', `/api/v1/rubrics?q=${tag}&include_archived=true`)).items;
    assert.deepEqual(listed.map((r: { head_status: string }) => r.head_status), ['approved', 'draft', 'archived']);
    assertProblem(await teacher.get('/api/v1/rubrics?status=retired'), 400, 'bad-request');
  });

  it('grading listings name the student and the rubric', async () => {
    const grader = school.members.grader.api;
    const rubricId = await approvedRubric(school.members.teacher.api, { ...fixtureRubric(), title: 'Named rubric' });
    const graded = await grader.ok(201, 'POST', '/api/v1/gradings', { rubric_id: rubricId, student_id: school.members.student.id, oral_transcript: fixtureTranscript() });
    const practice = await grader.ok(201, 'POST', '/api/v1/gradings', { rubric_id: rubricId, oral_transcript: fixtureTranscript() });
    const listed = (await grader.ok(200, 'GET', `/api/v1/gradings?rubric_id=${rubricId}`)).items;
    assert.deepEqual(listed.map((g: any) => [g.grading_id, g.rubric_title, g.student_email, g.student_display_name]), [
      [practice.grading_id, 'Named rubric', null, null],
      [graded.grading_id, 'Named rubric', school.members.student.email, null],
    ]);
    const queued = (await grader.ok(200, 'GET', `/api/v1/reviews/queue?rubric_id=${rubricId}`)).items;
    assert.deepEqual(queued.map((g: any) => g.student_email), [school.members.student.email, null]);
    const one = await grader.ok(200, 'GET', `/api/v1/gradings/${graded.grading_id}`);
    assert.deepEqual([one.rubric_title, one.student_email], ['Named rubric', school.members.student.email]);
  });

  it('a batch job shows each item\'s label, student and state, and done of total', async () => {
    const worker = startInProcessWorker(system.gateway.deps, system.gateway.deps.logger);
    try {
      const grader = school.members.grader.api;
      const rubricId = await approvedRubric(school.members.teacher.api);
      const student = school.members.student.id;
      const items = [
        { student_id: student, oral_transcript: fixtureTranscript(), label: 'week1/anna.txt' },
        { student_id: student, oral_transcript: fixtureTranscript() },
      ];
      const accepted = await grader.ok(202, 'POST', '/api/v1/gradings/batch', { rubric_id: rubricId, items });
      assert.deepEqual([accepted.total, accepted.done, accepted.items], [2, 0, []]);
      let job = accepted;
      for (let i = 0; i < 120 && job.status !== 'completed' && job.status !== 'failed'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        job = await grader.ok(200, 'GET', `/api/v1/jobs/${job.job_id}`);
        assert.equal(job.done, job.completed + job.failed);
      }
      assert.equal(job.status, 'completed');
      assert.equal(job.done, 2);
      assert.deepEqual(job.items.map((item: any) => [item.position, item.label, item.student_id, item.status, item.error]), [
        [0, 'week1/anna.txt', student, 'done', null],
        [1, null, student, 'done', null],
      ]);
      assert.deepEqual(job.items.map((item: { grading_id: string }) => item.grading_id), job.grading_ids);
    } finally {
      await worker.stop();
    }
  });

  it('a refusal caused by one field points at it: a taken email or rubric id, an unknown student', async () => {
    const admin = school.members.institution_admin.api;
    const taken = await admin.post('/api/v1/users', { email: school.members.teacher.email.toUpperCase(), password: 'another-password', role: 'teacher' });
    assertProblem(taken, 409, 'conflict');
    assert.deepEqual(taken.body.errors.map((e: { pointer: string }) => e.pointer), ['/email']);
    const teacher = school.members.teacher.api;
    const rubric = fixtureRubric();
    await teacher.ok(201, 'POST', '/api/v1/rubrics', rubric);
    const again = await teacher.post('/api/v1/rubrics', rubric);
    assertProblem(again, 409, 'conflict');
    assert.deepEqual(again.body.errors.map((e: { pointer: string }) => e.pointer), ['/rubric_id']);
    const rubricId = await approvedRubric(teacher);
    const stranger = (await createInstitution(system.url, system.admin)).members.student.id;
    const unknown = await teacher.post('/api/v1/gradings', { rubric_id: rubricId, student_id: stranger, oral_transcript: fixtureTranscript() });
    assertProblem(unknown, 404, 'not-found');
    assert.deepEqual(unknown.body.errors.map((e: { pointer: string }) => e.pointer), ['/student_id']);
  });

  it('a batch naming an unknown student points at every item that names them and queues nothing', async () => {
    const grader = school.members.grader.api;
    const rubricId = await approvedRubric(school.members.teacher.api);
    const stranger = (await createInstitution(system.url, system.admin)).members.student.id;
    const response = await grader.post('/api/v1/gradings/batch', {
      rubric_id: rubricId,
      items: [stranger, school.members.student.id, stranger].map((student_id) => ({ student_id, oral_transcript: fixtureTranscript() })),
    });
    assertProblem(response, 404, 'not-found');
    assert.deepEqual(response.body.errors.map((e: { pointer: string }) => e.pointer), ['/items/0/student_id', '/items/2/student_id']);
    assertProblem(await grader.post('/api/v1/gradings/batch', { rubric_id: rubricId, items: [{ student_id: school.members.student.id, oral_transcript: 'x', label: 'y'.repeat(201) }] }), 422, 'validation-failed');
  });
});
