import { status } from '@grpc/grpc-js';
import type * as core from '@medgrade/core';
import { envVar } from './config';
import { GrpcError, invalidArgument, isServiceError } from './errors';
import { fromProto } from './convert';
import type { GrpcClient } from './client';
import type { RubricRef } from './generated/medgrade/v1/RubricRef';

// Rubrics by reference. A stored version never changes, so each grading service keeps the
// decoded rubric of the versions it grades in a bounded least-recently-used map, asks the
// rubric store only for one it does not have, and hands the core the very same object every
// time: the core's compiled forms (question lexicons, citation index, structure plan) hang
// off the rubric object, so they are built once per version and process too.

/** How many rubric versions each grading service keeps decoded and compiled. */
export const rubricCacheEnv = { RUBRIC_CACHE_SIZE: envVar.integer({ default: 128, min: 1, max: 100_000 }) };

/** A least-recently-used map: reading an entry makes it the newest; the oldest goes beyond `capacity`. */
export class Lru<V> {
  private readonly entries = new Map<string, V>();

  constructor(readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface StoredRubric {
  rubric: core.Rubric;
  /** The version's content hash as the rubric store states it. */
  contentHash: string;
}

/** Reads one stored version: the rubric store's GetRubric, for the institution named. */
export type RubricFetch = (institutionId: string, ref: RubricRef) => Promise<StoredRubric>;

const cacheKey = (institutionId: string, rubricId: string, version: string, contentHash: string) =>
  `${institutionId}\n${rubricId}\n${version}\n${contentHash}`;

export class CompiledRubrics {
  private readonly cache: Lru<core.Rubric>;
  /** Misses being fetched: concurrent gradings of a new version wait for one fetch. */
  private readonly fetching = new Map<string, Promise<core.Rubric>>();

  constructor(private readonly fetch: RubricFetch, capacity: number) {
    this.cache = new Lru(capacity);
  }

  /** The rubric of a stored version named with its content hash. */
  async get(institutionId: string, ref: RubricRef): Promise<core.Rubric> {
    const { rubric_id: rubricId = '', version = '', content_hash: contentHash = '' } = ref;
    if (!rubricId || !version || !contentHash) throw invalidArgument('rubric_ref needs rubric_id, version and content_hash');
    const key = cacheKey(institutionId, rubricId, version, contentHash);
    const cached = this.cache.get(key);
    if (cached) return cached;
    let pending = this.fetching.get(key);
    if (!pending) {
      pending = this.fetchOnce(institutionId, ref, key);
      this.fetching.set(key, pending);
    }
    return pending;
  }

  /** Remembers a version read some other way (the orchestrator resolving a reference). */
  put(institutionId: string, stored: StoredRubric): void {
    this.cache.set(cacheKey(institutionId, stored.rubric.rubric_id, stored.rubric.version, stored.contentHash), stored.rubric);
  }

  private async fetchOnce(institutionId: string, ref: RubricRef, key: string): Promise<core.Rubric> {
    try {
      const stored = await this.fetch(institutionId, ref);
      if (stored.contentHash !== ref.content_hash) {
        throw new GrpcError(status.FAILED_PRECONDITION, `rubric "${ref.rubric_id}" version ${ref.version} is no longer the content it was resolved to (approved or archived meanwhile?)`);
      }
      this.cache.set(key, stored.rubric);
      return stored.rubric;
    } finally {
      this.fetching.delete(key);
    }
  }
}

/** GetRubric of the rubric store as a RubricFetch; a body that fails QA cannot grade. */
export function rubricStoreFetch(store: GrpcClient<'RubricStoreService'>): RubricFetch {
  return async (institutionId, ref) => {
    const record = await store.GetRubric({ institution_id: institutionId, rubric_id: ref.rubric_id ?? '', version: ref.version ?? '' }).catch((error: unknown) => {
      throw storeFailure(error);
    });
    if (!record.rubric) throw invalidArgument(`rubric "${record.rubric_id}" version ${record.version} does not pass QA validation and cannot grade`);
    return { rubric: fromProto('Rubric', record.rubric), contentHash: record.content_hash };
  };
}

/** The caller's mistakes (unknown version, wrong institution) pass through; the store being down is UNAVAILABLE. */
function storeFailure(error: unknown): Error {
  if (!isServiceError(error)) return error as Error;
  const passThrough = [status.NOT_FOUND, status.INVALID_ARGUMENT, status.PERMISSION_DENIED, status.FAILED_PRECONDITION];
  const code = passThrough.includes(error.code) ? error.code : status.UNAVAILABLE;
  return new GrpcError(code, `rubric store: ${error.details}`);
}
