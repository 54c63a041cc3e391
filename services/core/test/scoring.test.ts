import assert from 'node:assert/strict';
import { overallScore, scoreComponents } from '../src/scoring/score';
import { fixtureRubric } from './fixtures/rubrics/build';

describe('scoring', () => {
  it('maps results to component scores and sums weight·score in component order', () => {
    const rubric = fixtureRubric(); // weights 0.15 / 0.4 / 0.2 / 0.2 / 0.05
    const scores = scoreComponents(rubric, {
      structure: { score: 0.875, lcs_score: 0.875, detected_order: [], expected_order: [], penalties_applied: [], violations: [], successes: [] },
      questions: { score: 0.5, matches: [], unmatched: [], coverage: 0.5 },
      reasoning: { score: 0.25, detected: [], missing: [] },
      summary: { score: 1, token_count: 0, succinct_score: 1, elements_score: 1, matched_elements: [], missing_elements: [], source: 'none', citation: null },
      communication: { score: 0, matched_rules: [], missing_rules: [] },
    });
    assert.deepEqual(scores, { structure: 0.875, key_questions: 0.5, reasoning: 0.25, summary: 1, communication: 0 });
    // 0.15·0.875 + 0.4·0.5 + 0.2·0.25 + 0.2·1 + 0.05·0 = 0.13125 + 0.2 + 0.05 + 0.2 + 0 = 0.58125
    const expected = 0.15 * 0.875 + 0.4 * 0.5 + 0.2 * 0.25 + 0.2 * 1 + 0.05 * 0;
    assert.equal(overallScore(rubric, scores), expected);
    assert.ok(Math.abs(expected - 0.58125) < 1e-12);
  });
});
