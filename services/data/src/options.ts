// How a process tells the data layer where its stores are. Environment variables are
// read in one place (dataOptionsFromEnv) so every service spells them the same way.

export interface DataLayerOptions {
  /** postgres:// URL. Row-level security holds for any login (see docs/data.md). */
  databaseUrl: string;
  /** Called for each new connection, e.g. to mint an RDS IAM token; overrides the URL's password. */
  passwordProvider?: () => Promise<string>;
  /** Pool size (default 10). */
  poolMax?: number;
  /** redis:// URL; without it the cache, limiter, lock and queue run in-process. */
  redisUrl?: string | null;
  /** Prefix of every Redis key (default `medgrade:`). */
  keyPrefix?: string;
  /** Apply pending migrations under the advisory lock before returning (default true). */
  migrate?: boolean;
}

export const DEFAULT_KEY_PREFIX = 'medgrade:';

/** DATABASE_URL (required), REDIS_URL, REDIS_KEY_PREFIX, DATABASE_POOL_MAX, DATABASE_MIGRATE=false. */
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
  };
}
