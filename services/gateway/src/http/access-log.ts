import type { RequestHandler } from 'express';
import type { Logger } from '@medgrade/kit';
import { routeTemplate } from './route-template';

// One log line per request: method, route template, status, duration and request id. Never
// the body, the query string or headers: they can hold transcripts, passwords and tokens.

export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // Probes of the operational endpoints arrive every few seconds: keep them out of info.
      const level = req.baseUrl.startsWith('/api/') || res.statusCode >= 400 ? 'info' : 'debug';
      logger[level]({
        request_id: res.getHeader('x-request-id'),
        method: req.method,
        route: routeTemplate(req) ?? 'unmatched',
        status: res.statusCode,
        duration_ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
      }, 'request');
    });
    next();
  };
}
