// Data-layer refusals as gRPC statuses (the gateway maps these to HTTP in turn).
import { Metadata, status } from '@grpc/grpc-js';
import type { QaReport } from '@medgrade/core';
import { DataError, type DataErrorCode } from '@medgrade/data';
import { GrpcError } from '@medgrade/kit';

/** Trailing metadata key carrying the QA report (JSON) of a refused approval. */
export const QA_REPORT_METADATA_KEY = 'x-medgrade-qa-report-bin';

const STATUS_OF: Record<DataErrorCode, status> = {
  not_found: status.NOT_FOUND,
  conflict: status.ALREADY_EXISTS,
  stale_version: status.ABORTED,
  invalid_state: status.FAILED_PRECONDITION,
  qa_failed: status.FAILED_PRECONDITION,
  invalid_input: status.INVALID_ARGUMENT,
  forbidden: status.PERMISSION_DENIED,
};

export function qaReportMetadata(report: QaReport): Metadata {
  const metadata = new Metadata();
  metadata.set(QA_REPORT_METADATA_KEY, Buffer.from(JSON.stringify(report), 'utf8'));
  return metadata;
}

/** Rethrows DataErrors as GrpcErrors; anything else stays unexpected (INTERNAL). */
export function asGrpcError(err: unknown): unknown {
  if (!(err instanceof DataError)) return err;
  return new GrpcError(STATUS_OF[err.code], err.message, err.qaReport ? qaReportMetadata(err.qaReport) : undefined);
}
