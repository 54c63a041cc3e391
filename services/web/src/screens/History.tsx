import { useState } from 'preact/hooks';
import { ChartView, PALETTE } from '../components/Chart';
import { formatDate, formatScore, Loading, Pager, ProblemMessage, Score, StatusBadge } from '../components/common';
import { RubricSelect } from '../components/RubricSelect';
import { get, withQuery } from '../lib/api';
import { usePaged, useLoad } from '../lib/hooks';
import { allPages } from '../lib/lists';
import { useSession } from '../lib/session';
import type { GradingSummary, Page, RubricListItem } from '../lib/types';

/** Gradings newest first (a student sees their own), and their scores over time per rubric. */
export function History() {
  const { me } = useSession();
  const student = me.role === 'student';
  const [rubricId, setRubricId] = useState('');
  const rubrics = useLoad(() => allPages<RubricListItem>('/rubrics', { include_archived: 'true' }), []);
  const page = usePaged(
    (cursor) => get<Page<GradingSummary>>(withQuery('/gradings', { rubric_id: rubricId, cursor, limit: 20 })),
    [rubricId],
  );
  const titleOf = (id: string) => rubrics.data?.find((r) => r.rubric_id === id)?.title ?? id;
  return (
    <>
      <h1>{student ? 'My gradings' : 'Gradings'}</h1>
      <div class="filters">
        <RubricSelect rubrics={rubrics.data ?? []} value={rubricId} onChange={setRubricId} label="Filter by rubric" allowEmpty="All rubrics" />
      </div>
      {student && <ScoresOverTime rubricId={rubricId} titleOf={titleOf} />}
      <h2>{student ? 'History' : 'All gradings'}</h2>
      <ProblemMessage problem={page.error} />
      {page.loading && !page.data ? <Loading /> : page.items.length === 0 ? <p>No gradings yet.</p> : (
        <table class="list" data-testid="gradings-table">
          <thead>
            <tr><th scope="col">Graded</th><th scope="col">Rubric</th>{!student && <th scope="col">Student</th>}<th scope="col">Score</th><th scope="col">Status</th></tr>
          </thead>
          <tbody>
            {page.items.map((g) => (
              <tr key={g.grading_id}>
                <td><a href={`/gradings/${g.grading_id}`}>{formatDate(g.created_at)}</a></td>
                <td>{g.rubric_title ?? titleOf(g.rubric_id)} <span class="muted">v{g.rubric_version}</span></td>
                {!student && <td>{g.student_display_name ?? g.student_email ?? (g.student_id ? g.student_id : 'practice')}</td>}
                <td><Score value={g.overall_score} /></td>
                <td><StatusBadge status={g.status} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} label="Gradings" />
    </>
  );
}

function ScoresOverTime({ rubricId, titleOf }: { rubricId: string; titleOf(id: string): string }) {
  const all = useLoad(() => allPages<GradingSummary>('/gradings', { rubric_id: rubricId || undefined }, 500), [rubricId]);
  if (all.error) return <ProblemMessage problem={all.error} />;
  if (!all.data) return <Loading label="Loading the chart…" />;
  const scored = all.data.filter((g) => g.overall_score !== null).reverse();
  if (scored.length === 0) return null;
  const byRubric = new Map<string, GradingSummary[]>();
  for (const g of scored) byRubric.set(g.rubric_id, [...(byRubric.get(g.rubric_id) ?? []), g]);
  const datasets = [...byRubric].map(([id, gradings], i) => ({
    label: titleOf(id),
    data: gradings.map((g) => ({ x: Date.parse(g.created_at), y: Math.round((g.overall_score ?? 0) * 1000) / 10 })),
    borderColor: PALETTE[i % PALETTE.length],
    backgroundColor: PALETTE[i % PALETTE.length],
  }));
  return (
    <section aria-labelledby="over-time-heading">
      <h2 id="over-time-heading">Scores over time</h2>
      <ChartView
        label="Overall score (%) of each grading over time, one line per rubric"
        config={{
          type: 'line',
          data: { datasets },
          options: {
            scales: {
              x: { type: 'linear', ticks: { callback: (v) => new Date(Number(v)).toLocaleDateString() } },
              y: { min: 0, max: 100, title: { display: true, text: 'Overall score (%)' } },
            },
          },
        }}
        table={(
          <table>
            <thead><tr><th scope="col">Graded</th><th scope="col">Rubric</th><th scope="col">Overall</th></tr></thead>
            <tbody>{scored.map((g) => <tr key={g.grading_id}><td>{formatDate(g.created_at)}</td><td>{titleOf(g.rubric_id)}</td><td>{formatScore(g.overall_score ?? 0)}</td></tr>)}</tbody>
          </table>
        )}
      />
    </section>
  );
}
