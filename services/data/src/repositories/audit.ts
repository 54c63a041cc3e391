import type { Kysely } from 'kysely';
import type { AuditRepository } from '../api';
import type { Database } from '../db/schema';
import { withTenant } from '../db/tenant';
import { checkContext, decodeCursor, isUuid, olderThan, pageLimit, pageOf } from './common';

// The audit log, newest first. Rows are written by each mutation inside its own transaction
// (common.ts writeAudit); here they are only read, with the actor's current email and name.

export function auditRepository(db: Kysely<Database>): AuditRepository {
  return {
    async list(ctx, filter = {}) {
      checkContext(ctx);
      const limit = pageLimit(filter.limit, 50);
      const after = decodeCursor(filter.cursor);
      // actor ids are UUIDs: any other value matches no row (rather than failing the cast)
      if (filter.actorId !== undefined && !isUuid(filter.actorId)) return { items: [], nextCursor: null };
      const rows = await withTenant(db, ctx, (trx) => {
        let query = trx.selectFrom('audit_logs as a')
          .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'a.actor_id').onRef('u.institution_id', '=', 'a.institution_id'))
          .selectAll('a')
          .select(['u.email as actor_email', 'u.display_name as actor_name'])
          .where('a.institution_id', '=', ctx.institutionId);
        if (filter.actorId) query = query.where('a.actor_id', '=', filter.actorId);
        if (filter.action) query = query.where('a.action', '=', filter.action);
        if (filter.resourceType) query = query.where('a.resource_type', '=', filter.resourceType);
        if (filter.resourceId) query = query.where('a.resource_id', '=', filter.resourceId);
        if (filter.from) query = query.where('a.created_at', '>=', filter.from);
        if (filter.to) query = query.where('a.created_at', '<', filter.to);
        if (after) query = query.where(olderThan('audit_logs', after, 'a'));
        return query.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(limit + 1).execute();
      });
      return pageOf(rows, limit, (row) => ({
        id: row.id,
        institutionId: row.institution_id,
        actorId: row.actor_id,
        action: row.action,
        resourceType: row.resource_type,
        resourceId: row.resource_id,
        details: row.details,
        requestId: row.request_id,
        ip: row.ip,
        createdAt: row.created_at,
        actorEmail: row.actor_email ?? null,
        actorName: row.actor_name || null,
      }), (row) => row.id);
    },
  };
}
