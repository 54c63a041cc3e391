// Forward-only migrations, applied at start-up. The list is static (imported modules,
// not a folder scan) so compiled images carry exactly these. Every replica calls
// migrateToLatest; a session-level advisory lock makes them take turns, and the ones
// that come second find nothing left to do.
import { Migrator, type Kysely, type Migration } from 'kysely';
import { Client } from 'pg';
import * as initial from './migrations/0001_initial';
import * as webApp from './migrations/0003_web_app';
import type { DatabaseOptions } from './database';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': initial,
  '0003_web_app': webApp,
};

/** Arbitrary constant shared by every medgrade replica: "the migrations lock". */
const MIGRATION_LOCK_KEY = 7_340_211_908;

export interface MigrationOutcome {
  /** Names applied by this call (empty when another replica got there first). */
  applied: string[];
}

export async function migrateToLatest(db: Kysely<any>, options: DatabaseOptions): Promise<MigrationOutcome> {
  const lockClient = new Client({
    connectionString: options.databaseUrl,
    ...(options.passwordProvider ? { password: options.passwordProvider } : {}),
    ...(options.poolConfig?.ssl !== undefined ? { ssl: options.poolConfig.ssl } : {}),
    application_name: 'medgrade-migrations',
  });
  await lockClient.connect();
  try {
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
      const { error, results } = await migrator.migrateToLatest();
      if (error) {
        const failed = results?.find((r) => r.status === 'Error')?.migrationName;
        throw new Error(`database migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
    } finally {
      await lockClient.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lockClient.end();
  }
}
