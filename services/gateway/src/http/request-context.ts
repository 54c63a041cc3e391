import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

// X-Request-Id: a well-formed id from the client is kept (so a caller can follow its own
// request through logs and traces), anything else is replaced by a fresh UUID. The id is
// echoed on the response and forwarded to every gRPC call as x-request-id metadata.

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(res: { getHeader(name: string): unknown }): string {
  return String(res.getHeader('x-request-id') ?? '');
}

export function requestId(): RequestHandler {
  return (req, res, next) => {
    const offered = req.get('x-request-id');
    res.setHeader('x-request-id', offered && ACCEPTABLE_ID.test(offered) ? offered : randomUUID());
    next();
  };
}
