import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { createScratchDatabase, scratchKeyPrefix, type ScratchDatabase } from '@medgrade/data';
import { SERVICES, addressEnvOf, calleesFirst, createLogger, runService, type Logger, type RunningGrpcService, type ServiceModule } from '@medgrade/kit';
import { loadConfig } from '../../src/config';
import { startGateway, type RunningGateway } from '../../src/server';

// The real system for gateway tests: a scratch PostgreSQL database, a random Redis key
// prefix, every gRPC service of the catalog running in this process on an ephemeral
// loopback port, and the gateway on another. Started once per mocha run (first use) and
// stopped by a root hook.

const repoRoot = path.resolve(__dirname, '../../../..');
const logger = createLogger('gateway-test', 'silent');

export interface TestSystem {
  gateway: RunningGateway;
  url: string;
  databaseUrl: string;
  redisUrl: string;
  keyPrefix: string;
  /** Environment the gateway was configured from (tests start variants with overrides). */
  env: NodeJS.ProcessEnv;
  admin: { email: string; password: string };
  services: Map<string, RunningGrpcService>;
  /** Another gateway over the same stores and services, e.g. with tiny rate limits; silent unless given a logger. */
  startVariant(overrides: NodeJS.ProcessEnv, variantLogger?: Logger): Promise<RunningGateway>;
}

function serviceModule(name: string): ServiceModule<never> {
  const file = path.join(repoRoot, 'services', name, 'src', 'handlers');
  return (require(file) as { service: ServiceModule<never> }).service;
}

async function startServices(baseEnv: NodeJS.ProcessEnv): Promise<{ services: Map<string, RunningGrpcService>; addresses: NodeJS.ProcessEnv }> {
  const services = new Map<string, RunningGrpcService>();
  const addresses: NodeJS.ProcessEnv = {};
  // A service gets the addresses of the ones it calls, so those start first.
  for (const spec of calleesFirst(SERVICES.filter((s) => s.kind === 'grpc'))) {
    const running = await runService(spec.name, serviceModule(spec.name), {
      env: { ...baseEnv, ...addresses, GRPC_HOST: '127.0.0.1', GRPC_PORT: '0', LOG_LEVEL: 'silent' },
      handleSignals: false,
    });
    services.set(spec.name, running);
    addresses[addressEnvOf(spec)] = running.address;
  }
  return { services, addresses };
}

let started: Promise<TestSystem> | undefined;
const cleanups: (() => Promise<unknown>)[] = [];

export function testSystem(): Promise<TestSystem> {
  started ??= (async () => {
    const scratch: ScratchDatabase = await createScratchDatabase();
    cleanups.push(() => scratch.drop());
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const keyPrefix = scratchKeyPrefix();
    const storeEnv = { DATABASE_URL: scratch.url, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: keyPrefix };
    const { services, addresses } = await startServices(storeEnv);
    cleanups.unshift(() => Promise.all([...services.values()].map((s) => s.shutdown('test run over'))));
    const admin = { email: 'platform@test.medgrade.local', password: `pw-${randomBytes(9).toString('hex')}` };
    const env: NodeJS.ProcessEnv = {
      ...storeEnv,
      ...addresses,
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: '0',
      JWT_SECRET: randomBytes(32).toString('hex'),
      BOOTSTRAP_ADMIN_EMAIL: admin.email,
      BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      GATEWAY_RUN_WORKER: 'false',
      RATE_LIMIT_USER: '100000',
      RATE_LIMIT_INSTITUTION: '100000',
      RATE_LIMIT_LOGIN: '100000',
    };
    const startVariant = async (overrides: NodeJS.ProcessEnv, variantLogger = logger) => {
      const variantEnv = { ...env, ...overrides };
      const gateway = await startGateway({
        config: loadConfig(variantEnv),
        data: { databaseUrl: scratch.url, redisUrl, keyPrefix: variantEnv.REDIS_KEY_PREFIX ?? keyPrefix },
        logger: variantLogger,
      });
      cleanups.unshift(() => gateway.close(1000));
      return gateway;
    };
    const gateway = await startVariant({});
    return { gateway, url: gateway.url, databaseUrl: scratch.url, redisUrl, keyPrefix, env, admin, services, startVariant };
  })();
  return started;
}

after(async function stopTestSystem() {
  this.timeout(30_000);
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
