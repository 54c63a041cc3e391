import { serviceSpec } from './catalog';
import { grpcServerEnv, parseEnv, type EnvShape } from './config';
import { createLogger } from './log';
import { serverMetricsInterceptor } from './metrics';
import { grpcServerConfig, startGrpcService, type RunningGrpcService } from './server';
import type { RunOptions, ServiceContext, ServiceModule } from './service-module';

/** Validates the configuration, builds the handlers and starts the gRPC server of one catalog service. */
export async function runService<S extends EnvShape>(
  name: string,
  module: ServiceModule<S>,
  options: RunOptions = {},
): Promise<RunningGrpcService> {
  const spec = serviceSpec(name);
  const env = parseEnv(name, { ...grpcServerEnv(name), ...module.env }, options.env ?? process.env);
  const logger = createLogger(name, env.LOG_LEVEL);
  const context = { env, logger } as unknown as ServiceContext<S>;
  return startGrpcService({
    spec,
    implementations: await module.implementations(context),
    healthChecks: module.healthChecks?.(context),
    logger,
    config: grpcServerConfig(env),
    interceptors: [serverMetricsInterceptor(name)],
    handleSignals: options.handleSignals ?? true,
    onShutdown: async () => {
      await module.onShutdown?.();
      await options.onShutdown?.();
    },
  });
}
