// Sliding-window log in a sorted set per key: one member per accepted request, scored
// by its time. The script trims members older than the window, admits the request if
// fewer than `limit` remain, and otherwise says when the oldest one leaves the window.
// Time comes from the Redis server, so replicas with skewed clocks agree.
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import type { RateDecision, RateLimit, RateLimiter } from '../types';

const SLIDING_WINDOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, now .. '-' .. ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, limit - count - 1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, 0, tonumber(oldest[2]) + window - now}
`;

export function checkLimit(limit: RateLimit): void {
  if (!(Number.isInteger(limit.limit) && limit.limit > 0 && limit.windowSeconds > 0)) {
    throw new Error(`rate limit must allow a positive integer of requests per positive window, got ${JSON.stringify(limit)}`);
  }
}

export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}

export class RedisRateLimiter implements RateLimiter {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  private key(key: string): string {
    return `${this.prefix}ratelimit:${key}`;
  }

  async consume(key: string, limit: RateLimit): Promise<RateDecision> {
    checkLimit(limit);
    const windowMs = Math.round(limit.windowSeconds * 1000);
    const [allowed, remaining, waitMs] = (await this.redis.eval(
      SLIDING_WINDOW, 1, this.key(key), windowMs, limit.limit, randomBytes(6).toString('hex'),
    )) as [number, number, number];
    return allowed === 1
      ? { allowed: true, remaining, retryAfterSeconds: 0 }
      : { allowed: false, remaining: 0, retryAfterSeconds: retryAfterSeconds(waitMs) };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.key(key));
  }
}
