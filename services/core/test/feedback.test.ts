import assert from 'node:assert/strict';
import { rubricAnchors, validateCitations } from '../src/citations/citations';
import { parseCitation } from '../src/citations/format';
import { composeFeedback, type EvaluationResults } from '../src/feedback/compose';
import type { Feedback, FeedbackStyle, GradingReport, Rubric } from '../src/types';
import { fixtureRubric } from './fixtures/rubrics/build';

// Hand-built results for abdominal_pain_v1 (weights 0.15 / 0.4 / 0.2 / 0.2 / 0.05; question weights
// critical 3, other 1; coverage threshold 0.8).
function results(): EvaluationResults {
  return {
    structure: {
      score: 0.575,
      lcs_score: 0.875,
      detected_order: ['CC', 'HPI', 'ROS', 'PMH', 'Meds', 'SH', 'FH'],
      expected_order: ['CC', 'HPI', 'ROS', 'PMH', 'Meds', 'SH', 'FH', 'Summary'],
      penalties_applied: [{ id: 'no_closing_summary', value: -0.3 }],
      violations: ['Section Summary was not presented', 'No closing summary (no_closing_summary: -0.3)'],
      successes: ['7 of 8 expected sections followed the expected order'],
    },
    key_questions: {
      // matched pain_location (3) + vomiting (1) of total 3·4 + 1·3 = 15 → 4/15
      score: 4 / 15,
      coverage: 4 / 15,
      matches: [
        {
          question_id: 'pain_location',
          anchor: '#A.q.pain_location',
          utterance_index: 0,
          utterance: { text: 'Where is the pain?', timestamp_start: '00:00', timestamp_end: '00:10' },
          confidence: 1,
          matched_by: 'phrase',
          citation: 'student://oral#00:00\u201300:10',
        },
        {
          question_id: 'vomiting',
          anchor: '#A.q.vomiting',
          utterance_index: 2,
          utterance: { text: 'Have you been sick?', timestamp_start: '00:20', timestamp_end: '00:30' },
          confidence: 0.8125,
          matched_by: 'phrase',
          citation: 'student://oral#00:20\u201300:30',
        },
      ],
      unmatched: ['pain_onset', 'pain_migration', 'fever', 'bowel_habit', 'pregnancy'],
    },
    reasoning: {
      score: 0.25,
      detected: [
        {
          link_id: 'imaging',
          matched_text: 'ultrasound to confirm',
          timestamp_start: '00:20',
          timestamp_end: '00:30',
          citation: 'student://oral#00:20\u201300:30',
        },
      ],
      missing: ['migration_to_appendicitis', 'pregnancy_test', 'gastroenteritis_considered'],
    },
    summary: {
      score: 0.5,
      token_count: 0,
      succinct_score: 1,
      elements_score: 0,
      matched_elements: [],
      missing_elements: ['problem', 'pos3', 'neg1', 'leading_dx', 'pmh'],
      source: 'none',
      citation: null,
    },
    communication: { score: 1 / 3, matched_rules: ['introduction'], missing_rules: ['empathy', 'explains_next_steps'] },
  };
}

function allItems(feedback: Feedback) {
  return feedback.sections.flatMap((s) => s.items);
}

function checkEveryItemCitesTheRubric(rubric: Rubric, feedback: Feedback): void {
  const anchors = rubricAnchors(rubric);
  for (const item of allItems(feedback)) {
    assert.ok(item.citations.rubric.length > 0, `no rubric citation: ${item.text}`);
    for (const citation of item.citations.rubric) {
      const parsed = parseCitation(citation);
      assert.ok(parsed?.kind === 'rubric' && anchors.has(parsed.anchor), `bad rubric citation ${citation}`);
    }
  }
}

