import type Redis from 'ioredis';
import type { CacheStore } from '../types';

/** String cache in Redis under `<prefix>cache:`. Errors propagate; callers decide the fallback. */
export class RedisCacheStore implements CacheStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  private key(key: string): string {
    return `${this.prefix}cache:${key}`;
  }

  get(key: string): Promise<string | null> {
    return this.redis.get(this.key(key));
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.key(key), value, 'EX', ttlSeconds);
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.redis.del(...keys.map((key) => this.key(key)));
  }
}
