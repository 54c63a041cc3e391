import { useEffect, useState } from 'preact/hooks';
import { ChangesTable, PatchList } from '../components/Changes';
import { Field, formatDate, Loading, ProblemMessage, StatusBadge } from '../components/common';
import { QaList } from '../components/QaList';
import { RubricSummary } from '../components/RubricSummary';
import { get, patch, post, withQuery } from '../lib/api';
import { useAction, useLoad } from '../lib/hooks';
import { navigate } from '../lib/router';
import { useSession } from '../lib/session';
import type { EditPreview, RubricRecord, RubricVersionSummary, VersionDiff } from '../lib/types';

const rubricPath = (id: string) => `/rubrics/${encodeURIComponent(id)}`;

export function RubricPage({ id, version }: { id: string; version: string | undefined }) {
  const { can } = useSession();
  // Read again on every version change: saving a draft navigates here with a version the list has not seen.
  const versions = useLoad(() => get<{ items: RubricVersionSummary[] }>(`${rubricPath(id)}/versions`), [id, version]);
  const shown = version ?? versions.data?.items[0]?.version;
  const record = useLoad(
    () => (shown ? get<RubricRecord>(withQuery(rubricPath(id), { version: shown })) : Promise.resolve(undefined)),
    [id, shown],
  );
  const reload = () => { versions.reload(); record.reload(); };
  const action = useAction(async (what: 'approve' | 'archive-version' | 'archive-all', v: string) => {
    if (what === 'approve') await post(`${rubricPath(id)}/versions/${v}/approve`);
    else await post(withQuery(`${rubricPath(id)}/archive`, { version: what === 'archive-version' ? v : undefined }));
    reload();
  });

  if (versions.error) return <><h1>Rubric {id}</h1><ProblemMessage problem={versions.error} /></>;
  if (!versions.data || !record.data) return <><Loading /><ProblemMessage problem={record.error} /></>;
  const current = record.data;
  const head = versions.data.items[0];
  return (
    <>
      <h1>{current.title ?? id}</h1>
      <p class="meta"><code>{id}</code> · version <strong data-testid="shown-version">{current.version}</strong> <StatusBadge status={current.status} />
        {head && head.version !== current.version && <> · newest is <a href={`${rubricPath(id)}?version=${head.version}`}>{head.version}</a></>}</p>
      <div class="actions">
        {can('rubrics.write') && current.status !== 'archived' && <a class="button" href={`${rubricPath(id)}/edit?version=${current.version}`}>Open in editor</a>}
      </div>
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        <table class="list" data-testid="versions">
          <thead><tr><th scope="col">Version</th><th scope="col">Status</th><th scope="col">Created</th><th scope="col">Actions</th></tr></thead>
          <tbody>
            {versions.data.items.map((v) => (
              <tr key={v.version} aria-current={v.version === current.version ? 'true' : undefined}>
                <td><a href={`${rubricPath(id)}?version=${v.version}`}>{v.version}</a></td>
                <td><StatusBadge status={v.status} /></td>
                <td>{formatDate(v.created_at)}</td>
                <td class="row-actions">
                  {v.status === 'draft' && can('rubrics.approve') && (
                    <button type="button" disabled={action.busy} onClick={() => void action.run('approve', v.version)}>Approve {v.version}</button>
                  )}
                  {v.status !== 'archived' && can('rubrics.write') && (
                    <button type="button" class="secondary" disabled={action.busy} onClick={() => void action.run('archive-version', v.version)}>Archive {v.version}</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ProblemMessage problem={action.error} />
        {action.error?.body.qa ? <QaList qa={action.error.body.qa as RubricRecord['qa'] & object} heading="Why approval was refused" /> : null}
        {can('rubrics.write') && (
          <button type="button" class="secondary" disabled={action.busy} onClick={() => void action.run('archive-all', '')}>Archive the whole rubric</button>
        )}
      </section>
      {current.qa && <QaList qa={current.qa} />}
      {can('rubrics.validate') && current.status !== 'archived' && <PlainLanguageEdit id={id} version={current.version} canSave={can('rubrics.write')} />}
      <VersionCompare id={id} versions={versions.data.items} />
      <RubricSummary rubric={current.rubric} />
    </>
  );
}

/** A teacher's sentence → a previewed JSON Patch, its diff and the QA of the result → a new draft. */
function PlainLanguageEdit({ id, version, canSave }: { id: string; version: string; canSave: boolean }) {
  const [instruction, setInstruction] = useState('');
  const [preview, setPreview] = useState<EditPreview | undefined>();
  const previewAction = useAction(async () => {
    setPreview(undefined);
    setPreview(await post<EditPreview>(`${rubricPath(id)}/edits/preview`, { instruction, version }));
  });
  const save = useAction(async () => {
    if (!preview) return;
    const created = await patch<RubricRecord>(rubricPath(id), { base_version: preview.base_version, operations: preview.patch });
    navigate(`${rubricPath(id)}?version=${created.version}`);
  });
  useEffect(() => { setPreview(undefined); }, [version]);
  const notUnderstood = previewAction.error?.body.not_understood;
  return (
    <section aria-labelledby="edit-heading" class="edit-box">
      <h2 id="edit-heading">Edit in plain language</h2>
      <form onSubmit={(e) => { e.preventDefault(); void previewAction.run(); }}>
        <Field label="Describe the change" hint={'For example: "mark the fever question critical" or "increase key questions to 0.45 and decrease structure to 0.15"'}
          error={previewAction.error?.errorAt('/instruction')}>
          {(a) => <textarea {...a} name="instruction" rows={3} value={instruction} onInput={(e) => setInstruction(e.currentTarget.value)} />}
        </Field>
        <button type="submit" disabled={previewAction.busy || !instruction.trim()}>{previewAction.busy ? 'Working it out…' : 'Preview the change'}</button>
      </form>
      <ProblemMessage problem={previewAction.error} />
      {Array.isArray(notUnderstood) && notUnderstood.length > 0 && (
        <p>Not understood: {(notUnderstood as string[]).map((s) => <q key={s}>{s}</q>)}</p>
      )}
      {preview && (
        <div class="preview" data-testid="edit-preview">
          <h3>Understood</h3>
          <ul>{preview.understood.map((u) => <li key={u}>{u}</li>)}</ul>
          <h3>Patch (JSON Patch on version {preview.base_version})</h3>
          <PatchList operations={preview.patch} />
          <h3>Before and after</h3>
          <ChangesTable changes={preview.diff} caption="Values this change touches" />
          <QaList qa={preview.qa} heading="Quality check of the result" />
          {canSave && (
            <>
              <ProblemMessage problem={save.error} />
              <button type="button" disabled={save.busy} onClick={() => void save.run()}>{save.busy ? 'Saving…' : 'Save as new draft'}</button>
            </>
          )}
        </div>
      )}
    </section>
  );
}

function VersionCompare({ id, versions }: { id: string; versions: RubricVersionSummary[] }) {
  const [from, setFrom] = useState(versions[1]?.version ?? versions[0]?.version ?? '');
  const [to, setTo] = useState(versions[0]?.version ?? '');
  const [diff, setDiff] = useState<VersionDiff | undefined>();
  const compare = useAction(async () => {
    setDiff(await get<VersionDiff>(withQuery(`${rubricPath(id)}/diff`, { from, to })));
  });
  if (versions.length < 2) return null;
  const choose = (label: string, value: string, set: (v: string) => void) => (
    <Field label={label}>
      {(a) => <select {...a} value={value} onChange={(e) => set(e.currentTarget.value)}>{versions.map((v) => <option key={v.version} value={v.version}>{v.version} ({v.status})</option>)}</select>}
    </Field>
  );
  return (
    <section aria-labelledby="compare-heading">
      <h2 id="compare-heading">Compare versions</h2>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); void compare.run(); }}>
        {choose('From version', from, setFrom)}
        {choose('To version', to, setTo)}
        <button type="submit" disabled={compare.busy}>Compare</button>
      </form>
      <ProblemMessage problem={compare.error} />
      {diff && <ChangesTable changes={diff.changes} caption={`Changes from ${diff.from} to ${diff.to}`} />}
    </section>
  );
}
