// Public surface of @medgrade/data. Most callers need only openDataLayer (or
// dataOptionsFromEnv + openDataLayer) and the types; the lower-level pieces are exported
// for services and tests that compose them differently.
export * from './types';
export * from './api';
export * from './errors';
export * from './options';
export { openDataLayer, BATCH_QUEUE_NAME, type DataLayerHooks } from './open';
export { createDatabase, type Database, type DatabaseHandle, type DatabaseOptions } from './db/database';
export { migrateToLatest, MIGRATIONS } from './db/migrate';
export { withTenant, withPlatform, APP_ROLE } from './db/tenant';
export { hashPassword, verifyPassword } from './passwords';
export { createRedisClient } from './redis/client';
export { RedisCacheStore } from './redis/cache';
export { RedisRateLimiter } from './redis/rate-limit';
export { RedisIdempotencyLock } from './redis/idempotency';
export { RedisWorkQueue } from './redis/queue';
export { MemoryCacheStore, MemoryRateLimiter, MemoryIdempotencyLock, MemoryWorkQueue } from './memory';
export { CachedRubricCache } from './rubric-cache';
export { FallbackRateLimiter, FallbackIdempotencyLock, type FallbackListener } from './fallback';
export { createScratchDatabase, scratchKeyPrefix, type ScratchDatabase } from './testing';
export { parseSemver, nextMinor } from './repositories/rubrics';
export { EXPORT_MAX_ROWS } from './repositories/analytics';
export { dataEnv, openDataLayerFromEnv, type DataEnv } from './service-env';
export { cloudStoreOptions } from './cloud';
