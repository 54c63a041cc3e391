// Managed stores on AWS, configured by the platform ConfigMap: RDS with IAM tokens (DB_AUTH=iam)
// or a password (PGPASSWORD) over TLS verified against the RDS CA bundle (DB_SSL=true), and
// ElastiCache with IAM tokens (REDIS_AUTH=iam). The AWS code loads only when asked for.
import type { DataLayerOptions } from './options';
import { quietErrors, redisClientOptions } from './redis/client';

type CloudOptions = Pick<DataLayerOptions, 'passwordProvider' | 'poolConfig' | 'redisFactory'>;

function need(env: NodeJS.ProcessEnv, names: string[], why: string): void {
  const missing = names.filter((name) => !env[name]);
  if (missing.length) throw new Error(`${why} needs ${missing.join(', ')}`);
}

export function cloudStoreOptions(env: NodeJS.ProcessEnv = process.env): CloudOptions {
  const options: CloudOptions = {};
  if (env.DB_AUTH === 'iam') {
    need(env, ['DB_HOST', 'DB_USER', 'DB_NAME', 'AWS_REGION'], 'DB_AUTH=iam');
    const aws = require('@medgrade/kit/aws') as typeof import('@medgrade/kit/aws');
    const pool = aws.rdsIamPoolConfig({
      host: env.DB_HOST!, port: Number(env.DB_PORT ?? 5432), user: env.DB_USER!, database: env.DB_NAME!, region: env.AWS_REGION!,
    });
    options.passwordProvider = pool.password;
    options.poolConfig = { ssl: pool.ssl, maxLifetimeSeconds: pool.maxLifetimeSeconds };
  } else if (env.DB_SSL === 'true') {
    const aws = require('@medgrade/kit/aws') as typeof import('@medgrade/kit/aws');
    options.poolConfig = { ssl: aws.rdsTlsOptions() };
  }
  if (env.REDIS_AUTH === 'iam') {
    need(env, ['REDIS_URL', 'REDIS_USER', 'REDIS_REPLICATION_GROUP_ID', 'AWS_REGION'], 'REDIS_AUTH=iam');
    const aws = require('@medgrade/kit/aws') as typeof import('@medgrade/kit/aws');
    const url = new URL(env.REDIS_URL!);
    const credentials = aws.elasticacheCredentialProvider({
      userId: env.REDIS_USER!, replicationGroupId: env.REDIS_REPLICATION_GROUP_ID!, region: env.AWS_REGION!,
    });
    const tls = url.protocol === 'rediss:' || env.REDIS_TLS === 'true';
    options.redisFactory = ({ blocking }) => quietErrors(aws.createRedisWithCredentialProvider({
      host: url.hostname,
      port: Number(url.port || 6379),
      ...(tls ? { tls: { servername: url.hostname } } : {}),
      ...redisClientOptions(blocking ? { commandTimeoutMs: null } : {}),
    }, credentials));
  }
  return options;
}
