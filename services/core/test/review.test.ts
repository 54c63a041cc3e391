import assert from 'node:assert/strict';
import { validateCitations } from '../src/citations/citations';
import { applyJsonPatch } from '../src/edit/json-patch';
import { diffRubrics, rubricPatch } from '../src/edit/diff';
import { grade } from '../src/grade';
import { reviewReport, ReviewRejected, type ReviewOverride } from '../src/review';
import { parseTranscript } from '../src/transcript/parse';
import type { Rubric } from '../src/types';

// A reviewer's overrides go through the engine's own scoring and feedback: the tests check the
// recomputed figures against the rubric's formulas worked out here by hand.

const RUBRIC: Rubric = {
  rubric_id: 'faint',
  version: '1.0.0',
  weights: { structure: 0.2, key_questions: 0.4, reasoning: 0.2, summary: 0.2, communication: 0 },
  structure: { anchor: '#F.structure', expected_order: ['CC', 'HPI', 'Summary'], penalties: [] },
  key_questions: [
    { id: 'warning', anchor: '#F.q.warning', label: 'Any warning beforehand?', critical: true, phrases: ['any warning before'] },
    { id: 'exercise', anchor: '#F.q.exercise', label: 'During exercise?', critical: true, phrases: ['during exercise'] },
    { id: 'racing', anchor: '#F.q.racing', label: 'Heart racing?', critical: false, phrases: ['heart racing'] },
  ],
  key_questions_policy: { anchor: '#F.questions', critical_weight: 2, noncritical_weight: 1, coverage_threshold: 0.7 },
  reasoning: {
    anchor: '#F.reasoning',
    required_links: [{ id: 'cardiac', anchor: '#F.r.cardiac', description: 'Exertion points to the heart', pattern: 'exertion.*(cardiac|arrhythmia)' }],
    major_gap_penalty: -0.5,
  },
  summary: {
    anchor: '#F.summary',
    max_tokens: 60,
    overflow_divisor: 20,
    required_elements: [
      { id: 'who', anchor: '#F.s.who', description: 'Age and problem', pattern: '\\d+.year.old.*faint' },
      { id: 'family', anchor: '#F.s.family', description: 'Family history', pattern: 'uncle|family' },
    ],
  },
  communication: { anchor: '#F.communication', weight: 0, rules: [] },
};

const TRANSCRIPT = [
  '[00:01] Student: Hello, what brings you in?',
  '[00:04] Patient: I fainted at practice.',
  '[00:08] Student: Was there any warning before it happened?',
  '[00:12] Patient: None at all.',
  '[00:15] Student: Were you running at the time?',
  '[00:18] Patient: Yes, sprinting.',
  '[00:22] Student: In summary, a 17-year-old who fainted during a sprint; syncope on exertion suggests a cardiac arrhythmia.',
].join('\n');

const RUNNING = 4; // "Were you running at the time?"
const PATIENT = 3;

const override = (o: Partial<ReviewOverride> & Pick<ReviewOverride, 'kind' | 'id' | 'decision'>): ReviewOverride => ({ reason: 'reviewer judgement', ...o });

