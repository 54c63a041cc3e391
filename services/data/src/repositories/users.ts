import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { UserRepository } from '../api';
import { DataError } from '../errors';
import type { Database, UsersTable } from '../db/schema';
import { withPlatform, withTenant } from '../db/tenant';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyDecoy, verifyPassword } from '../passwords';
import { ROLES, type NewUser, type Role, type TenantContext, type User, type UserChanges } from '../types';
import {
  checkContext, containsPattern, decodeCursor, isCheckViolation, olderThan, isUniqueViolation, isUuid, now, pageLimit, pageOf, writeAudit,
} from './common';

export function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    institutionId: row.institution_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    disabled: row.disabled,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function checkRole(ctx: TenantContext, role: Role): void {
  if (!(ROLES as readonly string[]).includes(role)) throw new DataError('invalid_input', `unknown role "${role}"`);
  if (role === 'platform_admin' && ctx.role !== 'platform_admin') {
    throw new DataError('forbidden', 'only a platform admin may grant platform_admin');
  }
}

function checkPassword(password: string): void {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH || password.length > 1024) {
    throw new DataError('invalid_input', `password must be ${MIN_PASSWORD_LENGTH} to 1024 characters`);
  }
}

function translate(err: unknown, email?: string): never {
  if (isUniqueViolation(err)) throw new DataError('conflict', `a user with email ${email ?? ''} already exists`.trim());
  if (isCheckViolation(err)) throw new DataError('invalid_input', 'email address is malformed');
  throw err;
}

export function userRepository(db: Kysely<Database>): UserRepository {
  return {
    async create(ctx, input: NewUser) {
      checkContext(ctx);
      checkRole(ctx, input.role);
      checkPassword(input.password);
      const passwordHash = await hashPassword(input.password);
      try {
        return await withTenant(db, ctx, async (trx) => {
          const row = await trx.insertInto('users').values({
            institution_id: ctx.institutionId,
            email: input.email.trim(),
            password_hash: passwordHash,
            display_name: input.displayName ?? '',
            role: input.role,
          }).returningAll().executeTakeFirstOrThrow();
          await writeAudit(trx, ctx, { action: 'user.create', resourceType: 'user', resourceId: row.id, details: { role: row.role } });
          return toUser(row);
        });
      } catch (err) {
        return translate(err, input.email);
      }
    },

    async get(ctx, id) {
      checkContext(ctx);
      if (!isUuid(id)) return null;
      const row = await withTenant(db, ctx, (trx) => trx.selectFrom('users').selectAll()
        .where('institution_id', '=', ctx.institutionId).where('id', '=', id).executeTakeFirst());
      return row ? toUser(row) : null;
    },

    async list(ctx, filter = {}) {
      checkContext(ctx);
      const limit = pageLimit(filter.limit);
      const after = decodeCursor(filter.cursor);
      const search = filter.q?.trim();
      const rows = await withTenant(db, ctx, (trx) => {
        let query = trx.selectFrom('users').selectAll().where('institution_id', '=', ctx.institutionId);
        if (filter.role) query = query.where('role', '=', filter.role);
        if (filter.disabled !== undefined) query = query.where('disabled', '=', filter.disabled);
        if (search) {
          const pattern = containsPattern(search);
          query = query.where((eb) => eb.or([eb('email', 'ilike', pattern), eb('display_name', 'ilike', pattern)]));
        }
        if (after) query = query.where(olderThan('users', after));
        return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
      });
      return pageOf(rows, limit, toUser, (row) => row.id);
    },

    async update(ctx, id, changes: UserChanges) {
      checkContext(ctx);
      if (!isUuid(id)) return null;
      if (changes.role !== undefined) checkRole(ctx, changes.role);
      if (changes.password !== undefined) checkPassword(changes.password);
      const passwordHash = changes.password !== undefined ? await hashPassword(changes.password) : undefined;
      return withTenant(db, ctx, async (trx) => {
        const row = await trx.updateTable('users').set({
          ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
          ...(changes.role !== undefined ? { role: changes.role } : {}),
          ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}),
          ...(passwordHash !== undefined ? { password_hash: passwordHash } : {}),
          updated_at: now,
        }).where('institution_id', '=', ctx.institutionId).where('id', '=', id).returningAll().executeTakeFirst();
        if (!row) return null;
        const fields = Object.keys(changes).filter((key) => changes[key as keyof UserChanges] !== undefined);
        await writeAudit(trx, ctx, { action: 'user.update', resourceType: 'user', resourceId: id, details: { fields } });
        return toUser(row);
      });
    },

    async verifyLogin(email, password) {
      const row = await withPlatform(db, (trx) => trx.selectFrom('users').selectAll()
        .where(sql<string>`lower(email)`, '=', String(email).trim().toLowerCase()).executeTakeFirst());
      if (!row) {
        await verifyDecoy(password);
        return null;
      }
      const matches = await verifyPassword(row.password_hash, password);
      return matches && !row.disabled ? toUser(row) : null;
    },

    async findActive(userId) {
      if (!isUuid(userId)) return null;
      const row = await withPlatform(db, (trx) => trx.selectFrom('users').selectAll()
        .where('id', '=', userId).where('disabled', '=', false).executeTakeFirst());
      return row ? toUser(row) : null;
    },
  };
}
