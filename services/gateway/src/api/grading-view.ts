import type { GradingReport } from '@medgrade/core';
import type { DataLayer, GradingListItem, NamedGrading, TenantContext } from '@medgrade/data';
import { fromProto, toProto } from '@medgrade/kit';

// Stored gradings as the API shows them: a summary in listings, and the whole grading (its
// current report, the engine's report once reviewed, and the review) when fetched by id.

/**
 * A report as stored, keys back in the report's documented order (PostgreSQL jsonb keeps
 * its own key order), so a stored report reads exactly like the one the engine produced.
 */
export function reportOf(report: GradingReport, gradingId: string): GradingReport {
  return fromProto('GradingReport', toProto('GradingReport', { ...report, grading_id: gradingId }));
}

export function gradingSummary(g: GradingListItem) {
  return {
    grading_id: g.id,
    rubric_id: g.rubricId,
    rubric_title: g.rubricTitle,
    rubric_version: g.rubricVersion,
    student_id: g.studentId,
    student_email: g.studentEmail,
    student_display_name: g.studentName,
    grader_id: g.graderId,
    status: g.status,
    overall_score: g.overallScore,
    created_at: g.createdAt.toISOString(),
    reviewed_by: g.review?.reviewedBy ?? null,
    reviewed_at: g.review?.reviewedAt.toISOString() ?? null,
  };
}

/** The whole grading; the reviewer's name is read as it is now. */
export async function storedGradingView(data: DataLayer, tenant: TenantContext, g: NamedGrading) {
  const reviewer = g.review ? await data.users.get(tenant, g.review.reviewedBy) : null;
  return {
    ...gradingSummary(g),
    report: reportOf(g.report, g.id),
    machine_report: g.machineReport ? reportOf(g.machineReport, g.id) : null,
    review: g.review
      ? {
        reviewed_by: g.review.reviewedBy,
        reviewed_by_name: reviewer ? reviewer.displayName || reviewer.email : null,
        reviewed_at: g.review.reviewedAt.toISOString(),
        overrides: g.review.overrides,
      }
      : null,
  };
}
