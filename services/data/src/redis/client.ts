// ioredis connections. Ordinary commands fail after a short timeout so that callers with
// a fallback (cache → PostgreSQL, limiter → in-process) switch quickly when Redis is
// unreachable; blocking queue reads get their own connection without that timeout.
import Redis, { type RedisOptions } from 'ioredis';

export interface RedisClientOptions {
  /** Per-command timeout in ms (default 1000); null for connections that issue blocking reads. */
  commandTimeoutMs?: number | null;
}

/** Timeouts and reconnection shared by every medgrade Redis connection. */
export function redisClientOptions(options: RedisClientOptions = {}): RedisOptions {
  const timeout = options.commandTimeoutMs === undefined ? 1_000 : options.commandTimeoutMs;
  return {
    connectTimeout: 2_000,
    maxRetriesPerRequest: 1,
    ...(timeout === null ? {} : { commandTimeout: timeout }),
    // Keep reconnecting (capped back-off), so the service recovers by itself when Redis returns.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  };
}

/** Connection errors surface through failed commands and health(); without a listener
 * ioredis would print every reconnect attempt as an unhandled error. */
export function quietErrors(client: Redis): Redis {
  client.on('error', () => undefined);
  return client;
}

export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis {
  return quietErrors(new Redis(url, redisClientOptions(options)));
}

export async function pingRedis(client: Redis): Promise<boolean> {
  try {
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  }
}
