// First start on an empty database: one institution and its first admin. Replicas may
// start together, so the check and the inserts run under a transaction-level advisory lock.
import { sql, type Kysely } from 'kysely';
import type { BootstrapInput } from './api';
import { DataError } from './errors';
import type { Database } from './db/schema';
import { withPlatform } from './db/tenant';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords';
import { writeAudit } from './repositories/common';
import { toInstitution } from './repositories/institutions';
import { toUser } from './repositories/users';
import type { Institution, User } from './types';

const BOOTSTRAP_LOCK_KEY = 7_340_211_909;

export async function bootstrapAdmin(db: Kysely<Database>, input: BootstrapInput): Promise<{ institution: Institution; admin: User } | null> {
  if (input.password.length < MIN_PASSWORD_LENGTH) throw new DataError('invalid_input', `bootstrap admin password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  const passwordHash = await hashPassword(input.password);
  return withPlatform(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK_KEY})`.execute(trx);
    const anyUser = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (anyUser) return null;
    const institution = await trx.insertInto('institutions').values({ name: input.institutionName, slug: input.institutionSlug })
      .returningAll().executeTakeFirstOrThrow();
    const admin = await trx.insertInto('users').values({
      institution_id: institution.id,
      email: input.email.trim(),
      password_hash: passwordHash,
      display_name: input.displayName ?? 'Administrator',
      role: input.role ?? 'platform_admin',
    }).returningAll().executeTakeFirstOrThrow();
    await writeAudit(trx, { institutionId: institution.id, userId: admin.id }, {
      action: 'bootstrap', resourceType: 'user', resourceId: admin.id, details: { role: admin.role, institution_slug: institution.slug },
    });
    return { institution: toInstitution(institution), admin: toUser(admin) };
  });
}
