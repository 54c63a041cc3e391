import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiClient, DEMO_DIR, userOf, type Credential, type LocalCredentials } from './seed';

// The demo cohort, graded through the API like real work: six students, three attempts each
// on both demo rubrics (one rubric's attempts as a batch job, as a grader would upload them),
// transcripts thinned per student and attempt so the scores spread (weaker students skip more
// questions, later attempts skip fewer), and one grading per rubric reviewed by the grader, so every
// analytics figure and the review screens have something to show on the first start.

const ATTEMPTS = 3;
const COHORT = [
  { rubricId: 'demo_abdominal_pain', transcript: 'abdominal_pain_transcript.txt', batch: false },
  { rubricId: 'demo_headache', transcript: 'headache_transcript.txt', batch: true },
];
/** How much of the history each student takes (the first is the strongest). */
const STUDENT_SKILL = [0.95, 0.85, 0.7, 0.55, 0.4, 0.8];

/** A number in [0, 1) fixed by its parts, so every run seeds the same cohort. */
function chance(...parts: (string | number)[]): number {
  return createHash('sha256').update(parts.join('/')).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * The transcript as one attempt would go: the greeting and the chief complaint always, each
 * further question with the patient's answer kept with the student's skill, and the closing
 * summary a little more often. The demo transcripts alternate student and patient lines.
 */
export function attemptTranscript(transcript: string, student: number, attempt: number): string {
  const lines = transcript.trimEnd().split('\n');
  const skill = Math.min(0.98, (STUDENT_SKILL[student] ?? 0.6) + 0.08 * attempt);
  const kept: string[] = lines.slice(0, 2);
  for (let i = 2; i < lines.length - 1; i += 2) {
    if (chance(transcript.length, student, attempt, i) < skill) kept.push(...lines.slice(i, i + 2));
  }
  if (chance(transcript.length, student, attempt, 'summary') < skill + 0.15) kept.push(lines[lines.length - 1] as string);
  return `${kept.join('\n')}\n`;
}

interface Page<T> { items: T[]; next_cursor: string | null }
interface Job { job_id: string; status: string; grading_ids: string[] }

async function login(baseUrl: string, credential: Credential): Promise<ApiClient> {
  const client = await ApiClient.login(baseUrl, credential.email, credential.password);
  if (!client) throw new Error(`the demo ${credential.role} ${credential.email} cannot log in`);
  return client;
}

/** Student user ids by email; creates the cohort students an older data directory lacks. */
async function cohortStudents(baseUrl: string, credentials: LocalCredentials): Promise<string[]> {
  const admin = await login(baseUrl, userOf(credentials, 'institution_admin'));
  const students = credentials.users.filter((u) => u.role === 'student');
  const ids: string[] = [];
  for (const student of students) {
    const found = await admin.expect<Page<{ id: string; email: string }>>(200, 'GET', `/api/v1/users?role=student&q=${encodeURIComponent(student.email)}`);
    const existing = found.items.find((u) => u.email === student.email);
    ids.push(existing?.id ?? (await admin.expect<{ id: string }>(201, 'POST', '/api/v1/users', {
      email: student.email, password: student.password, role: 'student', display_name: student.displayName ?? 'Demo student',
    })).id);
  }
  return ids;
}

async function waitForJob(grader: ApiClient, job: Job): Promise<Job> {
  let current = job;
  for (let i = 0; i < 600 && current.status !== 'completed' && current.status !== 'failed'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    current = await grader.expect<Job>(200, 'GET', `/api/v1/jobs/${job.job_id}`);
  }
  if (current.status !== 'completed') throw new Error(`the demo batch job ${job.job_id} ended ${current.status}`);
  return current;
}

/** The grader credits the first question the engine missed in a grading, at the student's first question. */
async function reviewOne(grader: ApiClient, gradingId: string): Promise<boolean> {
  const grading = await grader.expect<{ report: { details: { key_questions: { unmatched: string[] } | null } } }>(200, 'GET', `/api/v1/gradings/${gradingId}`);
  const missed = grading.report.details.key_questions?.unmatched[0];
  if (!missed) return false;
  const transcript = await grader.expect<{ utterances: { index: number; speaker: string }[] }>(200, 'GET', `/api/v1/gradings/${gradingId}/transcript`);
  const asked = transcript.utterances.filter((u) => u.speaker === 'student')[1] ?? transcript.utterances.find((u) => u.speaker === 'student');
  if (!asked) return false;
  await grader.expect(200, 'POST', `/api/v1/gradings/${gradingId}/review`, {
    overrides: [{ kind: 'key_question', id: missed, decision: 'credit', utterance_index: asked.index, reason: 'Asked in other words; the meaning is clear from the patient\'s answer.' }],
  });
  return true;
}

/** Grades the demo cohort once; returns how many gradings it stored (0 when the cohort was already there). */
export async function seedCohort(baseUrl: string, credentials: LocalCredentials): Promise<number> {
  const grader = await login(baseUrl, userOf(credentials, 'grader'));
  const already = await grader.expect<Page<unknown>>(200, 'GET', '/api/v1/gradings?limit=1');
  if (already.items.length > 0) return 0;
  const students = await cohortStudents(baseUrl, credentials);
  let graded = 0;
  for (const { rubricId, transcript, batch } of COHORT) {
    const gradingIds: string[] = [];
    const text = fs.readFileSync(path.join(DEMO_DIR, transcript), 'utf8');
    const items = students.flatMap((studentId, s) => Array.from({ length: ATTEMPTS }, (_, attempt) => ({
      student_id: studentId, oral_transcript: attemptTranscript(text, s, attempt), label: `attempt-${attempt + 1}-${s + 1}.txt`,
    })));
    if (batch) {
      const job = await waitForJob(grader, await grader.expect<Job>(202, 'POST', '/api/v1/gradings/batch', { rubric_id: rubricId, items }));
      gradingIds.push(...job.grading_ids);
    } else {
      for (const { label: _label, ...item } of items) {
        gradingIds.push((await grader.expect<{ grading_id: string }>(201, 'POST', '/api/v1/gradings', { rubric_id: rubricId, ...item })).grading_id);
      }
    }
    // One reviewed grading per rubric: the first one in which the engine missed a question.
    for (const id of gradingIds) if (await reviewOne(grader, id)) break;
    graded += gradingIds.length;
  }
  return graded;
}
