import { serviceSpec } from './catalog';
import { envVar, grpcServerEnv, parseEnv, type Env, type EnvShape } from './config';
import { createLogger } from './log';
import { collectRuntimeMetrics, serverMetricsInterceptor, startMetricsServer } from './metrics';
import { grpcServerConfig, startGrpcService, type RunningGrpcService } from './server';
import type { RunOptions, ServiceContext, ServiceModule } from './service-module';

/** Validates the configuration, builds the handlers and starts the gRPC server of one catalog service. */
export async function runService<S extends EnvShape>(
  name: string,
  module: ServiceModule<S>,
  options: RunOptions = {},
): Promise<RunningGrpcService> {
  const spec = serviceSpec(name);
  const source = options.env ?? process.env;
  const env = parseEnv(name, { ...grpcServerEnv(name), ...metricsEnv(name, source), ...module.env }, source);
  const logger = createLogger(name, env.LOG_LEVEL);
  const context = { env, logger } as unknown as ServiceContext<S>;
  collectRuntimeMetrics(name);
  const metricsServer = await startMetricsServer(env.METRICS_PORT, env.GRPC_HOST);
  const metricsAddress = metricsServer.address();
  logger.info({ metrics_port: typeof metricsAddress === 'object' ? metricsAddress?.port : metricsAddress }, 'metrics listening on /metrics');
  try {
    return await startGrpcService({
      spec,
      implementations: await module.implementations(context),
      healthChecks: module.healthChecks?.(context),
      logger,
      config: grpcServerConfig(env),
      interceptors: [serverMetricsInterceptor(name)],
      handleSignals: options.handleSignals ?? true,
      onShutdown: async () => {
        metricsServer.close();
        await module.onShutdown?.();
        await options.onShutdown?.();
      },
    });
  } catch (error) {
    metricsServer.close();
    throw error;
  }
}

/**
 * METRICS_PORT: the catalog's metrics port while the gRPC port is the catalog's too (a
 * cluster, a plain local start); a free one when GRPC_PORT is moved (tests, several copies),
 * so two processes never fight over it.
 */
function metricsEnv(name: string, env: Env) {
  const spec = serviceSpec(name);
  const grpcPort = env.GRPC_PORT?.trim();
  const catalogPorts = !grpcPort || grpcPort === String(spec.port);
  return { METRICS_PORT: envVar.port(catalogPorts ? spec.metricsPort : 0) };
}
