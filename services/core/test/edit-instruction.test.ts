import assert from 'node:assert/strict';
import { InstructionSyntaxError, splitInstruction } from '../src/edit/instruction';

const texts = (instruction: string): string[] => splitInstruction(instruction).clauses.map((clause) => clause.text);

describe('splitInstruction', () => {
  it('splits on "and", commas and semicolons, lower-casing outside quotes', () => {
    assert.deepEqual(texts('Increase Key Questions to 0.45 and decrease structure to 0.15; SET summary to 0.2'), [
      'increase key questions to 0.45',
      'decrease structure to 0.15',
      'set summary to 0.2',
    ]);
  });

  it('lifts quoted text out, keeping its case, commas and "and"', () => {
    const split = splitInstruction("add phrase 'Nausea, Vomiting and Pain' to vomiting");
    assert.deepEqual(texts("add phrase 'Nausea, Vomiting and Pain' to vomiting"), ['add phrase «0» to vomiting']);
    assert.deepEqual(split.quotes, ['Nausea, Vomiting and Pain']);
    assert.equal(split.clauses[0]?.display, "add phrase 'Nausea, Vomiting and Pain' to vomiting");
  });

  it('keeps quoted lists with their clause', () => {
    assert.deepEqual(texts("remove 'aspirin', 'warfarin' and 'heparin' from medications and mark headache critical"), [
      'remove «0», «1», «2» from medications',
      'mark headache critical',
    ]);
    assert.deepEqual(texts("add question x labelled 'X?', with phrases 'a' and 'b'"), ['add question x labelled «0», with phrases «1», «2»']);
  });

  it('accepts double and typographic quotes and ignores apostrophes inside words', () => {
    assert.deepEqual(splitInstruction('add "what’s wrong" and ‘patient\'s view’ to “chief complaint”').quotes, [
      'what’s wrong',
      "patient's view",
      'chief complaint',
    ]);
    assert.deepEqual(splitInstruction("add phrase 'what's up' to the patient's question").quotes, ["what's up"]);
  });

  it('lends a clause without a verb the previous verb', () => {
    assert.deepEqual(texts('set summary to 0.15, reasoning to 0.3'), ['set summary to 0.15', 'set reasoning to 0.3']);
  });

  it('splits sentences and drops polite openings and final punctuation', () => {
    assert.deepEqual(texts('Please could you set summary to 0.2. Also mark headache critical!'), [
      'set summary to 0.2',
      'mark headache critical',
    ]);
  });

  it('rejects empty, overlong and unterminated instructions', () => {
    assert.throws(() => splitInstruction(' \n '), InstructionSyntaxError);
    assert.throws(() => splitInstruction('x'.repeat(2001)), /longer than 2000/);
    assert.throws(() => splitInstruction('add "any fever to vomiting'), /quote opened at character 5 is never closed/);
  });
});
