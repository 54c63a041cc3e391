import {
  parseCitation, parseTranscript, reviewReport, ReviewRejected, type GradingReport, type ReviewOverride, type Utterance,
} from '@medgrade/core';
import type { Grading } from '@medgrade/data';
import { notFoundAs } from '../http/errors';
import { route, type Caller, type RouteSpec } from '../http/route';
import { HttpProblem, notFound } from '../problem';
import { GradingPage, IdParam, ReviewQueueQuery, ReviewRequest, StoredGrading, TranscriptView } from '../schemas';
import type { GatewayDeps } from './deps';
import { gradingSummary, storedGradingView } from './grading-view';

// Human review of machine gradings: the queue of gradings nobody reviewed yet, a reviewer's
// overrides of key-question, reasoning-link and summary-element decisions (the engine then
// recomputes the report from them: core's reviewReport), and the parsed transcript that the
// report's citations point into, which a reviewer (and the student) reads beside the report.

/** Every student citation a report makes, in report order, once each. */
function studentCitations(report: GradingReport): string[] {
  const all = [
    ...report.feedback.sections.flatMap((section) => section.items.flatMap((item) => item.citations.student)),
    ...(report.details.key_questions?.matches.map((m) => m.citation) ?? []),
    ...(report.details.reasoning?.detected.map((d) => d.citation) ?? []),
    ...(report.details.summary?.citation ? [report.details.summary.citation] : []),
  ];
  return [...new Set(all)];
}

/** The utterances a student citation spans (the first starting where it starts, through the one ending where it ends). */
function citedSpan(citation: string, utterances: readonly Utterance[]) {
  const parsed = parseCitation(citation);
  if (parsed?.kind === 'summary') return { citation, kind: 'summary' as const, first_index: null, last_index: null };
  if (parsed?.kind !== 'oral') return null;
  const first = utterances.findIndex((u) => (parsed.mode === 'time' ? u.timestamp_start === parsed.start : u.line === parsed.start_line));
  if (first < 0) return null;
  const ends = (u: Utterance) => (parsed.mode === 'time' ? u.timestamp_end === parsed.end : u.line_span_end === parsed.end_line);
  const last = utterances.findIndex((u, i) => i >= first && ends(u));
  return last < 0 ? null : { citation, kind: 'oral' as const, first_index: first, last_index: last };
}

/** Reviewers see every grading of their institution; a student only their own. */
function visible<G extends Grading>(caller: Caller, grading: G | null): G {
  if (!grading || (caller.scope === 'own' && grading.studentId !== caller.userId)) throw notFound('grading');
  return grading;
}

function rejected(err: ReviewRejected): HttpProblem {
  return new HttpProblem('validation-failed', err.message, {
    errors: err.problems.map((p) => ({ pointer: `/overrides/${p.index}/${p.field}`, message: p.message })),
  });
}

export function reviewRoutes({ data, upstream }: GatewayDeps): RouteSpec[] {
  return [
    route({
      method: 'get', path: '/reviews/queue', operationId: 'listReviewQueue', tag: 'reviews', permission: 'gradings.review',
      summary: 'Gradings nobody has reviewed yet, oldest first',
      query: ReviewQueueQuery,
      responses: { 200: { description: 'One page', schema: GradingPage } },
      problems: ['bad-request'],
      async handler({ query, caller }) {
        const page = await data.gradings.reviewQueue(caller.tenant, { rubricId: query.rubric_id, cursor: query.cursor, limit: query.limit });
        return { body: { items: page.items.map(gradingSummary), next_cursor: page.nextCursor } };
      },
    }),
    route({
      method: 'post', path: '/gradings/{id}/review', operationId: 'reviewGrading', tag: 'reviews', permission: 'gradings.review',
      summary: 'Override key-question, reasoning-link or summary-element decisions; the engine recomputes the report',
      description: 'The engine evaluates the stored transcript again, replaces the named decisions with the overrides and '
        + 'rebuilds the scores and the cited feedback from them. The engine\'s own report stays available as `machine_report`; '
        + 'a later review replaces this one\'s overrides (they always apply to the engine\'s decisions). Audited.',
      params: IdParam,
      body: ReviewRequest,
      responses: { 200: { description: 'The reviewed grading', schema: StoredGrading } },
      problems: ['not-found'],
      async handler({ params, body, caller, requestId }) {
        const grading = await data.gradings.getWithInput(caller.tenant, params.id);
        if (!grading) throw notFound('grading');
        const rubric = await notFoundAs(
          upstream.rubrics.get(grading.rubricId, grading.rubricVersion, { requestId, tenant: caller.tenant }),
          `rubric ${grading.rubricId} version ${grading.rubricVersion}`,
        );
        const overrides = body.overrides as ReviewOverride[];
        let report: GradingReport;
        try {
          report = reviewReport(rubric.body, {
            transcript: grading.transcript, summaryText: grading.summaryText ?? undefined, style: grading.style ?? undefined,
          }, overrides, { gradingId: grading.id });
        } catch (err) {
          if (err instanceof ReviewRejected) throw rejected(err);
          throw err;
        }
        if (!(await data.gradings.review(caller.tenant, grading.id, { report, overrides }))) throw notFound('grading');
        const reviewed = await data.gradings.get(caller.tenant, grading.id);
        if (!reviewed) throw notFound('grading');
        return { body: await storedGradingView(data, caller.tenant, reviewed) };
      },
    }),
    route({
      method: 'get', path: '/gradings/{id}/transcript', operationId: 'getGradingTranscript', tag: 'gradings', permission: 'gradings.read',
      summary: 'The grading\'s transcript as the engine parsed it, and the utterances each student citation spans',
      params: IdParam,
      responses: { 200: { description: 'The transcript', schema: TranscriptView } },
      problems: ['not-found'],
      async handler({ params, caller }) {
        const grading = visible(caller, await data.gradings.getWithInput(caller.tenant, params.id));
        const parsed = parseTranscript(grading.transcript);
        const citations = [...new Set([grading.report, grading.machineReport].flatMap((r) => (r ? studentCitations(r) : [])))]
          .flatMap((citation) => citedSpan(citation, parsed.utterances) ?? []);
        return {
          body: {
            grading_id: grading.id,
            oral_transcript: grading.transcript,
            summary_text: grading.summaryText,
            has_timestamps: parsed.has_timestamps,
            utterances: parsed.utterances.map((u) => ({
              index: u.index, line: u.line, line_end: u.line_end, speaker: u.speaker, speaker_label: u.speaker_label,
              text: u.text, timestamp_start: u.timestamp_start, timestamp_end: u.timestamp_end,
            })),
            citations,
          },
        };
      },
    }),
  ];
}
