import * as path from 'node:path';
import {
  ConfigError, LOG_LEVELS, SERVICES, addressEnv, addressEnvOf, envVar, parseEnv, serviceSpec, z, type Env,
} from '@medgrade/kit';

// Gateway configuration, read from the environment once at start-up with the kit's typed
// variables, like every other process: a missing or malformed value is a ConfigError naming
// the variable (never its value), which stops the process with exit code 78.

export type Mode = 'local' | 'production';

export interface SigningKeyConfig {
  /** HS256 shared secret (JWT_SECRET, at least 32 bytes) ... */
  secret?: string;
  /** ... or an Ed25519 private key in PKCS#8 PEM (JWT_PRIVATE_KEY) for EdDSA. */
  privateKeyPem?: string;
}

export interface RateLimitConfig {
  userPerWindow: number;
  institutionPerWindow: number;
  loginPerWindow: number;
  windowSeconds: number;
}

export interface GatewayConfig {
  mode: Mode;
  logLevel: (typeof LOG_LEVELS)[number];
  host: string;
  port: number;
  signing: SigningKeyConfig;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  rateLimits: RateLimitConfig;
  maxTranscriptLines: number;
  bodyLimitBytes: number;
  grpcDeadlineMs: number;
  /** host:port of every gRPC process in the catalog, by service name. */
  addresses: Record<string, string>;
  bootstrap: { email?: string; password?: string; institutionName: string };
  /** Run the batch worker loop inside this process (in-process queue: no REDIS_URL). */
  inProcessWorker: boolean;
  /** After SIGTERM, how long in-flight requests may take. */
  shutdownGraceMs: number;
  version: string;
  /** The built web app the gateway serves at / (services/web/dist by default). */
  webDistDir: string;
}

/**
 * A value taken exactly as given, untrimmed (a secret or password may begin or end with a
 * space); unset or blank means absent. `rule` rejects a value that is present but unusable.
 */
function verbatim(rule?: { accepts: (value: string) => boolean; message: string }) {
  return z.string().optional().transform((raw, ctx) => {
    if (raw === undefined || raw.trim() === '') return undefined;
    if (rule && !rule.accepts(raw)) {
      ctx.addIssue({ code: 'custom', message: rule.message });
      return z.NEVER;
    }
    return raw;
  });
}

/** Where the built web app is, unless WEB_DIST_DIR says otherwise (the same place seen from src/ and dist/). */
export const DEFAULT_WEB_DIST = path.resolve(__dirname, '../../web/dist');

const positive = (defaultValue: number) => envVar.integer({ default: defaultValue, min: 1 });
const UPSTREAMS = SERVICES.filter((spec) => spec.kind !== 'gateway');

const gatewayEnv = {
  /** Production mode when MEDGRADE_MODE or NODE_ENV says production. */
  MEDGRADE_MODE: envVar.oneOf(['local', 'production'], 'local'),
  NODE_ENV: envVar.text(''),
  LOG_LEVEL: envVar.oneOf(LOG_LEVELS, 'info'),
  GATEWAY_HOST: envVar.text('0.0.0.0'),
  GATEWAY_PORT: envVar.port(serviceSpec('gateway').port),
  JWT_SECRET: verbatim({ accepts: (value) => Buffer.byteLength(value) >= 32, message: 'must be at least 32 bytes' }),
  JWT_PRIVATE_KEY: verbatim({ accepts: (value) => value.includes('PRIVATE KEY'), message: 'must be an Ed25519 private key in PKCS#8 PEM' }),
  ACCESS_TOKEN_TTL_SECONDS: positive(900),
  REFRESH_TOKEN_TTL_SECONDS: positive(30 * 24 * 3600),
  RATE_LIMIT_USER: positive(120),
  RATE_LIMIT_INSTITUTION: positive(2000),
  RATE_LIMIT_LOGIN: positive(20),
  RATE_LIMIT_WINDOW_SECONDS: positive(60),
  MAX_TRANSCRIPT_LINES: positive(5000),
  BODY_LIMIT_BYTES: positive(1024 * 1024),
  GRPC_DEADLINE_MS: positive(10_000),
  ...addressEnv(UPSTREAMS.map((spec) => spec.name)),
  BOOTSTRAP_ADMIN_EMAIL: verbatim(),
  BOOTSTRAP_ADMIN_PASSWORD: verbatim({ accepts: (value) => value.length >= 12, message: 'must be at least 12 characters' }),
  BOOTSTRAP_INSTITUTION_NAME: envVar.text('Default institution'),
  /** auto: run it exactly when there is no Redis, whose queue a separate worker would read. */
  GATEWAY_RUN_WORKER: envVar.oneOf(['true', 'false', 'auto'], 'auto'),
  REDIS_URL: envVar.text(''),
  SHUTDOWN_GRACE_MS: envVar.durationMs(10_000),
  MEDGRADE_VERSION: envVar.text('0.1.0'),
  WEB_DIST_DIR: envVar.text(DEFAULT_WEB_DIST),
};

