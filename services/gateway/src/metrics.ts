import type { RequestHandler } from 'express';
import {
  collectRuntimeMetrics, gradingErrors, gradingRequestDuration, gradingRequests, memo, metricsText, serviceLabel,
} from '@medgrade/kit/metrics';
import { routeTemplate } from './http/route-template';

// The gateway's metrics, all in the process-wide registry of @medgrade/kit/metrics, so
// /metrics shows the gateway's HTTP figures beside the gRPC client, queue and pool metrics
// registered elsewhere in this process. Extend here rather than creating another registry.

const SERVICE = serviceLabel('gateway');

export function startGatewayMetrics(): void {
  collectRuntimeMetrics('gateway');
}

/**
 * Counts and times every request by its route template (`POST /api/v1/gradings`), never by
 * the raw URL, so ids do not explode the label set.
 */
export function httpMetrics(): RequestHandler {
  // Label children resolved once per endpoint (and status): prom-client hashes a labels object on every update otherwise.
  const durationOf = memo((endpoint) => gradingRequestDuration.labels({ service: SERVICE, endpoint }));
  const countOf = memo((endpoint) => memo((status) => gradingRequests.labels({ service: SERVICE, endpoint, status })));
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const endpoint = `${req.method} ${routeTemplate(req) ?? 'unmatched'}`;
      countOf(endpoint)(String(res.statusCode)).inc();
      durationOf(endpoint).observe(Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}

export function recordProblem(kind: string): void {
  gradingErrors.inc({ service: SERVICE, error_type: kind });
}

export { metricsText };
