import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { openDataLayer, type DataLayer, type DataLayerOptions } from '@medgrade/data';
import type { Logger } from '@medgrade/kit';
import { AccessTokens } from './auth/tokens';
import { bootstrapPlatform, type BootstrapOutcome } from './bootstrap';
import { createApp, type GatewayApp } from './app';
import type { GatewayConfig } from './config';
import type { GatewayDeps } from './api/deps';
import { GrpcUpstream } from './grpc-upstream';
import { registerDbPoolGauges, registerQueueGauges } from '@medgrade/kit/metrics';
import { startGatewayMetrics } from './metrics';
import type { Upstream } from './upstream';

// Wiring of one gateway: data layer, gRPC clients, first-start bootstrap, the HTTP server,
// and an orderly stop (stop accepting, let in-flight requests finish, then close pools).

export interface GatewayOptions {
  config: GatewayConfig;
  data: DataLayerOptions;
  logger: Logger;
  /** Tests may pass their own (e.g. pointing at services on ephemeral ports). */
  upstream?: Upstream;
}

export interface RunningGateway extends GatewayApp {
  url: string;
  port: number;
  deps: GatewayDeps;
  bootstrap: BootstrapOutcome;
  /** Stops accepting, waits for in-flight requests up to graceMs, closes pools. */
  close(graceMs?: number): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { config, logger } = options;
  startGatewayMetrics();
  const data: DataLayer = await openDataLayer(options.data);
  registerDbPoolGauges(data.dbPool);
  registerQueueGauges(async () => {
    const depth = await data.batchQueue.depth();
    return { depth: depth.waiting + depth.pending, oldestAgeSeconds: depth.oldestAgeSeconds };
  });
  const upstream = options.upstream ?? new GrpcUpstream(config.addresses, config.grpcDeadlineMs);
  try {
    const deps: GatewayDeps = { config, data, upstream, tokens: new AccessTokens(config.signing, config.accessTokenTtlSeconds), logger };
    const bootstrap = await bootstrapPlatform(data, config, logger);
    const gateway = createApp(deps);
    const server = createServer(gateway.app);
    const port = await listen(server, config.port, config.host);
    server.keepAliveTimeout = 65_000;
    const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
    logger.info({ url, mode: config.mode, redis: data.redisMode }, 'gateway listening');

    let closing: Promise<void> | undefined;
    const close = (graceMs = 10_000) => (closing ??= (async () => {
      gateway.markDraining();
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      // A keep-alive connection turns idle once its in-flight response is sent; close those as
      // they appear, or server.close() would wait for the keep-alive timeout.
      const closeIdle = setInterval(() => server.closeIdleConnections(), 100);
      server.closeIdleConnections();
      const deadline = new Promise<void>((resolve) => setTimeout(() => { server.closeAllConnections(); resolve(); }, graceMs).unref());
      await Promise.race([drained, deadline]);
      clearInterval(closeIdle);
      upstream.close();
      await data.close();
    })());
    return { ...gateway, url, port, deps, bootstrap, close };
  } catch (err) {
    upstream.close();
    await data.close();
    throw err;
  }
}
