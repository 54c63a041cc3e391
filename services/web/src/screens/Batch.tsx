import { useEffect, useState } from 'preact/hooks';
import { Field, Loading, ProblemMessage } from '../components/common';
import { RubricSelect } from '../components/RubricSelect';
import { ApiProblem, get, post } from '../lib/api';
import { useAction, useLoad, useRubricChoice } from '../lib/hooks';
import { gradableRubrics, studentByEmail } from '../lib/lists';
import { navigate } from '../lib/router';
import type { Job } from '../lib/types';

// Many transcripts at once: one .txt file per student, each mapped to a student by email
// (a file named after the email fills it in), sent as one batch; the job view follows it.

interface Row {
  file: string;
  text: string;
  email: string;
  error?: string;
}

/** "ana@school.edu.txt" or "ana@school.edu - week 3.txt" → "ana@school.edu". */
function emailFromFileName(name: string): string {
  const match = /[^\s/\\]+@[^\s/\\]+?(?=\.txt$|\s|$)/i.exec(name);
  return match ? match[0] : '';
}

export function BatchUpload() {
  const rubrics = useLoad(gradableRubrics, []);
  const [rubricId, setRubricId] = useRubricChoice(rubrics.data);
  const [rows, setRows] = useState<Row[]>([]);
  const addFiles = async (files: FileList | null) => {
    const added = await Promise.all([...(files ?? [])].map(async (f) => ({ file: f.name, text: await f.text(), email: emailFromFileName(f.name) })));
    setRows((r) => [...r, ...added]);
  };
  const setRow = (i: number, change: Partial<Row>) => setRows((r) => r.map((row, j) => (j === i ? { ...row, ...change } : row)));
  const submit = useAction(async () => {
    const resolved = await Promise.all(rows.map(async (row) => {
      if (!row.email.trim()) return { ...row, error: 'name the student (email)' };
      const student = await studentByEmail(row.email);
      return student ? { ...row, error: undefined, studentId: student.id } : { ...row, error: `no student with the email ${row.email.trim()}` };
    }));
    setRows(resolved);
    if (resolved.some((r) => r.error)) throw new ApiProblem(422, 'client', 'Some files have no student', 'fix the marked rows', [], {});
    const job = await post<Job>('/gradings/batch', {
      rubric_id: rubricId,
      items: resolved.map((r) => ({ student_id: (r as Row & { studentId: string }).studentId, oral_transcript: r.text, label: r.file })),
    });
    navigate(`/jobs/${job.job_id}`);
  });
  const itemError = (i: number) => submit.error?.errors.filter((e) => e.pointer?.startsWith(`/items/${i}/`)).map((e) => e.message).join('; ') || undefined;
  return (
    <>
      <h1>Batch upload</h1>
      <ProblemMessage problem={rubrics.error} />
      <form class="stack" onSubmit={(e) => { e.preventDefault(); void submit.run(); }}>
        <RubricSelect rubrics={rubrics.data ?? []} value={rubricId} onChange={setRubricId} />
        <Field label="Transcript files (.txt, one per student)" hint="A file named after the student's email fills in the student">
          {(a) => <input {...a} type="file" name="files" multiple accept=".txt,text/plain" onChange={(e) => void addFiles(e.currentTarget.files)} />}
        </Field>
        {rows.length > 0 && (
          <table class="list" data-testid="batch-rows">
            <thead><tr><th scope="col">File</th><th scope="col">Student email</th><th scope="col"><span class="visually-hidden">Remove</span></th></tr></thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={`${row.file}-${i}`}>
                  <td>{row.file} <span class="muted">({row.text.split('\n').length} lines)</span></td>
                  <td>
                    <Field label={`Student email for ${row.file}`} error={row.error ?? itemError(i)}>
                      {(a) => <input {...a} type="email" value={row.email} onInput={(e) => setRow(i, { email: e.currentTarget.value, error: undefined })} />}
                    </Field>
                  </td>
                  <td><button type="button" class="secondary small" onClick={() => setRows((r) => r.filter((_, j) => j !== i))}>Remove {row.file}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <ProblemMessage problem={submit.error} />
        <button type="submit" disabled={submit.busy || rows.length === 0 || !rubricId}>
          {submit.busy ? 'Sending…' : `Grade ${rows.length} transcript${rows.length === 1 ? '' : 's'}`}
        </button>
      </form>
    </>
  );
}

const FINISHED = new Set(['completed', 'failed']);

/** A batch's progress, polled until it finishes. */
export function JobView({ id }: { id: string }) {
  const job = useLoad(() => get<Job>(`/jobs/${encodeURIComponent(id)}`), [id]);
  useEffect(() => {
    if (!job.data || FINISHED.has(job.data.status)) return undefined;
    const timer = setTimeout(job.reload, 600);
    return () => clearTimeout(timer);
  }, [job.data]);
  if (job.error) return <><h1>Batch</h1><ProblemMessage problem={job.error} /></>;
  if (!job.data) return <Loading />;
  const { total, completed, failed, done, status } = job.data;
  return (
    <>
      <h1>Batch progress</h1>
      <div class="progress-block">
        <label for="job-progress">Graded {done} of {total}</label>
        <progress id="job-progress" max={total} value={done} data-testid="job-progress">{done} of {total}</progress>
        <p role="status" data-testid="job-status">
          {status === 'completed' ? `Finished: ${completed} graded${failed ? `, ${failed} failed` : ''}.` : status === 'failed' ? `The batch failed (${failed} failed).` : `Status: ${status}…`}
        </p>
      </div>
      <section aria-labelledby="results-heading">
        <h2 id="results-heading">Files</h2>
        <table class="list" data-testid="job-items">
          <thead><tr><th scope="col">File</th><th scope="col">Outcome</th></tr></thead>
          <tbody>
            {job.data.items.map((item) => (
              <tr key={item.position} data-status={item.status}>
                <td>{item.label ?? `Item ${item.position + 1}`}</td>
                <td>
                  {item.grading_id ? <a href={`/gradings/${item.grading_id}`}>Graded: open the report<span class="visually-hidden"> for {item.label}</span></a>
                    : item.status === 'failed' ? <span class="field-error">Failed: {item.error ?? 'unknown error'}</span> : 'Waiting…'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
