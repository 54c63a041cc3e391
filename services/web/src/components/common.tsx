import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import type { ApiProblem } from '../lib/api';
import type { Paged } from '../lib/hooks';

/** An API problem as a person reads it: what went wrong, and each field it names. */
export function ProblemMessage({ problem, id }: { problem: ApiProblem | undefined; id?: string }) {
  if (!problem) return null;
  return (
    <div class="problem" role="alert" id={id}>
      <strong>{problem.title}</strong>
      {problem.detail && <span> — {problem.detail}</span>}
      {problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e, i) => <li key={i}><code>{e.pointer ?? e.parameter ?? '/'}</code> {e.message}</li>)}
        </ul>
      )}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return <p class="loading" role="status">{label}</p>;
}

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (props: { id: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string }) => ComponentChildren;
}

/** A labelled control with its hint and its error message tied to it for screen readers. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint && <span class="hint" id={`${id}-hint`}>{hint}</span>}
      {children({ id, ...(error ? { 'aria-invalid': 'true' as const } : {}), ...(described ? { 'aria-describedby': described } : {}) })}
      {error && <span class="field-error" id={`${id}-error`}>{error}</span>}
    </div>
  );
}

/** Previous/next buttons over a cursor-paginated listing. */
export function Pager<T>({ page, label }: { page: Paged<T>; label: string }) {
  if (page.pageNumber === 1 && !page.hasNext) return null;
  return (
    <nav class="pager" aria-label={`${label} pages`}>
      <button type="button" onClick={page.previous} disabled={page.pageNumber === 1 || page.loading}>Previous page</button>
      <span>Page {page.pageNumber}</span>
      <button type="button" onClick={page.next} disabled={!page.hasNext || page.loading}>Next page</button>
    </nav>
  );
}

export function Score({ value }: { value: number | null | undefined }) {
  if (value === null || value === undefined) return <span class="score score-none">—</span>;
  return <span class="score">{formatScore(value)}</span>;
}

export function formatScore(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge badge-${status}`}>{status}</span>;
}
