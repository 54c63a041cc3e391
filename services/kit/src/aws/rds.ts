// PostgreSQL on RDS with IAM database authentication: no password exists anywhere; each new
// connection presents a 15-minute token signed with the pod's IRSA credentials, over TLS
// that verifies the RDS certificate authority bundle shipped inside the image.
import { Signer } from '@aws-sdk/rds-signer';
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { AwsCredentialSource } from './presign';

export interface RdsIamTarget {
  host: string;
  port: number;
  /** Database login created WITH LOGIN and granted rds_iam (docs/aws.md, one-time step). */
  user: string;
  region: string;
  /** Defaults to the SDK chain, which picks up the IRSA web identity token in a pod. */
  credentials?: AwsCredentialSource;
}

/**
 * For pg's `password` option, which accepts a function called for every new connection:
 * each call signs a fresh token locally (no network round trip).
 */
export function rdsIamPasswordProvider(target: RdsIamTarget): () => Promise<string> {
  for (const key of ['host', 'user', 'region'] as const) {
    if (!target[key]) throw new Error(`rdsIamPasswordProvider needs ${key}`);
  }
  const signer = new Signer({
    hostname: target.host,
    port: target.port,
    username: target.user,
    region: target.region,
    ...(target.credentials ? { credentials: target.credentials } : {}),
  });
  return () => signer.getAuthToken();
}

/**
 * Where the image carries the RDS CA bundle (the regional or global "rds-ca" PEM file from
 * AWS). The Dockerfile copies it here; RDS_CA_BUNDLE overrides the path.
 */
export const DEFAULT_RDS_CA_BUNDLE = '/etc/ssl/certs/rds-global-bundle.pem';

/** TLS options for pg's `ssl`: verify the server against the RDS CA bundle only. */
export function rdsTlsOptions(caBundlePath: string = process.env.RDS_CA_BUNDLE ?? DEFAULT_RDS_CA_BUNDLE): ConnectionOptions {
  let ca: string;
  try {
    ca = readFileSync(caBundlePath, 'utf8');
  } catch (error) {
    throw new Error(`RDS CA bundle not readable at ${caBundlePath} (set RDS_CA_BUNDLE): ${(error as Error).message}`);
  }
  if (!ca.includes('BEGIN CERTIFICATE')) throw new Error(`${caBundlePath} holds no PEM certificate`);
  return { ca, rejectUnauthorized: true };
}

/**
 * Pool recycling. A token is only checked when a connection opens, so an open connection
 * outlives its token without harm; recycling every 14 minutes keeps every connection's
 * authentication younger than one token lifetime, spreads reconnects over time (RDS limits
 * IAM logins per second) and moves the pool to a new primary soon after a failover.
 */
export const RDS_IAM_POOL_MAX_LIFETIME_SECONDS = 14 * 60;

export interface RdsIamPoolConfig {
  host: string;
  port: number;
  user: string;
  database: string;
  password: () => Promise<string>;
  ssl: ConnectionOptions;
  maxLifetimeSeconds: number;
}

/** The pg Pool settings for DB_AUTH=iam in one place. */
export function rdsIamPoolConfig(target: RdsIamTarget & { database: string; caBundlePath?: string }): RdsIamPoolConfig {
  return {
    host: target.host,
    port: target.port,
    user: target.user,
    database: target.database,
    password: rdsIamPasswordProvider(target),
    ssl: rdsTlsOptions(target.caBundlePath),
    maxLifetimeSeconds: RDS_IAM_POOL_MAX_LIFETIME_SECONDS,
  };
}
