import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import type { ServiceSpec } from './catalog';
import type { GrpcServerEnv } from './config';
import { GrpcError, statusName } from './errors';
import { HealthService } from './health';
import type { Logger } from './log';
import { LOADER_OPTIONS, loadProtos } from './proto';
import { bytesRequestMethod, fullServiceName, handlerTakesBytes, serviceDefinition, type Implementations, type ServiceName } from './services';

export interface GrpcServerConfig {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** How long in-flight calls may take to finish after SIGTERM before they are cut off. */
  shutdownGraceMs: number;
  /** Pause between turning NOT_SERVING and refusing new calls, so load balancers notice first. */
  drainDelayMs: number;
  /** Connections are closed after this age so clients re-resolve DNS and reach new replicas. */
  maxConnectionAgeMs: number;
  maxConnectionAgeGraceMs: number;
  /** How often dependency health checks run. */
  healthCheckIntervalMs: number;
}

export function grpcServerConfig(env: GrpcServerEnv): GrpcServerConfig {
  return {
    host: env.GRPC_HOST,
    port: env.GRPC_PORT,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    drainDelayMs: env.SHUTDOWN_DRAIN_DELAY_MS,
    maxConnectionAgeMs: env.GRPC_MAX_CONNECTION_AGE_MS,
    maxConnectionAgeGraceMs: env.GRPC_MAX_CONNECTION_AGE_GRACE_MS,
    healthCheckIntervalMs: env.HEALTH_CHECK_INTERVAL_MS,
  };
}

/** A dependency probe (database, cache...): resolves when healthy, rejects or times out when not. */
export type HealthCheck = () => Promise<unknown>;

export interface StartGrpcServiceOptions {
  /** Catalog entry of this process (names the logs). */
  spec: ServiceSpec;
  /** Handlers of every service this server hosts; may be empty (a worker exposing only health). */
  implementations: Implementations;
  /** Named dependency probes; all must pass for the services to report SERVING. */
  healthChecks?: Record<string, HealthCheck>;
  logger: Logger;
  config: GrpcServerConfig;
  /** Extra server interceptors (metrics, tracing), run after the per-call log interceptor. */
  interceptors?: grpc.ServerInterceptor[];
  /** Install SIGTERM/SIGINT handlers that shut down and exit the process (default true). */
  handleSignals?: boolean;
  /** Runs after the server has stopped (close pools, flush telemetry). */
  onShutdown?: () => Promise<void>;
}

export interface ShutdownOutcome {
  /** True when in-flight calls outlived the grace period and were cut off. */
  forced: boolean;
}

export interface RunningGrpcService {
  server: grpc.Server;
  port: number;
  /** host:port clients can dial (loopback when bound to all interfaces). */
  address: string;
  health: HealthService;
  /** Graceful stop: NOT_SERVING, drain delay, refuse new calls, wait for in-flight ones up to the grace period. */
  shutdown(reason?: string): Promise<ShutdownOutcome>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startGrpcService(options: StartGrpcServiceOptions): Promise<RunningGrpcService> {
  const { spec, config, logger } = options;
  const server = new grpc.Server({
    'grpc.max_connection_age_ms': config.maxConnectionAgeMs,
    'grpc.max_connection_age_grace_ms': config.maxConnectionAgeGraceMs,
    interceptors: [callLogInterceptor(logger), ...(options.interceptors ?? [])],
  });

  const hosted = addImplementations(server, options.implementations, logger);
  const health = new HealthService(hosted.map(fullServiceName));
  health.addToServer(server);
  const reflected = [...hosted.map(fullServiceName), 'grpc.health.v1.Health'];
  new ReflectionService(reflectedPackages(), { services: reflected }).addToServer(server);

  const port = await bind(server, config.host, config.port);
  const healthChecks = await startHealthChecks(health, options, logger);
  logger.info({ port, services: hosted.map(fullServiceName) }, 'gRPC server listening');

  let stopping: Promise<ShutdownOutcome> | undefined;
  const shutdown = (reason = 'shutdown requested'): Promise<ShutdownOutcome> => {
    stopping ??= drainAndStop(reason);
    return stopping;
  };

  async function drainAndStop(reason: string): Promise<ShutdownOutcome> {
    healthChecks.stop();
    health.setAll('NOT_SERVING');
    logger.info({ reason, drain_delay_ms: config.drainDelayMs, grace_ms: config.shutdownGraceMs }, 'shutting down: NOT_SERVING');
    await sleep(config.drainDelayMs);
    health.endWatches();
    const forced = await new Promise<boolean>((resolve) => {
      const deadline = setTimeout(() => {
        server.forceShutdown();
        resolve(true);
      }, config.shutdownGraceMs);
      server.tryShutdown(() => {
        clearTimeout(deadline);
        resolve(false);
      });
    });
    await options.onShutdown?.();
    if (forced) logger.warn({ grace_ms: config.shutdownGraceMs }, 'in-flight calls cut off at the grace deadline');
    else logger.info('all in-flight calls finished; server stopped');
    return { forced };
  }

  if (options.handleSignals ?? true) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        void shutdown(signal).then(({ forced }) => process.exit(forced ? 1 : 0));
      });
    }
  }

  const address = `${['0.0.0.0', '::', '[::]'].includes(config.host) ? '127.0.0.1' : config.host}:${port}`;
  return { server, port, address, health, shutdown };
}

