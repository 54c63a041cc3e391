import { startTelemetry } from '@medgrade/kit/telemetry';

// Process entry point. Telemetry starts first so its instrumentations patch http, express,
// grpc, pg and ioredis as they load; everything else is required after it.
const telemetry = startTelemetry('gateway');

/* eslint-disable @typescript-eslint/no-require-imports */
const { CONFIG_EXIT_CODE, ConfigError, createLogger } = require('@medgrade/kit') as typeof import('@medgrade/kit');
const { dataOptionsFromEnv } = require('@medgrade/data') as typeof import('@medgrade/data');
const { loadConfig } = require('./config') as typeof import('./config');
const { BootstrapRefused } = require('./bootstrap') as typeof import('./bootstrap');
const { startGateway } = require('./server') as typeof import('./server');
const { startInProcessWorker } = require('./in-process-worker') as typeof import('./in-process-worker');

/** The gateway's and the data layer's settings; a bad value exits 78 with the kit's message. */
function configFromEnv() {
  try {
    return { config: loadConfig(), dataOptions: dataOptionsFromEnv() };
  } catch (err) {
    // The data layer reports its variables with plain errors: word them like the others.
    const problem = err instanceof ConfigError ? err : new ConfigError('gateway', [(err as Error).message]);
    process.stderr.write(`${problem.message}\n`);
    process.exit(CONFIG_EXIT_CODE);
  }
}

const { config, dataOptions } = configFromEnv();
const logger = createLogger('gateway', config.logLevel);

async function main(): Promise<void> {
  const gateway = await startGateway({ config, data: dataOptions, logger });
  if (gateway.bootstrap.generatedPassword) {
    // Local mode only: the one place a password is shown, on the terminal, never in logs.
    process.stderr.write(`\nmedgrade: created the first admin ${gateway.bootstrap.email} with password ${gateway.bootstrap.generatedPassword}\n\n`);
  }
  const worker = config.inProcessWorker ? startInProcessWorker(gateway.deps, logger) : null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await worker?.stop();
    await gateway.close(config.shutdownGraceMs);
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: Error) => {
  const refused = err instanceof BootstrapRefused;
  process.stderr.write(`medgrade-gateway: ${refused ? '' : 'failed to start: '}${err.message}\n`);
  process.exit(refused ? CONFIG_EXIT_CODE : 1);
});
