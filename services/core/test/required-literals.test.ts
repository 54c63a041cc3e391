import assert from 'node:assert/strict';
import { RE2JS } from 're2js';
import { compileLinear } from '../src/evaluators/linear-regex';
import { foldCase, foldPieces, joinPieces, mayMatch, requiredLiterals, textsThatMayMatch } from '../src/evaluators/required-literals';

const FLAGS = RE2JS.CASE_INSENSITIVE | RE2JS.DOTALL;

describe('requiredLiterals', () => {
  it('takes one string of each concatenated group and distributes alternatives', () => {
    assert.deepEqual(requiredLiterals('(acute|sudden).*(stroke|CVA)'), [['acute', 'sudden'], ['cva', 'stroke']]);
    // (a ∧ b) ∨ (c ∧ d) keeps only clauses implied by both branches.
    assert.deepEqual(requiredLiterals('(EKG|ECG).*urgent|troponin'), [['troponin', 'urgent'], ['ecg', 'ekg', 'troponin']]);
    // "woman" always holds "man".
    assert.deepEqual(requiredLiterals('(man|woman)'), [['man']]);
    // Character classes that list letters multiply out; optional parts stay exact.
    assert.deepEqual(requiredLiterals('gr[ae]y'), [['gray', 'grey']]);
    assert.deepEqual(requiredLiterals('colou?r'), [['color', 'colour']]);
    assert.deepEqual(requiredLiterals('\\bCT\\b'), [['ct']]);
    assert.deepEqual(requiredLiterals('a\\.b+c'), [['a.'], ['b'], ['c']]);
  });

  it('requires nothing from syntax it does not fully read', () => {
    for (const pattern of ['(?i)stroke', '\\pL+', '[[:alpha:]]x', '\\Qa.b\\E', 'a{,3}', 'x*', 'a|.*', '(?P<n>ab)', '\\x41bc', '[^a]', '\\d+']) {
      assert.deepEqual(requiredLiterals(pattern), [], pattern);
    }
    // Non-ASCII characters count as "some character".
    assert.deepEqual(requiredLiterals('café'), [['caf']]);
  });

  it('never rules out a text the engine matches', () => {
    const patterns = [
      '(acute|sudden).*(focal|weakness|deficit).*(stroke|CVA)|(stroke|CVA).*(acute|sudden)',
      '(\\d+.year.old|\\d+.y/o).*(male|female|patient|man|woman)',
      'gr[ae]y|colou?r',
      'stro+ke\\b',
      'ab{2,3}c',
      'x[-.]ray',
      '(no|denies|negative for)',
      'ask(ed)? about (it|them)?',
      'k+s',
    ];
    const texts = [
      'Sudden focal WEAKNESS, concerning for a Stroke.',
      'A 65-year-old Woman',
      '22 y/o FEMALE patient',
      'GREY colour',
      'strooooke now',
      'ABBC and abbbc',
      'X-RAY and x.ray',
      'Patient DENIES pain',
      'asked about ',
      '\u212as and ſ', // Kelvin sign and long s fold to k and s in the engine
      'KſS',
    ];
    for (const pattern of patterns) {
      const program = RE2JS.compile(pattern, FLAGS);
      const literals = requiredLiterals(pattern);
      assert.notDeepEqual(literals, [], pattern);
      for (const text of texts) {
        if (program.test(text)) assert.ok(mayMatch(literals, foldCase(text)), `${pattern} matches ${JSON.stringify(text)}`);
      }
    }
  });
});

describe('textsThatMayMatch', () => {
  it('marks only texts that hold a string of every clause, each within its own bounds', () => {
    const pieces = ['Sudden onset', 'stroke', 'SUDDEN Stroke', 'sud', 'den stroke', 'İ sudden stroke'];
    const possible = textsThatMayMatch(requiredLiterals('sudden.*stroke'), foldPieces(joinPieces(pieces), pieces));
    assert.deepEqual([...possible], [0, 0, 1, 0, 0, 1]);
  });
});

describe('compiled pattern spans with literal bounds', () => {
  it('finds the earliest-ending, shortest match as the engine defines it', () => {
    const pattern = compileLinear('(time|onset).*(CT|scan)', 'test');
    const text = 'At the time of onset we need a CT scan';
    assert.ok(pattern.test(text));
    const span = pattern.spanIn(text);
    assert.equal(text.slice(span.start, span.end), 'onset we need a CT');
    const literal = compileLinear('stroke', 'test');
    const stroke = 'likely a STROKE, a stroke';
    assert.equal(stroke.slice(literal.spanIn(stroke).start, literal.spanIn(stroke).end), 'STROKE');
  });
});
