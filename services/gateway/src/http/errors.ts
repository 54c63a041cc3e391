import type { ErrorRequestHandler } from 'express';
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { z } from 'zod';
import { isDataError, type DataError } from '@medgrade/data';
import type { Logger } from '@medgrade/kit';
import { HttpProblem, notFound, type ProblemKind } from '../problem';
import { recordProblem } from '../metrics';

// Everything that can go wrong is turned into one HttpProblem here, so handlers throw what
// they know (data-layer errors, gRPC statuses, schema issues) and the client always gets
// application/problem+json with a stable type and no stack trace.

export function validationProblem(error: z.ZodError, where: 'body' | 'query' | 'path'): HttpProblem {
  const errors = error.issues.map((issue) => ({
    pointer: where === 'body' ? '/' + issue.path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/') : undefined,
    parameter: where === 'body' ? undefined : issue.path.join('.'),
    message: issue.message,
  }));
  const kind: ProblemKind = where === 'body' ? 'validation-failed' : 'bad-request';
  return new HttpProblem(kind, `invalid ${where === 'path' ? 'path parameter' : where}: ${errors.map((e) => `${e.pointer ?? e.parameter} ${e.message}`).join('; ')}`, { errors });
}

const DATA_ERROR_KIND: Record<DataError['code'], ProblemKind> = {
  not_found: 'not-found',
  conflict: 'conflict',
  stale_version: 'stale-version',
  invalid_state: 'conflict',
  qa_failed: 'rubric-invalid',
  invalid_input: 'validation-failed',
  forbidden: 'forbidden',
};

interface GrpcLikeError { code: number; details?: string; metadata?: unknown }

function isGrpcError(err: unknown): err is GrpcLikeError {
  return typeof err === 'object' && err !== null && typeof (err as GrpcLikeError).code === 'number'
    && 'details' in err && 'metadata' in err;
}

/** gRPC status → problem kind. Client mistakes keep their meaning; server trouble stays opaque. */
export function grpcProblem(err: GrpcLikeError): HttpProblem {
  const detail = err.details || 'upstream error';
  switch (err.code) {
    case GrpcStatus.INVALID_ARGUMENT: return new HttpProblem('validation-failed', detail);
    case GrpcStatus.NOT_FOUND: return new HttpProblem('not-found', detail);
    case GrpcStatus.ALREADY_EXISTS: return new HttpProblem('conflict', detail);
    case GrpcStatus.ABORTED: return new HttpProblem('stale-version', detail);
    case GrpcStatus.FAILED_PRECONDITION: return new HttpProblem('conflict', detail);
    case GrpcStatus.PERMISSION_DENIED: return new HttpProblem('forbidden', detail);
    case GrpcStatus.UNAUTHENTICATED: return new HttpProblem('unauthenticated', detail);
    case GrpcStatus.RESOURCE_EXHAUSTED: return new HttpProblem('rate-limited', detail);
    case GrpcStatus.OUT_OF_RANGE: return new HttpProblem('validation-failed', detail);
    case GrpcStatus.UNAVAILABLE: return new HttpProblem('service-unavailable', 'a grading service is unavailable, retry shortly', {}, { 'Retry-After': '1' });
    case GrpcStatus.DEADLINE_EXCEEDED: return new HttpProblem('upstream-timeout', 'a grading service did not answer in time');
    default: return new HttpProblem('internal', 'internal error');
  }
}

/** Awaits a gRPC call whose NOT_FOUND answers 404 naming `what`, as the API words it. */
export async function notFoundAs<T>(call: Promise<T>, what: string): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (isGrpcError(err) && err.code === GrpcStatus.NOT_FOUND) throw notFound(what);
    throw err;
  }
}

/** Awaits `call`; a refusal of one of `kinds` answers pointing at the body field that caused it. */
export async function pointingAt<T>(pointer: string, kinds: ProblemKind[], call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    const problem = toProblem(err);
    if (!kinds.includes(problem.kind)) throw err;
    throw new HttpProblem(problem.kind, problem.message, { ...problem.extensions, errors: [{ pointer, message: problem.message }] }, problem.headers);
  }
}

interface BodyParserError { type?: string; status?: number }

function bodyParserProblem(err: BodyParserError): HttpProblem | null {
  switch (err.type) {
    case 'entity.too.large': return new HttpProblem('payload-too-large', 'request body exceeds the size limit');
    case 'entity.parse.failed': return new HttpProblem('bad-request', 'request body is not valid JSON');
    case 'encoding.unsupported':
    case 'charset.unsupported': return new HttpProblem('unsupported-media-type', 'unsupported body encoding');
    default: return null;
  }
}

export function toProblem(err: unknown): HttpProblem {
  if (err instanceof HttpProblem) return err;
  if (isDataError(err)) {
    return new HttpProblem(DATA_ERROR_KIND[err.code], err.message, err.qaReport ? { qa: err.qaReport } : {});
  }
  if (isGrpcError(err)) return grpcProblem(err);
  const parsed = bodyParserProblem(err as BodyParserError);
  if (parsed) return parsed;
  return new HttpProblem('internal', 'internal error');
}

export function sendProblem(res: Parameters<ErrorRequestHandler>[2], problem: HttpProblem, instance: string, requestId: string): void {
  recordProblem(problem.kind);
  res.status(problem.status).set(problem.headers).type('application/problem+json').send(JSON.stringify(problem.body(instance, requestId)));
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const problem = toProblem(err);
    const requestId = String(res.getHeader('x-request-id') ?? '');
    if (problem.status >= 500) {
      // Message and code only: an error object may carry request data (transcripts) in its fields.
      const e = err as { message?: string; code?: unknown; name?: string };
      logger.error({ request_id: requestId, err_name: e?.name, err_code: e?.code, err_message: e?.message?.slice(0, 300), path: req.path }, 'request failed');
    }
    sendProblem(res, problem, req.originalUrl.split('?')[0] ?? req.path, requestId);
  };
}
