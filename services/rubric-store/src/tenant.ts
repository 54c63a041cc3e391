// The caller's tenant context, read from request metadata. The gateway sets these keys
// from the verified access token; the rubric store trusts them because only in-cluster
// callers can reach it (NetworkPolicy), and PostgreSQL RLS still pins every query.
import type * as grpc from '@grpc/grpc-js';
import { ROLES, type Role, type TenantContext } from '@medgrade/data';
import { GrpcError } from '@medgrade/kit';
import { status } from '@grpc/grpc-js';

export const METADATA_KEYS = {
  institutionId: 'x-medgrade-institution-id',
  userId: 'x-medgrade-user-id',
  role: 'x-medgrade-role',
  requestId: 'x-request-id',
} as const;

/** Reads made on behalf of a service (the orchestrator resolving a rubric) carry no user. */
export const SERVICE_ACTOR_ID = '00000000-0000-0000-0000-000000000000';

function first(metadata: grpc.Metadata, key: string): string | undefined {
  const value = metadata.get(key)[0];
  return value === undefined ? undefined : String(value).trim() || undefined;
}

function unauthenticated(message: string): GrpcError {
  return new GrpcError(status.UNAUTHENTICATED, message);
}

/** Full context for writes and user-facing reads: all three identity keys are required. */
export function tenantFromMetadata(metadata: grpc.Metadata): TenantContext {
  const institutionId = first(metadata, METADATA_KEYS.institutionId);
  const userId = first(metadata, METADATA_KEYS.userId);
  const role = first(metadata, METADATA_KEYS.role);
  if (!institutionId || !userId || !role) {
    throw unauthenticated(`tenant metadata missing: ${METADATA_KEYS.institutionId}, ${METADATA_KEYS.userId} and ${METADATA_KEYS.role} are required`);
  }
  if (!(ROLES as readonly string[]).includes(role)) throw unauthenticated(`unknown role "${role}" in ${METADATA_KEYS.role}`);
  return { institutionId, userId, role: role as Role, requestId: first(metadata, METADATA_KEYS.requestId) };
}

/**
 * Context for GetRubric: the institution may come from the request field (orchestrator)
 * or the metadata (gateway); a user is optional. Both sources must agree when present.
 */
export function readerFromMetadata(metadata: grpc.Metadata, institutionField: string): TenantContext {
  const fromMetadata = first(metadata, METADATA_KEYS.institutionId);
  const field = institutionField.trim() || undefined;
  if (fromMetadata && field && fromMetadata !== field) {
    throw new GrpcError(status.PERMISSION_DENIED, 'institution_id does not match the caller\'s institution');
  }
  const institutionId = fromMetadata ?? field;
  if (!institutionId) throw unauthenticated(`institution_id or ${METADATA_KEYS.institutionId} is required`);
  const role = first(metadata, METADATA_KEYS.role);
  return {
    institutionId,
    userId: first(metadata, METADATA_KEYS.userId) ?? SERVICE_ACTOR_ID,
    role: role && (ROLES as readonly string[]).includes(role) ? (role as Role) : 'grader',
    requestId: first(metadata, METADATA_KEYS.requestId),
  };
}

const EDITORS: readonly Role[] = ['platform_admin', 'institution_admin', 'teacher'];

export function requireEditor(ctx: TenantContext): void {
  if (!EDITORS.includes(ctx.role)) throw new GrpcError(status.PERMISSION_DENIED, `role ${ctx.role} may not change rubrics`);
}
