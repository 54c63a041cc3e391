// Rotating refresh tokens. Only SHA-256 digests are stored (the tokens are long random
// strings, so a plain digest suffices). Each login starts a family; every refresh marks
// the presented token rotated and issues the next one in the same family. Presenting a
// rotated or revoked token means it leaked: the whole family is revoked.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RefreshTokenRepository } from '../api';
import type { Database } from '../db/schema';
import { withPlatform, type Tx } from '../db/tenant';
import type { RefreshTokenGrant } from '../types';
import { now, sha256, writeAudit } from './common';

async function revokeFamily(trx: Tx, familyId: string): Promise<void> {
  await trx.updateTable('refresh_tokens').set({ revoked_at: now })
    .where('family_id', '=', familyId).where('revoked_at', 'is', null).execute();
}

export function refreshTokenRepository(db: Kysely<Database>): RefreshTokenRepository {
  async function insert(trx: Tx, token: string, grant: RefreshTokenGrant): Promise<void> {
    await trx.insertInto('refresh_tokens').values({
      token_hash: sha256(token),
      user_id: grant.userId,
      institution_id: grant.institutionId,
      family_id: grant.familyId,
      expires_at: grant.expiresAt,
    }).execute();
  }

  return {
    async issue(input) {
      const grant: RefreshTokenGrant = {
        userId: input.userId,
        institutionId: input.institutionId,
        familyId: input.familyId ?? randomUUID(),
        expiresAt: input.expiresAt,
      };
      await withPlatform(db, async (trx) => {
        await insert(trx, input.token, grant);
        const actor = { institutionId: grant.institutionId, userId: grant.userId };
        await writeAudit(trx, actor, { action: 'auth.login', resourceType: 'refresh_token_family', resourceId: grant.familyId });
      });
      return grant;
    },

    async rotate(presented, next, nextExpiresAt) {
      return withPlatform(db, async (trx) => {
        const row = await trx.selectFrom('refresh_tokens').selectAll()
          .where('token_hash', '=', sha256(presented)).forUpdate().executeTakeFirst();
        if (!row) return { status: 'unknown' as const };
        const actor = { institutionId: row.institution_id, userId: row.user_id };
        if (row.rotated_at || row.revoked_at) {
          await revokeFamily(trx, row.family_id);
          await writeAudit(trx, actor, { action: 'auth.refresh_reuse', resourceType: 'refresh_token_family', resourceId: row.family_id });
          return { status: 'reused' as const, familyId: row.family_id };
        }
        if (row.expires_at.getTime() <= Date.now()) return { status: 'expired' as const };
        await trx.updateTable('refresh_tokens').set({ rotated_at: now }).where('id', '=', row.id).execute();
        const grant: RefreshTokenGrant = { userId: row.user_id, institutionId: row.institution_id, familyId: row.family_id, expiresAt: nextExpiresAt };
        await insert(trx, next, grant);
        await writeAudit(trx, actor, { action: 'auth.refresh', resourceType: 'refresh_token_family', resourceId: row.family_id });
        return { status: 'rotated' as const, grant };
      });
    },

    async revokeFamilyOf(token) {
      await withPlatform(db, async (trx) => {
        const row = await trx.selectFrom('refresh_tokens').select(['family_id', 'institution_id', 'user_id'])
          .where('token_hash', '=', sha256(token)).executeTakeFirst();
        if (!row) return;
        await revokeFamily(trx, row.family_id);
        await writeAudit(trx, { institutionId: row.institution_id, userId: row.user_id },
          { action: 'auth.logout', resourceType: 'refresh_token_family', resourceId: row.family_id });
      });
    },
  };
}
