import type { EnvShape } from './config';
import type { ServiceModule } from './service-module';
import { startTelemetry } from './telemetry';

// Entry point of every gRPC service process (services/<name>/src/main.ts). Tracing must
// patch @grpc/grpc-js before anything loads it, so this file imports only the telemetry
// module and requires the server code and the service's handlers afterwards.

/** Starts telemetry, then the service; a configuration error exits with CONFIG_EXIT_CODE. */
export function launch<S extends EnvShape>(name: string, loadModule: () => ServiceModule<S>): void {
  const telemetry = startTelemetry(name);
  const { runService } = require('./run') as typeof import('./run');
  const { ConfigError, CONFIG_EXIT_CODE } = require('./config') as typeof import('./config');
  runService(name, loadModule(), { onShutdown: () => telemetry.shutdown() }).catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(CONFIG_EXIT_CODE);
    }
    process.stderr.write(`medgrade-${name}: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
