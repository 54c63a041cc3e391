// Transactions under row-level security. Every repository call goes through one of
// these two doors: withTenant pins the transaction to one institution, withPlatform opens
// the explicit cross-institution path. A session whose login could bypass RLS (superuser
// or BYPASSRLS) is switched to medgrade_tenant for the transaction, so the policies apply
// whatever login the pool uses. Everything is transaction-local (set_config(..., true)):
// nothing leaks to the next user of a pooled connection.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';
import type { TenantContext } from '../types';

export const APP_ROLE = 'medgrade_tenant';

/** One round trip: the tenant settings, plus the role switch when the login could bypass RLS. */
function enterTransaction(settings: { institutionId?: string; userId?: string; platform?: boolean }) {
  return sql`SELECT set_config('medgrade.institution_id', ${settings.institutionId ?? ''}, true),
                    set_config('medgrade.user_id', ${settings.userId ?? ''}, true),
                    set_config('medgrade.platform', ${settings.platform ? 'on' : 'off'}, true),
                    CASE WHEN r.rolsuper OR r.rolbypassrls THEN set_config('role', 'medgrade_tenant', true) END
             FROM pg_roles r WHERE r.rolname = current_user`;
}

export type Tx = Transaction<Database>;

export async function withTenant<T>(db: Kysely<Database>, ctx: TenantContext, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await enterTransaction({ institutionId: ctx.institutionId, userId: ctx.userId }).execute(trx);
    return fn(trx);
  });
}

/** For platform operations only (institution creation, login lookup, token rotation, bootstrap). */
export async function withPlatform<T>(db: Kysely<Database>, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await enterTransaction({ platform: true }).execute(trx);
    return fn(trx);
  });
}
