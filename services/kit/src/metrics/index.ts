import http from 'node:http';
import * as grpc from '@grpc/grpc-js';
import client from 'prom-client';

// One Prometheus registry per process. The metric names below are a contract with
// operators' dashboards and alerts (docs/operations.md): rename nothing.

export const registry = new client.Registry();
let defaultsCollected = false;

const SCORE_BUCKETS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const gradingRequests = new client.Counter({
  name: 'grading_requests_total',
  help: 'Requests handled, by service, endpoint (HTTP route or gRPC method) and status.',
  labelNames: ['service', 'endpoint', 'status'] as const,
  registers: [registry],
});

export const gradingRequestDuration = new client.Histogram({
  name: 'grading_request_duration_seconds',
  help: 'Time to handle a request, by service and endpoint.',
  labelNames: ['service', 'endpoint'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

export const componentScores = new client.Histogram({
  name: 'grading_component_scores',
  help: 'Distribution of component scores in [0,1] of completed gradings.',
  labelNames: ['component'] as const,
  buckets: SCORE_BUCKETS,
  registers: [registry],
});

export const overallScores = new client.Histogram({
  name: 'grading_overall_scores',
  help: 'Distribution of overall scores in [0,1] of completed gradings.',
  buckets: SCORE_BUCKETS,
  registers: [registry],
});

export const gradingErrors = new client.Counter({
  name: 'grading_errors_total',
  help: 'Errors, by service and error type (gRPC code name or HTTP problem type).',
  labelNames: ['service', 'error_type'] as const,
  registers: [registry],
});

const grpcServerHandled = new client.Counter({
  name: 'grpc_server_handled_total',
  help: 'gRPC calls completed on the server, by method and status code.',
  labelNames: ['grpc_service', 'grpc_method', 'grpc_code'] as const,
  registers: [registry],
});

const grpcServerSeconds = new client.Histogram({
  name: 'grpc_server_handling_seconds',
  help: 'gRPC server call latency, by method.',
  labelNames: ['grpc_service', 'grpc_method'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

const grpcClientHandled = new client.Counter({
  name: 'grpc_client_handled_total',
  help: 'gRPC calls completed by clients, by method and status code.',
  labelNames: ['grpc_service', 'grpc_method', 'grpc_code'] as const,
  registers: [registry],
});

const grpcClientSeconds = new client.Histogram({
  name: 'grpc_client_handling_seconds',
  help: 'gRPC client call latency (including retries), by method.',
  labelNames: ['grpc_service', 'grpc_method'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [registry],
});

const rubricCacheRequests = new client.Counter({
  name: 'rubric_cache_requests_total',
  help: 'Rubric cache look-ups, by result (hit or miss).',
  labelNames: ['result'] as const,
  registers: [registry],
});

new client.Gauge({
  name: 'rubric_cache_hit_ratio',
  help: 'Share of rubric cache look-ups that hit since the process started.',
  registers: [registry],
  async collect() {
    const values = (await rubricCacheRequests.get()).values;
    const count = (result: string) => values.find((v) => v.labels.result === result)?.value ?? 0;
    const total = count('hit') + count('miss');
    this.set(total === 0 ? 0 : count('hit') / total);
  },
});

export function recordRubricCache(hit: boolean): void {
  rubricCacheRequests.inc({ result: hit ? 'hit' : 'miss' });
}

/**
 * Queue depth and the age of the oldest unacknowledged job, read when Prometheus scrapes.
 * One queue per process: a second registration (tests running several consumers) is ignored.
 */
export function registerQueueGauges(read: () => Promise<{ depth: number; oldestAgeSeconds: number }>): void {
  if (registry.getSingleMetric('grading_queue_depth')) return;
  // One read per scrape serves both gauges (depth is collected first). A failed read keeps
  // the last values: a scrape must not fail because the queue is briefly unreachable.
  new client.Gauge({
    name: 'grading_queue_depth', help: 'Batch grading items waiting or in progress.', registers: [registry],
    async collect() {
      try {
        const queue = await read();
        this.set(queue.depth);
        oldest.set(queue.oldestAgeSeconds);
      } catch {
        // keep the previous values
      }
    },
  });
  const oldest = new client.Gauge({
    name: 'grading_queue_oldest_job_age_seconds', help: 'Age of the oldest batch item not yet acknowledged.', registers: [registry],
  });
}

/** Connection pool occupancy (pg.Pool exposes these three counts); the first pool registered wins. */
export function registerDbPoolGauges(pool: { totalCount: number; idleCount: number; waitingCount: number }): void {
  if (registry.getSingleMetric('db_pool_connections')) return;
  new client.Gauge({
    name: 'db_pool_connections',
    help: 'PostgreSQL pool connections by state (in_use, idle, waiting clients).',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
}

/** Node runtime metrics, including nodejs_eventloop_lag_seconds, labelled with the service. */
export function collectRuntimeMetrics(service: string): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  registry.setDefaultLabels({ service: serviceLabel(service) });
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
}

export function observeReportScores(scores: Record<string, number | null>, overall: number | null): void {
  for (const [component, score] of Object.entries(scores)) {
    if (score !== null) componentScores.observe({ component }, score);
  }
  if (overall !== null) overallScores.observe(overall);
}

/** The `service` label every medgrade series carries: medgrade-<catalog name>. */
export function serviceLabel(name: string): string {
  return name.startsWith('medgrade-') ? name : `medgrade-${name}`;
}

function splitPath(path: string): { service: string; method: string } {
  const [, service = 'unknown', method = 'unknown'] = path.split('/');
  return { service, method };
}

/** Builds a value once per key and keeps it (label children per method and status code, say). */
export function memo<T>(build: (key: string) => T): (key: string) => T {
  const built = new Map<string, T>();
  return (key) => {
    let value = built.get(key);
    if (value === undefined) {
      value = build(key);
      built.set(key, value);
    }
    return value;
  };
}

const codeName = (code: number): string => grpc.status[code] ?? String(code);

/**
 * The series one server method updates, with their label sets resolved once per method and
 * status code: prom-client hashes a labels object on every update otherwise.
 */
function serverSeries(label: string, path: string) {
  const { service, method } = splitPath(path);
  const graded = service !== 'grpc.health.v1.Health' && !service.startsWith('grpc.reflection');
  return {
    seconds: grpcServerSeconds.labels({ grpc_service: service, grpc_method: method }),
    duration: graded ? gradingRequestDuration.labels({ service: label, endpoint: method }) : null,
    byCode: memo((code) => ({
      handled: grpcServerHandled.labels({ grpc_service: service, grpc_method: method, grpc_code: code }),
      requests: graded ? gradingRequests.labels({ service: label, endpoint: method, status: code }) : null,
      errors: graded && code !== 'OK' ? gradingErrors.labels({ service: label, error_type: code }) : null,
    })),
  };
}

/** Server interceptor: per-call count, latency, grading_requests_total and errors. */
export function serverMetricsInterceptor(serviceName: string): grpc.ServerInterceptor {
  const label = serviceLabel(serviceName);
  const seriesOf = memo((path) => serverSeries(label, path));
  return (descriptor, call) => {
    const started = process.hrtime.bigint();
    const responder = new grpc.ResponderBuilder()
      .withSendStatus((status, next) => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const series = seriesOf(descriptor.path);
        const byCode = series.byCode(codeName(status.code));
        byCode.handled.inc();
        series.seconds.observe(seconds);
        byCode.requests?.inc();
        series.duration?.observe(seconds);
        byCode.errors?.inc();
        next(status);
      })
      .build();
    return new grpc.ServerInterceptingCall(call, responder);
  };
}

const clientSeriesOf = memo((path) => {
  const { service, method } = splitPath(path);
  return {
    seconds: grpcClientSeconds.labels({ grpc_service: service, grpc_method: method }),
    handled: memo((code) => grpcClientHandled.labels({ grpc_service: service, grpc_method: method, grpc_code: code })),
  };
});

/** Client interceptor: per-call count and latency as seen by the caller. */
export const clientMetricsInterceptor: grpc.Interceptor = (options, nextCall) => {
  const series = clientSeriesOf(options.method_definition.path);
  const started = process.hrtime.bigint();
  return new grpc.InterceptingCall(nextCall(options), {
    start(metadata, _listener, next) {
      // A partial listener: grpc-js chains it in front of the caller's own listener.
      next(metadata, {
        onReceiveStatus(status, nextStatus) {
          series.handled(codeName(status.code)).inc();
          series.seconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
          nextStatus(status);
        },
      });
    },
  });
};

export async function metricsText(): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** A tiny HTTP server exposing /metrics for processes whose main port speaks gRPC. */
export function startMetricsServer(port: number, host = '0.0.0.0'): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metricsText().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
      (err: Error) => res.writeHead(500).end(err.message),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
