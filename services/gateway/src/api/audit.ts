import { route, type RouteSpec } from '../http/route';
import { AuditPage, ListAuditQuery } from '../schemas';
import type { GatewayDeps } from './deps';

// The audit log of the caller's institution (institution admins): every change the data layer
// made, written in the change's own transaction, newest first.

export function auditRoutes({ data }: GatewayDeps): RouteSpec[] {
  return [
    route({
      method: 'get', path: '/audit', operationId: 'listAudit', tag: 'audit', permission: 'audit.read',
      summary: 'Audit log of your institution, newest first, one page at a time',
      description: 'Filter by actor, action (e.g. `grading.review`), resource and time range (`from` inclusive, `to` exclusive; '
        + 'a plain date as `to` includes that day).',
      query: ListAuditQuery,
      responses: { 200: { description: 'One page', schema: AuditPage } },
      problems: ['bad-request'],
      async handler({ caller, query }) {
        const page = await data.audit.list(caller.tenant, {
          actorId: query.actor_id, action: query.action, resourceType: query.resource_type, resourceId: query.resource_id,
          from: query.from, to: query.to, cursor: query.cursor, limit: query.limit,
        });
        return {
          body: {
            items: page.items.map((entry) => ({
              id: entry.id,
              at: entry.createdAt.toISOString(),
              actor_id: entry.actorId,
              actor_email: entry.actorEmail,
              actor_name: entry.actorName,
              action: entry.action,
              resource_type: entry.resourceType,
              resource_id: entry.resourceId,
              details: entry.details,
              request_id: entry.requestId,
            })),
            next_cursor: page.nextCursor,
          },
        };
      },
    }),
  ];
}
