import * as assert from 'node:assert/strict';
import { SERVICES } from '@medgrade/kit';
import { ApiClient } from '../src/local/seed';
import {
  DEMO_RUBRIC_ID, NOT_STARTED, VERSION, demoTranscript, eventually, observabilitySystem, type ObservabilitySystem,
} from './support/observability-system';
import { startTcpProxy } from './support/observability-proxy';

// Health as operators see it on the real processes: /services/status, /ready and the
// rubric store's grpc.health.v1 status through a PostgreSQL outage and back, and a gateway
// SIGTERM with a grading in flight.

interface ServiceStatus {
  service: string;
  status: string;
  version: string | null;
  latency_ms: number | null;
}

describe('observability: health, readiness and shutdown of the real processes', function () {
  this.timeout(300_000);
  let system: ObservabilitySystem;

  const servicesStatus = async () => (await (await fetch(`${system.url}/services/status`)).json()) as { gateway: { version: string }; services: ServiceStatus[] };
  const ready = async () => {
    const response = await fetch(`${system.url}/ready`);
    return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, string> } };
  };

  before(async () => {
    system = await observabilitySystem();
  });

  it('/services/status reports status, version and probe latency of every gRPC service', async () => {
    const { gateway, services } = await servicesStatus();
    assert.equal(gateway.version, VERSION);
    const expected = SERVICES.filter((s) => s.kind !== 'gateway').map((s) => s.name).sort();
    assert.deepEqual(services.map((s) => s.service).sort(), expected);
    for (const entry of services) {
      if (NOT_STARTED.includes(entry.service)) {
        assert.deepEqual([entry.status, entry.latency_ms], ['UNREACHABLE', null], entry.service);
      } else {
        assert.deepEqual([entry.status, entry.version], ['SERVING', VERSION], entry.service);
        assert.ok(typeof entry.latency_ms === 'number' && entry.latency_ms >= 0, `${entry.service} latency ${entry.latency_ms}`);
      }
    }
  });

  it('a PostgreSQL outage fails /ready and turns the rubric store NOT_SERVING; both recover by themselves', async () => {
    assert.equal((await ready()).status, 200);
    await system.postgres.cut();
    try {
      const down = await eventually('/ready failing on postgres and the rubric store', async () => {
        const answer = await ready();
        return answer.status === 503 && answer.body.checks.postgres === 'down' && answer.body.checks['rubric-store'] === 'not_serving' ? answer : undefined;
      });
      assert.equal(down.body.status, 'not_ready');
      assert.equal(down.body.checks.orchestrator, 'ok', 'the orchestrator needs no database');
      const rubricStore = (await servicesStatus()).services.find((s) => s.service === 'rubric-store');
      assert.equal(rubricStore?.status, 'NOT_SERVING');
    } finally {
      await system.postgres.restore();
    }
    const back = await eventually('/ready recovered', async () => {
      const answer = await ready();
      return answer.status === 200 ? answer : undefined;
    });
    assert.deepEqual(back.body.checks, { postgres: 'ok', redis: 'ok', orchestrator: 'ok', 'rubric-store': 'ok' });
    assert.equal((await servicesStatus()).services.find((s) => s.service === 'rubric-store')?.status, 'SERVING');
  });

  it('SIGTERM to a gateway mid-grading: the grading completes and is stored, new requests are refused, it exits within SHUTDOWN_GRACE_MS', async () => {
    const graceMs = 8_000;
    const orchestratorPort = system.processes.get('orchestrator')!.port;
    const toOrchestrator = await startTcpProxy('127.0.0.1', orchestratorPort);
    try {
      const drained = await system.startGateway('gateway-drain', { ORCHESTRATOR_ADDR: toOrchestrator.address, SHUTDOWN_GRACE_MS: String(graceMs) });
      const teacher = system.credentials.users.find((u) => u.role === 'teacher')!;
      const client = (await ApiClient.login(drained.url, teacher.email, teacher.password))!;
      toOrchestrator.hold();
      const inFlight = client.request<{ grading_id: string }>('POST', '/api/v1/gradings', { rubric_id: DEMO_RUBRIC_ID, oral_transcript: demoTranscript() });
      await eventually('the Grade call on its way to the orchestrator', async () => toOrchestrator.heldBytes() > 0);
      const signalled = Date.now();
      drained.child.kill('SIGTERM');
      await eventually('new connections refused', async () => {
        try {
          await fetch(`${drained.url}/health`, { headers: { connection: 'close' } });
          return false;
        } catch {
          return true;
        }
      }, 5_000);
      toOrchestrator.release();
      const graded = await inFlight;
      assert.equal(graded.status, 201, JSON.stringify(graded.body));
      assert.equal(await drained.exited, 0);
      const tookMs = Date.now() - signalled;
      assert.ok(tookMs < graceMs, `exited ${tookMs} ms after SIGTERM`);
      const stored = await system.teacher.request<{ grading_id: string }>('GET', `/api/v1/gradings/${graded.body.grading_id}`);
      assert.equal(stored.status, 200);
      assert.equal(stored.body.grading_id, graded.body.grading_id);
    } finally {
      await toOrchestrator.close();
    }
  });
});
