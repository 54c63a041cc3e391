// The rubric-store process: PostgreSQL (migrated at start-up under the advisory lock),
// Redis for the cache of approved versions (optional), and the RubricStoreService handlers.
import { dataEnv, openDataLayerFromEnv, type DataLayer } from '@medgrade/data';
import { defineService, type ServiceModule } from '@medgrade/kit';
import { recordRubricCache } from '@medgrade/kit/metrics';
import { rubricStoreService } from './service';

export function rubricStoreModule(): ServiceModule<typeof dataEnv> {
  let data: DataLayer | undefined;
  return defineService({
    env: dataEnv,
    async implementations({ env, logger }) {
      data = await openDataLayerFromEnv(env, logger);
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
