// RFC 9457 problem details: every error the API returns is one of these, with a stable
// `type` URI clients can switch on. The message is written for people; the type is the contract.

export const PROBLEM_TYPE_BASE = 'https://medgrade.dev/problems/';

export const PROBLEMS = {
  'bad-request': { status: 400, title: 'Malformed request' },
  'validation-failed': { status: 422, title: 'Request does not match the schema' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  'token-invalid': { status: 401, title: 'Token invalid or expired' },
  'invalid-credentials': { status: 401, title: 'Email or password is wrong' },
  forbidden: { status: 403, title: 'Your role does not allow this' },
  'csrf-required': { status: 403, title: 'Send the X-Medgrade-CSRF: 1 header with the refresh cookie' },
  'not-found': { status: 404, title: 'Resource not found' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  'idempotency-in-flight': { status: 409, title: 'A request with this Idempotency-Key is still running' },
  'idempotency-mismatch': { status: 422, title: 'Idempotency-Key reused with a different body' },
  'stale-version': { status: 409, title: 'The resource changed since you read it' },
  'rubric-invalid': { status: 422, title: 'Rubric failed QA validation' },
  'edit-not-understood': { status: 422, title: 'Edit instruction not understood' },
  'patch-failed': { status: 422, title: 'JSON Patch could not be applied' },
  'payload-too-large': { status: 413, title: 'Request body too large' },
  'transcript-too-long': { status: 413, title: 'Transcript has too many lines' },
  'unsupported-media-type': { status: 415, title: 'Content-Type must be application/json' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'service-unavailable': { status: 503, title: 'A dependency is unavailable' },
  'upstream-timeout': { status: 504, title: 'A dependency did not answer in time' },
  internal: { status: 500, title: 'Internal error' },
} as const;

export type ProblemKind = keyof typeof PROBLEMS;

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  request_id?: string;
  [extension: string]: unknown;
}

/** Thrown anywhere in a handler; the error middleware renders it. */
export class HttpProblem extends Error {
  readonly kind: ProblemKind;
  readonly status: number;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(kind: ProblemKind, detail?: string, extensions: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(detail ?? PROBLEMS[kind].title);
    this.kind = kind;
    this.status = PROBLEMS[kind].status;
    this.extensions = extensions;
    this.headers = headers;
  }

  body(instance: string, requestId: string): ProblemBody {
    return {
      type: problemType(this.kind),
      title: PROBLEMS[this.kind].title,
      status: this.status,
      detail: this.message,
      instance,
      request_id: requestId,
      ...this.extensions,
    };
  }
}

export function problemType(kind: ProblemKind): string {
  return PROBLEM_TYPE_BASE + kind;
}

export const notFound = (what: string): HttpProblem => new HttpProblem('not-found', `${what} not found`);
