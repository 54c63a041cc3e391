// ElastiCache IAM authentication: the password is a SigV4-presigned "connect" request for
// the user and replication group, valid for 15 minutes, checked only when a connection
// authenticates. The client (redis.ts) asks for a fresh one on every connect.
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { AwsCredentialSource, presign } from './presign';
import type { RedisCredentialProvider } from './redis';

/** ElastiCache refuses tokens valid for longer. */
export const ELASTICACHE_TOKEN_TTL_SECONDS = 900;

export interface ElastiCacheTokenInput {
  /** The IAM-enabled ElastiCache user; its id and name are the same string. */
  userId: string;
  replicationGroupId: string;
  region: string;
  credentials: AwsCredentialSource;
  now?: Date;
}

export async function elasticacheIamToken(input: ElastiCacheTokenInput): Promise<string> {
  if (!input.userId || !input.replicationGroupId || !input.region) {
    throw new Error('elasticacheIamToken needs userId, replicationGroupId and region');
  }
  return presign({
    service: 'elasticache',
    region: input.region,
    hostname: input.replicationGroupId,
    query: { Action: 'connect', User: input.userId },
    credentials: input.credentials,
    expiresInSeconds: ELASTICACHE_TOKEN_TTL_SECONDS,
    now: input.now,
  });
}

export interface ElastiCacheIamOptions {
  userId: string;
  replicationGroupId: string;
  region: string;
  /** Defaults to the SDK chain, which picks up the IRSA web identity token in a pod. */
  credentials?: AwsCredentialSource;
}

/** Credential provider for createRedisWithCredentialProvider: user id plus a fresh token. */
export function elasticacheCredentialProvider(options: ElastiCacheIamOptions): RedisCredentialProvider {
  const credentials = options.credentials ?? fromNodeProviderChain();
  return async () => ({
    username: options.userId,
    password: await elasticacheIamToken({ ...options, credentials }),
  });
}
