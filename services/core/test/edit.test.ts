import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { planRubricEdit, RubricEditError } from '../src/edit/plan';
import { applyJsonPatch } from '../src/edit/json-patch';
import type { EditPreview, Rubric } from '../src/types';

const RUBRIC = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/qa/abdominal_pain_v1.json'), 'utf8')) as Rubric;

function plan(instruction: string): EditPreview {
  return planRubricEdit(RUBRIC, instruction);
}

function planError(instruction: string): RubricEditError {
  try {
    planRubricEdit(RUBRIC, instruction);
  } catch (error) {
    assert.ok(error instanceof RubricEditError, `expected RubricEditError, got ${String(error)}`);
    return error;
  }
  assert.fail(`"${instruction}" should have been refused`);
}

const questionIds = (rubric: Rubric): string[] => rubric.key_questions.map((q) => q.id);
const question = (rubric: Rubric, id: string) => rubric.key_questions.find((q) => q.id === id);

describe('planRubricEdit', () => {
  describe('weights', () => {
    it('sets several weights in one instruction and previews a valid rubric', () => {
      const preview = plan('increase key questions to 0.45 and decrease structure to 0.1');
      assert.deepEqual(preview.patch, [
        { op: 'replace', path: '/weights/key_questions', value: 0.45 },
        { op: 'replace', path: '/weights/structure', value: 0.1 },
      ]);
      assert.deepEqual(preview.diff, [
        { path: '/weights/structure', change: 'replace', before: 0.15, after: 0.1 },
        { path: '/weights/key_questions', change: 'replace', before: 0.4, after: 0.45 },
      ]);
      assert.deepEqual(preview.understood, ['set key_questions weight from 0.4 to 0.45', 'set structure weight from 0.15 to 0.1']);
      assert.equal(preview.qa.valid, true);
    });

    it('still previews an edit whose weights no longer sum to 1, with the QA error', () => {
      const preview = plan('set summary weight to 0.25');
      assert.equal(preview.after.weights.summary, 0.25);
      assert.equal(preview.qa.valid, false);
      assert.deepEqual(preview.qa.errors.map((e) => [e.pointer, e.code]), [['/weights', 'weights_sum']]);
    });

    it('raises and lowers by an amount, rounding away float noise', () => {
      // 0.25 + 0.05 is 0.30000000000000004 in floating point; the preview shows 0.3.
      const preview = plan('raise reasoning by 0.05 and lower summary by 0.05');
      assert.equal(preview.after.weights.reasoning, 0.3);
      assert.equal(preview.after.weights.summary, 0.15);
      assert.equal(preview.qa.valid, true);
    });

    it('accepts "add N to" / "take N from", percentages and loose component names', () => {
      const preview = plan('add 0.05 to structure; take 5% from the clinical reasoning weight');
      assert.equal(preview.after.weights.structure, 0.2);
      assert.equal(preview.after.weights.reasoning, 0.2);
      assert.equal(plan('set the weight of questions to 35%').after.weights.key_questions, 0.35);
      assert.equal(plan('set key_questions weight to 0.3').after.weights.key_questions, 0.3);
    });

    it('carries the verb over to clauses that omit it', () => {
      const preview = plan('set summary to 0.15, reasoning to 0.3');
      assert.equal(preview.after.weights.summary, 0.15);
      assert.equal(preview.after.weights.reasoning, 0.3);
    });

    it('accepts assignments and keeps communication.weight in step with weights.communication', () => {
      const preview = plan('key_questions = 0.35, communication: 0.05');
      assert.deepEqual(preview.patch, [
        { op: 'replace', path: '/weights/key_questions', value: 0.35 },
        { op: 'replace', path: '/weights/communication', value: 0.05 },
        { op: 'replace', path: '/communication/weight', value: 0.05 },
      ]);
      assert.equal(preview.qa.valid, true);
    });

    it('accepts "set X = N" and makes no change when the value is already there', () => {
      assert.equal(plan('set the weight of reasoning = 0.3').after.weights.reasoning, 0.3);
      const unchanged = plan('set summary max tokens to 70');
      assert.deepEqual(unchanged.patch, []);
      assert.deepEqual(unchanged.understood, ['summary max_tokens is already 70 (no change)']);
    });

    it('says so when "increase" actually lowers the value', () => {
      assert.match(plan('increase structure to 0.1').understood[0] ?? '', /instruction said increase, but this lowers it/);
    });

    it('refuses "set … by" and percentages of counts', () => {
      assert.match(planError('set summary by 0.1').not_understood[0] ?? '', /ambiguous/);
      assert.match(planError('set max tokens to 10%').not_understood[0] ?? '', /is a count/);
    });

    it('refuses a component the rubric format does not have', () => {
      const error = planError('set empathy to 0.1');
      assert.match(error.not_understood[0] ?? '', /^set empathy to 0.1: "empathy" is not a component or setting/);
    });
  });

  describe('summary max tokens and other settings', () => {
    it('sets, limits and raises max_tokens', () => {
      assert.deepEqual(plan('set summary max tokens to 100').patch, [{ op: 'replace', path: '/summary/max_tokens', value: 100 }]);
      assert.equal(plan('limit the summary to 60 words').after.summary.max_tokens, 60);
      assert.equal(plan('increase max_tokens by 10').after.summary.max_tokens, 80);
    });

    it('reports an out-of-range max_tokens through QA', () => {
      const preview = plan('set summary max tokens to 150');
      assert.deepEqual(preview.qa.errors.map((e) => [e.pointer, e.code]), [['/summary/max_tokens', 'max_tokens_range']]);
    });

    it('sets the coverage threshold, question policy weights and overflow divisor', () => {
      const preview = plan('set coverage threshold to 0.75, critical weight to 2, noncritical weight to 0.5 and overflow divisor to 10');
      assert.equal(preview.after.key_questions_policy.coverage_threshold, 0.75);
      assert.equal(preview.after.key_questions_policy.critical_weight, 2);
      assert.equal(preview.after.key_questions_policy.noncritical_weight, 0.5);
      assert.equal(preview.after.summary.overflow_divisor, 10);
    });
  });

  describe('phrases', () => {
    it('adds a phrase to a question named by id', () => {
      const preview = plan("add phrase 'any blood in the vomit' to vomiting");
      assert.deepEqual(preview.patch, [{ op: 'add', path: '/key_questions/2/phrases/-', value: 'any blood in the vomit' }]);
      assert.deepEqual(preview.understood, ['add phrase "any blood in the vomit" to question vomiting']);
      assert.deepEqual(preview.diff.map((d) => d.path), ['/key_questions/2/phrases']);
    });

    it('adds several quoted phrases to a question named by words of its label', () => {
      const preview = plan("add phrases 'pain relief', \"paracetamol\" and 'over the counter' to the medicines question");
      assert.deepEqual(question(preview.after, 'current_drugs')?.phrases?.slice(-3), ['pain relief', 'paracetamol', 'over the counter']);
    });

    it('keeps apostrophes inside quoted phrases', () => {
      const preview = plan("add phrase 'what's the pain like' to pain_site");
      assert.equal(question(preview.after, 'pain_site')?.phrases?.at(-1), "what's the pain like");
    });

    it('accepts one unquoted phrase after the word "phrase"', () => {
      assert.equal(question(plan('add phrase any heartburn to current drugs').after, 'current_drugs')?.phrases?.at(-1), 'any heartburn');
    });

    it('removes phrases with a test op guarding each index, highest index first', () => {
      const preview = plan("remove 'ibuprofen' and 'painkillers' from current drugs");
      assert.deepEqual(preview.patch, [
        { op: 'test', path: '/key_questions/5/phrases/2', value: 'ibuprofen' },
        { op: 'remove', path: '/key_questions/5/phrases/2' },
        { op: 'test', path: '/key_questions/5/phrases/1', value: 'painkillers' },
        { op: 'remove', path: '/key_questions/5/phrases/1' },
      ]);
      assert.deepEqual(question(preview.after, 'current_drugs')?.phrases, ['regular medicines', 'any tablets']);
    });

    it('removes an unquoted phrase, ignoring case', () => {
      assert.deepEqual(question(plan('remove ANY TABLETS from current_drugs').after, 'current_drugs')?.phrases, [
        'regular medicines',
        'painkillers',
        'ibuprofen',
      ]);
    });

    it('refuses to remove a phrase the question lacks, listing its phrases', () => {
      const error = planError("remove 'paracetamol' from current_drugs");
      assert.match(error.not_understood[0] ?? '', /question current_drugs has no phrase "paracetamol"; its phrases are "regular medicines"/);
    });

    it('refuses to add a phrase the question already has', () => {
      assert.match(planError("add 'Any Nausea' to vomiting").not_understood[0] ?? '', /already a phrase of question vomiting/);
    });

    it('previews a phrase shared with another question, with the QA error', () => {
      const preview = plan("add phrase 'any nausea' to bowel habit");
      assert.deepEqual(preview.qa.errors.map((e) => [e.pointer, e.code]), [['/key_questions/3/phrases/4', 'duplicate_phrase']]);
    });
  });

  describe('critical flag', () => {
    it('marks a question critical and another not critical', () => {
      const preview = plan('mark vomiting critical and make last period non-critical');
      assert.deepEqual(preview.patch, [
        { op: 'test', path: '/key_questions/2/id', value: 'vomiting' },
        { op: 'replace', path: '/key_questions/2/critical', value: true },
        { op: 'test', path: '/key_questions/4/id', value: 'last_period' },
        { op: 'replace', path: '/key_questions/4/critical', value: false },
      ]);
      assert.deepEqual(preview.understood, ['mark question vomiting critical', 'mark question last_period not critical']);
    });

    it('understands "is critical", "unmark … as critical" and quoted labels', () => {
      assert.equal(question(plan('bowel habit is critical').after, 'bowel_habit')?.critical, true);
      assert.equal(question(plan('unmark pain onset as critical').after, 'pain_onset')?.critical, false);
      assert.equal(question(plan("mark 'Any change in bowel habit?' as critical").after, 'bowel_habit')?.critical, true);
      assert.equal(question(plan('make vomiting a critical question').after, 'vomiting')?.critical, true);
      assert.equal(question(plan('last period is a non-critical question').after, 'last_period')?.critical, false);
    });

    it('makes no change when the question is already in that state', () => {
      const preview = plan('mark pain_site critical');
      assert.deepEqual(preview.patch, []);
      assert.deepEqual(preview.understood, ['question pain_site is already critical (no change)']);
    });

    it('previews a rubric left without critical questions, with the QA error', () => {
      const preview = plan('mark pain_site not critical; mark pain_onset not critical; mark last_period not critical');
      assert.deepEqual(preview.qa.errors.map((e) => [e.pointer, e.code]), [['/key_questions', 'no_critical_question']]);
    });

    it('refuses an ambiguous question name, naming the candidates', () => {
      assert.match(planError('mark pain critical').not_understood[0] ?? '', /"pain" matches several questions \(pain_site, pain_onset\)/);
    });
  });

  describe('adding and removing questions', () => {
    it('adds a critical question with label and phrases, following the anchor convention', () => {
      const preview = plan("add a critical question allergies labelled 'Any drug allergies?' with phrases 'any allergies', 'allergic to'");
      const added = { id: 'allergies', anchor: '#AP.q.allergies', label: 'Any drug allergies?', critical: true, phrases: ['any allergies', 'allergic to'] };
      assert.deepEqual(preview.patch, [{ op: 'add', path: '/key_questions/-', value: added }]);
      assert.deepEqual(preview.diff, [{ path: '/key_questions/6', change: 'add', before: null, after: added }]);
      assert.equal(preview.qa.valid, true);
    });

    it('derives the id from the label and defaults to not critical', () => {
      const preview = plan("add question labelled 'Fever or rigors?' with phrases 'any fever' or 'shivering'");
      assert.deepEqual(question(preview.after, 'fever_or_rigors'), {
        id: 'fever_or_rigors',
        anchor: '#AP.q.fever_or_rigors',
        label: 'Fever or rigors?',
        critical: false,
        phrases: ['any fever', 'shivering'],
      });
    });

    it('drops a leading "about" from the words that name the new question', () => {
      const preview = plan("add a critical question about allergies labelled 'Any drug allergies?' with phrase 'any allergies'");
      assert.equal(preview.after.key_questions.at(-1)?.id, 'allergies');
    });

    it('takes an explicit id and lets later clauses refer to the new question', () => {
      const preview = plan("add question with id travel labelled 'Recent travel abroad?' with phrase 'been abroad' and mark travel critical");
      assert.equal(question(preview.after, 'travel')?.critical, true);
      assert.equal(preview.understood.length, 2);
    });

    it('refuses a new question without a label or with an id in use', () => {
      assert.match(planError("add question allergies with phrases 'any allergies'").not_understood[0] ?? '', /needs a label/);
      assert.match(planError("add question vomiting labelled 'Sick?'").not_understood[0] ?? '', /id "vomiting" already exists/);
    });

    it('removes a question with a guarding test op', () => {
      const preview = plan('remove the vomiting question');
      assert.deepEqual(preview.patch, [
        { op: 'test', path: '/key_questions/2/id', value: 'vomiting' },
        { op: 'remove', path: '/key_questions/2' },
      ]);
      assert.deepEqual(preview.diff, [{ path: '/key_questions/2', change: 'remove', before: RUBRIC.key_questions[2], after: null }]);
      assert.deepEqual(questionIds(plan('delete question bowel_habit from the rubric').after), [
        'pain_site',
        'pain_onset',
        'vomiting',
        'last_period',
        'current_drugs',
      ]);
    });

    it('plans each clause on the result of the previous ones (indexes shift after a removal)', () => {
      const preview = plan("remove vomiting and add phrase 'loose stools' to bowel habit");
      assert.deepEqual(preview.patch.at(-1), { op: 'add', path: '/key_questions/2/phrases/-', value: 'loose stools' });
      assert.deepEqual(applyJsonPatch(RUBRIC, preview.patch), preview.after);
    });

    it('refuses to remove a component or a question the rubric lacks', () => {
      assert.match(planError('remove communication').not_understood[0] ?? '', /components cannot be removed/);
      assert.match(planError('remove question smoking').not_understood[0] ?? '', /no question matches "smoking"; the questions are pain_site, /);
    });
  });

  describe('errors', () => {
    it('lists what was understood and what was not', () => {
      const error = planError('set summary to 0.25 and make it shiny');
      assert.deepEqual(error.understood, ['set summary weight from 0.2 to 0.25']);
      assert.equal(error.not_understood.length, 1);
      assert.match(error.not_understood[0] ?? '', /^make it shiny: not a supported edit/);
      assert.match(error.message, /could not plan the rubric edit: make it shiny: .*\(understood: set summary weight from 0.2 to 0.25\)/);
    });

    it('refuses to edit a rubric whose shape is broken, but edits one with semantic errors', () => {
      const broken = { ...RUBRIC, key_questions: 'none' } as unknown as Rubric;
      assert.throws(
        () => planRubricEdit(broken, 'mark vomiting critical'),
        (error: unknown) =>
          error instanceof RubricEditError &&
          error.not_understood[0] === 'the rubric itself is malformed at "/key_questions": expected an array, found a string',
      );
      const unbalanced = { ...RUBRIC, weights: { ...RUBRIC.weights, summary: 0.5 } };
      const preview = planRubricEdit(unbalanced, 'set summary to 0.2');
      assert.equal(preview.qa.valid, true);
    });

    it('refuses empty, overlong and unbalanced instructions', () => {
      assert.deepEqual(planError('   ').not_understood, ['the instruction is empty']);
      assert.match(planError('set summary to 0.2 '.repeat(200)).not_understood[0] ?? '', /longer than 2000/);
      assert.match(planError("add phrase 'any fever to vomiting").not_understood[0] ?? '', /never closed/);
    });
  });

  describe('preview', () => {
    it('never changes the input rubric and its patch reproduces the preview', () => {
      const snapshot = JSON.stringify(RUBRIC);
      const preview = plan("remove vomiting; add phrase 'loose stools' to bowel habit; set summary max tokens to 90");
      assert.equal(JSON.stringify(RUBRIC), snapshot);
      assert.deepEqual(preview.before, RUBRIC);
      assert.notEqual(preview.before, RUBRIC);
      assert.deepEqual(applyJsonPatch(RUBRIC, preview.patch), preview.after);
    });

    it('is deterministic', () => {
      const instruction = "add question labelled 'Urinary symptoms?' with phrases 'burning when you pass urine'; raise summary by 0.05";
      assert.equal(JSON.stringify(plan(instruction)), JSON.stringify(plan(instruction)));
    });
  });
});
