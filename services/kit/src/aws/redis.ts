// ioredis takes a fixed password, but IAM tokens expire after 15 minutes and rotated
// passwords change under a running client. This connector authenticates every new socket
// (first connect and each reconnect) with credentials fetched at that moment, then hands
// the authenticated socket to ioredis, which never sees a password at all.
import Redis, { RedisOptions } from 'ioredis';
import type { NetStream } from 'ioredis/built/types';
import StandaloneConnector, { StandaloneConnectionOptions } from 'ioredis/built/connectors/StandaloneConnector';
import type { ErrorEmitter } from 'ioredis/built/connectors/AbstractConnector';

export interface RedisCredentials {
  username?: string;
  password: string;
}

export type RedisCredentialProvider = () => Promise<RedisCredentials>;

export interface CredentialRedisOptions {
  /**
   * Reconnect (and so re-authenticate) after this long. ElastiCache closes IAM-authenticated
   * connections after 12 hours; renewing at 11 keeps that from ever surprising a command.
   */
  maxConnectionAgeMs?: number;
  /** How long one AUTH round trip may take before the socket is abandoned and retried. */
  authTimeoutMs?: number;
}

export const DEFAULT_MAX_CONNECTION_AGE_MS = 11 * 60 * 60 * 1000;

/**
 * A Redis client whose every connection authenticates with credentials from `provider`.
 * TLS is used when `options.tls` is set (ElastiCache requires it). Commands issued while
 * the client reconnects wait in ioredis's offline queue, and commands that were in flight
 * when a connection dropped are sent again, so none is lost.
 */
export function createRedisWithCredentialProvider(
  options: Omit<RedisOptions, 'username' | 'password' | 'Connector'>,
  provider: RedisCredentialProvider,
  { maxConnectionAgeMs = DEFAULT_MAX_CONNECTION_AGE_MS, authTimeoutMs = 10_000 }: CredentialRedisOptions = {},
): Redis {
  const connector = class extends CredentialConnector {
    // ioredis passes its own options object; the standalone fields are all it reads.
    constructor(connectorOptions: unknown) {
      super(connectorOptions as StandaloneConnectionOptions, provider, authTimeoutMs);
    }
  };
  const redis = new Redis({ autoResendUnfulfilledCommands: true, ...options, Connector: connector });
  renewConnections(redis, maxConnectionAgeMs);
  return redis;
}

function renewConnections(redis: Redis, maxConnectionAgeMs: number): void {
  let timer: NodeJS.Timeout | undefined;
  const clear = () => { if (timer) clearTimeout(timer); timer = undefined; };
  redis.on('ready', () => {
    clear();
    timer = setTimeout(() => redis.disconnect(true), maxConnectionAgeMs);
    timer.unref();
  });
  redis.on('close', clear);
  redis.on('end', clear);
}

class CredentialConnector extends StandaloneConnector {
  constructor(
    options: StandaloneConnectionOptions,
    private readonly provider: RedisCredentialProvider,
    private readonly authTimeoutMs: number,
  ) {
    super(options);
  }

  override async connect(onError: ErrorEmitter): Promise<NetStream> {
    const stream = await super.connect(onError);
    try {
      const [credentials] = await Promise.all([this.provider(), connected(stream, Boolean(this.options.tls))]);
      await authenticate(stream, credentials, this.authTimeoutMs);
    } catch (error) {
      // A destroyed stream makes ioredis report firstError and run its normal retry path;
      // rejecting here instead would end the client for good.
      this.firstError = error as Error;
      stream.destroy();
    }
    return stream;
  }
}

function connected(stream: NetStream, tls: boolean): Promise<void> {
  if (!stream.connecting) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onConnect = () => { stream.off('error', reject); resolve(); };
    stream.once(tls ? 'secureConnect' : 'connect', onConnect);
    stream.once('error', reject);
  });
}

/** Sends AUTH as a RESP array and waits for the single-line reply. */
function authenticate(stream: NetStream, credentials: RedisCredentials, timeoutMs: number): Promise<void> {
  const args = credentials.username ? ['AUTH', credentials.username, credentials.password] : ['AUTH', credentials.password];
  const request = `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
  return new Promise((resolve, reject) => {
    let reply = '';
    const finish = (error?: Error) => {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('error', finish);
      stream.off('close', onClose);
      if (error) reject(error); else resolve();
    };
    const onData = (chunk: Buffer) => {
      reply += chunk.toString('utf8');
      const end = reply.indexOf('\r\n');
      if (end < 0) return;
      const line = reply.slice(0, end);
      finish(line === '+OK' ? undefined : new Error(`Redis AUTH failed: ${line.replace(/^-/, '')}`));
    };
    const onClose = () => finish(new Error('Redis closed the connection during AUTH'));
    const timer = setTimeout(() => finish(new Error(`Redis AUTH timed out after ${timeoutMs} ms`)), timeoutMs);
    stream.on('data', onData);
    stream.once('error', finish);
    stream.once('close', onClose);
    stream.write(request);
  });
}
