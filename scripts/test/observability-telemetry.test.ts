import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startOtlpGrpcReceiver, startOtlpReceiver } from './support/observability-otlp';

// Tracing started in a fresh process (before grpc-js loads): the in-memory exporter path of
// the issue, and the two OTLP protocols the real-system test does not use (grpc and
// http/protobuf; http/json is what observability-traces.test.ts exports with).

const repoRoot = path.resolve(__dirname, '../..');
const PROBE = path.join(__dirname, 'support', 'observability-trace-probe.ts');
const run = promisify(execFile);

function probe(mode: 'memory' | 'export', env: NodeJS.ProcessEnv = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OTEL_')));
  return run(process.execPath, ['--import', 'tsx', PROBE, mode], { cwd: repoRoot, env: { ...clean, ...env }, timeout: 240_000 });
}

interface ProbeSpan {
  traceId: string;
  name: string;
  kind: number;
  rpcService?: string;
}

describe('observability: telemetry started before grpc-js, in a child process', function () {
  this.timeout(300_000);

  it('records one trace with a server span for the orchestrator and every evaluator (in-memory exporter)', async () => {
    const { stdout } = await probe('memory');
    const { status, spans } = JSON.parse(stdout.trim().split('\n').at(-1)!) as { status: string; spans: ProbeSpan[] };
    assert.equal(status, 'complete');
    const graded = spans.filter((span) => span.rpcService && span.name !== 'grpc.grpc.health.v1.Health/Check');
    assert.equal(new Set(graded.map((span) => span.traceId)).size, 1, `one trace: ${graded.map((s) => `${s.traceId.slice(0, 8)} ${s.name}`).join('; ')}`);
    const served = new Set(graded.filter((span) => span.kind === 1 /* SpanKind.SERVER */).map((span) => span.rpcService));
    for (const service of ['Orchestrator', 'TranscriptService', 'QuestionMatchingService', 'StructureService', 'ReasoningService', 'SummaryService', 'ScoringService', 'FeedbackService']) {
      assert.ok(served.has(`medgrade.v1.${service}`), `${service} server span among ${[...served].join(', ')}`);
    }
  });

  it('exports over OTLP/HTTP protobuf and OTLP/gRPC when OTEL_EXPORTER_OTLP_PROTOCOL says so', async () => {
    const http = await startOtlpReceiver();
    const grpc = await startOtlpGrpcReceiver();
    try {
      await Promise.all([
        probe('export', { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf', OTEL_EXPORTER_OTLP_ENDPOINT: http.url }),
        probe('export', { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: `http://${grpc.address}` }),
      ]);
      const protobuf = http.requests.find((request) => request.contentType === 'application/x-protobuf');
      assert.ok(protobuf, `a protobuf export, got ${http.requests.map((r) => r.contentType).join(', ') || 'nothing'}`);
      // Protobuf keeps strings as UTF-8 bytes: the span and service names are readable in the body.
      assert.ok(protobuf.body.includes('protocol-probe-span') && protobuf.body.includes('medgrade-trace-probe'));
      assert.ok(grpc.requests.some((body) => body.includes('protocol-probe-span') && body.includes('medgrade-trace-probe')), 'a gRPC Export with the span');
    } finally {
      grpc.close();
      await http.close();
    }
  });

  it('starts nothing when OTEL_TRACES_EXPORTER is unset', async () => {
    const http = await startOtlpReceiver();
    try {
      await probe('export', { OTEL_EXPORTER_OTLP_ENDPOINT: http.url });
      assert.equal(http.requests.length, 0);
    } finally {
      await http.close();
    }
  });
});
