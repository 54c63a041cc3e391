import type { DataLayer, RubricVersion, TenantContext } from '@medgrade/data';
import { HttpProblem, notFound } from '../problem';

/**
 * The approved rubric version a grading uses: the given version, or the latest approved one.
 * Approved versions never change, so they are served from the rubric cache (Redis, or
 * in-process) and read from PostgreSQL only on a miss; archive and approve invalidate it.
 */
export async function approvedRubric(data: DataLayer, tenant: TenantContext, rubricId: string, version?: string): Promise<RubricVersion> {
  const institutionId = tenant.institutionId;
  const wanted = version ?? (await data.rubricCache.getLatestVersion(institutionId, rubricId));
  if (wanted) {
    const cached = await data.rubricCache.get(institutionId, rubricId, wanted);
    if (cached) return cached;
  }
  const stored = await data.rubrics.get(tenant, rubricId, version);
  if (!stored) {
    throw notFound(version ? `rubric ${rubricId} version ${version}` : `an approved version of rubric ${rubricId}`);
  }
  if (stored.status !== 'approved') {
    throw new HttpProblem('conflict', `rubric ${rubricId} version ${stored.version} is ${stored.status}; only approved versions grade`);
  }
  await data.rubricCache.put(institutionId, stored);
  if (!version) await data.rubricCache.putLatestVersion(institutionId, rubricId, stored.version);
  return stored;
}
