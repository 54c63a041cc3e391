import type { TenantContext } from '@medgrade/data';
import { notFoundAs } from '../http/errors';
import { HttpProblem } from '../problem';
import type { ResolvedRubric, Upstream } from '../upstream';

/**
 * The approved rubric version a grading uses: the given version, or the latest approved one,
 * as the rubric store resolves it (from its cache of approved versions), without its body:
 * the grading services fetch and compile a version once and then name it by reference.
 */
export async function approvedRubric(upstream: Upstream, tenant: TenantContext, rubricId: string, version?: string): Promise<ResolvedRubric> {
  const resolved = await notFoundAs(
    upstream.rubrics.resolve(rubricId, version, { requestId: tenant.requestId ?? '', tenant }),
    version ? `rubric ${rubricId} version ${version}` : `an approved version of rubric ${rubricId}`,
  );
  if (resolved.status !== 'approved') {
    throw new HttpProblem('conflict', `rubric ${rubricId} version ${resolved.version} is ${resolved.status}; only approved versions grade`);
  }
  return resolved;
}
