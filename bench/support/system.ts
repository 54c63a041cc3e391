// The whole system in this process, for benchmarks that count what one grading costs:
// every gRPC service of the catalog on an ephemeral loopback port, the gateway on another,
// a scratch PostgreSQL database and a scratch Redis key prefix (real servers, from
// DATABASE_URL / REDIS_URL), and the demo institution, users and approved rubrics seeded
// through the REST API as `npm start` seeds them.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createScratchDatabase, scratchKeyPrefix } from '../../services/data/src/index';
import { SERVICES, addressEnvOf, calleesFirst, createLogger, runService, type RunningGrpcService, type ServiceModule } from '../../services/kit/src/index';
import { loadConfig } from '../../services/gateway/src/config';
import { startGateway, type RunningGateway } from '../../services/gateway/src/server';
import { ApiClient, DEMO_DIR, loadOrCreateCredentials, seedDemo } from '../../scripts/src/local/seed';

const repoRoot = path.resolve(__dirname, '../..');

export interface InProcessSystem {
  gateway: RunningGateway;
  /** A teacher of the demo institution, logged in. */
  teacher: ApiClient;
  /** POST /api/v1/gradings body: the demo abdominal-pain transcript against demo_abdominal_pain. */
  gradingRequest: { rubric_id: string; oral_transcript: string; style: string };
  databaseUrl: string;
  stop(): Promise<void>;
}

function serviceModule(name: string): ServiceModule<never> {
  return (require(path.join(repoRoot, 'services', name, 'src', 'handlers')) as { service: ServiceModule<never> }).service;
}

export async function startInProcessSystem(logLevel: string): Promise<InProcessSystem> {
  const scratch = await createScratchDatabase();
  const storeEnv = { DATABASE_URL: scratch.url, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: scratchKeyPrefix() };
  const services: RunningGrpcService[] = [];
  const addresses: NodeJS.ProcessEnv = {};
  // A service gets the addresses of the ones it calls, so those start first.
  for (const spec of calleesFirst(SERVICES.filter((s) => s.kind === 'grpc'))) {
    const running = await runService(spec.name, serviceModule(spec.name), {
      env: { ...storeEnv, ...addresses, GRPC_HOST: '127.0.0.1', GRPC_PORT: '0', LOG_LEVEL: logLevel },
      handleSignals: false,
    });
    services.push(running);
    addresses[addressEnvOf(spec)] = running.address;
  }
  const credentialsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'medgrade-bench-'));
  const credentials = loadOrCreateCredentials(credentialsDir);
  const env = {
    ...storeEnv,
    ...addresses,
    GATEWAY_HOST: '127.0.0.1',
    GATEWAY_PORT: '0',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
    BOOTSTRAP_ADMIN_EMAIL: credentials.platformAdmin.email,
    BOOTSTRAP_ADMIN_PASSWORD: credentials.platformAdmin.password,
    GATEWAY_RUN_WORKER: 'false',
    RATE_LIMIT_USER: '100000000',
    RATE_LIMIT_INSTITUTION: '100000000',
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    LOG_LEVEL: logLevel,
  };
  const gateway = await startGateway({
    config: loadConfig(env),
    data: { databaseUrl: scratch.url, redisUrl: storeEnv.REDIS_URL, keyPrefix: storeEnv.REDIS_KEY_PREFIX },
    logger: createLogger('gateway', logLevel),
  });
  await seedDemo(gateway.url, credentials);
  const teacherCredential = credentials.users.find((u) => u.role === 'teacher')!;
  const teacher = await ApiClient.login(gateway.url, teacherCredential.email, teacherCredential.password);
  if (!teacher) throw new Error('the demo teacher cannot log in');
  const transcript = fs.readFileSync(path.join(DEMO_DIR, 'abdominal_pain_transcript.txt'), 'utf8');
  return {
    gateway,
    teacher,
    gradingRequest: { rubric_id: 'demo_abdominal_pain', oral_transcript: transcript, style: 'constructive' },
    databaseUrl: scratch.url,
    async stop() {
      await gateway.close(1000);
      await Promise.all(services.map((s) => s.shutdown('benchmark over')));
      await scratch.drop();
      fs.rmSync(credentialsDir, { recursive: true, force: true });
    },
  };
}
