import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDate, Loading, ProblemMessage, Score } from '../components/common';
import { ReviewPanel } from '../components/ReviewPanel';
import { get } from '../lib/api';
import { anchorLabels, rubricAnchor, studentCitationLabel } from '../lib/citations';
import { useLoad } from '../lib/hooks';
import { useSession } from '../lib/session';
import { COMPONENTS, type FeedbackItem, type GradingReport, type RubricRecord, type StoredGrading, type Transcript } from '../lib/types';

const COMPONENT_LABEL: Record<string, string> = {
  structure: 'Structure', key_questions: 'Key questions', reasoning: 'Clinical reasoning', summary: 'Summary', communication: 'Communication',
};
const ITEM_LABEL = { strength: 'Strength', improvement: 'To improve', info: 'Note' } as const;

type Highlight = { kind: 'oral'; first: number; last: number } | { kind: 'summary' } | null;
type Spans = Map<string, Transcript['citations'][number]>;

export function GradingView({ id }: { id: string }) {
  const { can } = useSession();
  const grading = useLoad(() => get<StoredGrading>(`/gradings/${encodeURIComponent(id)}`), [id]);
  const transcript = useLoad(() => get<Transcript>(`/gradings/${encodeURIComponent(id)}/transcript`), [id]);
  const record = grading.data;
  const rubric = useLoad(
    () => (record ? get<RubricRecord>(`/rubrics/${encodeURIComponent(record.rubric_id)}?version=${record.rubric_version}`) : Promise.resolve(undefined)),
    [record?.rubric_id, record?.rubric_version],
  );
  const [highlight, setHighlight] = useState<Highlight>(null);

  if (grading.error) return <><h1>Grading</h1><ProblemMessage problem={grading.error} /></>;
  if (!record) return <Loading />;
  const report = record.report;
  const labels = anchorLabels(rubric.data?.rubric);
  const spans: Spans = new Map((transcript.data?.citations ?? []).map((c) => [c.citation, c]));
  return (
    <>
      <h1>Grading report</h1>
      <p class="meta">
        Rubric <strong>{rubric.data?.title ?? record.rubric_id}</strong> version {record.rubric_version}
        {' · '}graded {formatDate(report.graded_at)}
        {record.student_display_name || record.student_email ? <> · student {record.student_display_name ?? record.student_email}</> : null}
      </p>
      {record.review && (
        <p class="reviewed" data-testid="reviewed-by">
          Reviewed by <strong>{record.review.reviewed_by_name ?? record.review.reviewed_by}</strong> on {formatDate(record.review.reviewed_at)}
          {record.machine_report && <> · machine score <Score value={record.machine_report.overall_score} /></>}
        </p>
      )}
      <Scores report={report} />
      <div class="report-columns">
        <section aria-labelledby="feedback-heading" class="feedback">
          <h2 id="feedback-heading">Feedback</h2>
          <p>{report.feedback.overall_summary}</p>
          {report.feedback.sections.map((section) => (
            <section key={section.category} aria-label={COMPONENT_LABEL[section.category] ?? section.category}>
              <h3>{COMPONENT_LABEL[section.category] ?? section.category}</h3>
              <ul class="feedback-items">
                {section.items.map((item, i) => (
                  <FeedbackEntry key={i} item={item} labels={labels} spans={spans} onCite={setHighlight} />
                ))}
              </ul>
            </section>
          ))}
          {report.warnings.length > 0 && (
            <section aria-label="Warnings"><h3>Warnings</h3><ul>{report.warnings.map((w) => <li key={w}>{w}</li>)}</ul></section>
          )}
        </section>
        <section aria-labelledby="transcript-heading" class="transcript">
          <h2 id="transcript-heading">Transcript</h2>
          <ProblemMessage problem={transcript.error} />
          {transcript.data ? <TranscriptView transcript={transcript.data} highlight={highlight} /> : !transcript.error && <Loading />}
        </section>
      </div>
      {can('gradings.review') && rubric.data && (
        <ReviewPanel grading={record} rubric={rubric.data.rubric} utterances={transcript.data?.utterances ?? []}
          onReviewed={() => { grading.reload(); transcript.reload(); }} />
      )}
    </>
  );
}

function Scores({ report }: { report: GradingReport }) {
  return (
    <section aria-labelledby="scores-heading" class="scores">
      <h2 id="scores-heading">Scores</h2>
      <p class="overall">Overall <strong data-testid="overall-score"><Score value={report.overall_score} /></strong>
        {report.status === 'partial' && <span class="badge badge-draft">partial</span>}</p>
      <table>
        <caption class="visually-hidden">Component scores</caption>
        <thead><tr><th scope="col">Component</th><th scope="col">Score</th></tr></thead>
        <tbody>
          {COMPONENTS.map((c) => (
            <tr key={c}>
              <th scope="row">{COMPONENT_LABEL[c]}</th>
              <td data-testid={`component-${c}`}>
                <Score value={report.component_scores[c]} />
                {report.component_scores[c] !== null && <meter min={0} max={1} value={report.component_scores[c] ?? 0} aria-hidden="true" />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function FeedbackEntry({ item, labels, spans, onCite }: {
  item: FeedbackItem; labels: Map<string, string>; spans: Spans; onCite(h: Highlight): void;
}) {
  return (
    <li class={`feedback-item feedback-${item.type}`}>
      <span class="item-type">{ITEM_LABEL[item.type]}</span>
      <span class="item-text">{item.text}</span>
      <span class="citations">
        {item.citations.rubric.map((c) => {
          const anchor = rubricAnchor(c);
          return <span key={c} class="anchor" title={c}>Rubric: {labels.get(anchor) ?? anchor} <code>{anchor}</code></span>;
        })}
        {item.citations.student.map((c) => {
          const span = spans.get(c);
          const label = studentCitationLabel(c);
          if (!span) return <span key={c} class="cite">You said: {label}</span>;
          const target: Highlight = span.kind === 'summary' || span.first_index === null
            ? { kind: 'summary' }
            : { kind: 'oral', first: span.first_index, last: span.last_index ?? span.first_index };
          return <button key={c} type="button" class="cite" data-citation={c} onClick={() => onCite(target)}>Show in transcript: {label}</button>;
        })}
      </span>
    </li>
  );
}

function TranscriptView({ transcript, highlight }: { transcript: Transcript; highlight: Highlight }) {
  const list = useRef<HTMLOListElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!highlight) return;
    const target = highlight.kind === 'summary' ? summary.current : list.current?.querySelector<HTMLElement>(`[data-index="${highlight.first}"]`);
    target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    target?.focus({ preventScroll: true });
  }, [highlight]);
  const highlighted = (i: number) => highlight?.kind === 'oral' && i >= highlight.first && i <= highlight.last;
  return (
    <>
      <ol ref={list} class="utterances">
        {transcript.utterances.map((u) => (
          <li key={u.index} data-index={u.index} id={`utterance-${u.index}`} tabindex={-1}
            class={`utterance speaker-${u.speaker}${highlighted(u.index) ? ' highlighted' : ''}`} aria-current={highlighted(u.index) ? 'true' : undefined}>
            <span class="time">{u.timestamp_start ?? `L${u.line}`}</span>
            <span class="speaker">{u.speaker_label ?? u.speaker}</span>
            <span class="words">{u.text}</span>
          </li>
        ))}
      </ol>
      {transcript.summary_text && (
        <div ref={summary} tabindex={-1} class={highlight?.kind === 'summary' ? 'summary-text highlighted' : 'summary-text'}>
          <h3>Written summary</h3>
          <p>{transcript.summary_text}</p>
        </div>
      )}
    </>
  );
}
