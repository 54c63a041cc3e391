import { useState } from 'preact/hooks';
import { formatDate, Loading, Pager, ProblemMessage, Score } from '../components/common';
import { RubricSelect } from '../components/RubricSelect';
import { get, withQuery } from '../lib/api';
import { useLoad, usePaged } from '../lib/hooks';
import { allPages } from '../lib/lists';
import type { GradingSummary, Page, RubricListItem } from '../lib/types';

/** Machine grades waiting for a human review, oldest first. */
export function ReviewQueue() {
  const rubrics = useLoad(() => allPages<RubricListItem>('/rubrics'), []);
  const [rubricId, setRubricId] = useState('');
  const page = usePaged((cursor) => get<Page<GradingSummary>>(withQuery('/reviews/queue', { rubric_id: rubricId, cursor, limit: 20 })), [rubricId]);
  return (
    <>
      <h1>Review queue</h1>
      <div class="filters">
        <RubricSelect rubrics={rubrics.data ?? []} value={rubricId} onChange={setRubricId} label="Filter by rubric" allowEmpty="All rubrics" />
      </div>
      <ProblemMessage problem={page.error} />
      {page.loading && !page.data ? <Loading /> : page.items.length === 0 ? <p>Nothing waits for review.</p> : (
        <table class="list" data-testid="review-queue">
          <thead><tr><th scope="col">Graded</th><th scope="col">Rubric</th><th scope="col">Student</th><th scope="col">Machine score</th><th scope="col"><span class="visually-hidden">Open</span></th></tr></thead>
          <tbody>
            {page.items.map((g) => (
              <tr key={g.grading_id}>
                <td>{formatDate(g.created_at)}</td>
                <td>{g.rubric_title ?? g.rubric_id} <span class="muted">v{g.rubric_version}</span></td>
                <td>{g.student_display_name ?? g.student_email ?? 'practice'}</td>
                <td><Score value={g.overall_score} /></td>
                <td><a href={`/gradings/${g.grading_id}`}>Review<span class="visually-hidden"> grading of {formatDate(g.created_at)}</span></a></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} label="Review queue" />
    </>
  );
}
