import type { GradingReport, JsonPatchOperation, QaReport, Rubric, FeedbackStyle } from '@medgrade/core';
import type { Page, RubricStatus, RubricSummary, RubricVersion, RubricVersionInfo, TenantContext } from '@medgrade/data';
import type { PatchFailure } from '@medgrade/kit';

// What the gateway needs from the gRPC services, as plain promises over core types. The
// gRPC implementation lives in grpc-upstream.ts; handlers only see this interface.

export interface CallMeta {
  requestId: string;
  tenant?: TenantContext;
}

/** A stored rubric version as a grading names it. */
export interface RubricReference {
  rubricId: string;
  version: string;
  /** Changes with the content (and the status); services cache the compiled rubric under it. */
  contentHash: string;
}

export interface ResolvedRubric extends RubricReference {
  status: RubricVersion['status'];
}

export interface GradeInput {
  rubric: RubricReference;
  institutionId: string;
  oralTranscript: string;
  summaryText?: string;
  style?: FeedbackStyle;
  gradingId: string;
}

export interface EditPreviewResult {
  patch: JsonPatchOperation[];
  diff: { path: string; before?: unknown; after?: unknown }[];
  qa: QaReport;
  understood: string[];
  after: Rubric;
}

/** The rubric-edit service could not turn the instruction into a patch. */
export class EditRejected extends Error {
  constructor(message: string, readonly understood: string[], readonly notUnderstood: string[]) {
    super(message);
  }
}

/** The rubric store refused an approval because the draft fails QA validation. */
export class RubricQaFailed extends Error {
  constructor(message: string, readonly report: QaReport) {
    super(message);
  }
}

/** The rubric store refused a JSON Patch: an operation failed, or the result is malformed. */
export class PatchRefused extends Error {
  constructor(readonly failure: PatchFailure) {
    super(failure.message);
  }
}

/** A version as the rubric store lists it: metadata only. */
export type StoredVersionInfo = Omit<RubricVersionInfo, 'qaReport'>;

/**
 * The rubric store (RubricStoreService): it owns rubrics, their approval rules and the cache
 * of approved versions. Every call acts for `meta.tenant`. Its refusals arrive as gRPC
 * status errors, except the two with details the API shows: RubricQaFailed and PatchRefused.
 */
export interface RubricStore {
  /** The given version (any status), or the latest approved one. */
  get(rubricId: string, version: string | undefined, meta: CallMeta): Promise<RubricVersion>;
  /** Which version get() would answer, without its body. */
  resolve(rubricId: string, version: string | undefined, meta: CallMeta): Promise<ResolvedRubric>;
  create(rubric: Rubric, meta: CallMeta): Promise<RubricVersion>;
  list(page: { cursor?: string; limit: number; includeArchived: boolean; q?: string; status?: RubricStatus }, meta: CallMeta): Promise<Page<RubricSummary>>;
  /** Newest first. */
  listVersions(rubricId: string, meta: CallMeta): Promise<StoredVersionInfo[]>;
  update(rubricId: string, baseVersion: string, rubric: Rubric, meta: CallMeta): Promise<RubricVersion>;
  patch(rubricId: string, baseVersion: string, operations: JsonPatchOperation[], meta: CallMeta): Promise<RubricVersion>;
  approve(rubricId: string, version: string, meta: CallMeta): Promise<RubricVersion>;
  /** One version, or every version when none is given; answers the versions it archived. */
  archive(rubricId: string, version: string | undefined, meta: CallMeta): Promise<StoredVersionInfo[]>;
}

export interface ProbeResult {
  service: string;
  address: string;
  status: 'SERVING' | 'NOT_SERVING' | 'UNKNOWN' | 'UNREACHABLE';
  version: string | null;
  latency_ms: number | null;
  error?: string;
}

/** A report as the orchestrator produced it, and its JSON text (serialised once, stored and answered as it is). */
export interface GradedReport {
  report: GradingReport;
  json: string;
}

export interface Upstream {
  rubrics: RubricStore;
  grade(input: GradeInput, meta: CallMeta): Promise<GradedReport>;
  validateRubric(rubric: unknown, meta: CallMeta): Promise<QaReport>;
  previewEdit(rubric: Rubric, instruction: string, meta: CallMeta): Promise<EditPreviewResult>;
  /** grpc.health.v1 Check of one catalog service (by catalog name), never throws. */
  probe(serviceName: string): Promise<ProbeResult>;
  close(): void;
}
