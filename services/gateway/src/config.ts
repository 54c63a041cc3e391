import { SERVICES, addressEnvOf, serviceSpec } from '@medgrade/kit';

// Gateway configuration, read from the environment once at start-up. A missing or malformed
// value stops the process with a message naming the variable; nothing is guessed silently.

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
  version: string;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

export function modeFromEnv(env: NodeJS.ProcessEnv): Mode {
  return env.MEDGRADE_MODE === 'production' || env.NODE_ENV === 'production' ? 'production' : 'local';
}

function addresses(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {};
  for (const spec of SERVICES) {
    if (spec.kind === 'gateway') continue;
    const value = env[addressEnvOf(spec)] || `127.0.0.1:${spec.port}`;
    // dns:///host:port is how the Kubernetes ConfigMap names the headless Services.
    if (!/^(?:dns:\/\/\/)?[^\s:/]+:\d+$/.test(value)) throw new ConfigError(`${addressEnvOf(spec)} must be host:port or dns:///host:port, got "${value}"`);
    result[spec.name] = value;
  }
  return result;
}

function signing(env: NodeJS.ProcessEnv): SigningKeyConfig {
  const secret = env.JWT_SECRET || undefined;
  const privateKeyPem = env.JWT_PRIVATE_KEY || undefined;
  if (secret && privateKeyPem) throw new ConfigError('set JWT_SECRET or JWT_PRIVATE_KEY, not both');
  if (secret && Buffer.byteLength(secret) < 32) throw new ConfigError('JWT_SECRET must be at least 32 bytes');
  if (privateKeyPem && !privateKeyPem.includes('PRIVATE KEY')) throw new ConfigError('JWT_PRIVATE_KEY must be a PKCS#8 PEM Ed25519 key');
  if (!secret && !privateKeyPem) {
    throw new ConfigError('JWT_SECRET (HS256, >= 32 bytes) or JWT_PRIVATE_KEY (Ed25519 PKCS#8 PEM) is required');
  }
  return { secret, privateKeyPem };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const mode = modeFromEnv(env);
  const email = env.BOOTSTRAP_ADMIN_EMAIL || undefined;
  const password = env.BOOTSTRAP_ADMIN_PASSWORD || undefined;
  if (Boolean(email) !== Boolean(password)) {
    throw new ConfigError('set both BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD, or neither');
  }
  if (password && password.length < 12) throw new ConfigError('BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters');
  const inProcessWorker = env.GATEWAY_RUN_WORKER ? env.GATEWAY_RUN_WORKER === 'true' : !env.REDIS_URL;
  return {
    mode,
    host: env.GATEWAY_HOST || '0.0.0.0',
    port: integer(env, 'GATEWAY_PORT', serviceSpec('gateway').port, 0),
    signing: signing(env),
    accessTokenTtlSeconds: integer(env, 'ACCESS_TOKEN_TTL_SECONDS', 900),
    refreshTokenTtlSeconds: integer(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 24 * 3600),
    rateLimits: {
      userPerWindow: integer(env, 'RATE_LIMIT_USER', 120),
      institutionPerWindow: integer(env, 'RATE_LIMIT_INSTITUTION', 2000),
      loginPerWindow: integer(env, 'RATE_LIMIT_LOGIN', 20),
      windowSeconds: integer(env, 'RATE_LIMIT_WINDOW_SECONDS', 60),
    },
    maxTranscriptLines: integer(env, 'MAX_TRANSCRIPT_LINES', 5000),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_BYTES', 1024 * 1024),
    grpcDeadlineMs: integer(env, 'GRPC_DEADLINE_MS', 10000),
    addresses: addresses(env),
    bootstrap: { email, password, institutionName: env.BOOTSTRAP_INSTITUTION_NAME || 'Default institution' },
    inProcessWorker,
    version: env.MEDGRADE_VERSION || '0.1.0',
  };
}
