import type { RequestHandler } from 'express';
import type { Logger } from '@medgrade/kit';
import { routeTemplate } from './route-template';

// One log line per request: method, route template, status, duration and request id. Never
// the body, the query string or headers: they can hold transcripts, passwords and tokens.
// Answers that went wrong (4xx, 5xx) are logged at info; the rest, at busy times thousands
// a second, at debug.

export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const level = res.statusCode >= 400 ? 'info' : 'debug';
      if (!logger.isLevelEnabled(level)) return;
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
