import assert from 'node:assert/strict';
import {
  CachedRubricCache, createRedisClient, FallbackIdempotencyLock, FallbackRateLimiter, MemoryCacheStore, MemoryIdempotencyLock,
  MemoryRateLimiter, MemoryWorkQueue, RedisCacheStore, RedisIdempotencyLock, RedisRateLimiter, RedisWorkQueue, scratchKeyPrefix,
  type IdempotencyLock, type RateLimiter, type RubricVersion, type WorkQueue,
} from '@medgrade/data';
import type Redis from 'ioredis';
import { DEAD_REDIS_URL, deleteKeys, fixtureRubric, REDIS_URL } from './support';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('data: Redis-backed services and their in-process twins', function () {
  let redis: Redis;
  let dead: Redis;
  let prefix: string;
  const queues: WorkQueue<unknown>[] = [];

  before(() => {
    redis = createRedisClient(REDIS_URL);
    dead = createRedisClient(DEAD_REDIS_URL);
    prefix = scratchKeyPrefix();
  });
  after(async () => {
    await Promise.all(queues.map((queue) => queue.close()));
    redis.disconnect();
    dead.disconnect();
    await deleteKeys(prefix);
  });

  const limiters: [string, () => RateLimiter][] = [
    ['Redis', () => new RedisRateLimiter(redis, prefix)],
    ['in-process', () => new MemoryRateLimiter()],
  ];
  for (const [name, make] of limiters) {
    it(`${name} rate limiter refuses past the limit with Retry-After, and frees up when the window slides`, async () => {
      const limiter = make();
      const limit = { limit: 3, windowSeconds: 1 };
      const decisions = [];
      for (let i = 0; i < 4; i++) decisions.push(await limiter.consume('user:alice', limit));
      assert.deepEqual(decisions.map((d) => d.allowed), [true, true, true, false]);
      assert.deepEqual(decisions.map((d) => d.remaining), [2, 1, 0, 0]);
      assert.equal(decisions[3]!.retryAfterSeconds, 1);
      assert.equal((await limiter.consume('institution:x', limit)).allowed, true, 'keys are independent');
      await sleep(1_050);
      assert.equal((await limiter.consume('user:alice', limit)).allowed, true);
      for (let i = 0; i < 3; i++) await limiter.consume('user:bob', limit);
      assert.equal((await limiter.consume('user:bob', limit)).allowed, false);
      await limiter.reset('user:bob');
      assert.equal((await limiter.consume('user:bob', limit)).allowed, true);
    });
  }

  it('with Redis unreachable the limiter keeps limiting per replica instead of failing open or closed', async () => {
    const fallbacks: string[] = [];
    const limiter = new FallbackRateLimiter(new RedisRateLimiter(dead, prefix), new MemoryRateLimiter(), (component) => fallbacks.push(component));
    const limit = { limit: 2, windowSeconds: 60 };
    const decisions = [];
    for (let i = 0; i < 3; i++) decisions.push(await limiter.consume('user:carol', limit));
    assert.deepEqual(decisions.map((d) => d.allowed), [true, true, false]);
    assert.ok(decisions[2]!.retryAfterSeconds > 0);
    assert.equal(fallbacks.length, 1, 'after one failure Redis is skipped for a while');
  });

  const locks: [string, () => IdempotencyLock][] = [
    ['Redis', () => new RedisIdempotencyLock(redis, prefix)],
    ['in-process', () => new MemoryIdempotencyLock()],
    ['fallback with Redis down', () => new FallbackIdempotencyLock(new RedisIdempotencyLock(dead, prefix))],
  ];
  for (const [name, make] of locks) {
    it(`${name} idempotency lock admits one holder until release or expiry`, async () => {
      const lock = make();
      const token = await lock.acquire('gradings:key-1', 30);
      assert.ok(token);
      assert.equal(await lock.acquire('gradings:key-1', 30), null);
      await lock.release('gradings:key-1', 'someone-else');
      assert.equal(await lock.acquire('gradings:key-1', 30), null, 'a stranger cannot release it');
      await lock.release('gradings:key-1', token);
      const again = await lock.acquire('gradings:key-1', 1);
      assert.ok(again);
      await sleep(1_100);
      assert.ok(await lock.acquire('gradings:key-1', 1), 'an expired lock can be taken');
    });
  }

  const approved = (version: string): RubricVersion => ({
    rubricId: 'syncope_v1', version, status: 'approved', body: fixtureRubric(), qaReport: { valid: true, errors: [], warnings: [] },
    createdBy: null, approvedBy: null, createdAt: new Date('2026-01-01T00:00:00Z'), approvedAt: new Date('2026-01-02T00:00:00Z'), archivedAt: null,
  });

  it('rubric cache keeps approved versions and the latest pointer until invalidated', async () => {
    const cache = new CachedRubricCache(new RedisCacheStore(redis, prefix));
    await cache.put('inst', approved('1.0.0'));
    await cache.putLatestVersion('inst', 'syncope_v1', '1.0.0');
    const hit = await cache.get('inst', 'syncope_v1', '1.0.0');
    assert.deepEqual(hit, approved('1.0.0'));
    assert.equal(await cache.get('other-inst', 'syncope_v1', '1.0.0'), null);
    await cache.put('inst', { ...approved('1.1.0'), status: 'draft' });
    assert.equal(await cache.get('inst', 'syncope_v1', '1.1.0'), null, 'drafts are never cached');
    await cache.invalidate('inst', 'syncope_v1', ['1.0.0']);
    assert.equal(await cache.get('inst', 'syncope_v1', '1.0.0'), null);
    assert.equal(await cache.getLatestVersion('inst', 'syncope_v1'), null);
  });

  it('rubric cache with Redis unreachable misses instead of failing', async () => {
    const errors: string[] = [];
    const cache = new CachedRubricCache(new RedisCacheStore(dead, prefix), (operation) => errors.push(operation));
    await cache.put('inst', approved('1.0.0'));
    assert.equal(await cache.get('inst', 'syncope_v1', '1.0.0'), null);
    assert.deepEqual(errors, ['put'], 'after one failure reads skip Redis for a while');
    await cache.invalidate('inst', 'syncope_v1', ['1.0.0']);
    assert.deepEqual(errors, ['put', 'invalidate'], 'invalidations are still attempted');
    const memory = new CachedRubricCache(new MemoryCacheStore());
    await memory.put('inst', approved('1.0.0'));
    assert.equal((await memory.get('inst', 'syncope_v1', '1.0.0'))?.version, '1.0.0');
  });

  const queueKinds: [string, () => WorkQueue<{ n: number }>][] = [
    ['Redis Streams', () => new RedisWorkQueue<{ n: number }>(redis, REDIS_URL, prefix, `q-${Math.random().toString(36).slice(2)}`)],
    ['in-process', () => new MemoryWorkQueue<{ n: number }>()],
  ];
  for (const [name, make] of queueKinds) {
    it(`${name} queue redelivers a dead consumer's unacked entries to another consumer`, async () => {
      const queue = make();
      queues.push(queue as WorkQueue<unknown>);
      await queue.enqueue([1, 2, 3, 4].map((n) => ({ n })));
      const taken = await queue.read('consumer-dies', 3, 100);
      assert.deepEqual(taken.map((e) => e.body.n), [1, 2, 3]);
      await queue.ack([taken[0]!.id]);
      // consumer-dies stops here: entries 2 and 3 stay pending under its name.
      const fresh = await queue.read('consumer-lives', 10, 100);
      assert.deepEqual(fresh.map((e) => e.body.n), [4]);
      await queue.ack(fresh.map((e) => e.id));
      assert.deepEqual(await queue.claimStale('consumer-lives', 60_000, 10), [], 'not idle long enough yet');
      await sleep(250);
      const claimed = await queue.claimStale('consumer-lives', 200, 10);
      assert.deepEqual(claimed.map((e) => e.body.n), [2, 3]);
      assert.deepEqual(claimed.map((e) => e.deliveries), [2, 2]);
      const depth = await queue.depth();
      assert.equal(depth.pending, 2);
      assert.equal(depth.waiting, 0);
      await queue.ack(claimed.map((e) => e.id));
      assert.deepEqual(await queue.depth(), { waiting: 0, pending: 0, oldestAgeSeconds: 0 });
      assert.deepEqual(await queue.read('consumer-lives', 10, 50), []);
    });

    it(`${name} queue wakes a blocked reader when work arrives`, async () => {
      const queue = make();
      queues.push(queue as WorkQueue<unknown>);
      await queue.depth();
      const reading = queue.read('waiter', 1, 5_000);
      await sleep(50);
      await queue.enqueue([{ n: 42 }]);
      const [entry] = await reading;
      assert.equal(entry?.body.n, 42);
      await queue.ack([entry!.id]);
    });
  }
});
