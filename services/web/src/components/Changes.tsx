import type { JsonPatchOperation, RubricDiffEntry } from '../lib/types';

const show = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value, null, 1));

/** A before/after table of changed values (their JSON shown as text). */
export function ChangesTable({ changes, caption }: { changes: RubricDiffEntry[]; caption: string }) {
  if (changes.length === 0) return <p>No differences.</p>;
  return (
    <table class="diff" data-testid="diff">
      <caption>{caption}</caption>
      <thead><tr><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
      <tbody>
        {changes.map((c, i) => (
          <tr key={i}>
            <td><code>{c.path}</code></td>
            <td class="before"><pre>{show(c.before)}</pre></td>
            <td class="after"><pre>{show(c.after)}</pre></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PatchList({ operations }: { operations: JsonPatchOperation[] }) {
  return (
    <ol class="patch" data-testid="patch">
      {operations.map((op, i) => (
        <li key={i}><code>{op.op} {'from' in op ? `${op.from} → ` : ''}{op.path}</code>{'value' in op && <pre>{show(op.value)}</pre>}</li>
      ))}
    </ol>
  );
}
