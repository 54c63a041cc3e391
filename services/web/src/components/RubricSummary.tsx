import type { RubricJson } from '../lib/types';

type Item = { id?: string; label?: string; description?: string; critical?: boolean; value?: number };

const list = (value: unknown): Item[] => (Array.isArray(value) ? (value as Item[]) : []);
const section = (rubric: RubricJson, name: string) => (rubric[name] ?? {}) as Record<string, unknown>;

/** What a rubric asks for, in words (all text rendered as text). */
export function RubricSummary({ rubric }: { rubric: RubricJson }) {
  const structure = section(rubric, 'structure');
  return (
    <section aria-labelledby="content-heading" class="rubric-summary">
      <h2 id="content-heading">Content</h2>
      <h3>Expected order</h3>
      <p>{(structure.expected_order as string[] | undefined)?.join(' → ') ?? '—'}</p>
      <h3>Key questions</h3>
      <ul data-testid="key-questions">
        {list(rubric.key_questions).map((q) => <li key={q.id}>{q.label} {q.critical && <span class="badge badge-critical">critical</span>} <code class="muted">{q.id}</code></li>)}
      </ul>
      <h3>Reasoning links</h3>
      <ul>{list(section(rubric, 'reasoning').required_links).map((l) => <li key={l.id}>{l.description} <code class="muted">{l.id}</code></li>)}</ul>
      <h3>Summary elements</h3>
      <ul>{list(section(rubric, 'summary').required_elements).map((e) => <li key={e.id}>{e.description} <code class="muted">{e.id}</code></li>)}</ul>
      <h3>Structure penalties</h3>
      <ul>{list(structure.penalties).map((p) => <li key={p.id}>{p.description} ({p.value}) <code class="muted">{p.id}</code></li>)}</ul>
    </section>
  );
}
