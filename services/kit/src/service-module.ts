import type { Env, EnvShape, z } from './config';
import type { Logger } from './log';
import type { HealthCheck } from './server';
import type { Implementations } from './services';

/** Configuration a service module receives: the common server variables plus its own. */
export type ServiceEnv<S extends EnvShape> = { [K in keyof S]: z.output<S[K]> };

export interface ServiceContext<S extends EnvShape> {
  env: ServiceEnv<S>;
  logger: Logger;
}

/**
 * What a service folder contributes (src/handlers.ts): its own environment variables and
 * the handlers; kit does the rest (config validation, server, health, reflection, shutdown).
 */
export interface ServiceModule<S extends EnvShape = EnvShape> {
  env?: S;
  implementations(context: ServiceContext<S>): Implementations | Promise<Implementations>;
  healthChecks?(context: ServiceContext<S>): Record<string, HealthCheck>;
  /** Close what implementations opened (clients, pools). */
  onShutdown?(): Promise<void>;
}

/** Identity with inference, so a module's handlers see its typed env. */
export function defineService<S extends EnvShape>(module: ServiceModule<S>): ServiceModule<S> {
  return module;
}

export interface RunOptions {
  /** Environment to read (defaults to process.env). */
  env?: Env;
  /** Whether SIGTERM/SIGINT shut the process down (default true; in-process tests pass false). */
  handleSignals?: boolean;
  /** Called last during shutdown (telemetry flush). */
  onShutdown?: () => Promise<void>;
}
