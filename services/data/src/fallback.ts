// What happens when Redis is unreachable. Rate limiting and idempotency locks fall back
// to per-replica in-process state: limits keep applying (each replica counts on its
// own, so the effective limit is at most replicas × limit) rather than failing open
// (no protection) or failing closed (an outage of Redis becoming an outage of the API).
// The PostgreSQL unique key on (institution, Idempotency-Key) still prevents duplicate
// gradings across replicas.
import { MemoryIdempotencyLock, MemoryRateLimiter } from './memory';
import type { IdempotencyLock, RateDecision, RateLimit, RateLimiter } from './types';

export type FallbackListener = (component: string, err: unknown) => void;

/** After a Redis failure, how long calls skip Redis entirely (no per-call timeout to wait out). */
export const REDIS_RETRY_AFTER_MS = 5_000;

/**
 * Remembers a recent failure so that, for a short while, callers go straight to the
 * fallback instead of each waiting for the command timeout; then Redis is tried again.
 */
export class Breaker {
  private openUntil = 0;

  constructor(private readonly coolDownMs = REDIS_RETRY_AFTER_MS) {}

  get open(): boolean {
    return Date.now() < this.openUntil;
  }

  trip(): void {
    this.openUntil = Date.now() + this.coolDownMs;
  }
}

export class FallbackRateLimiter implements RateLimiter {
  private readonly breaker = new Breaker();

  constructor(
    private readonly primary: RateLimiter,
    private readonly fallback: RateLimiter = new MemoryRateLimiter(),
    private readonly onFallback: FallbackListener = () => undefined,
  ) {}

  async consume(key: string, limit: RateLimit): Promise<RateDecision> {
    if (this.breaker.open) return this.fallback.consume(key, limit);
    try {
      return await this.primary.consume(key, limit);
    } catch (err) {
      this.breaker.trip();
      this.onFallback('rate-limiter', err);
      return this.fallback.consume(key, limit);
    }
  }

  async reset(key: string): Promise<void> {
    await this.fallback.reset(key);
    try {
      await this.primary.reset(key);
    } catch (err) {
      this.onFallback('rate-limiter', err);
    }
  }
}

export class FallbackIdempotencyLock implements IdempotencyLock {
  /** Tokens handed out by the fallback, so release goes to the store that granted them. */
  private readonly fallbackTokens = new Set<string>();
  private readonly breaker = new Breaker();

  constructor(
    private readonly primary: IdempotencyLock,
    private readonly fallback: IdempotencyLock = new MemoryIdempotencyLock(),
    private readonly onFallback: FallbackListener = () => undefined,
  ) {}

  async acquire(key: string, ttlSeconds: number): Promise<string | null> {
    if (!this.breaker.open) {
      try {
        return await this.primary.acquire(key, ttlSeconds);
      } catch (err) {
        this.breaker.trip();
        this.onFallback('idempotency-lock', err);
      }
    }
    const token = await this.fallback.acquire(key, ttlSeconds);
    if (token) this.fallbackTokens.add(token);
    return token;
  }

  async release(key: string, token: string): Promise<void> {
    if (this.fallbackTokens.delete(token)) return this.fallback.release(key, token);
    try {
      await this.primary.release(key, token);
    } catch (err) {
      // The lock expires by itself; nothing else to do.
      this.onFallback('idempotency-lock', err);
    }
  }
}
