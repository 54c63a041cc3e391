import * as assert from 'node:assert/strict';
import { DEMO_RUBRIC_ID, demoTranscript, eventually, observabilitySystem, type ObservabilitySystem } from './support/observability-system';
import type { ReceivedSpan } from './support/observability-otlp';

// One POST /api/v1/gradings through the real processes is one trace, and each process
// reports itself as its own resource (service.name), exported with the OTEL_* variables.
// The services run as CommonJS under tsx: spans from them prove the instrumentations
// patched grpc-js, http, express, pg and ioredis as those modules loaded.

const EVALUATORS = ['transcript', 'question-matching', 'structure', 'reasoning', 'summary', 'scoring', 'feedback'];
const SPAN_KIND = { server: 2, client: 3 };

function traceOf(spans: ReceivedSpan[], traceId: string): ReceivedSpan[] {
  return spans.filter((span) => span.traceId === traceId);
}

describe('observability: one trace per grading across the real processes', function () {
  this.timeout(300_000);
  let system: ObservabilitySystem;
  let traceId: string;
  let trace: ReceivedSpan[];

  before(async () => {
    system = await observabilitySystem();
    const graded = await system.teacher.request<{ grading_id: string }>('POST', '/api/v1/gradings', {
      rubric_id: DEMO_RUBRIC_ID, oral_transcript: demoTranscript(),
    });
    assert.equal(graded.status, 201, JSON.stringify(graded.body));
    // Follow it as an operator would: request id -> the gateway's log line -> trace id.
    const requestId = await eventually('the access log line of the grading', async () => system.logs
      .filter((line) => line.service === 'gateway' && line.text.includes('"route":"/api/v1/gradings"') && line.text.includes('"status":201'))
      .map((line) => JSON.parse(line.text) as { request_id: string; trace_id?: string })
      .at(-1));
    assert.ok(requestId.trace_id, `the gateway's access log line carries trace_id: ${JSON.stringify(requestId)}`);
    traceId = requestId.trace_id;
    const expected = ['gateway', 'orchestrator', ...EVALUATORS].map((name) => `medgrade-${name}`);
    trace = await eventually('spans of every service in the trace', async () => {
      const spans = traceOf(system.receiver.spans, traceId);
      const services = new Set(spans.map((span) => span.service));
      return expected.every((name) => services.has(name)) ? spans : undefined;
    }, 20_000);
  });

  it('has spans from the gateway, the orchestrator and every evaluator, each under its own service.name', () => {
    const services = [...new Set(trace.map((span) => span.service))].sort();
    for (const evaluator of EVALUATORS) assert.ok(services.includes(`medgrade-${evaluator}`), `${evaluator} in ${services.join(', ')}`);
    for (const evaluator of EVALUATORS) {
      const served = trace.filter((span) => span.service === `medgrade-${evaluator}` && span.kind === SPAN_KIND.server);
      assert.ok(served.length > 0, `${evaluator} has a gRPC server span`);
      assert.match(String(served[0]!.attributes['rpc.service']), /^medgrade\.v1\./);
    }
    const gradeServer = trace.find((span) => span.service === 'medgrade-orchestrator' && span.kind === SPAN_KIND.server);
    assert.equal(gradeServer?.attributes['rpc.method'], 'Grade');
    assert.ok(trace.some((span) => span.service === 'medgrade-gateway' && span.kind === SPAN_KIND.client && span.attributes['rpc.method'] === 'Grade'));
  });

  it('is one connected tree rooted at the gateway request', () => {
    const ids = new Set(trace.map((span) => span.spanId));
    const roots = trace.filter((span) => !span.parentSpanId || !ids.has(span.parentSpanId));
    assert.equal(roots.length, 1, `one root, got ${roots.map((r) => `${r.service}:${r.name}`).join(', ')}`);
    assert.equal(roots[0]!.service, 'medgrade-gateway');
    assert.equal(roots[0]!.kind, SPAN_KIND.server);
    // Each evaluator's server span hangs under an orchestrator client span.
    const byId = new Map(trace.map((span) => [span.spanId, span]));
    for (const span of trace.filter((s) => s.kind === SPAN_KIND.server && EVALUATORS.some((e) => s.service === `medgrade-${e}`))) {
      assert.equal(byId.get(span.parentSpanId)?.service, 'medgrade-orchestrator', `${span.service} called by the orchestrator`);
    }
  });

  it('includes the gateway\'s PostgreSQL and Redis work, with no statement parameters', () => {
    const gateway = trace.filter((span) => span.service === 'medgrade-gateway');
    const dbSystem = (span: ReceivedSpan) => span.attributes['db.system'] ?? span.attributes['db.system.name'];
    const sql = gateway.filter((span) => dbSystem(span) === 'postgresql');
    assert.ok(sql.some((span) => /insert into "grading_sessions"/i.test(String(span.attributes['db.statement'] ?? span.attributes['db.query.text']))),
      `an insert of the grading among ${sql.map((s) => s.name).join(', ')}`);
    assert.ok(gateway.some((span) => dbSystem(span) === 'redis'), `rate-limit look-ups in Redis among ${gateway.map((s) => s.name).join(', ')}`);
    for (const span of sql) assert.equal(span.attributes['db.postgresql.values'], undefined);
  });

  it('reports service.version and the Kubernetes attributes are absent outside a pod', () => {
    const resources = system.receiver.requests.filter((r) => r.contentType.startsWith('application/json'))
      .flatMap((r) => (JSON.parse(r.body.toString('utf8')) as { resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] } }[] }).resourceSpans)
      .map((rs) => Object.fromEntries(rs.resource.attributes.map((a) => [a.key, a.value.stringValue])));
    const orchestrator = resources.find((attributes) => attributes['service.name'] === 'medgrade-orchestrator');
    assert.equal(orchestrator?.['service.version'], '0.0.0-observability');
    assert.equal(orchestrator?.['service.namespace'], 'medgrade');
    assert.equal(orchestrator?.['k8s.pod.name'], undefined);
  });
});
