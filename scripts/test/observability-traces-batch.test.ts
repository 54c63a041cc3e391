import * as assert from 'node:assert/strict';
import { ApiClient } from '../src/local/seed';
import { DEMO_RUBRIC_ID, demoTranscript, eventually, observabilitySystem, type ObservabilitySystem } from './support/observability-system';
import type { ReceivedSpan } from './support/observability-otlp';

// A batch submitted through the gateway is graded later by the worker process, from the Redis
// queue. The queue entries carry the submitting request's trace context, so the worker's
// spans (its Grade calls and storing each grading) and the orchestrator's join that trace.

const SPAN_KIND = { server: 2, client: 3 };
const ITEMS = 2;

interface JobView {
  job_id: string;
  status: string;
  completed: number;
}

describe('observability: a batch grading continues the trace of the request that submitted it', function () {
  this.timeout(300_000);
  let system: ObservabilitySystem;
  let trace: ReceivedSpan[];
  const isWorker = (span: ReceivedSpan) => span.service === 'medgrade-worker';
  const isGradeCall = (span: ReceivedSpan) => span.kind === SPAN_KIND.client && span.attributes['rpc.method'] === 'Grade';
  const isGradingInsert = (span: ReceivedSpan) => /insert into "grading_sessions"/i.test(String(span.attributes['db.statement'] ?? span.attributes['db.query.text']));

  before(async () => {
    system = await observabilitySystem();
    await system.startWorker();
    const student = system.credentials.users.find((u) => u.role === 'student')!;
    const me = await (await ApiClient.login(system.url, student.email, student.password))!.expect<{ id: string }>(200, 'GET', '/api/v1/me');
    const item = { student_id: me.id, oral_transcript: demoTranscript() };
    const submitted = await system.teacher.expect<JobView>(202, 'POST', '/api/v1/gradings/batch', { rubric_id: DEMO_RUBRIC_ID, items: Array(ITEMS).fill(item) });
    const job = await eventually('the job to complete', async () => {
      const current = await system.teacher.expect<JobView>(200, 'GET', `/api/v1/jobs/${submitted.job_id}`);
      return current.status === 'completed' ? current : undefined;
    }, 120_000);
    assert.equal(job.completed, ITEMS);
    const submission = await eventually('the access log line of the submission', async () => system.logs
      .filter((line) => line.service === 'gateway' && line.text.includes('"route":"/api/v1/gradings/batch"') && line.text.includes('"status":202'))
      .map((line) => JSON.parse(line.text) as { trace_id?: string })
      .at(-1));
    assert.ok(submission.trace_id, 'the submission is traced');
    trace = await eventually('the worker\'s spans of every item in the submission\'s trace', async () => {
      const spans = system.receiver.spans.filter((span) => span.traceId === submission.trace_id);
      const stored = spans.filter((span) => isWorker(span) && isGradingInsert(span));
      return stored.length === ITEMS ? spans : undefined;
    }, 20_000);
  });

  it('is one connected tree rooted at the gateway\'s request', () => {
    const ids = new Set(trace.map((span) => span.spanId));
    const roots = trace.filter((span) => !span.parentSpanId || !ids.has(span.parentSpanId));
    assert.deepEqual(roots.map((span) => `${span.service} ${span.kind}`), [`medgrade-gateway ${SPAN_KIND.server}`],
      `one root, got ${roots.map((r) => `${r.service}:${r.name}`).join(', ')}`);
  });

  it('has the worker\'s Grade call for every item, each served by the orchestrator under it', () => {
    const calls = trace.filter((span) => isWorker(span) && isGradeCall(span));
    assert.equal(calls.length, ITEMS);
    const served = trace.filter((span) => span.service === 'medgrade-orchestrator' && span.kind === SPAN_KIND.server && span.attributes['rpc.method'] === 'Grade');
    assert.deepEqual(served.map((span) => span.parentSpanId).sort(), calls.map((span) => span.spanId).sort());
  });

  it('groups each item\'s work under one worker span: the Grade call and the stored grading', () => {
    const byId = new Map(trace.map((span) => [span.spanId, span]));
    const itemSpanOf = (span: ReceivedSpan): ReceivedSpan | undefined => {
      for (let current = byId.get(span.parentSpanId); current; current = byId.get(current.parentSpanId)) {
        if (isWorker(current) && current.name === 'batch item') return current;
      }
      return undefined;
    };
    const items = trace.filter((span) => isWorker(span) && span.name === 'batch item');
    assert.equal(items.length, ITEMS);
    for (const item of items) {
      assert.equal(byId.get(item.parentSpanId)?.service, 'medgrade-gateway', 'an item hangs under the submitting request');
      const work = trace.filter((span) => itemSpanOf(span) === item);
      assert.equal(work.filter(isGradeCall).length, 1, 'one Grade call per item');
      assert.equal(work.filter(isGradingInsert).length, 1, 'one stored grading per item');
    }
  });
});
