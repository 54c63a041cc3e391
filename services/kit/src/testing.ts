import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import type { Env, EnvShape } from './config';
import { runService } from './run';
import type { RunningGrpcService } from './server';
import type { ServiceModule } from './service-module';

// Helpers for tests that run real gRPC servers on loopback (imported as @medgrade/kit/testing).

/** Environment of a service under test: ephemeral loopback port, quiet logs, short drain. */
export function testEnv(extra: Env = {}): Env {
  return { GRPC_HOST: '127.0.0.1', GRPC_PORT: '0', LOG_LEVEL: 'silent', SHUTDOWN_GRACE_MS: '2000', ...extra };
}

/** Starts a service module in this process; stop it with `shutdown()`. */
export function startTestService<S extends EnvShape>(name: string, module: ServiceModule<S>, extraEnv: Env = {}): Promise<RunningGrpcService> {
  return runService(name, module, { env: testEnv(extraEnv), handleSignals: false });
}

interface HealthClient extends grpc.Client {
  Check(request: { service: string }, options: grpc.CallOptions, callback: grpc.requestCallback<{ status: string }>): void;
}

interface ReflectionClient extends grpc.Client {
  ServerReflectionInfo(options: grpc.CallOptions): grpc.ClientDuplexStream<object, object>;
}

type ClientConstructor<T> = new (...args: ConstructorParameters<typeof grpc.Client>) => T;

function loadClientConstructor<T>(file: string, includeDirs: string[], servicePath: string): ClientConstructor<T> {
  const definition = protoLoader.loadSync(file, { keepCase: true, defaults: true, enums: String, includeDirs });
  let node: unknown = grpc.loadPackageDefinition(definition);
  for (const part of servicePath.split('.')) node = (node as Record<string, unknown>)[part];
  return node as ClientConstructor<T>;
}

/** grpc.health.v1 Check of one service name ("" for the whole server): SERVING, NOT_SERVING, or the error code name. */
export function checkHealth(address: string, service: string, deadlineMs = 3_000): Promise<string> {
  const Health = loadClientConstructor<HealthClient>(healthProtoPath, [], 'grpc.health.v1.Health');
  const client = new Health(address, grpc.credentials.createInsecure());
  return new Promise((resolve) => {
    client.Check({ service }, { deadline: Date.now() + deadlineMs }, (error, response) => {
      client.close();
      resolve(error ? grpc.status[error.code] ?? String(error.code) : response!.status);
    });
  });
}

/** The service names a server lists through server reflection (grpc.reflection.v1). */
export function listReflectedServices(address: string): Promise<string[]> {
  const reflectionProtoDir = path.join(path.dirname(require.resolve('@grpc/reflection/package.json')), 'build', 'proto');
  const Reflection = loadClientConstructor<ReflectionClient>(
    'grpc/reflection/v1/reflection.proto',
    [reflectionProtoDir],
    'grpc.reflection.v1.ServerReflection',
  );
  const client = new Reflection(address, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) => {
    const stream = client.ServerReflectionInfo({ deadline: Date.now() + 5_000 });
    stream.on('data', (response: { list_services_response?: { service: { name: string }[] } }) => {
      resolve((response.list_services_response?.service ?? []).map((s) => s.name).sort());
      stream.end();
      client.close();
    });
    stream.on('error', reject);
    stream.write({ list_services: '' });
  });
}
