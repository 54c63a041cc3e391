// The PostgreSQL pool behind every repository. One pool per process; kysely on top.
import { Kysely, PostgresDialect } from 'kysely';
import { Pool, type PoolConfig } from 'pg';
import type { Database } from './schema';

export type { Database } from './schema';

export interface DatabaseHandle {
  db: Kysely<Database>;
  pool: Pool;
  /** Round trip with a short timeout; false instead of throwing. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string;
  passwordProvider?: () => Promise<string>;
  poolMax?: number;
  poolConfig?: Partial<PoolConfig>;
}

export function createDatabase(options: DatabaseOptions): DatabaseHandle {
  const config: PoolConfig = {
    connectionString: options.databaseUrl,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'medgrade',
    // A transaction left open by a stuck process must not hold row locks forever.
    idle_in_transaction_session_timeout: 60_000,
  };
  // pg calls a password function for every new connection, which is what short-lived
  // IAM tokens need.
  if (options.passwordProvider) config.password = options.passwordProvider;
  const pool = new Pool({ ...config, ...options.poolConfig });
  // An idle client losing its server (restart, failover) must not crash the process;
  // the pool drops it and the next checkout reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    ping: () => pingPool(pool),
    close: () => db.destroy(),
  };
}

const PING_TIMEOUT_MS = 2_000;

async function pingPool(pool: Pool): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
  });
  const ping = pool.query('SELECT 1').then(() => true, () => false);
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
