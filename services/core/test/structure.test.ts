import assert from 'node:assert/strict';
import { evaluateStructure, lcsLength, penaltyRule, structureWarnings } from '../src/evaluators/structure';
import { fixtureRubric, orderOnly } from './fixtures/rubrics/build';

// Fixture rubric abdominal_pain_v1: expected CC HPI ROS PMH Meds SH FH Summary (8 sections);
// penalties no_closing_summary (rule missing Summary, −0.3), missing_hpi (id, −0.4),
// swap_pmh_before_hpi (id, −0.2), history_before_systems (rule order ROS then PMH, −0.1).
describe('evaluateStructure', () => {
  const rubric = fixtureRubric();

  it('scores the full expected order 1.0 with no penalty', () => {
    const result = evaluateStructure(rubric, orderOnly(['CC', 'HPI', 'ROS', 'PMH', 'Meds', 'SH', 'FH', 'Summary']));
    // LCS 8/8 = 1, no penalty → 1
    assert.equal(result.lcs_score, 1);
    assert.equal(result.score, 1);
    assert.deepEqual(result.penalties_applied, []);
    assert.deepEqual(result.violations, []);
    assert.deepEqual(result.successes, [
      'All 8 expected sections were presented',
      'Sections followed the expected order (CC → HPI → ROS → PMH → Meds → SH → FH → Summary)',
    ]);
  });

  it('applies a missing-section penalty by explicit rule, matching labels case-insensitively', () => {
    const result = evaluateStructure(rubric, orderOnly(['cc', 'hpi', 'ros', 'pmh', 'meds', 'sh', 'fh']));
    // LCS 7/8 = 0.875; no_closing_summary −0.3 → 0.575 (0.875 − 0.3 in floating point)
    assert.equal(result.lcs_score, 0.875);
    assert.equal(result.score, 0.875 - 0.3);
    assert.deepEqual(result.penalties_applied, [{ id: 'no_closing_summary', value: -0.3 }]);
    assert.deepEqual(result.violations, ['Section Summary was not presented', 'No closing summary (no_closing_summary: -0.3)']);
  });

  it('applies missing_<section> and swap_<a>_before_<b> by id convention', () => {
    // PMH before HPI? HPI missing here, so the swap cannot apply; missing_hpi does.
    const missingHpi = evaluateStructure(rubric, orderOnly(['CC', 'PMH', 'ROS', 'Summary']));
    // LCS(CC PMH ROS Summary, expected) = CC ROS Summary or CC PMH Summary = 3 → 3/8 = 0.375
    // penalties: missing_hpi −0.4, history_before_systems (PMH before ROS) −0.1 → 0.375 − 0.4 − 0.1 < 0 → 0
    assert.equal(missingHpi.lcs_score, 0.375);
    assert.deepEqual(missingHpi.penalties_applied, [
      { id: 'missing_hpi', value: -0.4 },
      { id: 'history_before_systems', value: -0.1 },
    ]);
    assert.equal(missingHpi.score, 0);

    const swapped = evaluateStructure(rubric, orderOnly(['CC', 'PMH', 'HPI', 'ROS', 'Meds', 'SH', 'FH', 'Summary']));
    // LCS = 7 (all but PMH in order) → 0.875; swap_pmh_before_hpi −0.2 and history_before_systems −0.1
    assert.deepEqual(swapped.penalties_applied, [
      { id: 'swap_pmh_before_hpi', value: -0.2 },
      { id: 'history_before_systems', value: -0.1 },
    ]);
    assert.equal(swapped.score, 0.875 - 0.2 - 0.1);
    assert.ok(swapped.violations.includes('1 of 8 presented sections were out of the expected order (presented: CC → PMH → HPI → ROS → Meds → SH → FH → Summary; expected: CC → HPI → ROS → PMH → Meds → SH → FH → Summary)'));
  });

  it('reads the stroke rubric convention swap_ros_before_hpi as "ROS first presented before HPI"', () => {
    const r = fixtureRubric();
    r.structure.expected_order = ['CC', 'HPI', 'ROS', 'Summary'];
    r.structure.penalties = [{ id: 'swap_ros_before_hpi', anchor: '#A.structure', description: 'ROS before HPI', value: -0.2 }];
    assert.deepEqual(penaltyRule(r.structure.penalties[0]!), { kind: 'order', first: 'hpi', then: 'ros' });
    const swapped = evaluateStructure(r, orderOnly(['CC', 'ROS', 'HPI', 'Summary']));
    // LCS 3/4 = 0.75, −0.2 → 0.55
    assert.equal(swapped.score, 0.75 - 0.2);
    const inOrder = evaluateStructure(r, orderOnly(['CC', 'HPI', 'ROS', 'HPI', 'Summary']));
    // HPI first appears before ROS: no swap; LCS 4/4 = 1
    assert.deepEqual(inOrder.penalties_applied, []);
    assert.equal(inOrder.score, 1);
  });

  it('clamps into [0, 1] and treats an empty detection as nothing presented', () => {
    const result = evaluateStructure(rubric, orderOnly([]));
    // LCS 0; no_closing_summary −0.3, missing_hpi −0.4 → clamped to 0 (order rules need both sections)
    assert.equal(result.score, 0);
    assert.equal(result.violations.length, 8 + 2);
    assert.deepEqual(result.successes, []);
    const bonus = fixtureRubric();
    bonus.structure.penalties = [{ id: 'bonus', anchor: '#A.structure', description: 'x', value: 0.5, rule: { kind: 'missing', section: 'PE' } }];
    assert.equal(evaluateStructure(bonus, orderOnly(['CC', 'HPI', 'ROS', 'PMH', 'Meds', 'SH', 'FH', 'Summary'])).score, 1);
  });

  it('warns about penalties that can never apply', () => {
    const r = fixtureRubric();
    r.structure.penalties.push({ id: 'too_long', anchor: '#A.structure', description: 'Too long', value: -0.1 });
    assert.deepEqual(structureWarnings(r), [
      'structure penalty "too_long" has no rule and its id follows neither missing_<section> nor swap_<a>_before_<b>; it never applies',
    ]);
    assert.deepEqual(structureWarnings(fixtureRubric()), []);
  });

  it('computes the longest common subsequence', () => {
    assert.equal(lcsLength(['a', 'c', 'b', 'd'], ['a', 'b', 'c', 'd']), 3);
    assert.equal(lcsLength([], ['a']), 0);
    assert.equal(lcsLength(['x', 'y'], ['y', 'x']), 1);
  });
});
