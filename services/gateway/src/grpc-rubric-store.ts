import { status, type Metadata } from '@grpc/grpc-js';
import type { JsonPatchOperation, QaReport, Rubric } from '@medgrade/core';
import type { RubricStatus, RubricVersion } from '@medgrade/data';
import {
  createClient, fromProto, isServiceError, readJsonTrailer, RUBRIC_STORE_TRAILERS, toProto, type GrpcClient, type PatchFailure,
} from '@medgrade/kit';
import type { RubricRecord__Output } from '@medgrade/kit/generated/medgrade/v1/RubricRecord';
import type { RubricVersionInfo__Output } from '@medgrade/kit/generated/medgrade/v1/RubricVersionInfo';
import { PatchRefused, RubricQaFailed, type CallMeta, type ResolvedRubric, type RubricStore, type StoredVersionInfo } from './upstream';

// The gateway's client of the rubric store: RubricStoreService messages to the data-layer
// shapes the routes render, and the two refusals with details (a failed QA report, a refused
// JSON Patch) to typed errors. Every other status passes through for the error handler.

const dateOrNull = (iso: string): Date | null => (iso ? new Date(iso) : null);

function versionInfo(rubricId: string, v: RubricVersionInfo__Output): StoredVersionInfo {
  return {
    rubricId,
    version: v.version,
    status: v.status as RubricStatus,
    createdBy: v.created_by || null,
    approvedBy: v.approved_by || null,
    createdAt: new Date(v.created_at),
    approvedAt: dateOrNull(v.approved_at),
    archivedAt: dateOrNull(v.archived_at),
  };
}

function version(record: RubricRecord__Output): RubricVersion {
  return {
    ...versionInfo(record.rubric_id, record),
    body: JSON.parse(record.rubric_json) as Rubric,
    qaReport: record.qa_report ? fromProto('QaReport', record.qa_report) : null,
  };
}

export class GrpcRubricStore implements RubricStore {
  private readonly client: GrpcClient<'RubricStoreService'>;

  constructor(address: string, deadlineMs: number, private readonly metadataOf: (meta: CallMeta) => Metadata) {
    this.client = createClient('RubricStoreService', address, { deadlineMs });
  }

  private options(meta: CallMeta) {
    return { metadata: this.metadataOf(meta) };
  }

  async get(rubricId: string, wanted: string | undefined, meta: CallMeta): Promise<RubricVersion> {
    return version(await this.client.GetRubric({ institution_id: '', rubric_id: rubricId, version: wanted ?? '' }, this.options(meta)));
  }

  async resolve(rubricId: string, wanted: string | undefined, meta: CallMeta): Promise<ResolvedRubric> {
    const resolved = await this.client.ResolveRubric({ institution_id: '', rubric_id: rubricId, version: wanted ?? '' }, this.options(meta));
    const ref = resolved.ref!;
    return { rubricId: ref.rubric_id, version: ref.version, contentHash: ref.content_hash, status: resolved.status as RubricStatus };
  }

  async create(rubric: Rubric, meta: CallMeta): Promise<RubricVersion> {
    return version(await this.client.CreateRubric({ rubric_json: JSON.stringify(rubric) }, this.options(meta)));
  }

  async list(page: Parameters<RubricStore['list']>[0], meta: CallMeta) {
    const listed = await this.client.ListRubrics({
      cursor: page.cursor ?? '', limit: page.limit, include_archived: page.includeArchived, q: page.q ?? '', status: page.status ?? '',
    }, this.options(meta));
    return {
      items: listed.rubrics.map((r) => ({
        rubricId: r.rubric_id,
        title: r.title || null,
        headVersion: r.head_version,
        headStatus: r.head_status as RubricStatus,
        latestApprovedVersion: r.latest_approved_version || null,
        archived: r.archived,
        createdAt: new Date(r.created_at),
        updatedAt: new Date(r.updated_at),
      })),
      nextCursor: listed.next_cursor || null,
    };
  }

  async listVersions(rubricId: string, meta: CallMeta): Promise<StoredVersionInfo[]> {
    const listed = await this.client.ListVersions({ rubric_id: rubricId }, this.options(meta));
    return listed.versions.map((v) => versionInfo(listed.rubric_id, v));
  }

  async update(rubricId: string, baseVersion: string, rubric: Rubric, meta: CallMeta): Promise<RubricVersion> {
    return version(await this.client.UpdateRubric({ rubric_id: rubricId, base_version: baseVersion, rubric_json: JSON.stringify(rubric) }, this.options(meta)));
  }

  async patch(rubricId: string, baseVersion: string, operations: JsonPatchOperation[], meta: CallMeta): Promise<RubricVersion> {
    const request = { rubric_id: rubricId, base_version: baseVersion, operations: operations.map((op) => toProto('JsonPatchOperation', op)) };
    try {
      return version(await this.client.PatchRubric(request, this.options(meta)));
    } catch (err) {
      const failure = isServiceError(err) && err.code === status.INVALID_ARGUMENT ? readJsonTrailer<PatchFailure>(err, RUBRIC_STORE_TRAILERS.patchError) : undefined;
      throw failure ? new PatchRefused(failure) : err;
    }
  }

  async approve(rubricId: string, wanted: string, meta: CallMeta): Promise<RubricVersion> {
    try {
      return version(await this.client.ApproveRubric({ rubric_id: rubricId, version: wanted }, this.options(meta)));
    } catch (err) {
      const report = isServiceError(err) && err.code === status.FAILED_PRECONDITION ? readJsonTrailer<QaReport>(err, RUBRIC_STORE_TRAILERS.qaReport) : undefined;
      throw report ? new RubricQaFailed(err instanceof Error ? err.message : String(err), report) : err;
    }
  }

  async archive(rubricId: string, wanted: string | undefined, meta: CallMeta): Promise<StoredVersionInfo[]> {
    const archived = await this.client.ArchiveRubric({ rubric_id: rubricId, version: wanted ?? '' }, this.options(meta));
    return archived.archived.map((v) => versionInfo(archived.rubric_id, v));
  }

  close(): void {
    this.client.close();
  }
}
