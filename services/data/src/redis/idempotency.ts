import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { IdempotencyLock } from '../types';

// Delete only if the caller still owns the lock (it may have expired and been retaken).
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export class RedisIdempotencyLock implements IdempotencyLock {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  private key(key: string): string {
    return `${this.prefix}lock:${key}`;
  }

  async acquire(key: string, ttlSeconds: number): Promise<string | null> {
    const token = randomUUID();
    const result = await this.redis.set(this.key(key), token, 'EX', Math.max(1, Math.ceil(ttlSeconds)), 'NX');
    return result === 'OK' ? token : null;
  }

  async release(key: string, token: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key(key), token);
  }
}
