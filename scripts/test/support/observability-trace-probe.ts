// A child process for the tracing tests (telemetry must start before grpc-js loads, which the
// mocha process has long done). Two modes:
//   memory  - tracing into an InMemorySpanExporter, then the orchestrator and every evaluator
//             run in this process and one grading goes over gRPC; prints the spans as JSON.
//   export  - tracing configured only by the OTEL_* variables; one span, flushed at shutdown.
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTelemetry } from '@medgrade/kit/telemetry';

const mode = process.argv[2];
const exporter = new InMemorySpanExporter();
const telemetry = startTelemetry('trace-probe', mode === 'memory' ? { spanProcessors: [new SimpleSpanProcessor(exporter)] } : {});

/* eslint-disable @typescript-eslint/no-require-imports */
async function gradeInProcess(): Promise<void> {
  const fs = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  const kit = require('@medgrade/kit') as typeof import('@medgrade/kit');
  const { DEMO_DIR } = require('../../src/local/seed') as typeof import('../../src/local/seed');
  const repoRoot = path.resolve(__dirname, '../../..');
  const evaluators = ['transcript', 'question-matching', 'structure', 'reasoning', 'summary', 'scoring', 'feedback'];
  const addresses: Record<string, string> = {};
  const running = [];
  for (const name of [...evaluators, 'orchestrator']) {
    const module = (require(path.join(repoRoot, 'services', name, 'src', 'handlers')) as { service: import('@medgrade/kit').ServiceModule<never> }).service;
    const service = await kit.runService(name, module, {
      env: { ...addresses, GRPC_HOST: '127.0.0.1', GRPC_PORT: '0', LOG_LEVEL: 'silent' },
      handleSignals: false,
    });
    running.push(service);
    addresses[kit.serviceSpec(name).addressEnv!] = service.address;
  }
  const rubric = JSON.parse(fs.readFileSync(path.join(DEMO_DIR, 'abdominal_pain_v1.json'), 'utf8')) as import('@medgrade/core').Rubric;
  const client = kit.createClient('Orchestrator', addresses.ORCHESTRATOR_ADDR);
  const report = await (client as unknown as { Grade(request: unknown): Promise<{ status: string }> }).Grade({
    rubric: kit.toProto('Rubric', rubric),
    institution_id: 'probe',
    oral_transcript: fs.readFileSync(path.join(DEMO_DIR, 'abdominal_pain_transcript.txt'), 'utf8'),
    style: '',
    grading_id: 'probe-grading',
  });
  client.close();
  await Promise.all(running.map((service) => service.shutdown('probe done')));
  const spans = exporter.getFinishedSpans().map((span) => ({
    traceId: span.spanContext().traceId,
    name: span.name,
    kind: span.kind,
    rpcService: span.attributes['rpc.service'],
  }));
  process.stdout.write(`${JSON.stringify({ status: report.status, spans })}\n`);
}

async function exportOneSpan(): Promise<void> {
  const { trace } = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  trace.getTracer('probe').startSpan('protocol-probe-span').end();
}

(mode === 'memory' ? gradeInProcess() : exportOneSpan())
  .then(() => telemetry.shutdown())
  .then(() => process.exit(0), (err: unknown) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  });
