import * as grpc from '@grpc/grpc-js';
import { SERVICES } from './catalog';
import type { Env, GrpcClientEnv } from './config';
import { statusName } from './errors';
import type { Logger } from './log';
import { clientMetricsInterceptor } from './metrics';
import { bytesResponseDefinition, serviceDefinition, type MethodName, type RequestIn, type ResponseOf, type ServiceName } from './services';

// Client side of the load-balancing story: a headless Kubernetes Service gives one DNS
// record per pod; the client dials dns:///name:port, resolves every address and spreads
// calls over them with round_robin. Servers close connections after a maximum age, which
// makes clients re-resolve and pick up replicas added by the autoscaler.

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export interface ClientOptions {
  /** Deadline of one call, retries included. */
  deadlineMs: number;
  retry: RetryPolicy;
  /** Client interceptors, run after the metrics interceptor every client has. */
  interceptors?: grpc.Interceptor[];
  /** Extra or overriding channel options. */
  channelOptions?: grpc.ChannelOptions;
  /** Logs each retried attempt at debug level. */
  logger?: Logger;
}

export interface CallOptions {
  /** Overrides the client's deadline for this call. */
  deadlineMs?: number;
  metadata?: grpc.Metadata;
}

export type GrpcClient<N extends ServiceName> = {
  [M in MethodName<N>]: (request: RequestIn<N, M>, options?: CallOptions) => Promise<ResponseOf<N, M>>;
} & {
  /** The underlying grpc-js client (channel state, waitForReady). */
  readonly grpcClient: grpc.Client;
  close(): void;
};

/**
 * A client whose calls answer with the response's encoded bytes, for callers that decode
 * them with decodeCore or pass them on to another service without re-encoding. Requests
 * may be encoded bytes too.
 */
export type BytesClient<N extends ServiceName> = {
  [M in MethodName<N>]: (request: RequestIn<N, M> | Uint8Array, options?: CallOptions) => Promise<Buffer>;
} & {
  readonly grpcClient: grpc.Client;
  close(): void;
};

export const DEFAULT_CLIENT_OPTIONS: ClientOptions = {
  deadlineMs: 5_000,
  retry: { maxAttempts: 5, initialBackoffMs: 200, maxBackoffMs: 2_000 },
};

export function clientOptionsFromEnv(env: GrpcClientEnv): ClientOptions {
  return {
    deadlineMs: env.GRPC_CALL_DEADLINE_MS,
    retry: {
      maxAttempts: env.GRPC_RETRY_MAX_ATTEMPTS,
      initialBackoffMs: env.GRPC_RETRY_INITIAL_BACKOFF_MS,
      maxBackoffMs: env.GRPC_RETRY_MAX_BACKOFF_MS,
    },
  };
}

/** Channel options every medgrade client uses (exported so tests dial exactly like production). */
export function channelOptions(): grpc.ChannelOptions {
  return {
    'grpc.service_config': JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }),
    // Keep idle connections alive through NATs and notice dead peers.
    'grpc.keepalive_time_ms': 30_000,
    'grpc.keepalive_timeout_ms': 10_000,
    // Reconnect quickly after a replica restarts, so retries within one deadline can succeed.
    'grpc.initial_reconnect_backoff_ms': 100,
    'grpc.max_reconnect_backoff_ms': 2_000,
    'grpc.dns_min_time_between_resolutions_ms': 5_000,
  };
}

/**
 * A gRPC target for an address: targets with a scheme (dns:, ipv4:, unix:, ...) and IP
 * literals are kept; a hostname gets `dns:///` so every A record becomes a backend.
 */
export function dialTarget(address: string): string {
  if (/^(dns|ipv4|ipv6|unix|unix-abstract|xds):/.test(address)) return address;
  const host = address.replace(/:\d+$/, '');
  const isIpLiteral = /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
  return isIpLiteral ? address : `dns:///${address}`;
}

/** The address of a catalog service: its address variable, else 127.0.0.1:<catalog port>. */
export function serviceAddress(service: ServiceName, env: Env = process.env): string {
  const spec = SERVICES.find((s) => s.grpcService === service);
  if (!spec?.addressEnv) throw new Error(`no catalog entry with an address variable for ${service}`);
  return env[spec.addressEnv]?.trim() || `127.0.0.1:${spec.port}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with jitter in [half, full] of the step, so callers do not retry in lockstep. */
function backoffMs(retry: RetryPolicy, attempt: number): number {
  const step = Math.min(retry.maxBackoffMs, retry.initialBackoffMs * 2 ** (attempt - 1));
  return step / 2 + (Math.random() * step) / 2;
}

/**
 * A typed promise client. Every call has a deadline; UNAVAILABLE (no connection, replica
 * gone) is retried with backoff inside that deadline. Medgrade methods are idempotent reads
 * or pure computations, except the rubric store's writes, which name the version they
 * change: a repeated write is refused (already exists, stale version), never applied twice.
 */
export function createClient<N extends ServiceName>(
  service: N,
  target: string = serviceAddress(service),
  options: Partial<ClientOptions> = {},
): GrpcClient<N> {
  return makeClient(service, serviceDefinition(service), target, options) as unknown as GrpcClient<N>;
}

/** Like createClient, with responses as encoded bytes (see BytesClient). */
export function createBytesClient<N extends ServiceName>(
  service: N,
  target: string = serviceAddress(service),
  options: Partial<ClientOptions> = {},
): BytesClient<N> {
  return makeClient(service, bytesResponseDefinition(service), target, options) as unknown as BytesClient<N>;
}

function makeClient(service: ServiceName, definition: object, target: string, options: Partial<ClientOptions>): object {
  const settings = { ...DEFAULT_CLIENT_OPTIONS, ...options };
  const Constructor = grpc.makeGenericClientConstructor(definition as grpc.ServiceDefinition, service);
  const client = new Constructor(dialTarget(target), grpc.credentials.createInsecure(), {
    ...channelOptions(),
    ...settings.channelOptions,
    interceptors: [clientMetricsInterceptor, ...(settings.interceptors ?? [])],
  });

  const callOnce = (method: string, request: unknown, metadata: grpc.Metadata, deadline: Date) =>
    new Promise<unknown>((resolve, reject) => {
      const invoke = (client as unknown as Record<string, grpc.requestCallback<unknown> & ((...args: unknown[]) => unknown)>)[method]!;
      invoke.call(client, request, metadata, { deadline }, (error: grpc.ServiceError | null, response: unknown) =>
        error ? reject(error) : resolve(response),
      );
    });

  const call = async (method: string, request: unknown, callOptions: CallOptions = {}) => {
    const deadlineAt = Date.now() + (callOptions.deadlineMs ?? settings.deadlineMs);
    const metadata = callOptions.metadata ?? new grpc.Metadata();
    for (let attempt = 1; ; attempt++) {
      try {
        return await callOnce(method, request, metadata, new Date(deadlineAt));
      } catch (error) {
        const code = (error as grpc.ServiceError).code;
        const pause = backoffMs(settings.retry, attempt);
        const retryable = code === grpc.status.UNAVAILABLE && attempt < settings.retry.maxAttempts;
        if (!retryable || Date.now() + pause >= deadlineAt) throw error;
        settings.logger?.debug({ service, method, attempt, code: statusName(code), backoff_ms: Math.round(pause) }, 'retrying');
        await sleep(pause);
      }
    }
  };

  const methods = Object.fromEntries(
    Object.keys(definition).map((method) => [method, (request: unknown, callOptions?: CallOptions) => call(method, request, callOptions)]),
  );
  return { ...methods, grpcClient: client, close: () => client.close() };
}
