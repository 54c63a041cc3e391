import type { QaIssue, QaReport } from '../lib/types';

/** The id of the editor control that edits the value at a JSON Pointer. */
export function fieldId(pointer: string): string {
  return `field${pointer.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
}

/** Focuses the control for `pointer`, or the nearest one above it (a missing field's parent), unfolding what hides it. */
export function focusPointer(pointer: string): boolean {
  let at = pointer;
  for (;;) {
    const element = document.getElementById(fieldId(at));
    if (element) {
      for (let fold = element.closest('details'); fold; fold = fold.parentElement?.closest('details') ?? null) fold.open = true;
      element.scrollIntoView({ block: 'center' });
      element.focus();
      return true;
    }
    if (at === '') return false;
    at = at.slice(0, at.lastIndexOf('/'));
  }
}

function IssueList({ title, issues, kind, jump }: { title: string; issues: QaIssue[]; kind: 'error' | 'warning'; jump: boolean }) {
  if (issues.length === 0) return null;
  return (
    <>
      <h3>{title} ({issues.length})</h3>
      <ul class={`qa-issues qa-${kind}`}>
        {issues.map((issue) => (
          <li key={issue.pointer + issue.code + issue.message}>
            {jump
              ? <button type="button" class="link-button" onClick={() => focusPointer(issue.pointer)}><code>{issue.pointer || '/'}</code></button>
              : <code>{issue.pointer || '/'}</code>}
            {' '}{issue.message} <span class="muted">({issue.code})</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** A QA report; with `jump`, each issue is a button that moves to its field in the editor. */
export function QaList({ qa, jump = false, heading = 'Quality check' }: { qa: QaReport; jump?: boolean; heading?: string }) {
  return (
    <section class="qa" aria-label={heading} data-testid="qa">
      <h2>{heading}</h2>
      <p class={qa.valid ? 'qa-valid' : 'qa-invalid'} role="status">
        {qa.valid ? 'Valid: ready to approve.' : 'Not valid: fix the errors before approval.'}
        {' '}{qa.errors.length} errors, {qa.warnings.length} warnings.
      </p>
      <IssueList title="Errors" issues={qa.errors} kind="error" jump={jump} />
      <IssueList title="Warnings" issues={qa.warnings} kind="warning" jump={jump} />
    </section>
  );
}
