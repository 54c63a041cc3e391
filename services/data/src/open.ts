// Wires the data layer for one process: the PostgreSQL pool (migrated under the advisory
// lock), the repositories, and either the Redis-backed services or their in-process
// equivalents.
import type Redis from 'ioredis';
import type { DataLayer } from './api';
import { bootstrapAdmin } from './bootstrap';
import { createDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { FallbackIdempotencyLock, FallbackRateLimiter, type FallbackListener } from './fallback';
import { MemoryCacheStore, MemoryIdempotencyLock, MemoryRateLimiter, MemoryWorkQueue } from './memory';
import { DEFAULT_KEY_PREFIX, type DataLayerOptions } from './options';
import { RedisCacheStore } from './redis/cache';
import { createRedisClient, pingRedis } from './redis/client';
import { RedisIdempotencyLock } from './redis/idempotency';
import { RedisWorkQueue } from './redis/queue';
import { RedisRateLimiter } from './redis/rate-limit';
import { analyticsRepository } from './repositories/analytics';
import { auditRepository } from './repositories/audit';
import { gradingRepository } from './repositories/gradings';
import { institutionRepository } from './repositories/institutions';
import { jobRepository } from './repositories/jobs';
import { refreshTokenRepository } from './repositories/refresh-tokens';
import { rubricRepository } from './repositories/rubrics';
import { userRepository } from './repositories/users';
import { CachedRubricCache } from './rubric-cache';
import type { BatchQueueMessage, CacheStore, IdempotencyLock, RateLimiter, WorkQueue } from './types';

/** Name of the batch grading stream (key `<prefix>queue:batch-gradings`). */
export const BATCH_QUEUE_NAME = 'batch-gradings';

export interface DataLayerHooks {
  /** Told when a Redis-backed service fell back to its in-process twin or missed the cache by error. */
  onRedisError?: FallbackListener;
}

interface RedisServices {
  cacheStore: CacheStore;
  rateLimiter: RateLimiter;
  idempotency: IdempotencyLock;
  batchQueue: WorkQueue<BatchQueueMessage>;
  client: Redis | null;
}

function redisServices(options: DataLayerOptions, onError: FallbackListener): RedisServices {
  if (!options.redisUrl) {
    return {
      cacheStore: new MemoryCacheStore(),
      rateLimiter: new MemoryRateLimiter(),
      idempotency: new MemoryIdempotencyLock(),
      batchQueue: new MemoryWorkQueue<BatchQueueMessage>(),
      client: null,
    };
  }
  const prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const redisUrl = options.redisUrl;
  const connect = options.redisFactory ?? (({ blocking }: { blocking: boolean }) => createRedisClient(redisUrl, blocking ? { commandTimeoutMs: null } : {}));
  const client = connect({ blocking: false });
  return {
    cacheStore: new RedisCacheStore(client, prefix),
    rateLimiter: new FallbackRateLimiter(new RedisRateLimiter(client, prefix), new MemoryRateLimiter(), onError),
    idempotency: new FallbackIdempotencyLock(new RedisIdempotencyLock(client, prefix), new MemoryIdempotencyLock(), onError),
    batchQueue: new RedisWorkQueue<BatchQueueMessage>(client, () => connect({ blocking: true }), prefix, BATCH_QUEUE_NAME),
    client,
  };
}

export async function openDataLayer(options: DataLayerOptions, hooks: DataLayerHooks = {}): Promise<DataLayer> {
  const database = createDatabase(options);
  try {
    if (options.migrate !== false) await migrateToLatest(database.db, options);
  } catch (err) {
    await database.close();
    throw err;
  }
  const onError: FallbackListener = hooks.onRedisError ?? (() => undefined);
  const redis = redisServices(options, onError);
  const { db } = database;
  return {
    institutions: institutionRepository(db),
    users: userRepository(db),
    refreshTokens: refreshTokenRepository(db),
    rubrics: rubricRepository(db),
    gradings: gradingRepository(db),
    jobs: jobRepository(db),
    audit: auditRepository(db),
    analytics: analyticsRepository(db),
    rubricCache: new CachedRubricCache(redis.cacheStore, (operation, err) => onError(`rubric-cache.${operation}`, err)),
    rateLimiter: redis.rateLimiter,
    idempotency: redis.idempotency,
    batchQueue: redis.batchQueue,
    cacheStore: redis.cacheStore,
    redisMode: redis.client ? 'redis' : 'memory',
    bootstrapAdmin: (input) => bootstrapAdmin(db, input),
    dbPool: database.pool,
    async health() {
      const [postgres, redisUp] = await Promise.all([database.ping(), redis.client ? pingRedis(redis.client) : Promise.resolve(null)]);
      return { postgres, redis: redisUp };
    },
    async close() {
      await redis.batchQueue.close();
      redis.client?.disconnect();
      await database.close();
    },
  };
}
