// Small pieces every repository shares: id and input checks, audit rows, cursors,
// and recognising PostgreSQL constraint errors.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { DataError } from '../errors';
import type { Tx } from '../db/tenant';
import type { TenantContext } from '../types';
import { ROLES } from '../types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A grading row's score columns as the report names them (null for a failed grading). */
export function componentScoresOf(row: {
  score_structure: number | null; score_key_questions: number | null; score_reasoning: number | null;
  score_summary: number | null; score_communication: number | null;
}) {
  return {
    structure: row.score_structure,
    key_questions: row.score_key_questions,
    reasoning: row.score_reasoning,
    summary: row.score_summary,
    communication: row.score_communication,
  };
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** A context with malformed ids is a caller bug, not a missing row: say so. */
export function checkContext(ctx: TenantContext): void {
  if (!isUuid(ctx.institutionId)) throw new DataError('invalid_input', 'tenant context: institutionId must be a UUID');
  if (!isUuid(ctx.userId)) throw new DataError('invalid_input', 'tenant context: userId must be a UUID');
  if (!(ROLES as readonly string[]).includes(ctx.role)) throw new DataError('invalid_input', `tenant context: unknown role "${ctx.role}"`);
}

export interface AuditRecord {
  action: string;
  resourceType: string;
  resourceId: string | null;
  details?: Record<string, unknown>;
}

/** Writes the audit row inside the caller's transaction, so it commits or rolls back with the change. */
export async function writeAudit(trx: Tx, ctx: Pick<TenantContext, 'institutionId' | 'userId' | 'requestId' | 'ip'> | null, record: AuditRecord, institutionId?: string | null): Promise<void> {
  await trx.insertInto('audit_logs').values({
    institution_id: institutionId ?? ctx?.institutionId ?? null,
    actor_id: ctx?.userId ?? null,
    action: record.action,
    resource_type: record.resourceType,
    resource_id: record.resourceId,
    details: JSON.stringify(record.details ?? {}),
    request_id: ctx?.requestId ?? null,
    ip: ctx?.ip ?? null,
  }).execute();
}

export function pageLimit(limit: number | undefined, fallback = 20): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new DataError('invalid_input', 'limit must be an integer from 1 to 100');
  return limit;
}

/** Cursors are opaque to callers: the id of the last row seen, base64url-encoded. */
export function encodeCursor(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): string | null {
  if (!cursor) return null;
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

export function pageOf<T, R>(rows: R[], limit: number, map: (row: R) => T, cursorOf: (row: R) => string): { items: T[]; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(map), nextCursor: hasMore && last ? encodeCursor(cursorOf(last)) : null };
}

/**
 * Keyset condition for newest-first listings: rows strictly older than the cursor row,
 * compared on (created_at, id) in the database so timestamps keep their full precision.
 * A cursor that is not a row id matches nothing.
 */
export function olderThan(table: KeysetTable, cursorId: string, alias?: string) {
  return keyset(table, cursorId, '<', alias);
}

/** The same for oldest-first listings: rows strictly newer than the cursor row. */
export function newerThan(table: KeysetTable, cursorId: string) {
  return keyset(table, cursorId, '>');
}

type KeysetTable = 'users' | 'grading_sessions' | 'audit_logs';

/** `alias` qualifies the row's columns when the query joins other tables. */
function keyset(table: KeysetTable, cursorId: string, direction: '<' | '>', alias?: string) {
  const id = isUuid(cursorId) ? cursorId : null;
  const column = (name: string) => sql.ref(alias ? `${alias}.${name}` : name);
  return sql<boolean>`(${column('created_at')}, ${column('id')}) ${sql.raw(direction)} (SELECT c.created_at, c.id FROM ${sql.table(table)} AS c WHERE c.id = ${id})`;
}

/**
 * A text column holding a UUID (grading_sessions.student_id) as a uuid, null when it is not
 * one. Computed once per row in a subquery the planner keeps, then joined on (users.id =
 * that column), the join costs a comparison per row pair; written in the join condition
 * instead, the pattern would run for every user of every row.
 */
export function uuidOrNull(column: string) {
  const ref = sql.ref(column);
  return sql<string | null>`CASE WHEN ${ref} ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN ${ref}::uuid END`;
}

/** A LIKE pattern matching `text` anywhere, its own % _ and \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function pgCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

export const isUniqueViolation = (err: unknown): boolean => pgCode(err) === '23505';
export const isForeignKeyViolation = (err: unknown): boolean => pgCode(err) === '23503';
export const isCheckViolation = (err: unknown): boolean => pgCode(err) === '23514';

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export const now = sql<Date>`now()`;
