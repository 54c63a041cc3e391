import {
  context, diag, DiagConsoleLogger, DiagLogLevel, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes,
} from '@opentelemetry/api';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { serviceVersion } from './version';

// Tracing for every medgrade process. It must start before @grpc/grpc-js, express, pg
// or ioredis are first required, because the instrumentations patch those modules as
// they load: each main.ts calls startTelemetry() and only then requires its server code.
//
// Off unless configured: with OTEL_TRACES_EXPORTER unset (or "none") nothing starts.
// Otherwise the SDK reads the standard variables itself (OTEL_TRACES_EXPORTER=otlp|console,
// OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL=grpc|http/protobuf|http/json, ...).
// The SDK and the instrumentations are required only when tracing is on: loading them costs
// about two CPU-seconds, which every process would otherwise pay at start-up for nothing.

export interface Telemetry {
  enabled: boolean;
  /** Flushes pending spans; called during graceful shutdown. */
  shutdown(): Promise<void>;
}

export interface TelemetryOptions {
  /** Extra processors (tests use an in-memory exporter); enables tracing regardless of env. */
  spanProcessors?: SpanProcessor[];
  env?: NodeJS.ProcessEnv;
}

/** Resource attributes: service identity plus Kubernetes placement when the pod spec provides it. */
export function resourceAttributes(service: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const attributes: Record<string, string> = {
    'service.name': env.OTEL_SERVICE_NAME ?? `medgrade-${service}`,
    'service.namespace': 'medgrade',
    'service.version': serviceVersion(env),
  };
  const fromEnv: Record<string, string | undefined> = {
    'k8s.pod.name': env.K8S_POD_NAME,
    'k8s.namespace.name': env.K8S_NAMESPACE_NAME,
    'k8s.node.name': env.K8S_NODE_NAME,
    'k8s.deployment.name': env.K8S_DEPLOYMENT_NAME,
  };
  for (const [key, value] of Object.entries(fromEnv)) if (value) attributes[key] = value;
  return attributes;
}

export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  return env.OTEL_SDK_DISABLED !== 'true' && exporters.length > 0 && !exporters.includes('none');
}

export function startTelemetry(service: string, options: TelemetryOptions = {}): Telemetry {
  const env = options.env ?? process.env;
  if (!tracingConfigured(env) && !options.spanProcessors) return { enabled: false, shutdown: async () => {} };
  // Metrics go to Prometheus and logs to stdout; keep the SDK from exporting them over OTLP too.
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';
  if (env.OTEL_LOG_LEVEL === 'debug') diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.DEBUG);
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { GrpcInstrumentation } = require('@opentelemetry/instrumentation-grpc') as typeof import('@opentelemetry/instrumentation-grpc');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { IORedisInstrumentation } = require('@opentelemetry/instrumentation-ioredis') as typeof import('@opentelemetry/instrumentation-ioredis');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const sdk = new NodeSDK({
    resource: resourceFromAttributes(resourceAttributes(service, env)),
    ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}),
    instrumentations: [
      new GrpcInstrumentation({ ignoreGrpcMethods: ['Check', 'Watch'] }),
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(health|ready|metrics)\b/.test(req.url ?? '') }),
      new ExpressInstrumentation(),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      new IORedisInstrumentation({ dbStatementSerializer: (command) => command }),
    ],
  });
  sdk.start();
  return { enabled: true, shutdown: () => sdk.shutdown() };
}

/** W3C traceparent of the active span, for work handed over through the queue; undefined when not tracing. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/**
 * Runs queued work in a consumer span of the trace a traceparent names (the request that queued
 * it), so everything the work does, calls and queries alike, shows up under that request; without
 * a traceparent the span starts a trace of its own. A thrown error marks the span failed.
 */
export function continueTrace<T>(traceparent: string | undefined, name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  const parent = traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
  return trace.getTracer('medgrade').startActiveSpan(name, { kind: SpanKind.CONSUMER, attributes }, parent, async (span) => {
    try {
      return await work();
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}
