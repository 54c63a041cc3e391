import type { Kysely } from 'kysely';
import type { AuditRepository } from '../api';
import type { Database } from '../db/schema';
import { withTenant } from '../db/tenant';
import { checkContext, pageLimit } from './common';

export function auditRepository(db: Kysely<Database>): AuditRepository {
  return {
    async list(ctx, filter = {}) {
      checkContext(ctx);
      const limit = pageLimit(filter.limit, 50);
      const rows = await withTenant(db, ctx, (trx) => {
        let query = trx.selectFrom('audit_logs').selectAll().where('institution_id', '=', ctx.institutionId);
        if (filter.resourceType) query = query.where('resource_type', '=', filter.resourceType);
        if (filter.resourceId) query = query.where('resource_id', '=', filter.resourceId);
        return query.orderBy('created_at', 'desc').limit(limit).execute();
      });
      return rows.map((row) => ({
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
      }));
    },
  };
}
