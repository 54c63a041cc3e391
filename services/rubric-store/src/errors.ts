// Data-layer refusals as gRPC statuses (the gateway maps these to HTTP in turn).
import { status } from '@grpc/grpc-js';
import { DataError, type DataErrorCode } from '@medgrade/data';
import { GrpcError, jsonTrailer, RUBRIC_STORE_TRAILERS, type PatchFailure } from '@medgrade/kit';

const STATUS_OF: Record<DataErrorCode, status> = {
  not_found: status.NOT_FOUND,
  conflict: status.ALREADY_EXISTS,
  stale_version: status.ABORTED,
  invalid_state: status.FAILED_PRECONDITION,
  qa_failed: status.FAILED_PRECONDITION,
  invalid_input: status.INVALID_ARGUMENT,
  forbidden: status.PERMISSION_DENIED,
};

/** INVALID_ARGUMENT for a patch that cannot be applied or leaves a malformed rubric. */
export function patchFailed(failure: PatchFailure): GrpcError {
  return new GrpcError(status.INVALID_ARGUMENT, failure.message, jsonTrailer(RUBRIC_STORE_TRAILERS.patchError, failure));
}

/** Rethrows DataErrors as GrpcErrors; anything else stays unexpected (INTERNAL). */
export function asGrpcError(err: unknown): unknown {
  if (!(err instanceof DataError)) return err;
  return new GrpcError(STATUS_OF[err.code], err.message, err.qaReport ? jsonTrailer(RUBRIC_STORE_TRAILERS.qaReport, err.qaReport) : undefined);
}
