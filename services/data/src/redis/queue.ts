// At-least-once work queue on a Redis Stream with one consumer group. XREADGROUP hands
// each entry to one consumer and keeps it in that consumer's pending list until XACK;
// XAUTOCLAIM lets a live consumer take over entries a dead one left pending. Acked
// entries are deleted, so the stream holds only waiting and pending work.
import type Redis from 'ioredis';
import type { QueueDepth, QueueEntry, WorkQueue } from '../types';
import { createRedisClient } from './client';

type StreamEntry = [id: string, fields: string[]];

const GROUP = 'workers';

/** A malformed entry (written by something else) comes back as null, for the consumer to drop. */
function parseBody<T>(fields: string[]): T {
  const index = fields.indexOf('body');
  try {
    return JSON.parse(fields[index + 1] ?? 'null') as T;
  } catch {
    return null as T;
  }
}

/** Milliseconds since the epoch encoded in a stream id ("<ms>-<seq>"). */
function idTime(id: string): number {
  return Number(id.split('-')[0]);
}

export class RedisWorkQueue<T> implements WorkQueue<T> {
  readonly streamKey: string;
  private groupReady: Promise<void> | undefined;
  private readonly readers = new Map<string, Redis>();
  private closed = false;

  private readonly openReader: () => Redis;

  /** `reader` (a URL or a connection factory) opens one blocking connection per consumer. */
  constructor(private readonly redis: Redis, reader: string | (() => Redis), prefix: string, name: string) {
    this.streamKey = `${prefix}queue:${name}`;
    this.openReader = typeof reader === 'string' ? () => createRedisClient(reader, { commandTimeoutMs: null }) : reader;
  }

  private ensureGroup(): Promise<void> {
    this.groupReady ??= this.redis.xgroup('CREATE', this.streamKey, GROUP, '0', 'MKSTREAM').then(
      () => undefined,
      (err: Error) => {
        if (String(err.message).includes('BUSYGROUP')) return;
        this.groupReady = undefined;
        throw err;
      },
    );
    return this.groupReady;
  }

  async enqueue(bodies: T[]): Promise<string[]> {
    await this.ensureGroup();
    const pipeline = this.redis.pipeline();
    for (const body of bodies) pipeline.xadd(this.streamKey, '*', 'body', JSON.stringify(body));
    const results = (await pipeline.exec()) ?? [];
    return results.map(([err, id]) => {
      if (err) throw err;
      return String(id);
    });
  }

  private reader(consumer: string): Redis {
    let client = this.readers.get(consumer);
    if (!client) {
      client = this.openReader();
      this.readers.set(consumer, client);
    }
    return client;
  }

  async read(consumer: string, count: number, blockMs: number): Promise<QueueEntry<T>[]> {
    if (this.closed) return [];
    await this.ensureGroup();
    const reply = (await this.reader(consumer).xreadgroup(
      'GROUP', GROUP, consumer, 'COUNT', count, 'BLOCK', Math.max(1, blockMs), 'STREAMS', this.streamKey, '>',
    )) as [string, StreamEntry[]][] | null;
    const entries = reply?.[0]?.[1] ?? [];
    return entries.map(([id, fields]) => ({ id, body: parseBody<T>(fields), deliveries: 1 }));
  }

  async claimStale(consumer: string, minIdleMs: number, count: number): Promise<QueueEntry<T>[]> {
    await this.ensureGroup();
    const claimed: StreamEntry[] = [];
    let cursor = '0-0';
    // Walk the pending list until `count` entries are claimed or it has been scanned once.
    do {
      const [next, entries, deleted] = (await this.redis.xautoclaim(
        this.streamKey, GROUP, consumer, minIdleMs, cursor, 'COUNT', count - claimed.length,
      )) as [string, (StreamEntry | null)[], string[]];
      for (const entry of entries) if (entry) claimed.push(entry);
      // Entries trimmed from the stream while pending cannot be processed; drop them.
      if (deleted?.length) await this.redis.xack(this.streamKey, GROUP, ...deleted);
      cursor = next;
    } while (cursor !== '0-0' && claimed.length < count);
    return Promise.all(claimed.map(async ([id, fields]) => ({ id, body: parseBody<T>(fields), deliveries: await this.deliveries(id) })));
  }

  private async deliveries(id: string): Promise<number> {
    const rows = (await this.redis.xpending(this.streamKey, GROUP, id, id, 1)) as [string, string, number, number][];
    return Number(rows[0]?.[3] ?? 1);
  }

  async ack(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.redis.multi().xack(this.streamKey, GROUP, ...ids).xdel(this.streamKey, ...ids).exec();
  }

  async depth(): Promise<QueueDepth> {
    await this.ensureGroup();
    const [length, summary, oldest] = await Promise.all([
      this.redis.xlen(this.streamKey),
      this.redis.xpending(this.streamKey, GROUP) as Promise<[number, string | null, string | null, unknown]>,
      this.redis.xrange(this.streamKey, '-', '+', 'COUNT', 1),
    ]);
    const pending = Number(summary[0] ?? 0);
    const oldestId = oldest[0]?.[0];
    return {
      waiting: Math.max(0, length - pending),
      pending,
      oldestAgeSeconds: oldestId ? Math.max(0, (Date.now() - idTime(oldestId)) / 1000) : 0,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const client of this.readers.values()) client.disconnect();
    this.readers.clear();
  }
}
