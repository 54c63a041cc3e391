import { useState } from 'preact/hooks';
import { Field, formatDate, Loading, Pager, ProblemMessage } from '../components/common';
import { get, withQuery } from '../lib/api';
import { usePaged } from '../lib/hooks';
import type { AuditEntry, Page } from '../lib/types';

const FILTERS = [
  ['action', 'Action', 'e.g. grading.review'],
  ['resource_type', 'Resource type', 'e.g. grading, rubric, user'],
  ['resource_id', 'Resource id', ''],
  ['actor_id', 'Actor id', ''],
] as const;

type Filters = Record<(typeof FILTERS)[number][0] | 'from' | 'to', string>;

const EMPTY: Filters = { action: '', resource_type: '', resource_id: '', actor_id: '', from: '', to: '' };

export function AuditLog() {
  const [typed, setTyped] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const page = usePaged((cursor) => get<Page<AuditEntry>>(withQuery('/audit', {
    ...applied,
    // datetime-local is the browser's local time; the API wants an instant.
    from: applied.from ? new Date(applied.from).toISOString() : undefined,
    to: applied.to ? new Date(applied.to).toISOString() : undefined,
    cursor,
    limit: 25,
  })), [JSON.stringify(applied)]);
  const set = (key: keyof Filters) => (e: { currentTarget: { value: string } }) => setTyped((f) => ({ ...f, [key]: e.currentTarget.value }));
  return (
    <>
      <h1>Audit log</h1>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); setApplied(typed); }}>
        {FILTERS.map(([key, label, hint]) => (
          <Field key={key} label={label} hint={hint || undefined} error={page.error?.errorAt(`/${key}`)}>{(a) => <input {...a} name={key} value={typed[key]} onInput={set(key)} />}</Field>
        ))}
        <Field label="From" error={page.error?.errorAt('/from')}>{(a) => <input {...a} type="datetime-local" name="from" value={typed.from} onInput={set('from')} />}</Field>
        <Field label="To" error={page.error?.errorAt('/to')}>{(a) => <input {...a} type="datetime-local" name="to" value={typed.to} onInput={set('to')} />}</Field>
        <div class="actions">
          <button type="submit">Apply filters</button>
          <button type="button" class="secondary" onClick={() => { setTyped(EMPTY); setApplied(EMPTY); }}>Clear</button>
        </div>
      </form>
      <ProblemMessage problem={page.error} />
      {page.loading && !page.data ? <Loading /> : page.items.length === 0 ? <p>No entries match.</p> : (
        <table class="list" data-testid="audit-table">
          <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Resource</th><th scope="col">Details</th></tr></thead>
          <tbody>
            {page.items.map((a) => (
              <tr key={a.id}>
                <td>{formatDate(a.at)}</td>
                <td>{a.actor_name ?? a.actor_email ?? a.actor_id ?? 'system'}</td>
                <td><code>{a.action}</code></td>
                <td>{a.resource_type} <code class="muted">{a.resource_id}</code></td>
                <td><pre class="details">{a.details === null || a.details === undefined ? '' : JSON.stringify(a.details)}</pre></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} label="Audit log" />
    </>
  );
}
