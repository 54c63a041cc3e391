// RubricStoreService handlers: the rubric repository of @medgrade/data behind gRPC, with
// QA validation at approval, JSON Patch edits, and the Redis cache of approved versions.
import { createHash } from 'node:crypto';
import { status, type Metadata } from '@grpc/grpc-js';
import { applyJsonPatch, JsonPatchError, validateRubric, type JsonPatchOperation, type Rubric } from '@medgrade/core';
import { RUBRIC_STATUSES, type DataLayer, type RubricStatus, type RubricVersion, type RubricVersionInfo, type TenantContext } from '@medgrade/data';
import { fromProto, GrpcError, toProto, type Logger, type ServiceImplementation } from '@medgrade/kit';
import type { ResolvedRubric } from '@medgrade/kit/generated/medgrade/v1/ResolvedRubric';
import type { RubricRecord } from '@medgrade/kit/generated/medgrade/v1/RubricRecord';
import type { RubricVersionInfo as RubricVersionInfoMessage } from '@medgrade/kit/generated/medgrade/v1/RubricVersionInfo';
import { asGrpcError, patchFailed } from './errors';
import { readerFromMetadata, requireEditor, tenantFromMetadata } from './tenant';

export interface RubricStoreDeps {
  data: DataLayer;
  logger: Logger;
  /** Told about every cache lookup (hit ratio metric). */
  onCacheLookup?: (hit: boolean) => void;
  /**
   * Delay of the second cache invalidation after approve/archive. A reader that fetched the
   * old state just before the change may write it back just after the first delete; the
   * second delete removes that write.
   */
  reinvalidateAfterMs?: number;
}

const iso = (date: Date | null): string => (date ? date.toISOString() : '');

function lastChange(version: RubricVersionInfo): Date {
  return version.archivedAt ?? version.approvedAt ?? version.createdAt;
}

/** The stored JSON of a version and its content hash, worked out once per version object. */
const bodies = new WeakMap<RubricVersion, { json: string; hash: string }>();

function bodyOf(version: RubricVersion): { json: string; hash: string } {
  let body = bodies.get(version);
  if (!body) {
    const json = JSON.stringify(version.body);
    body = { json, hash: createHash('sha256').update(json, 'utf8').digest('hex') };
    bodies.set(version, body);
  }
  return body;
}

const records = new WeakMap<RubricVersion, RubricRecord>();

/**
 * The typed `rubric` field is filled only for bodies that pass QA, so it always encodes.
 * Cached versions are shared objects, so their record is built once.
 */
export function toRecord(version: RubricVersion): RubricRecord {
  let record = records.get(version);
  if (!record) records.set(version, (record = buildRecord(version)));
  return record;
}

function buildRecord(version: RubricVersion): RubricRecord {
  const wellFormed = version.status === 'approved' || validateRubric(version.body).valid;
  const { json, hash } = bodyOf(version);
  return {
    rubric: wellFormed ? toProto('Rubric', version.body) : null,
    status: version.status,
    version: version.version,
    rubric_id: version.rubricId,
    created_at: iso(version.createdAt),
    updated_at: iso(lastChange(version)),
    rubric_json: json,
    qa_report: version.qaReport ? toProto('QaReport', version.qaReport) : null,
    created_by: version.createdBy ?? '',
    approved_by: version.approvedBy ?? '',
    approved_at: iso(version.approvedAt),
    archived_at: iso(version.archivedAt),
    content_hash: hash,
  };
}

/** A version as a grading names it: the reference with its content hash, and the status. */
function toResolved(version: RubricVersion): ResolvedRubric {
  return { ref: { rubric_id: version.rubricId, version: version.version, content_hash: bodyOf(version).hash }, status: version.status };
}

function toVersionInfo(version: RubricVersionInfo): RubricVersionInfoMessage {
  return {
    version: version.version,
    status: version.status,
    created_by: version.createdBy ?? '',
    approved_by: version.approvedBy ?? '',
    created_at: iso(version.createdAt),
    approved_at: iso(version.approvedAt),
    archived_at: iso(version.archivedAt),
  };
}

function invalidArgument(message: string): GrpcError {
  return new GrpcError(status.INVALID_ARGUMENT, message);
}

