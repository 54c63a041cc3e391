import type { Kysely, Selectable } from 'kysely';
import type { InstitutionRepository } from '../api';
import { DataError } from '../errors';
import type { Database, InstitutionsTable } from '../db/schema';
import { withPlatform, withTenant } from '../db/tenant';
import type { Institution, TenantContext } from '../types';
import { checkContext, isUniqueViolation, isUuid, writeAudit } from './common';

export function toInstitution(row: Selectable<InstitutionsTable>): Institution {
  return { id: row.id, name: row.name, slug: row.slug, createdAt: row.created_at };
}

function requirePlatformAdmin(ctx: TenantContext): void {
  if (ctx.role !== 'platform_admin') throw new DataError('forbidden', 'only a platform admin may manage institutions');
}

export function institutionRepository(db: Kysely<Database>): InstitutionRepository {
  return {
    async create(ctx, input) {
      checkContext(ctx);
      requirePlatformAdmin(ctx);
      try {
        return await withPlatform(db, async (trx) => {
          const row = await trx.insertInto('institutions').values({ name: input.name, slug: input.slug })
            .returningAll().executeTakeFirstOrThrow();
          await writeAudit(trx, ctx, { action: 'institution.create', resourceType: 'institution', resourceId: row.id, details: { slug: row.slug } });
          return toInstitution(row);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new DataError('conflict', `institution slug "${input.slug}" is taken`);
        if ((err as { code?: string }).code === '23514') throw new DataError('invalid_input', 'institution name must be 1-200 characters and slug lowercase letters, digits and dashes');
        throw err;
      }
    },

    async get(ctx, id) {
      checkContext(ctx);
      if (!isUuid(id)) return null;
      const find = (trx: Parameters<Parameters<typeof withPlatform>[1]>[0]) =>
        trx.selectFrom('institutions').selectAll().where('id', '=', id).executeTakeFirst();
      const row = ctx.role === 'platform_admin'
        ? await withPlatform(db, find)
        : ctx.institutionId === id ? await withTenant(db, ctx, find) : undefined;
      return row ? toInstitution(row) : null;
    },

    async list(ctx) {
      checkContext(ctx);
      if (ctx.role !== 'platform_admin') {
        const own = await this.get(ctx, ctx.institutionId);
        return own ? [own] : [];
      }
      const rows = await withPlatform(db, (trx) => trx.selectFrom('institutions').selectAll().orderBy('name').execute());
      return rows.map(toInstitution);
    },
  };
}
