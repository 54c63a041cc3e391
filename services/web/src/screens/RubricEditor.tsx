import { useEffect, useState } from 'preact/hooks';
import { Field, Loading, ProblemMessage } from '../components/common';
import { JsonNode, type IssuesByPointer, type Json } from '../components/JsonForm';
import { QaList } from '../components/QaList';
import { get, post, put, withQuery } from '../lib/api';
import { useAction, useLoad } from '../lib/hooks';
import { navigate } from '../lib/router';
import type { QaReport, RubricJson, RubricRecord } from '../lib/types';

const rubricPath = (id: string) => `/rubrics/${encodeURIComponent(id)}`;

/** QA of the rubric as it is being edited, asked again once the teacher pauses. */
function useLiveQa(rubric: unknown): QaReport | undefined {
  const [qa, setQa] = useState<QaReport | undefined>();
  useEffect(() => {
    if (rubric === undefined) return undefined;
    let current = true;
    const timer = setTimeout(() => {
      post<QaReport>('/rubrics/validate', rubric).then((report) => { if (current) setQa(report); }, () => undefined);
    }, 400);
    return () => { current = false; clearTimeout(timer); };
  }, [JSON.stringify(rubric)]);
  return qa;
}

function issuesOf(qa: QaReport | undefined): IssuesByPointer {
  const map: IssuesByPointer = new Map();
  for (const issue of [...(qa?.errors ?? []), ...(qa?.warnings ?? [])]) map.set(issue.pointer, [...(map.get(issue.pointer) ?? []), issue.message]);
  return map;
}

export function RubricEditor({ id, version }: { id: string; version: string | undefined }) {
  const loaded = useLoad(() => get<RubricRecord>(withQuery(rubricPath(id), { version })), [id, version]);
  const [draft, setDraft] = useState<Json | undefined>();
  useEffect(() => { if (loaded.data) setDraft(loaded.data.rubric as unknown as Json); }, [loaded.data]);
  const qa = useLiveQa(draft);
  const save = useAction(async () => {
    const created = await put<RubricRecord>(rubricPath(id), { base_version: loaded.data?.version, rubric: draft });
    navigate(`${rubricPath(id)}?version=${created.version}`);
  });
  if (loaded.error) return <><h1>Edit rubric</h1><ProblemMessage problem={loaded.error} /></>;
  if (!loaded.data || draft === undefined) return <Loading />;
  return (
    <>
      <h1>Edit {loaded.data.title ?? id}</h1>
      <p class="meta">Starting from version {loaded.data.version} ({loaded.data.status}). Saving creates a new draft version.</p>
      <div class="editor-layout">
        <form class="json-form" onSubmit={(e) => { e.preventDefault(); void save.run(); }}>
          <JsonNode name="rubric" value={draft} pointer="" issues={issuesOf(qa)} onChange={setDraft} />
          <ProblemMessage problem={save.error} />
          <button type="submit" disabled={save.busy}>{save.busy ? 'Saving…' : 'Save as new draft'}</button>
        </form>
        <aside class="editor-qa" aria-label="Quality check while editing">
          {qa ? <QaList qa={qa} jump /> : <Loading label="Checking…" />}
        </aside>
      </div>
    </>
  );
}

/** A new rubric from its JSON (pasted or a .json file), checked before it is stored as a draft. */
export function NewRubric() {
  const [text, setText] = useState('');
  const [parseError, setParseError] = useState<string | undefined>();
  const parsed = (): RubricJson | undefined => {
    try {
      const value = JSON.parse(text) as unknown;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('the rubric must be a JSON object');
      setParseError(undefined);
      return value as RubricJson;
    } catch (err) {
      setParseError(`Not valid JSON: ${(err as Error).message}`);
      return undefined;
    }
  };
  const [qa, setQa] = useState<QaReport | undefined>();
  const check = useAction(async () => {
    const rubric = parsed();
    if (rubric) setQa(await post<QaReport>('/rubrics/validate', rubric));
  });
  const create = useAction(async () => {
    const rubric = parsed();
    if (!rubric) return;
    const created = await post<{ rubric_id: string; version: string }>('/rubrics', rubric);
    navigate(`${rubricPath(created.rubric_id)}?version=${created.version}`);
  });
  return (
    <>
      <h1>New rubric</h1>
      <form class="stack" onSubmit={(e) => { e.preventDefault(); void create.run(); }}>
        <Field label="Rubric JSON" hint="Paste the rubric in the medgrade rubric format, or upload its file below" error={parseError}>
          {(a) => <textarea {...a} name="rubric_json" rows={16} class="code" value={text} onInput={(e) => setText(e.currentTarget.value)} />}
        </Field>
        <Field label="…or upload a .json file">
          {(a) => <input {...a} type="file" accept=".json,application/json" onChange={(e) => { void e.currentTarget.files?.[0]?.text().then(setText); }} />}
        </Field>
        <ProblemMessage problem={check.error ?? create.error} />
        <div class="actions">
          <button type="button" class="secondary" disabled={check.busy} onClick={() => void check.run()}>Check</button>
          <button type="submit" disabled={create.busy}>Create draft</button>
        </div>
      </form>
      {qa && <QaList qa={qa} />}
    </>
  );
}
