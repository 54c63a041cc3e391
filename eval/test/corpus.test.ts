import assert from 'node:assert/strict';
import { checkSplit } from '../check';
import { parseCase, SPLITS, studentWords } from '../corpus';
import { aggregate, lcsLength, orderAgreement, prf, scoreCase } from '../metrics';
import { grade, parseTranscript } from '../../services/core/src/index';
import type { Rubric } from '../../services/core/src/types';

// The evaluation corpus keeps its own rules (eval/README.md), and the figures npm run eval
// prints are the documented definitions.

const RUBRIC: Rubric = {
  rubric_id: 'toy_v1',
  version: '1.0.0',
  weights: { structure: 0.25, key_questions: 0.25, reasoning: 0.25, summary: 0.25, communication: 0 },
  structure: { anchor: '#S', expected_order: ['CC', 'HPI', 'Summary'], penalties: [] },
  key_questions: [
    { id: 'vomiting', anchor: '#Q.v', label: 'Vomiting', critical: true },
    { id: 'fever', anchor: '#Q.f', label: 'Fever', critical: true },
  ],
  key_questions_policy: { anchor: '#KQ', critical_weight: 2, noncritical_weight: 1, coverage_threshold: 0.5 },
  reasoning: { anchor: '#R', required_links: [{ id: 'append', anchor: '#R.a', description: 'appendicitis', pattern: '(pain).*(appendicitis)' }], major_gap_penalty: -0.5 },
  summary: { anchor: '#SU', max_tokens: 60, overflow_divisor: 10, required_elements: [{ id: 'problem', anchor: '#SU.p', description: 'problem', pattern: null }] },
  communication: { anchor: '#C', weight: 0, rules: [] },
};

const CASE = [
  '# rubric: toy_v1',
  '# kinds: paraphrase, volunteered-trap, spoken-summary, format-bracketed',
  '# summary_elements: problem',
  '---',
  '[00:01] Student: What brings you in today? ⟦sec:CC⟧',
  '[00:04] Patient: Tummy pain, and I have a temperature. ⟦trap:fever⟧',
  '[00:08] Student: Have you been sick at all? ⟦sec:HPI q:vomiting⟧',
  '[00:11] Patient: No.',
  '[00:14] Student: To sum up, a 20-year-old with pain, I think appendicitis. ⟦sec:Summary sum link:append⟧',
].join('\n');

describe('eval corpus format', () => {
  it('strips the header and label blocks, keeping line numbers and the transcript as the engine reads it', () => {
    const c = parseCase('dev', 'toy.txt', CASE);
    assert.equal(c.transcript.split('\n').length, 5);
    assert.equal(c.lines[0], '[00:01] Student: What brings you in today?');
    assert.deepEqual([...c.gold.asked], [['vomiting', 3]]);
    assert.deepEqual([...c.gold.trapped], ['fever']);
    assert.deepEqual(c.gold.sections, ['CC', 'HPI', 'Summary']);
    assert.deepEqual([...c.gold.links], ['append']);
    // "To sum up, a 20-year-old with pain, I think appendicitis." is 10 words after the time and label
    assert.equal(c.gold.summaryTokens, 10);
    assert.equal(studentWords('[01:02] Dr: one two three'), 3);
  });

  it('writes the line endings and byte-order mark the header asks for', () => {
    const c = parseCase('dev', 'toy.txt', CASE.replace('# summary_elements: problem', '# summary_elements: problem\n# endings: crlf\n# bom: true'));
    assert.ok(c.transcript.startsWith('\uFEFF[00:01]'));
    assert.equal(c.transcript.split('\r\n').length, 5);
  });

  it('refuses a case without its header lines or with an unknown label', () => {
    assert.throws(() => parseCase('dev', 'x.txt', '# rubric: a\n---\nStudent: hi'), /no "kinds" line/);
    assert.throws(() => parseCase('dev', 'x.txt', CASE.replace('q:vomiting', 'ask:vomiting')), /unknown label "ask:vomiting"/);
  });

  for (const split of SPLITS) {
    it(`the ${split} split follows the corpus rules`, () => {
      const { corpus, problems } = checkSplit(split);
      assert.deepEqual(problems, []);
      assert.ok(corpus.cases.length >= 24 && corpus.rubrics.size >= 4, `${split}: ${corpus.rubrics.size} rubrics, ${corpus.cases.length} cases`);
    });
  }
});

describe('eval figures', () => {
  it('scores a case against its labels: questions, traps, citations, sections, links, elements, tokens', () => {
    const c = parseCase('dev', 'toy.txt', CASE);
    const report = grade(RUBRIC, c.transcript, { style: 'detailed', gradingId: 'x', gradedAt: '2026-01-01T00:00:00Z' });
    const outcome = scoreCase(c, report, parseTranscript(c.transcript), ['vomiting', 'fever'], ['append'], ['problem']);
    assert.deepEqual(outcome.questions, { tp: 1, fp: 0, fn: 0 });
    assert.deepEqual(outcome.traps, { total: 1, credited: 0 });
    assert.deepEqual(outcome.citations, { total: 1, correct: 1 });
    assert.deepEqual(outcome.sections, { exact: true, agreement: 1 });
    assert.deepEqual(outcome.links, { tp: 1, fp: 0, fn: 0 });
    assert.deepEqual(outcome.elements, { tp: 1, fp: 0, fn: 0 });
    assert.equal(outcome.tokensExact, true);
    assert.deepEqual(outcome.failures, []);
  });

  it('computes P/R/F1, LCS agreement and rates as documented', () => {
    assert.deepEqual(prf({ tp: 3, fp: 1, fn: 1 }), { precision: 0.75, recall: 0.75, f1: 0.75 });
    assert.deepEqual(prf({ tp: 0, fp: 0, fn: 0 }), { precision: 1, recall: 1, f1: 1 });
    assert.equal(lcsLength(['CC', 'HPI', 'PMH'], ['CC', 'PMH', 'HPI']), 2);
    assert.equal(orderAgreement(['CC', 'HPI', 'PMH'], ['CC', 'HPI']), 2 / 3);
    assert.equal(orderAgreement([], []), 1);
    const figures = aggregate([], 2);
    assert.deepEqual([figures.cases, figures.errors, figures.trapRate.rate], [2, 2, 0]);
  });
});
