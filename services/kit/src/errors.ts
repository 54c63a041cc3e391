import * as grpc from '@grpc/grpc-js';

export { Metadata } from '@grpc/grpc-js';

/** An error a handler throws to answer with a specific gRPC status. */
export class GrpcError extends Error {
  constructor(
    readonly code: grpc.status,
    message: string,
    readonly metadata?: grpc.Metadata,
  ) {
    super(message);
    this.name = 'GrpcError';
  }
}

export const invalidArgument = (message: string, metadata?: grpc.Metadata) =>
  new GrpcError(grpc.status.INVALID_ARGUMENT, message, metadata);
export const unavailable = (message: string) => new GrpcError(grpc.status.UNAVAILABLE, message);
export const notFound = (message: string) => new GrpcError(grpc.status.NOT_FOUND, message);
export const internal = (message: string) => new GrpcError(grpc.status.INTERNAL, message);

/** A status error as a gRPC client receives it. */
export type ClientError = grpc.ServiceError;

export function isServiceError(error: unknown): error is grpc.ServiceError {
  return error instanceof Error && typeof (error as Partial<grpc.ServiceError>).code === 'number' && 'metadata' in error;
}

/** Binary trailing metadata of RubricStoreService refusals, each holding JSON (see rubric_store.proto). */
export const RUBRIC_STORE_TRAILERS = {
  /** The QaReport of a refused approval (FAILED_PRECONDITION). */
  qaReport: 'x-medgrade-qa-report-bin',
  /** A PatchFailure (INVALID_ARGUMENT). */
  patchError: 'x-medgrade-patch-error-bin',
} as const;

/** A refused JSON Patch: the failing operation, or only a message when the result is malformed. */
export interface PatchFailure {
  message: string;
  operation_index?: number;
  reason?: string;
  path?: string | null;
}

/** Metadata carrying `value` as JSON under a binary (-bin) key. */
export function jsonTrailer(key: string, value: unknown): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set(key, Buffer.from(JSON.stringify(value), 'utf8'));
  return metadata;
}

/** The JSON a jsonTrailer put under `key`, if the error carries it. */
export function readJsonTrailer<T>(error: grpc.ServiceError, key: string): T | undefined {
  const value = error.metadata?.get(key)[0];
  return value === undefined ? undefined : (JSON.parse(value.toString()) as T);
}

/** The gRPC status name of any thrown value, for logs and warnings ("UNAVAILABLE"). */
export function statusName(code: grpc.status): string {
  return grpc.status[code] ?? String(code);
}