function addImplementations(server: grpc.Server, implementations: Implementations, logger: Logger): ServiceName[] {
  const hosted = Object.keys(implementations).sort() as ServiceName[];
  for (const name of hosted) {
    const handlers = implementations[name] as unknown as Record<string, (request: unknown, call: unknown) => Promise<unknown>>;
    const definition = serviceDefinition(name);
    const missing = Object.keys(definition).filter((method) => typeof handlers[method] !== 'function');
    if (missing.length) throw new Error(`${fullServiceName(name)}: no handler for ${missing.join(', ')}`);
    const unary = Object.fromEntries(
      Object.keys(definition).map((method) => [method, asUnaryCall(handlers[method]!, logger)]),
    );
    const methods = Object.fromEntries(Object.entries(definition).map(([method, spec]) => [
      method, handlerTakesBytes(handlers[method]) ? bytesRequestMethod(name, method) : spec,
    ])) as unknown as grpc.ServiceDefinition;
    server.addService(methods, unary);
  }
  return hosted;
}

/** Adapts a promise handler to grpc-js, turning thrown errors into statuses. */
function asUnaryCall(handler: (request: unknown, call: unknown) => Promise<unknown>, logger: Logger): grpc.handleUnaryCall<unknown, unknown> {
  return (call, callback) => {
    handler(call.request, call).then(
      (response) => callback(null, response),
      (error: unknown) => callback(statusOf(error, call.getPath(), logger)),
    );
  };
}

function statusOf(error: unknown, method: string, logger: Logger): Partial<grpc.StatusObject> {
  if (error instanceof GrpcError) {
    return { code: error.code, details: error.message, ...(error.metadata ? { metadata: error.metadata } : {}) };
  }
  // Unexpected: keep the details out of the answer (they could quote input), log them here.
  const { message, stack } = error instanceof Error ? error : { message: String(error), stack: undefined };
  logger.error({ method, err: { message, stack } }, 'handler failed');
  return { code: grpc.status.INTERNAL, details: 'internal error' };
}

/**
 * One structured log line per call: method, status and duration; never the payload.
 * Successful calls are logged at debug (a grading makes a dozen of them), failures at warn.
 */
function callLogInterceptor(logger: Logger): grpc.ServerInterceptor {
  const debug = logger.isLevelEnabled('debug');
  return (descriptor, call) => {
    const started = process.hrtime.bigint();
    const responder = new grpc.ResponderBuilder()
      .withSendStatus((status, next) => {
        const ok = status.code === grpc.status.OK;
        if (!ok || debug) {
          const fields = { method: descriptor.path, code: statusName(status.code), duration_ms: Number(process.hrtime.bigint() - started) / 1e6 };
          if (ok) logger.debug(fields, 'call');
          else logger.warn({ ...fields, details: status.details }, 'call failed');
        }
        next(status);
      })
      .build();
    return new grpc.ServerInterceptingCall(call, responder);
  };
}

let reflected: protoLoader.PackageDefinition | undefined;

/** medgrade.v1 plus grpc.health.v1, so reflection clients (grpcurl) see both. */
function reflectedPackages(): protoLoader.PackageDefinition {
  reflected ??= { ...loadProtos().packageDefinition, ...protoLoader.loadSync(healthProtoPath, LOADER_OPTIONS) };
  return reflected;
}

function bind(server: grpc.Server, host: string, port: number): Promise<number> {
  const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return new Promise((resolve, reject) => {
    server.bindAsync(`${hostPart}:${port}`, grpc.ServerCredentials.createInsecure(), (error, boundPort) =>
      error ? reject(error) : resolve(boundPort),
    );
  });
}

/** Runs the dependency probes now and then periodically; the services serve only while all pass. */
async function startHealthChecks(
  health: HealthService,
  options: StartGrpcServiceOptions,
  logger: Logger,
): Promise<{ stop(): void }> {
  const checks = Object.entries(options.healthChecks ?? {});
  const interval = options.config.healthCheckIntervalMs;
  let stopped = false;
  const probe = async () => {
    const failing: string[] = [];
    await Promise.all(
      checks.map(async ([name, check]) => {
        try {
          await withTimeout(check(), interval);
        } catch {
          failing.push(name);
        }
      }),
    );
    if (stopped) return; // shutdown owns the status from now on
    const status = failing.length ? 'NOT_SERVING' : 'SERVING';
    if (health.readiness() !== status) logger[failing.length ? 'warn' : 'info']({ failing: failing.sort() }, `health: ${status}`);
    health.setReadiness(status);
  };
  await probe();
  const timer = checks.length ? setInterval(() => void probe(), interval).unref() : undefined;
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}