describe('reviewReport', () => {
  const machine = grade(RUBRIC, TRANSCRIPT, { gradingId: 'g', gradedAt: '2026-01-01T00:00:00.000Z' });

  it('starts from the engine\'s decisions: no override gives the machine report back', () => {
    assert.deepEqual(machine.details.key_questions?.unmatched, ['exercise', 'racing']);
    const same = reviewReport(RUBRIC, { transcript: TRANSCRIPT }, [], { gradingId: 'g', gradedAt: '2026-01-01T00:00:00.000Z' });
    assert.deepEqual(same, machine);
  });

  it('credits a question at the utterance the reviewer names and rescores with the critical weights', () => {
    const reviewed = reviewReport(RUBRIC, { transcript: TRANSCRIPT }, [override({ kind: 'key_question', id: 'exercise', decision: 'credit', utterance_index: RUNNING })]);
    const questions = reviewed.details.key_questions!;
    assert.deepEqual(questions.matches.map((m) => m.question_id), ['warning', 'exercise']);
    const credited = questions.matches[1]!;
    assert.equal(credited.utterance_index, RUNNING);
    assert.equal(credited.citation, 'student://oral#00:15\u201300:18');
    assert.equal(credited.confidence, 1);
    // warning (2) + exercise (2) of 2 + 2 + 1
    assert.equal(questions.score, 4 / 5);
    assert.equal(reviewed.component_scores.key_questions, 4 / 5);
    const c = reviewed.component_scores;
    assert.equal(reviewed.overall_score, 0.2 * c.structure! + 0.4 * c.key_questions! + 0.2 * c.reasoning! + 0.2 * c.summary! + 0 * c.communication!);
    assert.ok(reviewed.overall_score! > machine.overall_score!);
    // Its feedback cites the credited utterance, and every citation of the report still checks.
    const cited = reviewed.feedback.sections.flatMap((s) => s.items).filter((i) => i.citations.rubric.includes('rubric://faint#F.q.exercise'));
    assert.ok(cited.some((i) => i.type === 'strength' && i.citations.student.includes(credited.citation)), JSON.stringify(cited));
    assert.deepEqual(validateCitations(RUBRIC, reviewed, parseTranscript(TRANSCRIPT)), []);
  });

  it('removes a link and credits a summary element; the components follow their formulas', () => {
    assert.equal(machine.details.reasoning?.detected.length, 1);
    assert.deepEqual(machine.details.summary?.missing_elements, ['family']);
    const reviewed = reviewReport(RUBRIC, { transcript: TRANSCRIPT }, [
      override({ kind: 'reasoning_link', id: 'cardiac', decision: 'remove' }),
      override({ kind: 'summary_element', id: 'family', decision: 'credit' }),
    ]);
    assert.equal(reviewed.component_scores.reasoning, 0);
    assert.deepEqual(reviewed.details.reasoning?.missing, ['cardiac']);
    const summary = reviewed.details.summary!;
    assert.deepEqual([summary.matched_elements, summary.missing_elements], [['who', 'family'], []]);
    assert.equal(summary.score, 0.5 * summary.succinct_score + 0.5 * 1);
    assert.ok(reviewed.feedback.sections.find((s) => s.category === 'reasoning')!.items.some((i) => i.type === 'improvement'));
  });

  it('refuses overrides that name nothing real, each with its place', () => {
    const attempt = () => reviewReport(RUBRIC, { transcript: TRANSCRIPT }, [
      override({ kind: 'key_question', id: 'nope', decision: 'credit', utterance_index: RUNNING }),
      override({ kind: 'key_question', id: 'racing', decision: 'credit' }),
      override({ kind: 'reasoning_link', id: 'cardiac', decision: 'credit', utterance_index: PATIENT }),
      override({ kind: 'summary_element', id: 'who', decision: 'remove', utterance_index: RUNNING }),
      override({ kind: 'summary_element', id: 'who', decision: 'credit' }),
    ]);
    assert.throws(attempt, (err: unknown) => {
      assert.ok(err instanceof ReviewRejected);
      assert.deepEqual(err.problems.map((p) => [p.index, p.field]), [[0, 'id'], [1, 'utterance_index'], [2, 'utterance_index'], [3, 'utterance_index'], [4, 'id']]);
      return true;
    });
  });
});

describe('rubricPatch', () => {
  const base = (): Rubric => JSON.parse(JSON.stringify(RUBRIC)) as Rubric;
  const edits: [string, (r: Rubric) => void][] = [
    ['a changed weight', (r) => { r.weights.structure = 0.3; r.weights.summary = 0.1; }],
    ['a removed and an added question', (r) => {
      r.key_questions.splice(0, 1);
      r.key_questions.push({ id: 'drugs', anchor: '#F.q.drugs', label: 'Drugs?', critical: false, phrases: ['any drugs'] });
    }],
    ['a question added in the middle and another changed', (r) => {
      r.key_questions.splice(1, 0, { id: 'mid', anchor: '#F.q.mid', label: 'Mid?', critical: false, phrases: ['middle'] });
      r.key_questions[3]!.label = 'Heart racing or pounding?';
    }],
    ['a removed member and a new one', (r) => { delete (r as Partial<Rubric>).communication; (r as Rubric & { note: string }).note = 'x'; }],
  ];
  for (const [name, edit] of edits) {
    it(`turns one version into the other: ${name}`, () => {
      const after = base();
      edit(after);
      const patch = rubricPatch(RUBRIC, after);
      assert.deepEqual(applyJsonPatch(RUBRIC, patch), after);
      assert.ok(patch.length > 0);
    });
  }

  it('replaces a list whose items only changed order, which the readable diff aligns away', () => {
    const after = base();
    after.key_questions.reverse();
    assert.deepEqual(diffRubrics(RUBRIC, after), []);
    assert.deepEqual(rubricPatch(RUBRIC, after), [{ op: 'replace', path: '/key_questions', value: after.key_questions }]);
  });

  it('is empty between equal rubrics', () => {
    assert.deepEqual(rubricPatch(RUBRIC, base()), []);
  });
});
