// Approved rubric versions never change, so they are cached by (institution, rubric,
// version). The "latest approved" pointer moves on approve and archive, so it lives
// shorter and is dropped by both. A cache failure is a miss: reads go to PostgreSQL.
// The store holds JSON text; the value last decoded from each key is kept beside it, so a
// hit whose text is the same as last time returns that value without parsing it again.
import type { RubricCache } from './api';
import { Breaker } from './fallback';
import type { CacheStore, RubricVersion } from './types';

export const RUBRIC_VERSION_TTL_SECONDS = 3600;
export const LATEST_POINTER_TTL_SECONDS = 60;
/** Versions whose decoded value is kept (per process). */
const DECODED_ENTRIES = 256;

type CacheErrorListener = (operation: string, err: unknown) => void;

const versionKey = (institutionId: string, rubricId: string, version: string) => `rubric:${institutionId}:${rubricId}:v:${version}`;
const latestKey = (institutionId: string, rubricId: string) => `rubric:${institutionId}:${rubricId}:latest`;

/** Dates come back from JSON as strings; restore them. */
function revive(json: string): RubricVersion {
  const value = JSON.parse(json) as RubricVersion;
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return { ...value, createdAt: new Date(value.createdAt), approvedAt: date(value.approvedAt), archivedAt: date(value.archivedAt) };
}

export class CachedRubricCache implements RubricCache {
  hits = 0;
  misses = 0;
  private readonly breaker = new Breaker();
  private readonly decoded = new Map<string, { json: string; value: RubricVersion }>();

  constructor(private readonly store: CacheStore, private readonly onError: CacheErrorListener = () => undefined) {}

  /** A cached version. The value may be shared with earlier callers: treat it as read-only. */
  async get(institutionId: string, rubricId: string, version: string): Promise<RubricVersion | null> {
    const key = versionKey(institutionId, rubricId, version);
    const json = await this.read(key);
    if (!json) {
      this.misses += 1;
      return null;
    }
    this.hits += 1;
    const last = this.decoded.get(key);
    if (last?.json === json) return last.value;
    const value = revive(json);
    this.decoded.delete(key);
    this.decoded.set(key, { json, value });
    if (this.decoded.size > DECODED_ENTRIES) this.decoded.delete(this.decoded.keys().next().value!);
    return value;
  }

  async put(institutionId: string, value: RubricVersion): Promise<void> {
    if (value.status !== 'approved') return;
    await this.quietly('put', () => this.store.set(versionKey(institutionId, value.rubricId, value.version), JSON.stringify(value), RUBRIC_VERSION_TTL_SECONDS));
  }

  getLatestVersion(institutionId: string, rubricId: string): Promise<string | null> {
    return this.read(latestKey(institutionId, rubricId));
  }

  async putLatestVersion(institutionId: string, rubricId: string, version: string): Promise<void> {
    await this.quietly('put', () => this.store.set(latestKey(institutionId, rubricId), version, LATEST_POINTER_TTL_SECONDS));
  }

  /** Always tried, even while reads skip the store: a missed invalidation is what lingers. */
  async invalidate(institutionId: string, rubricId: string, versions: string[]): Promise<void> {
    await this.quietly('invalidate', () => this.store.delete([
      latestKey(institutionId, rubricId),
      ...versions.map((version) => versionKey(institutionId, rubricId, version)),
    ]), true);
  }

  private async read(key: string): Promise<string | null> {
    if (this.breaker.open) return null;
    try {
      return await this.store.get(key);
    } catch (err) {
      this.breaker.trip();
      this.onError('get', err);
      return null;
    }
  }

  private async quietly(operation: string, fn: () => Promise<void>, evenIfDown = false): Promise<void> {
    if (this.breaker.open && !evenIfDown) return;
    try {
      await fn();
    } catch (err) {
      this.breaker.trip();
      this.onError(operation, err);
    }
  }
}
