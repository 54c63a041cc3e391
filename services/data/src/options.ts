// How a process tells the data layer where its stores are. Environment variables are
// read in one place (dataOptionsFromEnv) so every service spells them the same way.
import type Redis from 'ioredis';
import type { PoolConfig } from 'pg';
import { cloudStoreOptions } from './cloud';

export interface DataLayerOptions {
  /** postgres:// URL. Row-level security holds for any login (see docs/data.md). */
  databaseUrl: string;
  /** Called for each new connection, e.g. to mint an RDS IAM token; overrides the URL's password. */
  passwordProvider?: () => Promise<string>;
  /** Pool size (default 10). */
  poolMax?: number;
  /** Extra pg pool settings (TLS, connection lifetime for IAM tokens), applied last. */
  poolConfig?: Partial<PoolConfig>;
  /** redis:// URL; without it the cache, limiter, lock and queue run in-process. */
  redisUrl?: string | null;
  /**
   * Builds Redis connections instead of the URL (e.g. ElastiCache IAM authentication).
   * `blocking` connections carry queue reads and must have no command timeout.
   */
  redisFactory?: (purpose: { blocking: boolean }) => Redis;
  /** Prefix of every Redis key (default `medgrade:`). */
  keyPrefix?: string;
  /** Apply pending migrations under the advisory lock before returning (default true). */
  migrate?: boolean;
}

export const DEFAULT_KEY_PREFIX = 'medgrade:';

/**
 * DATABASE_URL (required), REDIS_URL, REDIS_KEY_PREFIX, DATABASE_POOL_MAX, DATABASE_MIGRATE=false,
 * and the managed-store variables of cloud.ts (DB_AUTH, DB_SSL, REDIS_AUTH and friends).
 */
export function dataOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DataLayerOptions {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required (postgres://user@host:5432/db)');
  const poolMax = env.DATABASE_POOL_MAX ? Number(env.DATABASE_POOL_MAX) : undefined;
  if (poolMax !== undefined && !(Number.isInteger(poolMax) && poolMax > 0)) {
    throw new Error(`DATABASE_POOL_MAX must be a positive integer, got "${env.DATABASE_POOL_MAX}"`);
  }
  return {
    databaseUrl,
    poolMax,
    redisUrl: env.REDIS_URL || null,
    keyPrefix: env.REDIS_KEY_PREFIX || DEFAULT_KEY_PREFIX,
    migrate: env.DATABASE_MIGRATE !== 'false',
    ...cloudStoreOptions(env),
  };
}
