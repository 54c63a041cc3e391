import type { Request } from 'express';
import type { z } from 'zod';
import type { TenantContext } from '@medgrade/data';
import type { AccessClaims } from '../auth/tokens';
import type { Permission, Scope } from '../permissions';
import type { ProblemKind } from '../problem';

// One declaration per endpoint: path, permission, schemas, documented responses and the
// handler. The express app is mounted from these declarations and the OpenAPI document is
// generated from the very same objects.

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface HeaderSpec {
  name: string;
  description: string;
  required?: boolean;
}

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** A non-JSON body (e.g. text/csv): documented as a string of this media type. */
  mediaType?: string;
  /** Extra response headers worth documenting (Location, Retry-After...). */
  headers?: string[];
}

/** Who is calling: present on every route that names a permission. */
export interface Caller extends AccessClaims {
  scope: Scope;
  tenant: TenantContext;
}

export interface CallInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  caller: Caller;
  requestId: string;
  ip: string;
  req: Request;
}

export interface Reply {
  status?: number;
  /** Sent as JSON. */
  body?: unknown;
  /** The body as JSON text already (JSON.stringify of it), sent as it is instead of `body`. */
  json?: string;
  /** Sent as it is, with the Content-Type of `headers` (CSV exports). */
  text?: string;
  headers?: Record<string, string>;
}

export interface RouteSpec<B = unknown, Q = unknown, P = unknown> {
  method: Method;
  /** OpenAPI-style path below /api/v1, e.g. /rubrics/{id}. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** null: no access token needed (login, refresh, logout). */
  permission: Permission | null;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  headers?: HeaderSpec[];
  responses: Record<number, ResponseSpec>;
  /** Problem types this endpoint may answer beyond the ones every endpoint shares. */
  problems: ProblemKind[];
  handler(input: CallInput<B, Q, P>): Promise<Reply>;
}

/** Keeps the generic parameters tied together while collecting routes in one array. */
export function route<B = undefined, Q = undefined, P = undefined>(spec: RouteSpec<B, Q, P>): RouteSpec {
  return spec as unknown as RouteSpec;
}

export const API_BASE = '/api/v1';

/** /rubrics/{id}/versions/{version} → /rubrics/:id/versions/:version */
export function expressPath(openApiPath: string): string {
  return openApiPath.replace(/\{([^}]+)\}/g, ':$1');
}
