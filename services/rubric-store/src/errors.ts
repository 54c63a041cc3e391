// Data-layer refusals as gRPC statuses (the gateway maps these to HTTP in turn).
import { Metadata, status } from '@grpc/grpc-js';
import type { QaReport } from '@medgrade/core';
import { DataError, type DataErrorCode } from '@medgrade/data';
import { GrpcError } from '@medgrade/kit';

/** Trailing metadata key carrying the QA report (JSON) of a refused approval. */
export const QA_REPORT_METADATA_KEY = 'x-medgrade-qa-report-bin';
/** Trailing metadata key carrying why a JSON Patch was refused (JSON, see PatchFailure). */
export const PATCH_ERROR_METADATA_KEY = 'x-medgrade-patch-error-bin';

/** A refused JSON Patch: the failing operation, or only a message when the result is malformed. */
export interface PatchFailure {
  message: string;
  operation_index?: number;
  reason?: string;
  path?: string | null;
}

const STATUS_OF: Record<DataErrorCode, status> = {
  not_found: status.NOT_FOUND,
  conflict: status.ALREADY_EXISTS,
  stale_version: status.ABORTED,
  invalid_state: status.FAILED_PRECONDITION,
  qa_failed: status.FAILED_PRECONDITION,
  invalid_input: status.INVALID_ARGUMENT,
  forbidden: status.PERMISSION_DENIED,
};

function jsonMetadata(key: string, value: unknown): Metadata {
  const metadata = new Metadata();
  metadata.set(key, Buffer.from(JSON.stringify(value), 'utf8'));
  return metadata;
}

export const qaReportMetadata = (report: QaReport): Metadata => jsonMetadata(QA_REPORT_METADATA_KEY, report);

/** INVALID_ARGUMENT for a patch that cannot be applied or leaves a malformed rubric. */
export function patchFailed(failure: PatchFailure): GrpcError {
  return new GrpcError(status.INVALID_ARGUMENT, failure.message, jsonMetadata(PATCH_ERROR_METADATA_KEY, failure));
}

/** Rethrows DataErrors as GrpcErrors; anything else stays unexpected (INTERNAL). */
export function asGrpcError(err: unknown): unknown {
  if (!(err instanceof DataError)) return err;
  return new GrpcError(STATUS_OF[err.code], err.message, err.qaReport ? qaReportMetadata(err.qaReport) : undefined);
}
