import assert from 'node:assert/strict';
import { evaluateStructure, lcsLength, penaltyRule, structureWarnings } from '../src/evaluators/structure';
import { fixtureRubric, presented } from './fixtures/rubrics/build';
import { parseTranscript } from '../src/transcript/parse';
import { segmentSections } from '../src/transcript/sections';
import type { Rubric } from '../src/types';

// Fixture rubric abdominal_pain_v1: expected CC HPI ROS PMH Meds SH FH Summary (8 sections);
// penalties no_closing_summary (rule missing Summary, −0.3), missing_hpi (id, −0.4),
// swap_pmh_before_hpi (id, −0.2), history_before_systems (rule order ROS then PMH, −0.1).
describe('evaluateStructure', () => {
  const rubric = fixtureRubric();

  it('scores the full expected order 1.0 with no penalty', () => {
    const result = evaluateStructure(rubric, ...presented(['CC', 'HPI', 'ROS', 'PMH', 'Meds', 'SH', 'FH', 'Summary']));
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
    const lower = fixtureRubric();
    lower.structure.expected_order = lower.structure.expected_order.map((l) => l.toLowerCase());
    const result = evaluateStructure(lower, ...presented(['CC', 'HPI', 'ROS', 'PMH', 'Meds', 'SH', 'FH']));
    // LCS 7/8 = 0.875; no_closing_summary −0.3 → 0.575 (0.875 − 0.3 in floating point)
    assert.equal(result.lcs_score, 0.875);
    assert.equal(result.score, 0.875 - 0.3);
    assert.deepEqual(result.penalties_applied, [{ id: 'no_closing_summary', value: -0.3 }]);
    assert.deepEqual(result.violations, ['Section summary was not presented', 'No closing summary (no_closing_summary: -0.3)']);
  });

  it('applies missing_<section> and swap_<a>_before_<b> by id convention', () => {
    // PMH before HPI? HPI missing here, so the swap cannot apply; missing_hpi does.
    const missingHpi = evaluateStructure(rubric, ...presented(['CC', 'PMH', 'ROS', 'Summary']));
    // LCS(CC PMH ROS Summary, expected) = CC ROS Summary or CC PMH Summary = 3 → 3/8 = 0.375
    // penalties: missing_hpi −0.4, history_before_systems (PMH before ROS) −0.1 → 0.375 − 0.4 − 0.1 < 0 → 0
    assert.equal(missingHpi.lcs_score, 0.375);
    assert.deepEqual(missingHpi.penalties_applied, [
      { id: 'missing_hpi', value: -0.4 },
      { id: 'history_before_systems', value: -0.1 },
    ]);
    assert.equal(missingHpi.score, 0);

    const swapped = evaluateStructure(rubric, ...presented(['CC', 'PMH', 'HPI', 'ROS', 'Meds', 'SH', 'FH', 'Summary']));
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
    const swapped = evaluateStructure(r, ...presented(['CC', 'ROS', 'HPI', 'Summary']));
    // LCS 3/4 = 0.75, −0.2 → 0.55
    assert.equal(swapped.score, 0.75 - 0.2);
    const inOrder = evaluateStructure(r, ...presented(['CC', 'HPI', 'ROS', 'Summary']));
    // HPI first appears before ROS: no swap; LCS 4/4 = 1
    assert.deepEqual(inOrder.penalties_applied, []);
    assert.equal(inOrder.score, 1);
    // symptoms asked between questions on the complaint are its own: no ROS, no swap; LCS 3/4
    const between = evaluateStructure(r, ...presented(['CC', 'HPI', 'ROS', 'HPI', 'Summary']));
    assert.deepEqual(between.penalties_applied, []);
    assert.equal(between.score, 0.75);
  });

  it('clamps into [0, 1] and treats an empty detection as nothing presented', () => {
    const result = evaluateStructure(rubric, ...presented([]));
    // LCS 0; no_closing_summary −0.3, missing_hpi −0.4 → clamped to 0 (order rules need both sections)
    assert.equal(result.score, 0);
    assert.equal(result.violations.length, 8 + 2);
    assert.deepEqual(result.successes, []);
    const bonus = fixtureRubric();
    bonus.structure.penalties = [{ id: 'bonus', anchor: '#A.structure', description: 'x', value: 0.5, rule: { kind: 'missing', section: 'PE' } }];
    assert.equal(evaluateStructure(bonus, ...presented(['CC', 'HPI', 'ROS', 'PMH', 'Meds', 'SH', 'FH', 'Summary'])).score, 1);
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

describe('evaluateStructure: sections in the rubric\'s own vocabulary', () => {
  function orderFor(expected: string[], transcript: string, questions: Rubric['key_questions'] = []): string[] {
    const rubric = fixtureRubric();
    rubric.structure.expected_order = expected;
    rubric.structure.penalties = [];
    rubric.key_questions = questions;
    const parsed = parseTranscript(transcript);
    return evaluateStructure(rubric, segmentSections(parsed), parsed).detected_order;
  }
  const history = [
    'Student: Hello, what has brought you in today?',
    'Patient: I feel breathless.',
    'Student: When did it start, and how quickly?',
    'Student: Any fevers or sweats?',
    'Student: Any other medical problems?',
    'Student: Any regular medications?',
    'Student: Any allergies?',
    'Student: Do you smoke? What do you do for work?',
    'Student: Does anything run in the family?',
    'Student: To summarise, a 30-year-old woman with breathlessness.',
    'Student: We will get a scan done.',
  ].join('\n');

  it('names the sections with the rubric\'s labels (PC, HPC, SR, DH ...) and folds allergies into the drug history', () => {
    assert.deepEqual(orderFor(['PC', 'HPC', 'SR', 'PMH', 'DH', 'SH', 'FH', 'Summary'], history), ['PC', 'HPC', 'SR', 'PMH', 'DH', 'SH', 'FH', 'Summary']);
  });

  it('folds medicines and allergies into the past history and a systems review into the complaint when the rubric names neither', () => {
    assert.deepEqual(orderFor(['CC', 'HPI', 'PMH', 'SH', 'FH', 'Summary'], history), ['CC', 'HPI', 'PMH', 'SH', 'FH', 'Summary']);
  });

  it('keeps the rubric\'s own symptoms in the history of the complaint', () => {
    const fever: Rubric['key_questions'] = [{ id: 'sputum', anchor: '#Q.sputum', label: 'Cough and sputum', critical: true, phrases: [] }];
    const transcript = 'Student: What brings you in?\nPatient: Fever.\nStudent: Any cough or phlegm?\nStudent: Any rash or joint pains?';
    assert.deepEqual(orderFor(['CC', 'HPI', 'ROS'], transcript, fever), ['CC', 'HPI', 'ROS']);
    assert.deepEqual(orderFor(['CC', 'HPI', 'ROS'], transcript), ['CC', 'ROS']);
  });

  it('adds no entry for a single stray question back into an earlier section, nor for a late "what brings you in"', () => {
    const transcript = [
      'Student: What brings you in?',
      'Student: When did the pain start?',
      'Student: Any medical problems?',
      'Student: Do you smoke?',
      'Student: Sorry, going back, does the pain spread anywhere?',
      'Student: Does anything run in the family?',
      'Student: And what else brings you in today?',
    ].join('\n');
    assert.deepEqual(orderFor(['CC', 'HPI', 'PMH', 'SH', 'FH'], transcript), ['CC', 'HPI', 'PMH', 'SH', 'FH']);
  });

  it('takes symptoms asked between questions on the complaint for its own, unless a review was announced', () => {
    const between = 'Student: What brings you in?\nPatient: Dizzy spells.\nStudent: When did they start?\nStudent: Any rash?\nStudent: How long do they last?\nStudent: Any medical problems?';
    assert.deepEqual(orderFor(['CC', 'HPI', 'ROS', 'PMH'], between), ['CC', 'HPI', 'PMH']);
    const announced = between.replace('Any rash?', 'I will whizz through a few other bits now. Any rash?');
    assert.deepEqual(orderFor(['CC', 'HPI', 'ROS', 'PMH'], announced), ['CC', 'HPI', 'ROS', 'PMH']);
  });

  it('does not take a place or a baseline that only sets the scene of a question for the social history', () => {
    const transcript = 'Student: What brings you in?\nPatient: Diarrhoea.\nStudent: How often?\nStudent: Is anyone else poorly at the home?\nStudent: Has anyone at home had a cough?\nStudent: How have you been in yourself, before all this?\nStudent: Any medical problems?\nStudent: What are you taking?';
    assert.deepEqual(orderFor(['CC', 'HPI', 'PMH', 'Meds', 'SH'], transcript), ['CC', 'HPI', 'PMH', 'Meds']);
  });

  it('counts a return to an earlier section with four asking turns or more, not with three', () => {
    const back = 'Student: Where is the pain?\nStudent: How bad is it?\nStudent: Does it spread?\n';
    const transcript = `Student: What brings you in?\nStudent: When did it start?\nStudent: Do you smoke?\n${back}`;
    assert.deepEqual(orderFor(['CC', 'HPI', 'SH'], transcript), ['CC', 'HPI', 'SH']);
    assert.deepEqual(orderFor(['CC', 'HPI', 'SH'], `${transcript}Student: What makes it worse?`), ['CC', 'HPI', 'SH', 'HPI']);
  });
});
