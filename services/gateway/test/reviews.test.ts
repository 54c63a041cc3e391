import * as assert from 'node:assert/strict';
import { approvedRubric, assertProblem, createInstitution, fixtureRubric, fixtureTranscript, type TestInstitution } from './support/api';
import { testSystem, type TestSystem } from './support/system';

// Human review over HTTP: a grader overturns decisions of a stored grading, the engine
// recomputes the report from them, the engine's report stays available, the audit log has the
// change, the queue forgets the grading, and bad overrides are refused with pointers and write
// nothing. The fixture rubric's weights are used to work the expected scores out by hand.

const WEIGHTS = { structure: 0.25, key_questions: 0.35, reasoning: 0.2, summary: 0.2, communication: 0 };
const QUESTION_WEIGHTS: Record<string, number> = { prodrome: 2, exertion: 2, palpitations: 1, family_sudden_death: 2 };

/** The fixture transcript without its question about palpitations, so the engine misses one question. */
const withoutPalpitations = () => fixtureTranscript().split('\n').filter((line) => !/palpitations|heart races/.test(line)).join('\n');

function overall(scores: Record<string, number>): number {
  return Object.entries(WEIGHTS).reduce((sum, [c, w]) => sum + w * (scores[c] ?? 0), 0);
}

describe('gateway human review', function () {
  this.timeout(120_000);
  let system: TestSystem;
  let school: TestInstitution;
  let rubricId: string;

  before(async () => {
    system = await testSystem();
    school = await createInstitution(system.url, system.admin);
    rubricId = await approvedRubric(school.members.teacher.api, fixtureRubric());
  });

  async function gradeOne(transcript = withoutPalpitations()): Promise<any> {
    return school.members.grader.api.ok(201, 'POST', '/api/v1/gradings', { rubric_id: rubricId, student_id: school.members.student.id, oral_transcript: transcript });
  }

  it('the transcript view resolves every student citation of the report to the utterances it spans', async () => {
    const report = await gradeOne(fixtureTranscript());
    const view = await school.members.student.api.ok(200, 'GET', `/api/v1/gradings/${report.grading_id}/transcript`);
    assert.equal(view.oral_transcript, fixtureTranscript());
    assert.equal(view.has_timestamps, true);
    assert.equal(view.utterances.length, 13);
    assert.deepEqual(view.utterances[2], {
      index: 2, line: 3, line_end: 3, speaker: 'student', speaker_label: 'Student',
      text: 'Did it happen during exercise, while you were running?', timestamp_start: '00:08', timestamp_end: '00:12',
    });
    const cited = new Set<string>(report.details.key_questions.matches.map((m: { citation: string }) => m.citation));
    for (const citation of cited) {
      const span = view.citations.find((c: { citation: string }) => c.citation === citation);
      assert.ok(span, `${citation} resolved`);
      const match = report.details.key_questions.matches.find((m: { citation: string }) => m.citation === citation);
      assert.equal(span.first_index, match.utterance_index);
      assert.equal(span.last_index, match.utterance_index);
    }
    // Another student cannot read it; staff of another institution cannot either.
    const other = await createInstitution(system.url, system.admin);
    assertProblem(await other.members.teacher.api.get(`/api/v1/gradings/${report.grading_id}/transcript`), 404, 'not-found');
  });

  it('recomputes the score from the overrides, keeps the machine report, shows who reviewed, audits it', async () => {
    const machine = await gradeOne();
    assert.deepEqual(machine.details.key_questions.unmatched, ['palpitations']);
    const view = await school.members.grader.api.ok(200, 'GET', `/api/v1/gradings/${machine.grading_id}/transcript`);
    const asked = view.utterances.find((u: { text: string }) => u.text.startsWith('Did it happen during exercise')).index;
    assert.ok((await school.members.grader.api.ok(200, 'GET', '/api/v1/reviews/queue?limit=100')).items.some((g: { grading_id: string }) => g.grading_id === machine.grading_id));

    const overrides = [
      { kind: 'key_question', id: 'palpitations', decision: 'credit', utterance_index: asked, reason: 'asked about the heart while exercising' },
      { kind: 'summary_element', id: 'neg1', decision: 'remove', reason: '"no warning" is not a pertinent negative here' },
    ];
    const reviewed = await school.members.grader.api.ok(200, 'POST', `/api/v1/gradings/${machine.grading_id}/review`, { overrides });
    const scores = reviewed.report.component_scores;
    assert.equal(scores.key_questions, 1, 'every question now counts');
    const summary = reviewed.report.details.summary;
    assert.deepEqual(summary.missing_elements, ['neg1']);
    assert.equal(scores.summary, 0.5 * summary.succinct_score + 0.5 * 0.5);
    assert.equal(scores.structure, machine.component_scores.structure);
    assert.ok(Math.abs(reviewed.report.overall_score - overall(scores)) < 1e-12);
    assert.equal(reviewed.overall_score, reviewed.report.overall_score);
    assert.deepEqual(reviewed.machine_report, machine);
    assert.equal(reviewed.review.reviewed_by, school.members.grader.id);
    assert.equal(reviewed.review.reviewed_by_name, school.members.grader.email);
    assert.deepEqual(reviewed.review.overrides, overrides);
    const credited = reviewed.report.details.key_questions.matches.find((m: { question_id: string }) => m.question_id === 'palpitations');
    assert.equal(credited.utterance_index, asked);
    assert.ok(reviewed.report.feedback.sections.flatMap((s: any) => s.items).some((i: any) => i.citations.student.includes(credited.citation)));

    // The student sees the reviewed grading; listings, the queue and the audit log agree.
    const seen = await school.members.student.api.ok(200, 'GET', `/api/v1/gradings/${machine.grading_id}`);
    assert.deepEqual(seen, reviewed);
    const listed = (await school.members.student.api.ok(200, 'GET', `/api/v1/gradings?rubric_id=${rubricId}&limit=100`)).items
      .find((g: { grading_id: string }) => g.grading_id === machine.grading_id);
    assert.equal(listed.overall_score, reviewed.report.overall_score);
    assert.equal(listed.reviewed_by, school.members.grader.id);
    assert.ok(!(await school.members.grader.api.ok(200, 'GET', '/api/v1/reviews/queue?limit=100')).items.some((g: { grading_id: string }) => g.grading_id === machine.grading_id));
    const audit = await school.members.institution_admin.api.ok(200, 'GET', `/api/v1/audit?action=grading.review&resource_id=${machine.grading_id}`);
    assert.equal(audit.items.length, 1);
    assert.equal(audit.items[0].actor_id, school.members.grader.id);
    assert.equal(audit.items[0].actor_email, school.members.grader.email);
    assert.deepEqual(audit.items[0].details, {
      overrides: overrides.map(({ kind, id, decision }) => ({ kind, id, decision })),
      overall_before: machine.overall_score,
      overall_after: reviewed.report.overall_score,
      first_review: true,
    });
    // An independent check of the key-question figure: weights of the questions matched over all weights.
    const matched = reviewed.report.details.key_questions.matches.map((m: { question_id: string }) => QUESTION_WEIGHTS[m.question_id]!);
    assert.equal(matched.reduce((a: number, b: number) => a + b, 0) / 7, 1);
  });

  it('a second review replaces the first one\'s overrides and applies to the engine\'s decisions', async () => {
    const machine = await gradeOne();
    const grader = school.members.grader.api;
    await grader.ok(200, 'POST', `/api/v1/gradings/${machine.grading_id}/review`, {
      overrides: [{ kind: 'reasoning_link', id: 'exertion_to_cardiac', decision: 'remove', reason: 'not reasoned, only stated' }],
    });
    const again = await school.members.teacher.api.ok(200, 'POST', `/api/v1/gradings/${machine.grading_id}/review`, {
      overrides: [{ kind: 'key_question', id: 'exertion', decision: 'remove', reason: 'leading question' }],
    });
    assert.equal(again.report.component_scores.reasoning, machine.component_scores.reasoning, 'the first review\'s removal is gone');
    assert.equal(again.report.component_scores.key_questions, (2 + 2) / 7);
    assert.deepEqual(again.machine_report, machine, 'the engine\'s report is the one kept, not the first review');
    assert.equal(again.review.reviewed_by, school.members.teacher.id);
    const audit = await school.members.institution_admin.api.ok(200, 'GET', `/api/v1/audit?action=grading.review&resource_id=${machine.grading_id}`);
    assert.deepEqual(audit.items.map((a: { details: { first_review: boolean } }) => a.details.first_review), [false, true]);
  });

  it('refuses overrides naming nothing real, with a pointer to each, and stores nothing', async () => {
    const machine = await gradeOne();
    const view = await school.members.grader.api.ok(200, 'GET', `/api/v1/gradings/${machine.grading_id}/transcript`);
    const patientLine = view.utterances.find((u: { speaker: string }) => u.speaker === 'patient').index;
    const response = await school.members.grader.api.post(`/api/v1/gradings/${machine.grading_id}/review`, {
      overrides: [
        { kind: 'key_question', id: 'prodrome', decision: 'remove', reason: 'fine' },
        { kind: 'key_question', id: 'no_such_question', decision: 'remove', reason: 'x' },
        { kind: 'key_question', id: 'palpitations', decision: 'credit', reason: 'where?' },
        { kind: 'reasoning_link', id: 'exertion_to_cardiac', decision: 'credit', utterance_index: patientLine, reason: 'the patient said it' },
        { kind: 'summary_element', id: 'problem', decision: 'remove', utterance_index: 2, reason: 'x' },
        { kind: 'key_question', id: 'exertion', decision: 'credit', utterance_index: 999, reason: 'x' },
      ],
    });
    assertProblem(response, 422, 'validation-failed');
    assert.deepEqual(response.body.errors.map((e: { pointer: string }) => e.pointer),
      ['/overrides/1/id', '/overrides/2/utterance_index', '/overrides/3/utterance_index', '/overrides/4/utterance_index', '/overrides/5/utterance_index']);
    const schema = await school.members.grader.api.post(`/api/v1/gradings/${machine.grading_id}/review`, {
      overrides: [{ kind: 'penalty', id: 'x', decision: 'credit', reason: '' }],
    });
    assertProblem(schema, 422, 'validation-failed');
    assert.deepEqual(schema.body.errors.map((e: { pointer: string }) => e.pointer).sort(), ['/overrides/0/kind', '/overrides/0/reason']);
    const after = await school.members.grader.api.ok(200, 'GET', `/api/v1/gradings/${machine.grading_id}`);
    assert.equal(after.review, null);
    assert.equal(after.machine_report, null);
    assert.deepEqual(after.report, machine);
    const audit = await school.members.institution_admin.api.ok(200, 'GET', `/api/v1/audit?action=grading.review&resource_id=${machine.grading_id}`);
    assert.deepEqual(audit.items, []);
  });

  it('only graders and teachers review; a student or admin is refused, another institution sees nothing', async () => {
    const machine = await gradeOne();
    const body = { overrides: [{ kind: 'key_question', id: 'prodrome', decision: 'remove', reason: 'x' }] };
    assertProblem(await school.members.student.api.post(`/api/v1/gradings/${machine.grading_id}/review`, body), 403, 'forbidden');
    assertProblem(await school.members.institution_admin.api.post(`/api/v1/gradings/${machine.grading_id}/review`, body), 403, 'forbidden');
    assertProblem(await school.members.student.api.get('/api/v1/reviews/queue'), 403, 'forbidden');
    const other = await createInstitution(system.url, system.admin);
    assertProblem(await other.members.grader.api.post(`/api/v1/gradings/${machine.grading_id}/review`, body), 404, 'not-found');
    assert.deepEqual((await other.members.grader.api.ok(200, 'GET', '/api/v1/reviews/queue')).items, []);
  });

  it('the queue is oldest first and pages with its cursor', async () => {
    const school2 = await createInstitution(system.url, system.admin);
    const rubric = await approvedRubric(school2.members.teacher.api, fixtureRubric());
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await school2.members.grader.api.ok(201, 'POST', '/api/v1/gradings', { rubric_id: rubric, oral_transcript: fixtureTranscript() })).grading_id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { grading_id: string }[]; next_cursor: string | null } = await school2.members.grader.api.ok(200, 'GET', `/api/v1/reviews/queue?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((g) => g.grading_id));
      cursor = page.next_cursor;
    } while (cursor);
    assert.deepEqual(seen, ids);
  });
});
