import { useState } from 'preact/hooks';
import { ChartView, PALETTE } from '../components/Chart';
import { Field, formatDate, Loading, Pager, ProblemMessage, Score } from '../components/common';
import { RubricSelect } from '../components/RubricSelect';
import { download, get, withQuery } from '../lib/api';
import { useAction, useLoad, usePaged, useRubricChoice } from '../lib/hooks';
import { allPages } from '../lib/lists';
import { COMPONENTS, type Analytics as AnalyticsData, type Page, type RubricListItem, type StudentRow } from '../lib/types';

const COMPONENT_LABEL: Record<string, string> = {
  structure: 'Structure', key_questions: 'Key questions', reasoning: 'Reasoning', summary: 'Summary', communication: 'Communication',
};

const share = (value: number) => `${(value * 100).toFixed(1)}%`;

export function Analytics() {
  const rubrics = useLoad(() => allPages<RubricListItem>('/rubrics', { include_archived: 'true' }), []);
  const [rubricId, setRubricId] = useRubricChoice(rubrics.data);
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  // The API takes days as YYYY-MM-DD, `to` including its whole day (UTC).
  const range = { from: fromDay, to: toDay };
  const base = `/analytics/rubrics/${encodeURIComponent(rubricId)}`;
  const figures = useLoad(
    () => (rubricId ? get<AnalyticsData>(withQuery(base, range)) : Promise.resolve(undefined)),
    [rubricId, fromDay, toDay],
  );
  const students = usePaged(
    (cursor) => (rubricId ? get<Page<StudentRow>>(withQuery(`${base}/students`, { ...range, cursor, limit: 20 })) : Promise.resolve({ items: [], next_cursor: null })),
    [rubricId, fromDay, toDay],
  );
  const exporting = useAction((what: 'analytics' | 'gradings') => what === 'analytics'
    ? download(withQuery(`${base}/export.csv`, range), `analytics-${rubricId}.csv`)
    : download(withQuery('/gradings/export.csv', { rubric_id: rubricId, ...range }), `gradings-${rubricId}.csv`));

  return (
    <>
      <h1>Cohort analytics</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <RubricSelect rubrics={rubrics.data ?? []} value={rubricId} onChange={setRubricId} />
        <Field label="From (day)" error={figures.error?.errorAt('from')}>{(a) => <input {...a} type="date" name="from" value={fromDay} onChange={(e) => setFromDay(e.currentTarget.value)} />}</Field>
        <Field label="To (day, included)" error={figures.error?.errorAt('to')}>{(a) => <input {...a} type="date" name="to" value={toDay} onChange={(e) => setToDay(e.currentTarget.value)} />}</Field>
      </form>
      <div class="actions">
        <button type="button" class="secondary" disabled={!rubricId || exporting.busy} onClick={() => void exporting.run('analytics')}>Export analytics (CSV)</button>
        <button type="button" class="secondary" disabled={!rubricId || exporting.busy} onClick={() => void exporting.run('gradings')}>Export gradings (CSV)</button>
      </div>
      <ProblemMessage problem={exporting.error} />
      {figures.error?.errorAt('from') || figures.error?.errorAt('to') ? null : <ProblemMessage problem={rubrics.error ?? figures.error} />}
      {figures.loading && !figures.data ? <Loading /> : figures.data && <Figures data={figures.data} />}
      <section aria-labelledby="students-heading">
        <h2 id="students-heading">Students</h2>
        <ProblemMessage problem={students.error} />
        {students.items.length === 0 ? <p>No student was graded in this range.</p> : (
          <table class="list" data-testid="students-table">
            <thead><tr><th scope="col">Student</th><th scope="col">Email</th><th scope="col">Gradings</th><th scope="col">Mean overall</th><th scope="col">Last overall</th><th scope="col">Last graded</th></tr></thead>
            <tbody>
              {students.items.map((s) => (
                <tr key={s.student_id} data-student={s.email}>
                  <td>{s.display_name ?? '—'}</td><td>{s.email}</td><td>{s.gradings}</td>
                  <td><Score value={s.mean_overall} /></td><td><Score value={s.last_overall} /></td><td>{formatDate(s.last_graded_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager page={students} label="Students" />
      </section>
    </>
  );
}

function Figures({ data }: { data: AnalyticsData }) {
  const bins = data.histogram.map((b) => `${Math.round(b.from * 100)}–${Math.round(b.to * 100)}%`);
  return (
    <>
      <dl class="figures" data-testid="figures">
        <div><dt>Gradings</dt><dd data-testid="figure-gradings">{data.gradings}</dd></div>
        <div><dt>Students</dt><dd data-testid="figure-students">{data.students}</dd></div>
        <div><dt>Reviewed</dt><dd data-testid="figure-reviewed">{data.reviewed}</dd></div>
        <div><dt>Mean overall</dt><dd data-testid="figure-mean"><Score value={data.mean_overall} /></dd></div>
      </dl>
      <div class="charts">
        <ChartView
          label="Score distribution: gradings per band of overall score"
          config={{ type: 'bar', data: { labels: bins, datasets: [{ label: 'Gradings', data: data.histogram.map((b) => b.count), backgroundColor: PALETTE[0] }] },
            options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } }}
          table={(
            <table data-testid="histogram-table">
              <thead><tr><th scope="col">Overall score</th><th scope="col">Gradings</th></tr></thead>
              <tbody>{data.histogram.map((b, i) => <tr key={i}><td>{bins[i]}</td><td>{b.count}</td></tr>)}</tbody>
            </table>
          )}
        />
        <ChartView
          label="Component averages (%)"
          config={{ type: 'bar', data: { labels: COMPONENTS.map((c) => COMPONENT_LABEL[c] ?? c), datasets: [{ label: 'Average (%)', data: COMPONENTS.map((c) => (data.component_averages[c] ?? 0) * 100), backgroundColor: PALETTE[2] }] },
            options: { plugins: { legend: { display: false } }, scales: { y: { min: 0, max: 100 } } } }}
          table={(
            <table data-testid="components-table">
              <thead><tr><th scope="col">Component</th><th scope="col">Average</th></tr></thead>
              <tbody>{COMPONENTS.map((c) => <tr key={c}><td>{COMPONENT_LABEL[c]}</td><td data-component={c}><Score value={data.component_averages[c]} /></td></tr>)}</tbody>
            </table>
          )}
        />
      </div>
      <div class="tables">
        <RankedTable title="Most-missed key questions" testId="missed-questions" column="Question" count="Missed"
          rows={data.missed_questions.map((q) => ({ id: q.question_id, label: q.label, critical: q.critical, count: q.missed, share: q.share }))} />
        <RankedTable title="Most-missed reasoning links" testId="missed-links" column="Link" count="Missed"
          rows={data.missed_links.map((l) => ({ id: l.link_id, label: l.description, count: l.missed, share: l.share }))} />
        <RankedTable title="Structure penalties applied" testId="penalties" column="Penalty" count="Applied"
          rows={data.penalties.map((p) => ({ id: p.penalty_id, label: p.description, count: p.applied, share: p.share }))} />
      </div>
    </>
  );
}


interface RankedRow {
  id: string;
  label: string;
  critical?: boolean;
  count: number;
  share: number;
}

/** Items of the rubric by how often they were missed (or applied), with their share of gradings. */
function RankedTable({ title, testId, column, count, rows }: { title: string; testId: string; column: string; count: string; rows: RankedRow[] }) {
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      {rows.length === 0 ? <p>None.</p> : (
        <table class="list" data-testid={testId}>
          <thead><tr><th scope="col">{column}</th><th scope="col">{count}</th><th scope="col">Share of gradings</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-id={r.id}>
                <td>{r.label}{r.critical && <> <span class="badge badge-critical">critical</span></>}</td>
                <td>{r.count}</td>
                <td>{share(r.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
