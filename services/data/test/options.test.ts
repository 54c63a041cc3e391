import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  cloudStoreOptions, createRedisClient, createScratchDatabase, dataOptionsFromEnv, openDataLayer, scratchKeyPrefix,
} from '@medgrade/data';
import { deleteKeys, REDIS_URL } from './support';

describe('data: configuration', () => {
  it('reads the plain variables and refuses a missing DATABASE_URL', () => {
    assert.throws(() => dataOptionsFromEnv({}), /DATABASE_URL is required/);
    const options = dataOptionsFromEnv({ DATABASE_URL: 'postgres://x@h/db', REDIS_URL: 'redis://r:6379', DATABASE_MIGRATE: 'false' });
    assert.equal(options.redisUrl, 'redis://r:6379');
    assert.equal(options.keyPrefix, 'medgrade:');
    assert.equal(options.migrate, false);
    assert.equal(options.passwordProvider, undefined);
    assert.throws(() => dataOptionsFromEnv({ DATABASE_URL: 'postgres://x@h/db', DATABASE_POOL_MAX: 'many' }), /DATABASE_POOL_MAX/);
  });

  it('wires RDS and ElastiCache IAM authentication from the platform variables', () => {
    const bundle = path.join(mkdtempSync(path.join(tmpdir(), 'medgrade-ca-')), 'rds.pem');
    writeFileSync(bundle, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const previous = process.env.RDS_CA_BUNDLE;
    process.env.RDS_CA_BUNDLE = bundle;
    try {
      const options = cloudStoreOptions({
        DB_AUTH: 'iam', DB_HOST: 'db.internal', DB_PORT: '5432', DB_USER: 'medgrade_app', DB_NAME: 'medgrade', AWS_REGION: 'eu-west-1',
        REDIS_AUTH: 'iam', REDIS_URL: 'rediss://cache.internal:6379', REDIS_USER: 'medgrade-app', REDIS_REPLICATION_GROUP_ID: 'medgrade',
      });
      assert.equal(typeof options.passwordProvider, 'function');
      assert.ok(options.poolConfig?.ssl && typeof options.poolConfig.ssl === 'object' && options.poolConfig.ssl.rejectUnauthorized);
      assert.ok((options.poolConfig?.maxLifetimeSeconds ?? 0) > 0);
      assert.equal(typeof options.redisFactory, 'function');
    } finally {
      if (previous === undefined) delete process.env.RDS_CA_BUNDLE;
      else process.env.RDS_CA_BUNDLE = previous;
    }
    assert.throws(() => cloudStoreOptions({ DB_AUTH: 'iam' }), /DB_AUTH=iam needs DB_HOST, DB_USER, DB_NAME, AWS_REGION/);
    assert.deepEqual(cloudStoreOptions({ DB_AUTH: 'password' }), {});
  });

  it('opens Redis connections through a factory when given one: commands and blocking queue reads', async () => {
    const scratch = await createScratchDatabase();
    const prefix = scratchKeyPrefix();
    const opened: boolean[] = [];
    const data = await openDataLayer({
      databaseUrl: scratch.url,
      redisUrl: REDIS_URL,
      keyPrefix: prefix,
      redisFactory: ({ blocking }) => {
        opened.push(blocking);
        return createRedisClient(REDIS_URL, blocking ? { commandTimeoutMs: null } : {});
      },
    });
    try {
      await data.batchQueue.enqueue([{ institutionId: 'i', jobId: 'j', itemId: 'x', userId: 'u', role: 'teacher' }]);
      const [entry] = await data.batchQueue.read('factory-test', 1, 100);
      assert.equal(entry?.body.itemId, 'x');
      assert.deepEqual(opened, [false, true]);
      assert.deepEqual(await data.health(), { postgres: true, redis: true });
    } finally {
      await data.close();
      await deleteKeys(prefix);
      await scratch.drop();
    }
  });
});
