import type { GradingReport, JsonPatchOperation, QaReport, Rubric, FeedbackStyle } from '@medgrade/core';
import type { TenantContext } from '@medgrade/data';

// What the gateway needs from the gRPC services, as plain promises over core types. The
// gRPC implementation lives in grpc-upstream.ts; handlers only see this interface.

export interface CallMeta {
  requestId: string;
  tenant?: TenantContext;
}

export interface GradeInput {
  rubric: Rubric;
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

export interface ProbeResult {
  service: string;
  address: string;
  status: 'SERVING' | 'NOT_SERVING' | 'UNKNOWN' | 'UNREACHABLE';
  version: string | null;
  latency_ms: number | null;
  error?: string;
}

export interface Upstream {
  grade(input: GradeInput, meta: CallMeta): Promise<GradingReport>;
  validateRubric(rubric: unknown, meta: CallMeta): Promise<QaReport>;
  previewEdit(rubric: Rubric, instruction: string, meta: CallMeta): Promise<EditPreviewResult>;
  /** grpc.health.v1 Check of one catalog service (by catalog name), never throws. */
  probe(serviceName: string): Promise<ProbeResult>;
  close(): void;
}
