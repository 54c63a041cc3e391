import assert from 'node:assert/strict';
import { communicationWarnings, evaluateCommunication } from '../src/evaluators/communication';
import { fixtureRubric, transcriptOf } from './fixtures/rubrics/build';

// Fixture rubric abdominal_pain_v1 rules: introduction (built-in), empathy (built-in),
// explains_next_steps (pattern).
describe('evaluateCommunication', () => {
  it('scores matched rules / rules on the student utterances only', () => {
    const parsed = transcriptOf([
      ['student', "Hello, I'm Dr Lee. What brings you in today?"],
      ['patient', "I'm sorry to hear you'll examine me next."],
      ['student', 'Next we will examine your abdomen.'],
    ]);
    const result = evaluateCommunication(fixtureRubric(), parsed);
    // introduction ✓, empathy ✗ (only the patient said "sorry to hear"), explains_next_steps ✓ → 2/3
    assert.equal(result.score, 2 / 3);
    assert.deepEqual(result.matched_rules, ['introduction', 'explains_next_steps']);
    assert.deepEqual(result.missing_rules, ['empathy']);
  });

  it('scores 1.0 without rules', () => {
    const rubric = fixtureRubric();
    rubric.communication.rules = [];
    assert.deepEqual(evaluateCommunication(rubric, transcriptOf([])), { score: 1, matched_rules: [], missing_rules: [] });
  });

  it('does not match a rule without pattern whose id has no built-in check, and warns', () => {
    const rubric = fixtureRubric();
    rubric.communication.rules.push({ id: 'charisma', anchor: '#A.communication' });
    const result = evaluateCommunication(rubric, transcriptOf([['student', "I'm sorry to hear that"]]));
    // empathy ✓ only → 1/4
    assert.equal(result.score, 0.25);
    assert.deepEqual(communicationWarnings(rubric), [
      'communication rule "charisma" has no pattern and no built-in check has that id; it is never matched',
    ]);
  });
});
