import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { routeCatalog } from '../src/app';
import { scopeOf } from '../src/permissions';
import {
  Api, INSTITUTION_ROLES, approvedRubric, assertProblem, createInstitution, fixtureRubric, fixtureTranscript, login, type TestInstitution,
} from './support/api';
import { testSystem, type TestSystem } from './support/system';

describe('gateway permissions', function () {
  this.timeout(180_000);
  let system: TestSystem;
  let schoolA: TestInstitution;
  let schoolB: TestInstitution;
  let platform: Api;

  before(async () => {
    system = await testSystem();
    [schoolA, schoolB] = await Promise.all([createInstitution(system.url, system.admin), createInstitution(system.url, system.admin)]);
    platform = (await login(system.url, system.admin.email, system.admin.password)).api;
  });

  it('role × endpoint: every role is refused (403) exactly where the permission table says so', async () => {
    const callers: Record<string, Api> = { platform_admin: platform };
    for (const role of INSTITUTION_ROLES) callers[role] = schoolA.members[role].api;
    const failures: string[] = [];
    for (const route of routeCatalog().filter((r) => r.permission)) {
      const urlPath = '/api/v1' + route.path.replace('{id}', randomUUID()).replace('{version}', '1.0.0');
      for (const [role, api] of Object.entries(callers)) {
        const response = await api.request(route.method.toUpperCase(), urlPath, route.body ? { body: {} } : {});
        const allowed = scopeOf(role as never, route.permission!) !== null;
        const refused = response.status === 403;
        if (allowed === refused || response.status === 401) {
          failures.push(`${role} ${route.method.toUpperCase()} ${route.path}: ${response.status} (${allowed ? 'allowed' : 'refused'} by the table)`);
        }
        if (refused) assertProblem(response, 403, 'forbidden');
      }
    }
    assert.deepEqual(failures, []);
  });

  it('another institution\'s rubrics, gradings and users answer 404, for reads and writes by id', async () => {
    const teacherA = schoolA.members.teacher.api;
    const rubricId = await approvedRubric(teacherA);
    const grading = await teacherA.ok(201, 'POST', '/api/v1/gradings', { rubric_id: rubricId, student_id: schoolA.members.student.id, oral_transcript: fixtureTranscript() });
    const teacherB = schoolB.members.teacher.api;
    const adminB = schoolB.members.institution_admin.api;
    const attempts: [Api, string, string, unknown?][] = [
      [teacherB, 'GET', `/api/v1/rubrics/${rubricId}`],
      [teacherB, 'GET', `/api/v1/rubrics/${rubricId}?version=1.0.0`],
      [teacherB, 'GET', `/api/v1/rubrics/${rubricId}/versions`],
      [teacherB, 'PUT', `/api/v1/rubrics/${rubricId}`, { base_version: '1.0.0', rubric: fixtureRubric(rubricId) }],
      [teacherB, 'PATCH', `/api/v1/rubrics/${rubricId}`, { base_version: '1.0.0', operations: [{ op: 'replace', path: '/title', value: 'stolen' }] }],
      [teacherB, 'POST', `/api/v1/rubrics/${rubricId}/versions/1.0.0/approve`],
      [teacherB, 'POST', `/api/v1/rubrics/${rubricId}/archive`],
      [teacherB, 'POST', `/api/v1/rubrics/${rubricId}/edits/preview`, { instruction: 'set max tokens to 50' }],
      [teacherB, 'POST', '/api/v1/gradings', { rubric_id: rubricId, oral_transcript: fixtureTranscript() }],
      [teacherB, 'GET', `/api/v1/gradings/${grading.grading_id}`],
      [adminB, 'PATCH', `/api/v1/users/${schoolA.members.teacher.id}`, { display_name: 'renamed' }],
      [teacherB, 'POST', '/api/v1/gradings', { rubric_id: (await approvedRubric(teacherB)), student_id: schoolA.members.student.id, oral_transcript: fixtureTranscript() }],
    ];
    for (const [api, method, urlPath, body] of attempts) {
      assertProblem(await api.request(method, urlPath, body === undefined ? {} : { body }), 404, 'not-found');
    }
    const listedB = await teacherB.ok(200, 'GET', '/api/v1/gradings?limit=100');
    assert.ok(!listedB.items.some((g: { grading_id: string }) => g.grading_id === grading.grading_id));
    const rubricsB = await teacherB.ok(200, 'GET', '/api/v1/rubrics?limit=100');
    assert.ok(!rubricsB.items.some((r: { rubric_id: string }) => r.rubric_id === rubricId));
    // Nothing was changed by the attempts: A still sees its rubric unarchived and its teacher unrenamed.
    assert.equal((await teacherA.ok(200, 'GET', `/api/v1/rubrics/${rubricId}`)).status, 'approved');
    const users = await schoolA.members.institution_admin.api.ok(200, 'GET', '/api/v1/users');
    assert.notEqual(users.items.find((u: { id: string }) => u.id === schoolA.members.teacher.id).display_name, 'renamed');
  });

  it('students grade only themselves and see only their own gradings', async () => {
    const teacher = schoolA.members.teacher.api;
    const rubricId = await approvedRubric(teacher);
    const student = schoolA.members.student;
    const password = `pw-second-${Date.now()}`;
    const other = await schoolA.members.institution_admin.api.ok(201, 'POST', '/api/v1/users', { email: `student2-${Date.now()}@test.medgrade.local`, password, role: 'student' });

    const own = await student.api.ok(201, 'POST', '/api/v1/gradings', { rubric_id: rubricId, oral_transcript: fixtureTranscript() });
    const stored = await student.api.ok(200, 'GET', `/api/v1/gradings/${own.grading_id}`);
    assert.equal(stored.student_id, student.id);
    assertProblem(await student.api.post('/api/v1/gradings', { rubric_id: rubricId, student_id: other.id, oral_transcript: fixtureTranscript() }), 403, 'forbidden');

    const othersGrading = await teacher.ok(201, 'POST', '/api/v1/gradings', { rubric_id: rubricId, student_id: other.id, oral_transcript: fixtureTranscript() });
    assertProblem(await student.api.get(`/api/v1/gradings/${othersGrading.grading_id}`), 404, 'not-found');
    const listed = await student.api.ok(200, 'GET', `/api/v1/gradings?student_id=${other.id}&limit=100`);
    assert.ok(listed.items.length > 0);
    assert.ok(listed.items.every((g: { student_id: string }) => g.student_id === student.id), 'a student listing holds only their own gradings');
    const secondStudent = (await login(system.url, other.email, password)).api;
    assertProblem(await secondStudent.get(`/api/v1/gradings/${own.grading_id}`), 404, 'not-found');
  });

  it('only institution admins manage users; nobody changes their own role', async () => {
    const admin = schoolA.members.institution_admin;
    assertProblem(await schoolA.members.teacher.api.post('/api/v1/users', { email: 'x@test.medgrade.local', password: 'long-enough-password', role: 'teacher' }), 403, 'forbidden');
    assertProblem(await admin.api.patch(`/api/v1/users/${admin.id}`, { role: 'teacher' }), 409, 'conflict');
    assertProblem(await admin.api.post('/api/v1/users', { email: 'root@test.medgrade.local', password: 'long-enough-password', role: 'platform_admin' }), 422, 'validation-failed');
  });
});
