// What every service process that stores data reads from its environment, and the one
// way such a process opens its data layer (logging Redis fallbacks, exporting pool gauges).
import { envVar, type Logger } from '@medgrade/kit';
import { registerDbPoolGauges } from '@medgrade/kit/metrics';
import type { DataLayer } from './api';
import { cloudStoreOptions } from './cloud';
import { openDataLayer } from './open';

export const dataEnv = {
  DATABASE_URL: envVar.required(),
  DATABASE_POOL_MAX: envVar.integer({ default: 10, min: 1, max: 200 }),
  /** "false" skips migrations at start-up (when a separate job runs them). */
  DATABASE_MIGRATE: envVar.oneOf(['true', 'false'], 'true'),
  /** Unset: in-process cache, limiter, lock and queue. */
  REDIS_URL: envVar.text(''),
  REDIS_KEY_PREFIX: envVar.text('medgrade:'),
};

export interface DataEnv {
  DATABASE_URL: string;
  DATABASE_POOL_MAX: number;
  DATABASE_MIGRATE: 'true' | 'false';
  REDIS_URL: string;
  REDIS_KEY_PREFIX: string;
}

let poolGaugesRegistered = false;

export async function openDataLayerFromEnv(env: DataEnv, logger: Logger): Promise<DataLayer> {
  const data = await openDataLayer({
    databaseUrl: env.DATABASE_URL,
    poolMax: env.DATABASE_POOL_MAX,
    migrate: env.DATABASE_MIGRATE === 'true',
    redisUrl: env.REDIS_URL || null,
    keyPrefix: env.REDIS_KEY_PREFIX,
    ...cloudStoreOptions(),
  }, {
    onRedisError: (component, err) => logger.warn({ component, err: (err as Error).message }, 'Redis unavailable; using the fallback'),
  });
  // One pool per process in production; the gauge reads the first one opened.
  if (!poolGaugesRegistered) {
    registerDbPoolGauges(data.dbPool);
    poolGaugesRegistered = true;
  }
  logger.info({ redis: data.redisMode }, 'data layer ready');
  return data;
}
