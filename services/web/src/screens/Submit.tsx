import { useState } from 'preact/hooks';
import { Field, Loading, ProblemMessage } from '../components/common';
import { RubricSelect } from '../components/RubricSelect';
import { ApiProblem, post } from '../lib/api';
import { useAction, useLoad, useRubricChoice } from '../lib/hooks';
import { gradableRubrics, studentByEmail } from '../lib/lists';
import { navigate } from '../lib/router';
import { useSession } from '../lib/session';
import type { GradingReport } from '../lib/types';

const STYLES = [
  ['constructive', 'Constructive (default)'],
  ['detailed', 'Detailed: every fact with figures'],
  ['concise', 'Concise: the main points'],
] as const;

/** Reads an uploaded .txt file as text; anything else is refused before it reaches the API. */
function readTextFile(file: File): Promise<string> {
  if (!/\.txt$/i.test(file.name) && file.type !== 'text/plain') {
    return Promise.reject(new Error(`${file.name} is not a .txt file`));
  }
  return file.text();
}

export function Submit() {
  const { me } = useSession();
  const staff = me.role !== 'student';
  const rubrics = useLoad(gradableRubrics, []);
  const [rubricId, setRubricId] = useRubricChoice(rubrics.data);
  const [studentEmail, setStudentEmail] = useState('');
  const [transcript, setTranscript] = useState('');
  const [summary, setSummary] = useState('');
  const [style, setStyle] = useState('constructive');
  const [fileError, setFileError] = useState<string | undefined>();

  const submit = useAction(async () => {
    let studentId: string | undefined;
    if (staff && studentEmail.trim()) {
      const student = await studentByEmail(studentEmail);
      if (!student) throw new ApiProblem(404, 'not-found', 'Unknown student', `no student with the email ${studentEmail.trim()}`, [{ pointer: '/student_id', message: 'no student with this email' }], {});
      studentId = student.id;
    }
    const report = await post<GradingReport>('/gradings', {
      rubric_id: rubricId,
      ...(studentId ? { student_id: studentId } : {}),
      oral_transcript: transcript,
      ...(summary.trim() ? { summary_text: summary } : {}),
      style,
    });
    navigate(`/gradings/${report.grading_id}`);
  });
  const fieldError = (pointer: string) => submit.error?.errorAt(pointer);

  if (rubrics.loading && !rubrics.data) return <Loading />;
  return (
    <>
      <h1>Submit an encounter</h1>
      <ProblemMessage problem={rubrics.error} />
      {rubrics.data?.length === 0 && <p>No rubric is approved yet: a teacher approves one first.</p>}
      <form class="stack" onSubmit={(e) => { e.preventDefault(); void submit.run(); }}>
        <RubricSelect rubrics={rubrics.data ?? []} value={rubricId} onChange={setRubricId} error={fieldError('/rubric_id')} />
        {staff && (
          <Field label="Student email" hint="Leave empty for a practice grading" error={fieldError('/student_id')}>
            {(a) => <input {...a} type="email" name="student_email" value={studentEmail} onInput={(e) => setStudentEmail(e.currentTarget.value)} />}
          </Field>
        )}
        <Field label="Transcript" hint="One utterance per line, e.g. [00:12] Student: When did the pain start?" error={fieldError('/oral_transcript')}>
          {(a) => <textarea {...a} name="oral_transcript" rows={14} required value={transcript} onInput={(e) => setTranscript(e.currentTarget.value)} />}
        </Field>
        <Field label="…or upload the transcript as a .txt file" error={fileError}>
          {(a) => (
            <input {...a} type="file" name="transcript_file" accept=".txt,text/plain" onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              setFileError(undefined);
              if (file) readTextFile(file).then(setTranscript, (err: Error) => setFileError(err.message));
            }} />
          )}
        </Field>
        <Field label="Written summary (optional)" error={fieldError('/summary_text')}>
          {(a) => <textarea {...a} name="summary_text" rows={5} value={summary} onInput={(e) => setSummary(e.currentTarget.value)} />}
        </Field>
        <Field label="Feedback style" error={fieldError('/style')}>
          {(a) => (
            <select {...a} name="style" value={style} onChange={(e) => setStyle(e.currentTarget.value)}>
              {STYLES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </select>
          )}
        </Field>
        <ProblemMessage problem={submit.error} />
        <div class="actions">
          <button type="submit" disabled={submit.busy || !rubricId}>{submit.busy ? 'Grading…' : 'Submit for grading'}</button>
          {submit.busy && <span role="status">Grading the transcript…</span>}
        </div>
      </form>
    </>
  );
}
