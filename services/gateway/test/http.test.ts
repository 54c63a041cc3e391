import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { randomUUID } from 'node:crypto';
import { SERVICES, createLogger, runService, type ServiceModule } from '@medgrade/kit';
import { gradingRequests } from '@medgrade/kit/metrics';
import * as path from 'node:path';
import { expressPath, API_BASE } from '../src/http/route';
import { Api, approvedRubric, assertProblem, createInstitution, fixtureTranscript, login, type TestInstitution } from './support/api';
import { testSystem, type TestSystem } from './support/system';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('gateway HTTP behaviour: errors, limits, operations', function () {
  this.timeout(180_000);
  let system: TestSystem;
  let school: TestInstitution;

  before(async () => {
    system = await testSystem();
    school = await createInstitution(system.url, system.admin);
  });

  it('answers problem+json with the right status and type for 400/401/403/404/409/413/415/422', async () => {
    const teacher = school.members.teacher.api;
    const student = school.members.student.api;
    assertProblem(await teacher.request('POST', '/api/v1/rubrics', { rawBody: '{"rubric_id": ', headers: { 'content-type': 'application/json' } }), 400, 'bad-request');
    assertProblem(await new Api(system.url).get('/api/v1/rubrics'), 401, 'unauthenticated');
    assertProblem(await student.post('/api/v1/rubrics', {}), 403, 'forbidden');
    assertProblem(await teacher.get(`/api/v1/gradings/${randomUUID()}`), 404, 'not-found');
    assertProblem(await teacher.get('/api/v1/no-such-endpoint'), 404, 'not-found');
    const rubricId = await approvedRubric(teacher);
    assertProblem(await teacher.post(`/api/v1/rubrics/${rubricId}/versions/1.0.0/approve`), 409, 'conflict');
    const huge = JSON.stringify({ rubric_id: rubricId, oral_transcript: 'x'.repeat(1024 * 1024 + 10) });
    assertProblem(await teacher.request('POST', '/api/v1/gradings', { rawBody: huge, headers: { 'content-type': 'application/json' } }), 413, 'payload-too-large');
    assertProblem(await teacher.request('POST', '/api/v1/gradings', { rawBody: 'rubric_id=x', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported-media-type');
    const invalid = await teacher.post('/api/v1/gradings', { rubric_id: rubricId, oral_transcript: '', style: 'poetic' });
    assertProblem(invalid, 422, 'validation-failed');
    assert.deepEqual(invalid.body.errors.map((e: { pointer: string }) => e.pointer).sort(), ['/oral_transcript', '/style']);
  });

  it('refuses a transcript over the line limit with 413 transcript-too-long', async () => {
    const teacher = school.members.teacher.api;
    const rubricId = await approvedRubric(teacher);
    const lines = Array.from({ length: 5001 }, (_, i) => `Student: line ${i}`).join('\n');
    const response = await teacher.post('/api/v1/gradings', { rubric_id: rubricId, oral_transcript: lines });
    assertProblem(response, 413, 'transcript-too-long');
    assert.equal(response.body.max_lines, 5000);
    const fits = Array.from({ length: 300 }, () => fixtureTranscript()).join('\n').split('\n').slice(0, 5000).join('\n');
    assert.equal((await teacher.post('/api/v1/gradings', { rubric_id: rubricId, oral_transcript: fits })).status, 201);
  });

  it('rate limits per user with 429 and Retry-After, then lets the caller back in', async () => {
    const limited = await system.startVariant({ RATE_LIMIT_USER: '3', RATE_LIMIT_WINDOW_SECONDS: '2', REDIS_KEY_PREFIX: `${system.keyPrefix}rl-${randomUUID().slice(0, 8)}:` });
    const grader = school.members.grader;
    const api = (await login(limited.url, grader.email, grader.password)).api;
    for (let i = 0; i < 3; i++) assert.equal((await api.get('/api/v1/me')).status, 200);
    const refused = await api.get('/api/v1/me');
    assertProblem(refused, 429, 'rate-limited');
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 2, `Retry-After ${retryAfter}`);
    // Another user of the same institution has their own budget.
    assert.equal((await (await login(limited.url, school.members.teacher.email, school.members.teacher.password)).api.get('/api/v1/me')).status, 200);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
    assert.equal((await api.get('/api/v1/me')).status, 200, 'the window has passed');
  });

  it('rate limits a whole institution across its users', async () => {
    const limited = await system.startVariant({ RATE_LIMIT_INSTITUTION: '4', RATE_LIMIT_WINDOW_SECONDS: '60', REDIS_KEY_PREFIX: `${system.keyPrefix}rl-${randomUUID().slice(0, 8)}:` });
    const apis = await Promise.all((['teacher', 'grader'] as const).map(async (role) => (await login(limited.url, school.members[role].email, school.members[role].password)).api));
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) for (const api of apis) statuses.push((await api.get('/api/v1/me')).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
  });

  it('every operation of the OpenAPI document is served by the app, and every route is documented', () => {
    const document = system.gateway.openapi as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set<string>();
    for (const [documentPath, operations] of Object.entries(document.paths)) {
      for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${expressPath(documentPath)}`);
    }
    interface Layer { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } }
    const served = new Set<string>();
    // The /api/v1 router is the one serving /auth/login; the others are mounted at the root.
    const collect = (layers: Layer[], prefix: string) => {
      for (const layer of layers) {
        if (layer.route) for (const method of Object.keys(layer.route.methods)) served.add(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
        else if (layer.handle?.stack) collect(layer.handle.stack, layer.handle.stack.some((l) => l.route?.path === '/auth/login') ? API_BASE : prefix);
      }
    };
    collect((system.gateway.app as unknown as { router: { stack: Layer[] } }).router.stack, '');
    // The docs page's own script is part of GET /docs, not an API operation.
    const pageAssets = (s: string) => s.startsWith('GET /docs/');
    assert.deepEqual([...served].filter((s) => !documented.has(s) && !pageAssets(s)).sort(), [], 'routes missing from the document');
    assert.deepEqual([...documented].filter((s) => !served.has(s)).sort(), [], 'documented operations the app does not serve');
  });

  it('logs and counts requests by their full route template, on success and on error paths alike', async () => {
    const lines: { msg: string; method: string; route: string; status: number }[] = [];
    const gateway = await system.startVariant({}, createLogger('gateway', 'debug', { write: (line: string) => lines.push(JSON.parse(line)) }));
    const teacher = school.members.teacher;
    const api = (await login(gateway.url, teacher.email, teacher.password)).api;
    const rubricId = await approvedRubric(api);
    // The registry is shared by every gateway of the run: compare before and after.
    const requestsOf = async (endpoint: string, status: number) =>
      (await gradingRequests.get()).values.find((v) => v.labels.service === 'medgrade-gateway' && v.labels.endpoint === endpoint && v.labels.status === String(status))?.value ?? 0;
    const expected: [string, number][] = [['POST /api/v1/gradings', 201], ['GET /api/v1/gradings/:id', 200], ['GET /api/v1/gradings/:id', 404], ['POST /api/v1/gradings', 422]];
    const before = await Promise.all(expected.map(([endpoint, status]) => requestsOf(endpoint, status)));
    const linesBefore = lines.length;

    const graded = await api.ok(201, 'POST', '/api/v1/gradings', { rubric_id: rubricId, oral_transcript: fixtureTranscript() });
    await api.ok(200, 'GET', `/api/v1/gradings/${graded.grading_id}`);
    assertProblem(await api.get(`/api/v1/gradings/${randomUUID()}`), 404, 'not-found');
    assertProblem(await api.post('/api/v1/gradings', { rubric_id: rubricId, oral_transcript: '' }), 422, 'validation-failed');

    const logged = lines.slice(linesBefore).filter((line) => line.msg === 'request');
    assert.deepEqual(logged.map((line) => `${line.method} ${line.route} ${line.status}`), expected.map(([endpoint, status]) => `${endpoint} ${status}`));
    const after = await Promise.all(expected.map(([endpoint, status]) => requestsOf(endpoint, status)));
    assert.deepEqual(after.map((count, i) => count - before[i]!), [1, 1, 1, 1], 'one count per request under the full route');
  });

  it('echoes a valid X-Request-Id, generates one otherwise, and sets security headers', async () => {
    const mine = await new Api(system.url).get('/health', { headers: { 'x-request-id': 'client-id-42' } });
    assert.equal(mine.headers.get('x-request-id'), 'client-id-42');
    const replaced = await new Api(system.url).get('/health', { headers: { 'x-request-id': 'bad id with spaces' } });
    assert.match(replaced.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(mine.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(mine.headers.get('content-security-policy'));
    assert.ok(mine.headers.get('strict-transport-security'));
    assert.equal(mine.headers.get('x-powered-by'), null);
    const problem = await new Api(system.url).get('/api/v1/me', { headers: { 'x-request-id': 'trace-me-7' } });
    assert.equal(problem.body.request_id, 'trace-me-7');
  });

  it('/health, /ready, /services/status and /metrics describe the running system', async () => {
    const api = new Api(system.url);
    assert.deepEqual((await api.get('/health')).body, { status: 'ok' });
    const ready = await api.get('/ready');
    assert.equal(ready.status, 200, JSON.stringify(ready.body));
    assert.deepEqual(ready.body.checks, { postgres: 'ok', redis: 'ok', orchestrator: 'ok', 'rubric-store': 'ok' });
    const status = await api.get('/services/status');
    const grpcServices = SERVICES.filter((s) => s.kind === 'grpc').map((s) => s.name);
    for (const name of grpcServices) {
      const entry = status.body.services.find((s: { service: string }) => s.service === name);
      assert.equal(entry?.status, 'SERVING', `${name}: ${JSON.stringify(entry)}`);
      assert.ok(entry.latency_ms >= 0);
    }
    await school.members.teacher.api.get('/api/v1/me');
    const metrics = await api.get('/metrics');
    assert.match(metrics.body, /grading_requests_total\{[^}]*service="medgrade-gateway"[^}]*endpoint="GET \/api\/v1\/me"/);
    assert.match(metrics.body, /grading_request_duration_seconds_bucket/);
    assert.match(metrics.body, /grading_errors_total\{[^}]*error_type="/);
    assert.match(metrics.body, /grpc_client_handled_total\{[^}]*grpc_method="Validate"[^}]*grpc_code="OK"/);
  });

  it('/ready fails while the rubric store is down and recovers by itself when it comes back', async () => {
    const port = await freePort();
    const variant = await system.startVariant({ RUBRIC_STORE_ADDR: `127.0.0.1:${port}` });
    const api = new Api(variant.url);
    const down = await api.get('/ready');
    assert.equal(down.status, 503);
    assert.equal(down.body.checks['rubric-store'], 'unreachable');
    const module = (require(path.resolve(__dirname, '../../rubric-store/src/handlers')) as { service: ServiceModule<never> }).service;
    const store = await runService('rubric-store', module, {
      env: { DATABASE_URL: system.databaseUrl, REDIS_URL: system.redisUrl, REDIS_KEY_PREFIX: system.keyPrefix, GRPC_HOST: '127.0.0.1', GRPC_PORT: String(port), LOG_LEVEL: 'silent', QA_VALIDATION_ADDR: system.services.get('qa-validation')!.address },
      handleSignals: false,
    });
    try {
      let ready = await api.get('/ready');
      for (let i = 0; i < 40 && ready.status !== 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        ready = await api.get('/ready');
      }
      assert.equal(ready.status, 200, JSON.stringify(ready.body));
    } finally {
      await store.shutdown('test over');
    }
  });
});
