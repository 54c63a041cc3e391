// The rubric-store process: PostgreSQL (migrated at start-up under the advisory lock),
// Redis for the cache of approved versions (optional), and the RubricStoreService handlers.
import { openDataLayer, type DataLayer } from '@medgrade/data';
import { defineService, envVar, type ServiceModule } from '@medgrade/kit';
import { recordRubricCache, registerDbPoolGauges } from '@medgrade/kit/metrics';
import { rubricStoreService } from './service';

export const dataEnv = {
  DATABASE_URL: envVar.required(),
  DATABASE_POOL_MAX: envVar.integer({ default: 10, min: 1, max: 200 }),
  /** "false" skips migrations (when a separate job runs them). */
  DATABASE_MIGRATE: envVar.oneOf(['true', 'false'], 'true'),
  /** Unset: in-process cache. */
  REDIS_URL: envVar.text(''),
  REDIS_KEY_PREFIX: envVar.text('medgrade:'),
};

let poolGaugesRegistered = false;

export function rubricStoreModule(): ServiceModule<typeof dataEnv> {
  let data: DataLayer | undefined;
  return defineService({
    env: dataEnv,
    async implementations({ env, logger }) {
      data = await openDataLayer({
        databaseUrl: env.DATABASE_URL,
        poolMax: env.DATABASE_POOL_MAX,
        migrate: env.DATABASE_MIGRATE === 'true',
        redisUrl: env.REDIS_URL || null,
        keyPrefix: env.REDIS_KEY_PREFIX,
      }, {
        onRedisError: (component, err) => logger.warn({ component, err: (err as Error).message }, 'Redis unavailable; using the fallback'),
      });
      if (!poolGaugesRegistered) {
        registerDbPoolGauges(data.dbPool);
        poolGaugesRegistered = true;
      }
      logger.info({ redis: data.redisMode }, 'rubric store data layer ready');
      return { RubricStoreService: rubricStoreService({ data, logger, onCacheLookup: recordRubricCache }) };
    },
    // Serving needs PostgreSQL. Redis only speeds reads up (a miss falls back to
    // PostgreSQL), so its loss is logged, not reported as NOT_SERVING.
    healthChecks: () => ({
      postgres: async () => {
        if (!data || !(await data.health()).postgres) throw new Error('PostgreSQL unreachable');
      },
    }),
    async onShutdown() {
      await data?.close();
    },
  });
}

export const service = rubricStoreModule();
