// Transactions under row-level security. Every repository call goes through one of
// these two doors: withTenant pins the transaction to one institution, withPlatform opens
// the explicit cross-institution path. Both switch to the application role first, so
// RLS applies even when the pool connects as the schema owner or a superuser.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';
import type { TenantContext } from '../types';

export const APP_ROLE = 'medgrade_app';

export type Tx = Transaction<Database>;

export async function withTenant<T>(db: Kysely<Database>, ctx: TenantContext, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL ROLE medgrade_app`.execute(trx);
    await sql`SELECT set_config('medgrade.institution_id', ${ctx.institutionId}, true),
                     set_config('medgrade.user_id', ${ctx.userId}, true)`.execute(trx);
    return fn(trx);
  });
}

/** For platform operations only (institution creation, login lookup, token rotation, bootstrap). */
export async function withPlatform<T>(db: Kysely<Database>, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL ROLE medgrade_app`.execute(trx);
    await sql`SELECT set_config('medgrade.platform', 'on', true)`.execute(trx);
    return fn(trx);
  });
}
