// Shared set-up of the data-layer tests: a scratch database, a random Redis prefix, and
// two institutions with users of several roles.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Redis from 'ioredis';
import type { Rubric } from '@medgrade/core';
import {
  createScratchDatabase, openDataLayer, scratchKeyPrefix, type DataLayer, type Role, type ScratchDatabase, type TenantContext,
} from '@medgrade/data';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Nothing listens here: stands in for an unreachable Redis. */
export const DEAD_REDIS_URL = 'redis://127.0.0.1:1';

export function fixtureRubric(): Rubric {
  return JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'syncope_v1.json'), 'utf8')) as Rubric;
}

export interface Tenant {
  institutionId: string;
  as(role: Role): TenantContext;
}

export interface TestData {
  data: DataLayer;
  scratch: ScratchDatabase;
  keyPrefix: string;
  platform: TenantContext;
  a: Tenant;
  b: Tenant;
  close(): Promise<void>;
}

const ROLES_TO_SEED: Role[] = ['institution_admin', 'teacher', 'grader', 'student'];

async function seedTenant(data: DataLayer, platform: TenantContext, slug: string, institutionId?: string): Promise<Tenant> {
  const id = institutionId ?? (await data.institutions.create(platform, { name: `Institution ${slug}`, slug })).id;
  const actor = { ...platform, institutionId: id };
  const users = new Map<Role, string>();
  for (const role of ROLES_TO_SEED) {
    const user = await data.users.create(actor, { email: `${role}@${slug}.example`, password: 'correct horse', role });
    users.set(role, user.id);
  }
  return {
    institutionId: id,
    as: (role) => ({ institutionId: id, userId: role === 'platform_admin' ? platform.userId : users.get(role)!, role }),
  };
}

/** Fresh database and key prefix; institution A holds the platform admin. */
export async function openTestData(options: { redisUrl?: string | null } = {}): Promise<TestData> {
  const scratch = await createScratchDatabase();
  const keyPrefix = scratchKeyPrefix();
  const redisUrl = options.redisUrl === undefined ? REDIS_URL : options.redisUrl;
  const data = await openDataLayer({ databaseUrl: scratch.url, redisUrl, keyPrefix });
  const boot = await data.bootstrapAdmin({ email: 'root@a.example', password: 'correct horse', institutionName: 'A', institutionSlug: 'a' });
  const platform: TenantContext = { institutionId: boot!.institution.id, userId: boot!.admin.id, role: 'platform_admin' };
  const a = await seedTenant(data, platform, 'a', boot!.institution.id);
  const b = await seedTenant(data, platform, 'b');
  return {
    data, scratch, keyPrefix, platform, a, b,
    async close() {
      await data.close();
      await deleteKeys(keyPrefix);
      await scratch.drop();
    },
  };
}

/** Removes every Redis key under a test prefix. */
export async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
