import * as assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { AccessTokens } from '../src/auth/tokens';
import { Api, assertProblem, createInstitution, login, type TestInstitution } from './support/api';
import { testSystem, type TestSystem } from './support/system';

describe('gateway identity: tokens and refresh rotation', function () {
  this.timeout(120_000);
  let system: TestSystem;
  let school: TestInstitution;

  before(async () => {
    system = await testSystem();
    school = await createInstitution(system.url, system.admin);
  });

  it('logs in, answers /me, and refuses a wrong password with invalid-credentials', async () => {
    const teacher = school.members.teacher;
    const me = await teacher.api.ok(200, 'GET', '/api/v1/me');
    assert.equal(me.email, teacher.email);
    assert.equal(me.role, 'teacher');
    assert.equal(me.institution_id, school.id);
    assertProblem(await new Api(system.url).post('/api/v1/auth/login', { email: teacher.email, password: 'not-the-password' }), 401, 'invalid-credentials');
    assertProblem(await new Api(system.url).post('/api/v1/auth/login', { email: 'nobody@test.medgrade.local', password: 'whatever' }), 401, 'invalid-credentials');
  });

  it('refuses an expired access token', async () => {
    const tokens = new AccessTokens({ secret: system.env.JWT_SECRET }, 60);
    const teacher = school.members.teacher;
    const expired = await tokens.issue({ userId: teacher.id, institutionId: school.id, role: 'teacher' }, Date.now() - 3600_000);
    const response = await new Api(system.url, expired).get('/api/v1/me');
    assertProblem(response, 401, 'token-invalid');
    assert.match(response.body.detail, /expired/);
    // The same claims, freshly signed, are accepted: the refusal is about time only.
    const fresh = await tokens.issue({ userId: teacher.id, institutionId: school.id, role: 'teacher' });
    assert.equal((await new Api(system.url, fresh).get('/api/v1/me')).status, 200);
  });

  it('refuses a token signed with another key, an unsigned token and a missing token', async () => {
    const teacher = school.members.teacher;
    const forged = await new AccessTokens({ secret: 'x'.repeat(40) }, 600).issue({ userId: teacher.id, institutionId: school.id, role: 'institution_admin' });
    assertProblem(await new Api(system.url, forged).get('/api/v1/users'), 401, 'token-invalid');
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: teacher.id, inst: school.id, role: 'institution_admin', iss: 'medgrade', aud: 'medgrade-api', exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url')}.`;
    assertProblem(await new Api(system.url, unsigned).get('/api/v1/users'), 401, 'token-invalid');
    const wrongAudience = await new SignJWT({ inst: school.id, role: 'teacher' }).setProtectedHeader({ alg: 'HS256' }).setSubject(teacher.id)
      .setIssuer('medgrade').setAudience('someone-else').setExpirationTime('10m').sign(new TextEncoder().encode(system.env.JWT_SECRET));
    assertProblem(await new Api(system.url, wrongAudience).get('/api/v1/me'), 401, 'token-invalid');
    const missing = await new Api(system.url).get('/api/v1/me');
    assertProblem(missing, 401, 'unauthenticated');
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer');
  });

  it('rotates refresh tokens, and reusing a rotated one revokes the whole family', async () => {
    const grader = school.members.grader;
    const first = (await login(system.url, grader.email, grader.password)).tokens;
    const anonymous = new Api(system.url);
    const second = await anonymous.ok(200, 'POST', '/api/v1/auth/refresh', { refresh_token: first.refresh_token });
    assert.notEqual(second.refresh_token, first.refresh_token);
    assert.equal((await new Api(system.url, second.access_token).get('/api/v1/me')).body.id, grader.id);
    const third = await anonymous.ok(200, 'POST', '/api/v1/auth/refresh', { refresh_token: second.refresh_token });

    // The first token was rotated already: presenting it again is the sign of theft.
    assertProblem(await anonymous.post('/api/v1/auth/refresh', { refresh_token: first.refresh_token }), 401, 'token-invalid');
    // ...and the newest token of that family stops working too.
    assertProblem(await anonymous.post('/api/v1/auth/refresh', { refresh_token: third.refresh_token }), 401, 'token-invalid');
    // Another login is its own family and is unaffected.
    const other = (await login(system.url, grader.email, grader.password)).tokens;
    assert.equal((await anonymous.post('/api/v1/auth/refresh', { refresh_token: other.refresh_token })).status, 200);
  });

  it('logout revokes the refresh token; unknown tokens are refused', async () => {
    const student = school.members.student;
    const { tokens } = await login(system.url, student.email, student.password);
    const anonymous = new Api(system.url);
    assert.equal((await anonymous.post('/api/v1/auth/logout', { refresh_token: tokens.refresh_token })).status, 204);
    assertProblem(await anonymous.post('/api/v1/auth/refresh', { refresh_token: tokens.refresh_token }), 401, 'token-invalid');
    assertProblem(await anonymous.post('/api/v1/auth/refresh', { refresh_token: 'never-issued' }), 401, 'token-invalid');
  });

  it('a disabled account cannot refresh or log in', async () => {
    const admin = school.members.institution_admin;
    const password = `pw-disabled-${Date.now()}`;
    const user = await admin.api.ok(201, 'POST', '/api/v1/users', { email: `gone-${Date.now()}@test.medgrade.local`, password, role: 'grader' });
    const { tokens } = await login(system.url, user.email, password);
    await admin.api.ok(200, 'PATCH', `/api/v1/users/${user.id}`, { disabled: true });
    assertProblem(await new Api(system.url).post('/api/v1/auth/refresh', { refresh_token: tokens.refresh_token }), 401, 'token-invalid');
    assertProblem(await new Api(system.url).post('/api/v1/auth/login', { email: user.email, password }), 401, 'invalid-credentials');
  });
});