describe('composeFeedback', () => {
  const rubric = fixtureRubric();

  for (const style of ['constructive', 'detailed', 'concise'] as FeedbackStyle[]) {
    it(`${style}: every item cites an anchor of this rubric`, () => {
      checkEveryItemCitesTheRubric(rubric, composeFeedback(rubric, results(), style));
    });
  }

  it('rounds the percentage in the overall line', () => {
    // overall = 0.15·0.575 + 0.4·4/15 + 0.2·0.25 + 0.2·0.5 + 0.05·1/3
    //         = 0.08625 + 0.10667 + 0.05 + 0.1 + 0.01667 = 0.35958… → 36%
    const detailed = composeFeedback(rubric, results(), 'detailed');
    assert.equal(detailed.overall_summary, 'Overall score: 36% (structure 58%, key questions 27%, clinical reasoning 25%, summary 50%, communication 33%).');
    assert.equal(composeFeedback(rubric, results(), 'concise').overall_summary, 'Overall score: 36%.');
    assert.equal(
      composeFeedback(rubric, results(), 'constructive').overall_summary,
      'Overall score: 36%. Your strongest area was structure (58%); the most room to grow is in clinical reasoning (25%).',
    );
  });

  it('styles differ: detailed says everything, concise one short item per weighted component', () => {
    const detailed = composeFeedback(rubric, results(), 'detailed');
    const constructive = composeFeedback(rubric, results(), 'constructive');
    const concise = composeFeedback(rubric, results(), 'concise');
    const count = (f: Feedback) => allItems(f).length;
    assert.ok(count(detailed) > count(constructive) || JSON.stringify(detailed) !== JSON.stringify(constructive));
    assert.deepEqual(concise.sections.map((s) => s.items.length), [1, 1, 1, 1, 1, 1]);
    assert.ok(count(detailed) > count(concise));
    // detailed: one line per question (7) plus the coverage call-out, with confidences
    const questions = detailed.sections.find((s) => s.category === 'key_questions');
    assert.equal(questions?.items.length, 8);
    assert.ok(questions?.items.some((i) => i.text.includes('(confidence 0.81)')));
    // constructive: strengths come first, improvements are framed as next steps
    const reasoning = constructive.sections.find((s) => s.category === 'reasoning');
    assert.equal(reasoning?.items[0]?.type, 'strength');
    assert.ok(reasoning?.items.slice(1).every((i) => i.type === 'improvement' && i.text.startsWith('Next time')));
  });

  it('calls out key-question coverage below the threshold in every style', () => {
    for (const style of ['constructive', 'detailed', 'concise'] as FeedbackStyle[]) {
      const section = composeFeedback(rubric, results(), style).sections.find((s) => s.category === 'key_questions');
      // coverage 4/15 = 27% < 80%
      const callout = section?.items.find((i) => i.citations.rubric.includes('rubric://abdominal_pain_v1#A.key_questions'));
      assert.ok(callout && /27%/.test(callout.text) && /80%/.test(callout.text), style);
    }
  });

  it('cites the asking utterance for question matches and both sides for reasoning successes', () => {
    const detailed = composeFeedback(rubric, results(), 'detailed');
    const asked = allItems(detailed).find((i) => i.text.startsWith('Asked the critical question “Where is the pain?”'));
    assert.deepEqual(asked?.citations, { rubric: ['rubric://abdominal_pain_v1#A.q.pain_location'], student: ['student://oral#00:00\u201300:10'] });
    const linked = allItems(detailed).find((i) => i.text.startsWith('Reasoning link made'));
    assert.deepEqual(linked?.citations, { rubric: ['rubric://abdominal_pain_v1#A.reason.imaging'], student: ['student://oral#00:20\u201300:30'] });
  });

  it('handles a missing component with an info item citing its anchor', () => {
    const partial = { ...results(), reasoning: null, missing_reasons: { reasoning: 'deadline exceeded' } };
    for (const style of ['constructive', 'detailed', 'concise'] as FeedbackStyle[]) {
      const feedback = composeFeedback(rubric, partial, style);
      assert.deepEqual(feedback.sections.find((s) => s.category === 'reasoning')?.items, [
        {
          type: 'info',
          text: "Clinical reasoning could not be evaluated (deadline exceeded); it is left out of this report's score.",
          citations: { rubric: ['rubric://abdominal_pain_v1#A.reasoning'], student: [] },
        },
      ]);
      assert.equal(feedback.overall_summary, 'Partial grading: some components could not be evaluated, so there is no overall score.');
      checkEveryItemCitesTheRubric(rubric, feedback);
    }
  });
});

describe('validateCitations', () => {
  const rubric = fixtureRubric();
  function report(): GradingReport {
    const r = results();
    return {
      grading_id: 'g',
      rubric_id: rubric.rubric_id,
      rubric_version: rubric.version,
      status: 'complete',
      graded_at: '2026-01-01T00:00:00.000Z',
      overall_score: 0.5,
      component_scores: { structure: 0.575, key_questions: 4 / 15, reasoning: 0.25, summary: 0.5, communication: 1 / 3 },
      details: { structure: r.structure, key_questions: r.key_questions, reasoning: r.reasoning, summary: r.summary },
      feedback: composeFeedback(rubric, r, 'detailed'),
      warnings: [],
    };
  }

  it('accepts a composed report', () => {
    assert.deepEqual(validateCitations(rubric, report()), []);
  });

  it('reports malformed citations, unknown anchors, foreign rubrics and missing rubric citations', () => {
    const bad = report();
    const items = bad.feedback.sections[1]!.items;
    items[0]!.citations.rubric = ['rubric://abdominal_pain_v1#A.nowhere'];
    items[1]!.citations.rubric = [];
    bad.feedback.sections[0]!.items[0]!.citations.rubric.push('rubric://stroke_v1#R.structure', 'student://oral#00:00-00:10');
    bad.details.key_questions!.matches[0]!.citation = 'student://oral#00:00-00:10';
    assert.deepEqual(validateCitations(rubric, bad), [
      'feedback.sections[0].items[0].citations.rubric[5]: "rubric://stroke_v1#R.structure" names rubric stroke_v1, not abdominal_pain_v1',
      'feedback.sections[0].items[0].citations.rubric[6]: "student://oral#00:00-00:10" is not a well-formed rubric citation',
      'feedback.sections[1].items[0].citations.rubric[0]: anchor #A.nowhere is not defined in rubric abdominal_pain_v1',
      'feedback.sections[1].items[1]: has no rubric citation',
      'details.key_questions.matches[0].citation: "student://oral#00:00-00:10" is not a well-formed student citation',
    ]);
  });
});
