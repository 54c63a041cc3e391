import type { RubricVersion, TenantContext } from '@medgrade/data';
import { notFoundAs } from '../http/errors';
import { HttpProblem } from '../problem';
import type { Upstream } from '../upstream';

/**
 * The approved rubric version a grading uses: the given version, or the latest approved one,
 * from the rubric store (which serves approved versions from its cache).
 */
export async function approvedRubric(upstream: Upstream, tenant: TenantContext, rubricId: string, version?: string): Promise<RubricVersion> {
  const stored = await notFoundAs(
    upstream.rubrics.get(rubricId, version, { requestId: tenant.requestId ?? '', tenant }),
    version ? `rubric ${rubricId} version ${version}` : `an approved version of rubric ${rubricId}`,
  );
  if (stored.status !== 'approved') {
    throw new HttpProblem('conflict', `rubric ${rubricId} version ${stored.version} is ${stored.status}; only approved versions grade`);
  }
  return stored;
}
