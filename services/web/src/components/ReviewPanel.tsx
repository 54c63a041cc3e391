import { useState } from 'preact/hooks';
import { Field, ProblemMessage, Score } from './common';
import { post } from '../lib/api';
import { useAction } from '../lib/hooks';
import type { Override, OverrideKind, RubricJson, StoredGrading, Utterance } from '../lib/types';

// A grader's review: each key question, reasoning link and summary element with the machine's
// decision; overturning one needs a reason, and crediting a question or link the engine did not
// find needs the student utterance that earns it. The API recomputes the score with the engine.

interface Decision {
  kind: OverrideKind;
  id: string;
  label: string;
  credited: boolean;
}

const KIND_LABEL: Record<OverrideKind, string> = {
  key_question: 'Key questions', reasoning_link: 'Reasoning links', summary_element: 'Summary elements',
};

function decisionsOf(grading: StoredGrading, rubric: RubricJson): Decision[] {
  const machine = grading.machine_report ?? grading.report;
  const details = machine.details;
  const asked = new Set(details.key_questions?.matches.map((m) => m.question_id));
  const linked = new Set(details.reasoning?.detected.map((d) => d.link_id));
  const present = new Set(details.summary?.matched_elements);
  const questions = (rubric.key_questions as { id: string; label: string }[] | undefined) ?? [];
  const links = ((rubric.reasoning as { required_links?: { id: string; description: string }[] } | undefined)?.required_links) ?? [];
  const elements = ((rubric.summary as { required_elements?: { id: string; description: string }[] } | undefined)?.required_elements) ?? [];
  return [
    ...(details.key_questions ? questions.map((q) => ({ kind: 'key_question' as const, id: q.id, label: q.label, credited: asked.has(q.id) })) : []),
    ...(details.reasoning ? links.map((l) => ({ kind: 'reasoning_link' as const, id: l.id, label: l.description, credited: linked.has(l.id) })) : []),
    ...(details.summary ? elements.map((e) => ({ kind: 'summary_element' as const, id: e.id, label: e.description, credited: present.has(e.id) })) : []),
  ];
}

const keyOf = (d: { kind: string; id: string }) => `${d.kind}:${d.id}`;
const needsUtterance = (d: Decision) => !d.credited && d.kind !== 'summary_element';

interface Overturn {
  reason: string;
  utterance?: number;
}

export function ReviewPanel({ grading, rubric, utterances, onReviewed }: {
  grading: StoredGrading; rubric: RubricJson; utterances: Utterance[]; onReviewed(): void;
}) {
  const decisions = decisionsOf(grading, rubric);
  const studentUtterances = utterances.filter((u) => u.speaker === 'student');
  const [overturns, setOverturns] = useState<Map<string, Overturn>>(
    () => new Map((grading.review?.overrides ?? []).map((o) => [keyOf(o), { reason: o.reason, ...(o.utterance_index === undefined ? {} : { utterance: o.utterance_index }) }])),
  );
  const [result, setResult] = useState<{ before: number | null; after: number | null } | null>(null);
  const [missingReason, setMissingReason] = useState<Set<string>>(new Set());
  const submit = useAction(async () => {
    const overrides: Override[] = [];
    const missing = new Set<string>();
    for (const d of decisions) {
      const overturn = overturns.get(keyOf(d));
      if (overturn === undefined) continue;
      if (!overturn.reason.trim() || (needsUtterance(d) && overturn.utterance === undefined)) missing.add(keyOf(d));
      overrides.push({
        kind: d.kind, id: d.id, decision: d.credited ? 'remove' : 'credit', reason: overturn.reason.trim(),
        ...(overturn.utterance === undefined ? {} : { utterance_index: overturn.utterance }),
      });
    }
    setMissingReason(missing);
    if (missing.size > 0) return;
    const before = grading.report.overall_score;
    const reviewed = await post<StoredGrading>(`/gradings/${encodeURIComponent(grading.grading_id)}/review`, { overrides });
    setResult({ before, after: reviewed.report.overall_score });
    onReviewed();
  });
  const toggle = (d: Decision, on: boolean) => setOverturns((m) => {
    const next = new Map(m);
    if (on) next.set(keyOf(d), next.get(keyOf(d)) ?? { reason: '' });
    else next.delete(keyOf(d));
    return next;
  });
  const update = (key: string, change: Partial<Overturn>) => setOverturns((m) => {
    const old = m.get(key);
    return old ? new Map(m).set(key, { ...old, ...change }) : m;
  });
  const problemAt = (index: number) => submit.error?.errors.filter((e) => e.pointer?.startsWith(`/overrides/${index}`)).map((e) => e.message).join('; ');
  const submitted = [...overturns.keys()];
  const kinds = (Object.keys(KIND_LABEL) as OverrideKind[]).filter((k) => decisions.some((d) => d.kind === k));
  return (
    <section aria-labelledby="review-heading" class="review">
      <h2 id="review-heading">Review</h2>
      <p>Overturn a decision of the machine grade and give your reason; the score is recomputed from your decisions and the machine report is kept.</p>
      <form onSubmit={(e) => { e.preventDefault(); void submit.run(); }}>
        {kinds.map((kind) => (
          <fieldset key={kind}>
            <legend>{KIND_LABEL[kind]}</legend>
            <ul class="decisions">
              {decisions.filter((d) => d.kind === kind).map((d) => {
                const key = keyOf(d);
                const overturn = overturns.get(key);
                const apiError = problemAt(submitted.indexOf(key));
                return (
                  <li key={key} data-decision={key}>
                    <span class={d.credited ? 'credited' : 'missed'}>{d.credited ? 'Credited' : 'Not credited'}</span>
                    <span class="decision-label">{d.label}</span>
                    <label class="inline">
                      <input type="checkbox" name={`overturn-${key}`} checked={overturn !== undefined} onChange={(e) => toggle(d, e.currentTarget.checked)} />
                      {d.credited ? ' Overturn: remove credit' : ' Overturn: give credit'}
                    </label>
                    {overturn !== undefined && (
                      <Field label={`Reason for ${d.id}`} error={missingReason.has(key) && !overturn.reason.trim() ? 'give a reason for overturning' : apiError || undefined}>
                        {(a) => <input {...a} name={`reason-${key}`} value={overturn.reason} onInput={(e) => update(key, { reason: e.currentTarget.value })} />}
                      </Field>
                    )}
                    {overturn !== undefined && needsUtterance(d) && (
                      <Field label={`Where the student did it (${d.id})`} error={missingReason.has(key) && overturn.utterance === undefined ? 'choose the utterance that earns the credit' : undefined}>
                        {(a) => (
                          <select {...a} name={`utterance-${key}`} value={overturn.utterance === undefined ? '' : String(overturn.utterance)}
                            onChange={(e) => update(key, { utterance: e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value) })}>
                            <option value="">Choose an utterance…</option>
                            {studentUtterances.map((u) => <option key={u.index} value={String(u.index)}>{u.timestamp_start ?? `L${u.line}`} {u.text.slice(0, 80)}</option>)}
                          </select>
                        )}
                      </Field>
                    )}
                  </li>
                );
              })}
            </ul>
          </fieldset>
        ))}
        <ProblemMessage problem={submit.error} />
        <button type="submit" disabled={submit.busy}>{submit.busy ? 'Recomputing…' : 'Save review'}</button>
        {result && (
          <p role="status" data-testid="review-result">
            Score recomputed: <Score value={result.before} /> → <Score value={result.after} />
          </p>
        )}
      </form>
    </section>
  );
}
