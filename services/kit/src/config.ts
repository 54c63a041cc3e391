import { z } from 'zod';
import { addressEnvOf, serviceSpec } from './catalog';

// Configuration comes from the environment and is validated once, at start-up. A process
// with a missing or malformed value must not start half-configured: loadConfig prints every
// problem at once (names only, never values, which may be secrets) and exits with EX_CONFIG.

export { z };

/** sysexits.h EX_CONFIG: the process stopped because its configuration is wrong. */
export const CONFIG_EXIT_CODE = 78;

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly service: string, readonly problems: string[]) {
    super(`medgrade-${service}: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** An unset or blank variable means "use the default". */
function isUnset(raw: string | undefined): raw is undefined {
  return raw === undefined || raw.trim() === '';
}

const GRPC_TARGET = /^(dns|ipv4|ipv6|unix|unix-abstract|xds):\S+$/;
const HOST_PORT = /^([^\s:/[\]]+|\[[0-9a-f:.]+\]):\d{1,5}$/i;

/** Builders for single variables. Each yields its default when the variable is unset. */
export const envVar = {
  integer(options: { default: number; min: number; max?: number }) {
    const max = options.max ?? Number.MAX_SAFE_INTEGER;
    return z.string().optional().transform((raw, ctx) => {
      if (isUnset(raw)) return options.default;
      const value = raw.trim();
      if (!/^-?\d+$/.test(value)) {
        ctx.addIssue({ code: 'custom', message: 'must be a whole number' });
        return z.NEVER;
      }
      const number = Number(value);
      if (number < options.min || number > max) {
        ctx.addIssue({ code: 'custom', message: `must be between ${options.min} and ${max}` });
        return z.NEVER;
      }
      return number;
    });
  },
  port(defaultPort: number) {
    return envVar.integer({ default: defaultPort, min: 0, max: 65535 });
  },
  durationMs(defaultMs: number) {
    return envVar.integer({ default: defaultMs, min: 0, max: 24 * 3600 * 1000 });
  },
  text(defaultValue: string) {
    return z.string().optional().transform((raw) => (isUnset(raw) ? defaultValue : raw.trim()));
  },
  /** A variable that must be set. */
  required() {
    return z.string({ error: 'is required' }).trim().min(1, { error: 'is required' });
  },
  oneOf<const T extends readonly [string, ...string[]]>(values: T, defaultValue: T[number]) {
    return z.string().optional().transform((raw, ctx): T[number] => {
      if (isUnset(raw)) return defaultValue;
      const value = raw.trim();
      if (!(values as readonly string[]).includes(value)) {
        ctx.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')}` });
        return z.NEVER;
      }
      return value;
    });
  },
  /** host:port, or a gRPC target with a scheme (dns:///host:port, ipv4:a:p,b:p, unix:path). */
  address(defaultValue: string) {
    return z.string().optional().transform((raw, ctx) => {
      if (isUnset(raw)) return defaultValue;
      const value = raw.trim();
      if (!GRPC_TARGET.test(value) && !HOST_PORT.test(value)) {
        ctx.addIssue({ code: 'custom', message: 'must be host:port or a gRPC target such as dns:///host:port' });
        return z.NEVER;
      }
      return value;
    });
  },
};

export type EnvShape = Record<string, z.ZodType<unknown, string | undefined>>;

/** Validates `env` against the variables in `shape`; throws ConfigError naming every problem. */
export function parseEnv<S extends EnvShape>(service: string, shape: S, env: Env = process.env): { [K in keyof S]: z.output<S[K]> } {
  const result = z.object(shape).safeParse(pick(env, Object.keys(shape)));
  if (result.success) return result.data as { [K in keyof S]: z.output<S[K]> };
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'} ${issue.message}`);
  throw new ConfigError(service, problems);
}

function pick(env: Env, names: string[]): Env {
  return Object.fromEntries(names.map((name) => [name, env[name]]));
}

/** parseEnv for a process entry point: on error, print the problems and exit with CONFIG_EXIT_CODE. */
export function loadConfig<S extends EnvShape>(service: string, shape: S, env: Env = process.env): { [K in keyof S]: z.output<S[K]> } {
  try {
    return parseEnv(service, shape, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(CONFIG_EXIT_CODE);
  }
}

// ---------------------------------------------------------------- shared variable sets

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every gRPC server process: where it listens, how long it drains, how old a connection may get. */
export function grpcServerEnv(serviceName: string) {
  return {
    LOG_LEVEL: envVar.oneOf(LOG_LEVELS, 'info'),
    GRPC_HOST: envVar.text('0.0.0.0'),
    GRPC_PORT: envVar.port(serviceSpec(serviceName).port),
    SHUTDOWN_GRACE_MS: envVar.durationMs(10_000),
    SHUTDOWN_DRAIN_DELAY_MS: envVar.durationMs(0),
    GRPC_MAX_CONNECTION_AGE_MS: envVar.durationMs(30_000),
    GRPC_MAX_CONNECTION_AGE_GRACE_MS: envVar.durationMs(10_000),
    HEALTH_CHECK_INTERVAL_MS: envVar.integer({ default: 5_000, min: 10 }),
  };
}

/** Every process that calls gRPC services: deadline and retry budget per call. */
export function grpcClientEnv() {
  return {
    GRPC_CALL_DEADLINE_MS: envVar.integer({ default: 5_000, min: 1 }),
    GRPC_RETRY_MAX_ATTEMPTS: envVar.integer({ default: 5, min: 1, max: 10 }),
    GRPC_RETRY_INITIAL_BACKOFF_MS: envVar.integer({ default: 200, min: 1 }),
    GRPC_RETRY_MAX_BACKOFF_MS: envVar.integer({ default: 2_000, min: 1 }),
  };
}

type SnakeCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}_${SnakeCase<Tail>}` : S;
/** The catalog's address variable of a service: question-matching → QUESTION_MATCHING_ADDR. */
export type AddressVariable<N extends string> = `${Uppercase<SnakeCase<N>>}_ADDR`;

/** The address variable of each named catalog process (see addressEnvOf), defaulting to its local port. */
export function addressEnv<const N extends string>(serviceNames: readonly N[]) {
  return Object.fromEntries(
    serviceNames.map((name) => {
      const spec = serviceSpec(name);
      return [addressEnvOf(spec), envVar.address(`127.0.0.1:${spec.port}`)];
    }),
  ) as { [K in N as AddressVariable<K>]: ReturnType<typeof envVar.address> };
}

export type GrpcServerEnv = { [K in keyof ReturnType<typeof grpcServerEnv>]: z.output<ReturnType<typeof grpcServerEnv>[K]> };
export type GrpcClientEnv = { [K in keyof ReturnType<typeof grpcClientEnv>]: z.output<ReturnType<typeof grpcClientEnv>[K]> };
