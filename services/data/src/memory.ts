// In-process implementations of the Redis-backed services, for the local run without
// REDIS_URL and as per-replica fallbacks. Same interfaces, same semantics, one process.
import { randomUUID } from 'node:crypto';
import { checkLimit, retryAfterSeconds } from './redis/rate-limit';
import type { CacheStore, IdempotencyLock, QueueDepth, QueueEntry, RateDecision, RateLimit, RateLimiter, WorkQueue } from './types';

export class MemoryCacheStore implements CacheStore {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  async get(key: string): Promise<string | null> {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }
}

/** Sliding-window log, like the Redis limiter, with the process clock. */
export class MemoryRateLimiter implements RateLimiter {
  /**
   * Accepted request times per key, oldest first; `head` is the first one still in the
   * window. Expired times are skipped by moving `head` and dropped in bulk now and then, so
   * a request costs the same however many the window holds.
   */
  private readonly windows = new Map<string, { times: number[]; head: number }>();

  async consume(key: string, limit: RateLimit): Promise<RateDecision> {
    checkLimit(limit);
    const now = Date.now();
    const windowMs = limit.windowSeconds * 1000;
    let log = this.windows.get(key);
    if (!log) this.windows.set(key, (log = { times: [], head: 0 }));
    while (log.head < log.times.length && log.times[log.head]! <= now - windowMs) log.head++;
    if (log.head > 1024 && log.head * 2 > log.times.length) {
      log.times = log.times.slice(log.head);
      log.head = 0;
    }
    const inWindow = log.times.length - log.head;
    if (inWindow < limit.limit) {
      log.times.push(now);
      return { allowed: true, remaining: limit.limit - inWindow - 1, retryAfterSeconds: 0 };
    }
    return { allowed: false, remaining: 0, retryAfterSeconds: retryAfterSeconds((log.times[log.head] ?? now) + windowMs - now) };
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }
}

export class MemoryIdempotencyLock implements IdempotencyLock {
  private readonly locks = new Map<string, { token: string; expiresAt: number }>();

  async acquire(key: string, ttlSeconds: number): Promise<string | null> {
    const held = this.locks.get(key);
    if (held && held.expiresAt > Date.now()) return null;
    const token = randomUUID();
    this.locks.set(key, { token, expiresAt: Date.now() + ttlSeconds * 1000 });
    return token;
  }

  async release(key: string, token: string): Promise<void> {
    if (this.locks.get(key)?.token === token) this.locks.delete(key);
  }
}

interface MemoryEntry<T> {
  id: string;
  body: T;
  enqueuedAt: number;
  consumer: string | null;
  deliveredAt: number;
  deliveries: number;
}

/** Consumer-group queue in one process: entries stay pending per consumer until acked. */
export class MemoryWorkQueue<T> implements WorkQueue<T> {
  private readonly entries = new Map<string, MemoryEntry<T>>();
  private sequence = 0;
  private waiters: (() => void)[] = [];
  private closed = false;

  async enqueue(bodies: T[]): Promise<string[]> {
    const ids = bodies.map((body) => {
      const id = `${Date.now()}-${this.sequence++}`;
      this.entries.set(id, { id, body, enqueuedAt: Date.now(), consumer: null, deliveredAt: 0, deliveries: 0 });
      return id;
    });
    this.wake();
    return ids;
  }

  async read(consumer: string, count: number, blockMs: number): Promise<QueueEntry<T>[]> {
    const deadline = Date.now() + blockMs;
    for (;;) {
      if (this.closed) return [];
      const ready = [...this.entries.values()].filter((entry) => entry.consumer === null).slice(0, count);
      if (ready.length > 0) return ready.map((entry) => this.deliver(entry, consumer));
      const remaining = deadline - Date.now();
      if (remaining <= 0) return [];
      await this.waitForWork(remaining);
    }
  }

  async claimStale(consumer: string, minIdleMs: number, count: number): Promise<QueueEntry<T>[]> {
    const idleBefore = Date.now() - minIdleMs;
    return [...this.entries.values()]
      .filter((entry) => entry.consumer !== null && entry.deliveredAt <= idleBefore)
      .slice(0, count)
      .map((entry) => this.deliver(entry, consumer));
  }

  async ack(ids: string[]): Promise<void> {
    for (const id of ids) this.entries.delete(id);
  }

  async depth(): Promise<QueueDepth> {
    const all = [...this.entries.values()];
    const pending = all.filter((entry) => entry.consumer !== null).length;
    const oldest = Math.min(...all.map((entry) => entry.enqueuedAt));
    return { waiting: all.length - pending, pending, oldestAgeSeconds: all.length ? (Date.now() - oldest) / 1000 : 0 };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake();
  }

  private deliver(entry: MemoryEntry<T>, consumer: string): QueueEntry<T> {
    entry.consumer = consumer;
    entry.deliveredAt = Date.now();
    entry.deliveries += 1;
    return { id: entry.id, body: entry.body, deliveries: entry.deliveries };
  }

  private waitForWork(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.push(done);
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