/** A listing's status filter: empty means any; anything else must be a rubric status. */
function rubricStatus(value: string): RubricStatus | undefined {
  if (value === '') return undefined;
  if (!(RUBRIC_STATUSES as readonly string[]).includes(value)) throw invalidArgument(`status must be one of ${RUBRIC_STATUSES.join(', ')}`);
  return value as RubricStatus;
}

function parseRubricJson(text: string): Rubric {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw invalidArgument(`rubric_json is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidArgument('rubric_json must be a JSON object');
  return value as Rubric;
}

function patchOperations(operations: unknown[]): JsonPatchOperation[] {
  try {
    return operations.map((operation) => fromProto('JsonPatchOperation', operation));
  } catch (err) {
    throw invalidArgument(`a patch operation's value_json is not valid JSON: ${(err as Error).message}`);
  }
}

/** QA codes that mean the JSON is not rubric-shaped (as opposed to a rubric that fails QA). */
const SHAPE_ERRORS = new Set(['invalid_type', 'missing_field', 'invalid_value']);

/**
 * The patched body, refused when an operation fails or the result is no longer
 * rubric-shaped. A draft may still fail QA (that is what approval checks).
 */
function applyPatch(body: Rubric, operations: JsonPatchOperation[]): Rubric {
  let patched: unknown;
  try {
    patched = applyJsonPatch(body, operations);
  } catch (err) {
    if (err instanceof JsonPatchError) throw patchFailed({ message: err.message, operation_index: err.index, reason: err.reason, path: err.path });
    throw err;
  }
  const malformed = validateRubric(patched).errors.filter((issue) => SHAPE_ERRORS.has(issue.code));
  if (malformed.length > 0) {
    throw patchFailed({ message: `the patched rubric is malformed: ${malformed.map((issue) => `${issue.pointer || '/'} ${issue.message}`).join('; ')}` });
  }
  return patched as Rubric;
}

function required(value: string, name: string): string {
  if (!value.trim()) throw invalidArgument(`${name} is required`);
  return value.trim();
}

/** Runs a handler body, translating data-layer refusals into gRPC statuses. */
async function answer<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw asGrpcError(err);
  }
}