type GatewayEnv = ReturnType<typeof parseEnv<typeof gatewayEnv>>;

/** Rules between variables, checked once each variable is valid on its own. */
function combinationProblems(env: GatewayEnv): string[] {
  const problems: string[] = [];
  if (env.JWT_SECRET && env.JWT_PRIVATE_KEY) problems.push('JWT_SECRET and JWT_PRIVATE_KEY are both set; set one');
  if (!env.JWT_SECRET && !env.JWT_PRIVATE_KEY) {
    problems.push('JWT_SECRET (HS256, at least 32 bytes) or JWT_PRIVATE_KEY (Ed25519 PKCS#8 PEM) is required');
  }
  if (Boolean(env.BOOTSTRAP_ADMIN_EMAIL) !== Boolean(env.BOOTSTRAP_ADMIN_PASSWORD)) {
    problems.push('BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD must be set both or neither');
  }
  return problems;
}

/** Each upstream's address by service name, from its NAME_ADDR variable. */
function addressesOf(env: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(UPSTREAMS.map((spec) => [spec.name, String(env[addressEnvOf(spec)])]));
}

/** Validates the gateway's environment; throws ConfigError naming every problem. */
export function loadConfig(source: Env = process.env): GatewayConfig {
  const env = parseEnv('gateway', gatewayEnv, source);
  const problems = combinationProblems(env);
  if (problems.length > 0) throw new ConfigError('gateway', problems);
  return {
    mode: env.MEDGRADE_MODE === 'production' || env.NODE_ENV === 'production' ? 'production' : 'local',
    logLevel: env.LOG_LEVEL,
    host: env.GATEWAY_HOST,
    port: env.GATEWAY_PORT,
    signing: { secret: env.JWT_SECRET, privateKeyPem: env.JWT_PRIVATE_KEY },
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
    rateLimits: {
      userPerWindow: env.RATE_LIMIT_USER,
      institutionPerWindow: env.RATE_LIMIT_INSTITUTION,
      loginPerWindow: env.RATE_LIMIT_LOGIN,
      windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
    },
    maxTranscriptLines: env.MAX_TRANSCRIPT_LINES,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    grpcDeadlineMs: env.GRPC_DEADLINE_MS,
    addresses: addressesOf(env),
    bootstrap: { email: env.BOOTSTRAP_ADMIN_EMAIL, password: env.BOOTSTRAP_ADMIN_PASSWORD, institutionName: env.BOOTSTRAP_INSTITUTION_NAME },
    inProcessWorker: env.GATEWAY_RUN_WORKER === 'auto' ? !env.REDIS_URL : env.GATEWAY_RUN_WORKER === 'true',
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    version: env.MEDGRADE_VERSION,
    webDistDir: env.WEB_DIST_DIR,
  };
}
