import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import Redis from 'ioredis';
import { createRedisWithCredentialProvider, RedisCredentials } from '../src/aws';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Counts the client's 'ready' events (each one is a freshly authenticated connection) from now on. */
function readyCount(redis: Redis): () => number {
  let count = 0;
  redis.on('ready', () => { count += 1; });
  return () => count;
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  assert.fail(`gave up waiting for ${what}`);
}

describe('Redis client with a credential provider (real Redis)', function () {
  this.timeout(20_000);
  const suffix = randomBytes(6).toString('hex');
  const user = `mgtest_${suffix}`;
  const prefix = `mgtest:${suffix}:`;
  let admin: Redis;
  let client: Redis | undefined;
  let current: RedisCredentials;
  const handedOut: string[] = [];
  const provider = async () => { handedOut.push(current.password); return { ...current }; };

  before(async () => {
    admin = new Redis(REDIS_URL);
    current = { username: user, password: `first-${randomBytes(8).toString('hex')}` };
    await admin.call('ACL', 'SETUSER', user, 'on', `>${current.password}`, `~${prefix}*`, '+@all');
  });

  afterEach(() => { client?.disconnect(); client = undefined; });

  after(async () => {
    await admin.call('ACL', 'DELUSER', user);
    await admin.quit();
  });

  function connect(extra: Parameters<typeof createRedisWithCredentialProvider>[2] = {}): Redis {
    const url = new URL(REDIS_URL);
    client = createRedisWithCredentialProvider(
      { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null },
      provider,
      extra,
    );
    client.on('error', () => undefined); // reconnect errors are expected here; commands carry the outcome
    return client;
  }

  it('authenticates as the provider\'s user without ioredis ever holding a password', async () => {
    const redis = connect();
    assert.equal(await redis.call('ACL', 'WHOAMI'), user);
    assert.equal(redis.options.password ?? null, null);
    await assert.rejects(redis.set('outside-prefix', '1'), /NOPERM/);
  });

  it('re-authenticates with a rotated password after a forced reconnect, losing no command', async () => {
    const redis = connect();
    await redis.set(`${prefix}before`, 'kept');
    const readies = readyCount(redis);
    const firstId = await redis.client('ID');

    const rotated = `second-${randomBytes(8).toString('hex')}`;
    await admin.call('ACL', 'SETUSER', user, 'resetpass', `>${rotated}`);
    current = { username: user, password: rotated };
    const killed = await admin.call('CLIENT', 'KILL', 'USER', user);
    assert.equal(killed, 1);

    // Issued while the client is noticing the kill and reconnecting: all must succeed.
    const writes = Array.from({ length: 50 }, (_, i) => redis.set(`${prefix}during:${i}`, String(i)));
    assert.deepEqual(await Promise.all(writes), Array(50).fill('OK'));

    assert.notEqual(await redis.client('ID'), firstId, 'a new connection');
    assert.equal(readies(), 1, 'exactly one reconnect');
    assert.equal(handedOut.at(-1), rotated);
    assert.equal(await redis.call('ACL', 'WHOAMI'), user);
    const values = await admin.mget(Array.from({ length: 50 }, (_, i) => `${prefix}during:${i}`));
    assert.deepEqual(values, Array.from({ length: 50 }, (_, i) => String(i)));
    assert.equal(await admin.get(`${prefix}before`), 'kept');

    const probe = new Redis(REDIS_URL);
    await assert.rejects(probe.call('AUTH', user, handedOut[0]!), /WRONGPASS/, 'the old password is really gone');
    probe.disconnect();
  });

  it('keeps retrying while credentials are wrong and connects once the provider is right again', async () => {
    const good = current;
    current = { username: user, password: 'wrong' };
    const redis = connect();
    const errors: Error[] = [];
    redis.on('error', (error: Error) => errors.push(error));
    const pending = redis.set(`${prefix}queued`, 'eventually');
    await until(() => errors.some((e) => /WRONGPASS|AUTH failed/.test(e.message)), 'an AUTH failure');
    assert.notEqual(redis.status, 'ready');
    current = good;
    assert.equal(await pending, 'OK');
    assert.equal(await admin.get(`${prefix}queued`), 'eventually');
  });

  it('renews its connection before the maximum connection age', async () => {
    const redis = connect({ maxConnectionAgeMs: 300 });
    const readies = readyCount(redis);
    await once(redis, 'ready');
    const before = handedOut.length;
    const firstId = await redis.client('ID');
    await until(() => readies() >= 2, 'a renewed connection');
    assert.ok(handedOut.length > before, 'the renewal fetched fresh credentials');
    assert.notEqual(await redis.client('ID'), firstId);
  });
});