export function rubricStoreService(deps: RubricStoreDeps): ServiceImplementation<'RubricStoreService'> {
  const { data, logger } = deps;
  const cache = data.rubricCache;
  const reinvalidateAfterMs = deps.reinvalidateAfterMs ?? 1_000;
  const lookup = (hit: boolean) => deps.onCacheLookup?.(hit);

  async function cachedVersion(ctx: TenantContext, rubricId: string, version: string): Promise<RubricVersion | null> {
    const cached = await cache.get(ctx.institutionId, rubricId, version);
    lookup(cached !== null);
    if (cached) return cached;
    const stored = await data.rubrics.get(ctx, rubricId, version);
    if (stored?.status === 'approved') await cache.put(ctx.institutionId, stored);
    return stored;
  }

  async function latestApproved(ctx: TenantContext, rubricId: string): Promise<RubricVersion | null> {
    const pointer = await cache.getLatestVersion(ctx.institutionId, rubricId);
    if (pointer) {
      const cached = await cache.get(ctx.institutionId, rubricId, pointer);
      lookup(cached !== null);
      if (cached) return cached;
    } else {
      lookup(false);
    }
    const stored = await data.rubrics.get(ctx, rubricId, null);
    if (stored) {
      await cache.put(ctx.institutionId, stored);
      await cache.putLatestVersion(ctx.institutionId, rubricId, stored.version);
    }
    return stored;
  }

  async function invalidate(ctx: TenantContext, rubricId: string, versions: string[]): Promise<void> {
    await cache.invalidate(ctx.institutionId, rubricId, versions);
    setTimeout(() => {
      cache.invalidate(ctx.institutionId, rubricId, versions).catch((err: Error) => logger.warn({ err: err.message }, 'second cache invalidation failed'));
    }, reinvalidateAfterMs).unref();
  }

  /** GetRubric's and ResolveRubric's answer: the named version (any status) or the latest approved one. */
  async function find(request: { institution_id: string; rubric_id: string; version: string }, metadata: Metadata): Promise<RubricVersion> {
    const ctx = readerFromMetadata(metadata, request.institution_id);
    const rubricId = required(request.rubric_id, 'rubric_id');
    const version = request.version.trim();
    const found = version ? await cachedVersion(ctx, rubricId, version) : await latestApproved(ctx, rubricId);
    if (!found) {
      throw new GrpcError(status.NOT_FOUND, version ? `rubric "${rubricId}" has no version ${version}` : `rubric "${rubricId}" has no approved version`);
    }
    return found;
  }

  return {
    GetRubric: (request, call) => answer(async () => toRecord(await find(request, call.metadata))),

    ResolveRubric: (request, call) => answer(async () => toResolved(await find(request, call.metadata))),

    CreateRubric: (request, call) => answer(async () => {
      const ctx = tenantFromMetadata(call.metadata);
      requireEditor(ctx);
      return toRecord(await data.rubrics.create(ctx, parseRubricJson(request.rubric_json)));
    }),

    ListRubrics: (request, call) => answer(async () => {
      const ctx = tenantFromMetadata(call.metadata);
      const page = await data.rubrics.list(ctx, {
        limit: request.limit || undefined,
        cursor: request.cursor || null,
        includeArchived: request.include_archived,
        q: request.q || undefined,
        status: rubricStatus(request.status),
      });
      return {
        rubrics: page.items.map((rubric) => ({
          rubric_id: rubric.rubricId,
          title: rubric.title ?? '',
          head_version: rubric.headVersion,
          head_status: rubric.headStatus,
          latest_approved_version: rubric.latestApprovedVersion ?? '',
          archived: rubric.archived,
          created_at: iso(rubric.createdAt),
          updated_at: iso(rubric.updatedAt),
        })),
        next_cursor: page.nextCursor ?? '',
      };
    }),

    ListVersions: (request, call) => answer(async () => {
      const ctx = tenantFromMetadata(call.metadata);
      const rubricId = required(request.rubric_id, 'rubric_id');
      const versions = await data.rubrics.listVersions(ctx, rubricId);
      if (!versions) throw new GrpcError(status.NOT_FOUND, `rubric "${rubricId}" not found`);
      return { rubric_id: rubricId, versions: versions.map(toVersionInfo) };
    }),

    UpdateRubric: (request, call) => answer(async () => {
      const ctx = tenantFromMetadata(call.metadata);
      requireEditor(ctx);
      const rubricId = required(request.rubric_id, 'rubric_id');
      const base = required(request.base_version, 'base_version');
      return toRecord(await data.rubrics.update(ctx, rubricId, base, parseRubricJson(request.rubric_json)));
    }),

    PatchRubric: (request, call) => answer(async () => {
      const ctx = tenantFromMetadata(call.metadata);
      requireEditor(ctx);
      const rubricId = required(request.rubric_id, 'rubric_id');
      const base = required(request.base_version, 'base_version');
      const operations = patchOperations(request.operations);
      const current = await data.rubrics.get(ctx, rubricId, base);
      if (!current) throw new GrpcError(status.NOT_FOUND, `rubric "${rubricId}" has no version ${base}`);
      const patched = applyPatch(current.body, operations);
      return toRecord(await data.rubrics.update(ctx, rubricId, base, patched));
    }),

    ApproveRubric: (request, call) => answer(async () => {
      const ctx = tenantFromMetadata(call.metadata);
      requireEditor(ctx);
      const rubricId = required(request.rubric_id, 'rubric_id');
      const version = required(request.version, 'version');
      const draft = await data.rubrics.get(ctx, rubricId, version);
      if (!draft) throw new GrpcError(status.NOT_FOUND, `rubric "${rubricId}" has no version ${version}`);
      if (draft.status !== 'draft') throw new GrpcError(status.FAILED_PRECONDITION, `version ${version} is ${draft.status}; only drafts can be approved`);
      const approved = await data.rubrics.approve(ctx, rubricId, version, validateRubric(draft.body));
      await invalidate(ctx, rubricId, []);
      return toRecord(approved);
    }),

    ArchiveRubric: (request, call) => answer(async () => {
      const ctx = tenantFromMetadata(call.metadata);
      requireEditor(ctx);
      const rubricId = required(request.rubric_id, 'rubric_id');
      const archived = await data.rubrics.archive(ctx, rubricId, request.version.trim() || null);
      const versions = archived.map((version) => version.version);
      await invalidate(ctx, rubricId, versions);
      return { rubric_id: rubricId, archived_versions: versions, archived: archived.map(toVersionInfo) };
    }),
  };
}
