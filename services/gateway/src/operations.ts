import express, { type Router } from 'express';
import { SERVICES } from '@medgrade/kit';
import type { GatewayDeps } from './api/deps';
import { metricsText } from './metrics';

// Operational endpoints at the root. /health says only that this process answers (liveness:
// restarting it would not help a database outage). /ready checks what a request needs right
// now and recovers by itself when the dependency comes back, because nothing is cached.

/** The gRPC services a request cannot do without; the rest show up in /services/status. */
export const READINESS_SERVICES = ['orchestrator', 'rubric-store'] as const;

/** Set at shutdown: /ready answers 503 so load balancers stop sending new requests. */
export interface Lifecycle {
  draining: boolean;
}

export function operationsRouter(deps: GatewayDeps, openapi: Record<string, unknown>, lifecycle: Lifecycle): Router {
  const router = express.Router();

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/ready', async (_req, res) => {
    const [stores, ...probes] = await Promise.all([
      deps.data.health(),
      ...READINESS_SERVICES.map((name) => deps.upstream.probe(name)),
    ]);
    const checks: Record<string, string> = {
      postgres: stores.postgres ? 'ok' : 'down',
      redis: stores.redis === null ? 'in-process' : stores.redis ? 'ok' : 'down',
    };
    for (const probe of probes) checks[probe.service] = probe.status === 'SERVING' ? 'ok' : probe.status.toLowerCase();
    const ready = !lifecycle.draining && Object.values(checks).every((state) => state === 'ok' || state === 'in-process');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : lifecycle.draining ? 'draining' : 'not_ready', checks });
  });

  router.get('/services/status', async (_req, res) => {
    const grpcServices = SERVICES.filter((spec) => spec.kind !== 'gateway');
    const services = await Promise.all(grpcServices.map((spec) => deps.upstream.probe(spec.name)));
    res.json({
      gateway: { status: 'SERVING', version: deps.config.version },
      services,
    });
  });

  router.get('/metrics', async (_req, res) => {
    const { contentType, body } = await metricsText();
    res.type(contentType).send(body);
  });

  router.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });

  return router;
}
