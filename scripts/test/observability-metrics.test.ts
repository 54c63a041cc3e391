import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DEMO_RUBRIC_ID, demoTranscript, observabilitySystem, type ObservabilitySystem } from './support/observability-system';

// After a grading through the gateway, the operator metric names are exposed with the right
// types and with samples from the gateway (HTTP) and from a gRPC service's metrics port.

const TYPES: Record<string, string> = {
  grading_requests_total: 'counter',
  grading_request_duration_seconds: 'histogram',
  grading_component_scores: 'histogram',
  grading_overall_scores: 'histogram',
  grading_errors_total: 'counter',
  grpc_client_handled_total: 'counter',
  grpc_client_handling_seconds: 'histogram',
  grading_queue_depth: 'gauge',
  grading_queue_oldest_job_age_seconds: 'gauge',
  rubric_cache_requests_total: 'counter',
  rubric_cache_hit_ratio: 'gauge',
  db_pool_connections: 'gauge',
  nodejs_eventloop_lag_seconds: 'gauge',
  nodejs_eventloop_lag_p99_seconds: 'gauge',
};
const SERVER_TYPES = { grpc_server_handled_total: 'counter', grpc_server_handling_seconds: 'histogram' };

/** The value of the first sample of `name` carrying every label given. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && wanted.every((w) => l.includes(w)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

function assertTypes(text: string, types: Record<string, string>, where: string): void {
  for (const [name, type] of Object.entries(types)) {
    assert.equal(text.match(new RegExp(`^# TYPE ${name} (\\w+)$`, 'm'))?.[1], type, `${where}: ${name} is a ${type}`);
  }
}

describe('observability: Prometheus metrics of the real processes', function () {
  this.timeout(300_000);
  let system: ObservabilitySystem;
  let gateway: string;

  const scrape = async (port: number) => {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    assert.equal(response.status, 200);
    assert.match(String(response.headers.get('content-type')), /^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  before(async () => {
    system = await observabilitySystem();
    const graded = await system.teacher.request('POST', '/api/v1/gradings', { rubric_id: DEMO_RUBRIC_ID, oral_transcript: demoTranscript() });
    assert.equal(graded.status, 201, JSON.stringify(graded.body));
    assert.equal((await system.teacher.request('GET', `/api/v1/gradings/${randomUUID()}`)).status, 404);
    gateway = await scrape(system.processes.get('gateway')!.port);
  });

  it('gateway /metrics: every operator name with its type', () => {
    assertTypes(gateway, TYPES, 'gateway');
  });

  it('gateway /metrics: gradings counted and timed by route template, scores observed, errors by problem type', () => {
    const endpoint = { service: 'medgrade-gateway', endpoint: 'POST /api/v1/gradings' };
    const summary = gateway.split('\n').filter((l) => l.startsWith('grading_requests_total{')).join('\n');
    assert.ok((sample(gateway, 'grading_requests_total', { ...endpoint, status: '201' }) ?? 0) >= 1, summary);
    assert.ok((sample(gateway, 'grading_request_duration_seconds_count', endpoint) ?? 0) >= 1);
    assert.ok((sample(gateway, 'grading_requests_total', { endpoint: 'GET /api/v1/gradings/:id', status: '404' }) ?? 0) >= 1, summary);
    assert.ok((sample(gateway, 'grading_errors_total', { service: 'medgrade-gateway', error_type: 'not-found' }) ?? 0) >= 1);
    for (const component of ['structure', 'key_questions', 'reasoning', 'summary']) {
      assert.ok((sample(gateway, 'grading_component_scores_count', { component }) ?? 0) >= 1, `${component} score observed`);
    }
    assert.ok((sample(gateway, 'grading_overall_scores_count') ?? 0) >= 1);
    assert.equal(sample(gateway, 'grading_overall_scores_bucket', { le: '+Inf' }), sample(gateway, 'grading_overall_scores_bucket', { le: '1' }), 'scores lie in [0,1]');
  });

  it('gateway /metrics: gRPC client calls, pool, queue and event-loop lag', () => {
    assert.ok((sample(gateway, 'grpc_client_handled_total', { grpc_service: 'medgrade.v1.Orchestrator', grpc_method: 'Grade', grpc_code: 'OK' }) ?? 0) >= 1);
    assert.ok((sample(gateway, 'grpc_client_handling_seconds_count', { grpc_method: 'Grade' }) ?? 0) >= 1);
    for (const state of ['in_use', 'idle', 'waiting']) assert.notEqual(sample(gateway, 'db_pool_connections', { state }), undefined, state);
    assert.equal(sample(gateway, 'grading_queue_depth'), 0);
    assert.equal(sample(gateway, 'grading_queue_oldest_job_age_seconds'), 0);
    assert.ok((sample(gateway, 'nodejs_eventloop_lag_seconds', { service: 'medgrade-gateway' }) ?? -1) >= 0);
  });

  it('orchestrator metrics port: server and client gRPC figures and its grading requests', async () => {
    const text = await scrape(system.processes.get('orchestrator')!.metricsPort!);
    assertTypes(text, { ...SERVER_TYPES, grading_requests_total: 'counter', grpc_client_handled_total: 'counter', nodejs_eventloop_lag_seconds: 'gauge' }, 'orchestrator');
    const grade = { grpc_service: 'medgrade.v1.Orchestrator', grpc_method: 'Grade' };
    assert.ok((sample(text, 'grpc_server_handled_total', { ...grade, grpc_code: 'OK' }) ?? 0) >= 1);
    assert.ok((sample(text, 'grpc_server_handling_seconds_count', grade) ?? 0) >= 1);
    assert.ok((sample(text, 'grading_requests_total', { service: 'medgrade-orchestrator', endpoint: 'Grade', status: 'OK' }) ?? 0) >= 1);
    for (const evaluator of ['TranscriptService', 'StructureService', 'ReasoningService', 'SummaryService', 'ScoringService', 'FeedbackService', 'QuestionMatchingService']) {
      assert.ok((sample(text, 'grpc_client_handled_total', { grpc_service: `medgrade.v1.${evaluator}`, grpc_code: 'OK' }) ?? 0) >= 1, evaluator);
    }
    assert.ok((sample(text, 'nodejs_eventloop_lag_seconds', { service: 'medgrade-orchestrator' }) ?? -1) >= 0);
  });

  it('rubric-store metrics port: its PostgreSQL pool and the cache ratio', async () => {
    const text = await scrape(system.processes.get('rubric-store')!.metricsPort!);
    assertTypes(text, { db_pool_connections: 'gauge', rubric_cache_hit_ratio: 'gauge', ...SERVER_TYPES }, 'rubric-store');
    assert.ok((sample(text, 'db_pool_connections', { service: 'medgrade-rubric-store', state: 'idle' }) ?? -1) >= 0);
  });
});
