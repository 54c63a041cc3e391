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

/** The gRPC status name of any thrown value, for logs and warnings ("UNAVAILABLE"). */
export function statusName(code: grpc.status): string {
  return grpc.status[code] ?? String(code);
}
