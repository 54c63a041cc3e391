import { randomUUID } from 'node:crypto';
import type { FeedbackStyle } from '@medgrade/core';
import type { Grading, Job, JobItemProgress, TenantContext } from '@medgrade/data';
import { observeReportScores } from '@medgrade/kit/metrics';
import { currentTraceparent } from '@medgrade/kit/telemetry';
import { HttpProblem, notFound } from '../problem';
import { route, type Caller, type RouteSpec } from '../http/route';
import {
  BatchGradingRequest, CreateGradingRequest, GradingPage, GradingReport as ReportSchema, IdParam, Job as JobSchema,
  ListGradingsQuery, StoredGrading,
} from '../schemas';
import { approvedRubric } from './resolve-rubric';
import type { GatewayDeps } from './deps';
import { gradingSummary, reportOf, storedGradingView } from './grading-view';

// Gradings: synchronous (POST /gradings returns the report), fetched one by one or listed
// with a cursor, and batches that are queued for the worker (202 + a job to poll).

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const IDEMPOTENCY_LOCK_SECONDS = 120;

function lineCount(text: string): number {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

function jobView(job: Job, items: JobItemProgress[]) {
  return {
    job_id: job.id,
    status: job.status,
    total: job.total,
    completed: job.succeeded,
    failed: job.failed,
    done: job.succeeded + job.failed,
    grading_ids: items.flatMap((item) => (item.gradingId ? [item.gradingId] : [])),
    items: items.map((item) => ({
      position: item.position,
      label: item.label,
      student_id: item.studentId,
      status: item.status,
      grading_id: item.gradingId,
      error: item.error,
    })),
    created_at: job.createdAt.toISOString(),
    updated_at: job.updatedAt.toISOString(),
  };
}

/** Whom a grading is for: a student grades only themself; staff name the student (or nobody). */
function studentFor(caller: Caller, requested: string | undefined): string | null {
  if (caller.scope === 'own') {
    if (requested && requested !== caller.userId) throw new HttpProblem('forbidden', 'students can only grade their own transcripts');
    return caller.userId;
  }
  return requested ?? null;
}

export function gradingRoutes({ data, upstream, config }: GatewayDeps): RouteSpec[] {
  function checkTranscript(text: string, where: string): void {
    const lines = lineCount(text);
    if (lines > config.maxTranscriptLines) {
      throw new HttpProblem('transcript-too-long', `${where} has ${lines} lines; the limit is ${config.maxTranscriptLines}`, { max_lines: config.maxTranscriptLines });
    }
  }

  async function checkStudent(tenant: TenantContext, studentId: string | null): Promise<void> {
    if (studentId === null || studentId === tenant.userId) return;
    const student = await data.users.get(tenant, studentId);
    if (!student) throw new HttpProblem('not-found', `student ${studentId} not found`, { errors: [{ pointer: '/student_id', message: 'no such student in your institution' }] });
  }

  /** Every student of a batch must exist in the institution; the answer points at each item naming one who does not. */
  async function checkBatchStudents(tenant: TenantContext, studentIds: string[]): Promise<void> {
    const unknown = new Set<string>();
    for (const studentId of new Set(studentIds)) {
      if (studentId !== tenant.userId && !(await data.users.get(tenant, studentId))) unknown.add(studentId);
    }
    if (unknown.size === 0) return;
    const errors = studentIds.flatMap((studentId, index) => (unknown.has(studentId)
      ? [{ pointer: `/items/${index}/student_id`, message: `student ${studentId} not found` }] : []));
    throw new HttpProblem('not-found', `student ${[...unknown].join(', ')} not found`, { errors });
  }

  async function replay(tenant: TenantContext, existing: Grading, body: { oral_transcript: string; summary_text?: string; rubric_id: string }) {
    const withInput = await data.gradings.getWithInput(tenant, existing.id);
    if (!withInput || withInput.transcript !== body.oral_transcript || (withInput.summaryText ?? undefined) !== body.summary_text || withInput.rubricId !== body.rubric_id) {
      throw new HttpProblem('idempotency-mismatch', 'this Idempotency-Key was used for a different request');
    }
    return { status: 200, headers: { 'Idempotent-Replayed': 'true', Location: `/api/v1/gradings/${existing.id}` }, body: reportOf(existing.report, existing.id) };
  }

  return [
    route({
      method: 'post', path: '/gradings', operationId: 'createGrading', tag: 'gradings', permission: 'gradings.create',
      summary: 'Grade a transcript against an approved rubric and store the report',
      description: 'With an `Idempotency-Key` header, a retry of the same request returns the grading stored the first time '
        + '(200, header `Idempotent-Replayed: true`) instead of grading again.',
      body: CreateGradingRequest,
      headers: [{ name: 'Idempotency-Key', description: 'Any 1-200 printable ASCII characters, unique per grading within your institution' }],
      responses: {
        201: { description: 'Graded and stored', schema: ReportSchema, headers: ['Location'] },
        200: { description: 'Replay of an earlier request with the same Idempotency-Key', schema: ReportSchema, headers: ['Idempotent-Replayed'] },
      },
      problems: ['not-found', 'conflict', 'idempotency-in-flight', 'idempotency-mismatch', 'transcript-too-long', 'service-unavailable', 'upstream-timeout'],
      async handler({ body, caller, req, requestId }) {
        checkTranscript(body.oral_transcript, 'oral_transcript');
        const key = req.get('idempotency-key');
        if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw new HttpProblem('bad-request', 'Idempotency-Key must be 1-200 printable ASCII characters');
        const studentId = studentFor(caller, body.student_id);
        const tenant = caller.tenant;

        const grade = async () => {
          await checkStudent(tenant, studentId);
          const rubric = await approvedRubric(upstream, tenant, body.rubric_id, body.rubric_version);
          const gradingId = randomUUID();
          const { report, json } = await upstream.grade({
            rubric,
            institutionId: caller.institutionId,
            oralTranscript: body.oral_transcript,
            summaryText: body.summary_text,
            style: body.style as FeedbackStyle | undefined,
            gradingId,
          }, { requestId, tenant });
          // The report's grading_id is the row's id, so the JSON just made is what is stored and answered.
          const stored = await data.gradings.create(tenant, {
            id: gradingId,
            rubricId: rubric.rubricId,
            rubricVersion: rubric.version,
            studentId,
            graderId: caller.userId,
            transcript: body.oral_transcript,
            summaryText: body.summary_text ?? null,
            style: (body.style as FeedbackStyle | undefined) ?? null,
            report,
            reportJson: json,
            idempotencyKey: key ?? null,
          });
          if (stored.created) observeReportScores(report.component_scores, report.overall_score);
          return { ...stored, json };
        };

        const created = (grading: Grading, json: string) => ({ status: 201, headers: { Location: `/api/v1/gradings/${grading.id}` }, json });
        if (key === undefined) {
          const { grading, json } = await grade();
          return created(grading, json);
        }
        const earlier = await data.gradings.findByIdempotencyKey(tenant, key);
        if (earlier) return replay(tenant, earlier, body);
        const lockKey = `idempotency:${caller.institutionId}:${key}`;
        const token = await data.idempotency.acquire(lockKey, IDEMPOTENCY_LOCK_SECONDS);
        if (!token) throw new HttpProblem('idempotency-in-flight', 'a request with this Idempotency-Key is still being graded; retry shortly', {}, { 'Retry-After': '1' });
        try {
          const winner = await data.gradings.findByIdempotencyKey(tenant, key);
          if (winner) return replay(tenant, winner, body);
          const graded = await grade();
          if (!graded.created) return replay(tenant, graded.grading, body);
          return created(graded.grading, graded.json);
        } finally {
          await data.idempotency.release(lockKey, token);
        }
      },
    }),
    route({
      method: 'get', path: '/gradings', operationId: 'listGradings', tag: 'gradings', permission: 'gradings.read',
      summary: 'Gradings, newest first, one page at a time',
      description: 'Pass the returned `next_cursor` as `cursor` for the next page. Students always get only their own gradings.',
      query: ListGradingsQuery,
      responses: { 200: { description: 'One page', schema: GradingPage } },
      problems: ['bad-request'],
      async handler({ query, caller }) {
        const studentId = caller.scope === 'own' ? caller.userId : query.student_id;
        const page = await data.gradings.list(caller.tenant, {
          rubricId: query.rubric_id, studentId, from: query.from, to: query.to, cursor: query.cursor, limit: query.limit,
        });
        return { body: { items: page.items.map(gradingSummary), next_cursor: page.nextCursor } };
      },
    }),
    route({
      method: 'get', path: '/gradings/{id}', operationId: 'getGrading', tag: 'gradings', permission: 'gradings.read',
      summary: 'One stored grading with its report',
      params: IdParam,
      responses: { 200: { description: 'The grading', schema: StoredGrading } },
      problems: ['not-found'],
      async handler({ params, caller }) {
        const grading = await data.gradings.get(caller.tenant, params.id);
        if (!grading || (caller.scope === 'own' && grading.studentId !== caller.userId)) throw notFound('grading');
        return { body: await storedGradingView(data, caller.tenant, grading) };
      },
    }),
    route({
      method: 'post', path: '/gradings/batch', operationId: 'createGradingBatch', tag: 'gradings', permission: 'gradings.batch',
      summary: 'Queue many transcripts for grading; poll the returned job',
      body: BatchGradingRequest,
      responses: { 202: { description: 'Queued', schema: JobSchema, headers: ['Location'] } },
      problems: ['not-found', 'conflict', 'transcript-too-long'],
      async handler({ body, caller }) {
        body.items.forEach((item, index) => checkTranscript(item.oral_transcript, `items[${index}].oral_transcript`));
        await checkBatchStudents(caller.tenant, body.items.map((item) => item.student_id));
        const rubric = await approvedRubric(upstream, caller.tenant, body.rubric_id, body.rubric_version);
        const { job, messages } = await data.jobs.create(caller.tenant, {
          rubricId: rubric.rubricId,
          rubricVersion: rubric.version,
          items: body.items.map((item) => ({
            studentId: item.student_id, label: item.label ?? null, transcript: item.oral_transcript, summaryText: item.summary_text ?? null, style: (body.style as FeedbackStyle | undefined) ?? null,
          })),
        });
        // The worker continues this request's trace when it grades the items.
        const traceparent = currentTraceparent();
        await data.batchQueue.enqueue(traceparent ? messages.map((message) => ({ ...message, traceparent })) : messages);
        return { status: 202, headers: { Location: `/api/v1/jobs/${job.id}` }, body: jobView(job, []) };
      },
    }),
    route({
      method: 'get', path: '/jobs/{id}', operationId: 'getJob', tag: 'jobs', permission: 'gradings.batch',
      summary: 'Progress of a batch job and the ids of the gradings it stored',
      params: IdParam,
      responses: { 200: { description: 'The job', schema: JobSchema } },
      problems: ['not-found'],
      async handler({ params, caller }) {
        const job = await data.jobs.get(caller.tenant, params.id);
        if (!job) throw notFound('job');
        return { body: jobView(job, await data.jobs.progress(caller.tenant, job.id)) };
      },
    }),
  ];
}
