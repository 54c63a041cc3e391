import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { DEMO_RUBRIC_ID, demoTranscript, eventually, observabilitySystem, type ObservabilitySystem } from './support/observability-system';

// Logs of a full run (every process, stdout and stderr, LOG_LEVEL=debug): a sentinel phrase
// in the transcript and the summary, the passwords and the tokens must never appear, and
// every stdout line is a JSON object naming its service, with trace ids inside requests.

const HEX32 = /^[0-9a-f]{32}$/;
const HEX16 = /^[0-9a-f]{16}$/;

describe('observability: logs of every process', function () {
  this.timeout(300_000);
  let system: ObservabilitySystem;
  const sentinel = `ZEPHYR QUOKKA ${randomBytes(4).toString('hex')}`;
  const wrongPassword = `wrong-${randomBytes(8).toString('hex')}`;
  const secrets: Record<string, string> = {};

  before(async () => {
    system = await observabilitySystem();
    const teacher = system.credentials.users.find((u) => u.role === 'teacher')!;
    const post = (path: string, body: unknown, token?: string) => fetch(`${system.url}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    assert.equal((await post('/auth/login', { email: teacher.email, password: wrongPassword })).status, 401);
    const login = (await (await post('/auth/login', { email: teacher.email, password: teacher.password })).json()) as { access_token: string; refresh_token: string };
    const refreshed = (await (await post('/auth/refresh', { refresh_token: login.refresh_token })).json()) as { access_token: string; refresh_token: string };
    Object.assign(secrets, {
      'teacher password': teacher.password,
      'wrong password': wrongPassword,
      'admin password': system.credentials.platformAdmin.password,
      'access token': login.access_token,
      'refresh token': login.refresh_token,
      'rotated access token': refreshed.access_token,
      'rotated refresh token': refreshed.refresh_token,
      sentinel,
    });
    const transcript = `${demoTranscript().trimEnd()}\n[09:58] Student: Before we finish, ${sentinel} is written on my notes.\n`;
    const graded = await post('/gradings', { rubric_id: DEMO_RUBRIC_ID, oral_transcript: transcript, summary_text: `Summary: ${sentinel}.`, style: 'detailed' }, refreshed.access_token);
    assert.equal(graded.status, 201, await graded.text());
    // Failure paths are where payloads leak: an invalid body and an unknown rubric, both carrying the sentinel.
    assert.equal((await post('/gradings', { rubric_id: DEMO_RUBRIC_ID, oral_transcript: 42, summary_text: sentinel }, refreshed.access_token)).status, 422);
    const linesBefore = system.logs.length;
    assert.equal((await post('/gradings', { rubric_id: 'no_such_rubric', oral_transcript: sentinel }, refreshed.access_token)).status, 404);
    // Logs are asynchronous: wait for the gateway's line about the last request.
    await eventually('the last access log line', async () => system.logs.slice(linesBefore).some((l) => l.service === 'gateway' && l.text.includes('"status":404')));
  });

  it('never contain the transcript or summary sentinel, passwords or tokens (nor do the exported spans)', () => {
    for (const name of system.processes.keys()) assert.ok(system.logs.some((line) => line.service === name), `${name} logged`);
    for (const [what, secret] of Object.entries(secrets)) {
      const leaks = system.logs.filter((line) => line.text.includes(secret));
      assert.deepEqual(leaks.map((l) => `${l.service}: ${l.text.slice(0, 200)}`), [], `${what} leaked`);
      const exported = system.receiver.requests.filter((request) => request.body.includes(secret));
      assert.equal(exported.length, 0, `${what} in exported spans`);
    }
  });

  it('are one JSON object per stdout line, naming the service and the level; LOG_LEVEL=debug is honoured', () => {
    const stdout = system.logs.filter((line) => line.stream === 'stdout');
    for (const line of stdout) {
      const entry = JSON.parse(line.text) as { service?: string; level?: string; time?: string };
      const expected = line.service.startsWith('gateway') ? 'medgrade-gateway' : `medgrade-${line.service}`;
      assert.equal(entry.service, expected, line.text);
      assert.match(String(entry.level), /^(trace|debug|info|warn|error|fatal)$/);
      assert.ok(entry.time, line.text);
    }
    assert.ok(stdout.some((line) => line.text.includes('"level":"debug"')), 'debug lines at LOG_LEVEL=debug');
  });

  it('carry request_id, trace_id and span_id on the gateway\'s request lines, and the same trace_id in the orchestrator', () => {
    const requests = system.logs.filter((l) => l.service === 'gateway' && l.text.includes('"msg":"request"') && l.text.includes('/gradings"'))
      .map((l) => JSON.parse(l.text) as { request_id?: string; trace_id?: string; span_id?: string; status: number });
    assert.ok(requests.length >= 3, 'the grading, the invalid body and the unknown rubric');
    for (const entry of requests) {
      assert.match(String(entry.request_id), /\S{8,}/);
      assert.match(String(entry.trace_id), HEX32);
      assert.match(String(entry.span_id), HEX16);
    }
    const calls = system.logs.filter((l) => l.service === 'orchestrator' && l.text.includes('/medgrade.v1.Orchestrator/Grade'))
      .map((l) => JSON.parse(l.text) as { trace_id?: string });
    const graded = requests.filter((entry) => entry.status === 201).map((entry) => entry.trace_id);
    assert.ok(calls.some((call) => graded.includes(call.trace_id)), 'an orchestrator call line in the trace of a grading');
  });
});
