import { useState } from 'preact/hooks';
import { Field, formatDate, Loading, Pager, ProblemMessage, StatusBadge } from '../components/common';
import { get, withQuery } from '../lib/api';
import { useDebounced, usePaged } from '../lib/hooks';
import { useSession } from '../lib/session';
import type { Page, RubricListItem } from '../lib/types';

export function RubricLibrary() {
  const { can } = useSession();
  const [typed, setTyped] = useState('');
  const [status, setStatus] = useState('');
  const q = useDebounced(typed.trim());
  const page = usePaged(
    (cursor) => get<Page<RubricListItem>>(withQuery('/rubrics', {
      q, status, cursor, limit: 20, include_archived: status === 'archived' || status === '' ? 'true' : undefined,
    })),
    [q, status],
  );
  return (
    <>
      <h1>Rubric library</h1>
      {can('rubrics.write') && <p><a class="button" href="/rubrics/new">New rubric</a></p>}
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <Field label="Search rubrics">
          {(a) => <input {...a} type="search" name="q" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />}
        </Field>
        <Field label="Status">
          {(a) => (
            <select {...a} name="status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
              <option value="">Any</option>
              <option value="draft">Draft</option>
              <option value="approved">Approved</option>
              <option value="archived">Archived</option>
            </select>
          )}
        </Field>
      </form>
      <ProblemMessage problem={page.error} />
      {page.loading && !page.data ? <Loading /> : page.items.length === 0 ? <p>No rubric matches.</p> : (
        <table class="list" data-testid="rubrics-table">
          <thead>
            <tr><th scope="col">Rubric</th><th scope="col">Newest version</th><th scope="col">Approved version</th><th scope="col">Updated</th></tr>
          </thead>
          <tbody>
            {page.items.map((r) => (
              <tr key={r.rubric_id}>
                <td><a href={`/rubrics/${encodeURIComponent(r.rubric_id)}`}>{r.title ?? r.rubric_id}</a> <code class="muted">{r.rubric_id}</code></td>
                <td>{r.head_version} {r.archived ? <StatusBadge status="archived" /> : r.head_status && <StatusBadge status={r.head_status} />}</td>
                <td>{r.latest_approved_version ?? '—'}</td>
                <td>{formatDate(r.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} label="Rubrics" />
    </>
  );
}
