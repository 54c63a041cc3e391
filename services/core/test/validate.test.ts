import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { validateRubric } from '../src/qa/validate';
import { QA_CODES, type QaCode } from '../src/qa/codes';
import { compileLinear } from '../src/evaluators/linear-regex';
import { applyJsonPatch } from '../src/edit/json-patch';
import { comparePointers } from '../src/edit/json-pointer';
import type { JsonPatchOperation, QaReport } from '../src/types';

const FIXTURE = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/qa/abdominal_pain_v1.json'), 'utf8')) as unknown;
const DOCS = path.resolve(__dirname, '../../../docs/rubric-format.md');
const exercised = new Set<string>();

/** Validates the fixture after a patch, remembering which codes the tests have produced. */
function validatePatched(ops: JsonPatchOperation[]): QaReport {
  return track(validateRubric(applyJsonPatch(FIXTURE, ops)));
}

function track(report: QaReport): QaReport {
  for (const issue of [...report.errors, ...report.warnings]) exercised.add(issue.code);
  return report;
}

function assertIssue(report: QaReport, severity: 'error' | 'warning', code: QaCode, pointer: string): void {
  const list = severity === 'error' ? report.errors : report.warnings;
  const found = list.some((issue) => issue.code === code && issue.pointer === pointer);
  assert.ok(found, `expected ${severity} ${code} at "${pointer}", got ${JSON.stringify(report)}`);
  assert.equal(report.valid, report.errors.length === 0);
}

function assertNoIssue(report: QaReport, code: QaCode): void {
  const all = [...report.errors, ...report.warnings];
  assert.ok(!all.some((issue) => issue.code === code), `unexpected ${code}: ${JSON.stringify(all)}`);
}

const replace = (p: string, value: unknown): JsonPatchOperation => ({ op: 'replace', path: p, value });
const add = (p: string, value: unknown): JsonPatchOperation => ({ op: 'add', path: p, value });
const remove = (p: string): JsonPatchOperation => ({ op: 'remove', path: p });

/** Each row: a patch that breaks one rule, the issue expected, and a patch that stays legal. */
const CASES: {
  code: QaCode;
  failing: JsonPatchOperation[];
  pointer: string;
  passing: JsonPatchOperation[];
}[] = [
  { code: 'invalid_type', failing: [replace('/key_questions/0/critical', 'yes')], pointer: '/key_questions/0/critical', passing: [replace('/key_questions/0/critical', false)] },
  { code: 'missing_field', failing: [remove('/summary/max_tokens')], pointer: '/summary/max_tokens', passing: [remove('/title')] },
  { code: 'unknown_field', failing: [add('/key_questions/1/critcal', true)], pointer: '/key_questions/1/critcal', passing: [add('/title', 'Renamed')] },
  { code: 'invalid_value', failing: [replace('/structure/penalties/1/rule/kind', 'before')], pointer: '/structure/penalties/1/rule/kind', passing: [replace('/structure/penalties/1/rule', { kind: 'missing', section: 'Meds' })] },
  { code: 'empty_value', failing: [replace('/key_questions/2/phrases/0', '   ')], pointer: '/key_questions/2/phrases/0', passing: [replace('/key_questions/2/phrases/0', 'retching')] },
  { code: 'rubric_id_format', failing: [replace('/rubric_id', 'abdominal pain/v1')], pointer: '/rubric_id', passing: [replace('/rubric_id', 'AP-2026_v1')] },
  { code: 'version_format', failing: [replace('/version', '01.2')], pointer: '/version', passing: [replace('/version', '2.0.0-rc.1+build.5')] },
  { code: 'timestamp_format', failing: [replace('/created_at', '2026-03-02')], pointer: '/created_at', passing: [replace('/created_at', '2026-03-02T08:30:00.250-05:00')] },
  { code: 'unknown_status', failing: [replace('/status', 'published')], pointer: '/status', passing: [replace('/status', 'archived')] },
  { code: 'weights_sum', failing: [replace('/weights/summary', 0.21)], pointer: '/weights', passing: [replace('/weights/summary', 0.2000001)] },
  { code: 'weight_range', failing: [replace('/weights/structure', -0.05), replace('/weights/key_questions', 0.6)], pointer: '/weights/structure', passing: [replace('/weights/structure', 0), replace('/weights/key_questions', 0.55)] },
  { code: 'zero_weight_with_rules', failing: [replace('/weights/reasoning', 0), replace('/weights/summary', 0.45)], pointer: '/weights/reasoning', passing: [] },
  { code: 'communication_weight_mismatch', failing: [replace('/communication/weight', 0.1)], pointer: '/communication/weight', passing: [] },
  { code: 'anchor_format', failing: [replace('/key_questions/0/anchor', 'AP.q.pain_site')], pointer: '/key_questions/0/anchor', passing: [replace('/key_questions/0/anchor', '#AP.q.site')] },
  { code: 'duplicate_anchor', failing: [replace('/reasoning/required_links/1/anchor', '#AP.q.pain_site')], pointer: '/reasoning/required_links/1/anchor', passing: [] },
  { code: 'duplicate_id', failing: [replace('/key_questions/3/id', 'vomiting')], pointer: '/key_questions/3/id', passing: [replace('/structure/penalties/0/id', 'pain_site'), add('/structure/penalties/0/rule', { kind: 'missing', section: 'HPI' })] },
  { code: 'no_critical_question', failing: [0, 1, 4].map((i) => replace(`/key_questions/${i}/critical`, false)), pointer: '/key_questions', passing: [0, 1].map((i) => replace(`/key_questions/${i}/critical`, false)) },
  // Without phrases a question is matched by its label, so only a label the lexicon cannot read is a problem.
  { code: 'no_phrases', failing: [replace('/key_questions/2/phrases', []), replace('/key_questions/2/label', 'Item three')], pointer: '/key_questions/2/phrases', passing: [replace('/key_questions/2/phrases', [])] },
  { code: 'duplicate_phrase', failing: [add('/key_questions/5/phrases/-', 'Any  NAUSEA')], pointer: '/key_questions/5/phrases/4', passing: [add('/key_questions/2/phrases/-', 'Any  NAUSEA')] },
  { code: 'repeated_phrase', failing: [add('/key_questions/2/phrases/-', 'Feeling Sick')], pointer: '/key_questions/2/phrases/3', passing: [add('/key_questions/2/phrases/-', 'feeling sicker')] },
  { code: 'short_phrase', failing: [add('/key_questions/2/phrases/-', 'N ')], pointer: '/key_questions/2/phrases/3', passing: [add('/key_questions/2/phrases/-', 'PUD')] },
  { code: 'policy_weight_range', failing: [replace('/key_questions_policy/critical_weight', 0)], pointer: '/key_questions_policy/critical_weight', passing: [replace('/key_questions_policy/noncritical_weight', 0)] },
  { code: 'critical_weight_low', failing: [replace('/key_questions_policy/critical_weight', 0.5)], pointer: '/key_questions_policy/critical_weight', passing: [replace('/key_questions_policy/critical_weight', 1)] },
  { code: 'coverage_threshold_range', failing: [replace('/key_questions_policy/coverage_threshold', 0)], pointer: '/key_questions_policy/coverage_threshold', passing: [replace('/key_questions_policy/coverage_threshold', 1)] },
  { code: 'max_tokens_range', failing: [replace('/summary/max_tokens', 121)], pointer: '/summary/max_tokens', passing: [replace('/summary/max_tokens', 120)] },
  { code: 'overflow_divisor_range', failing: [replace('/summary/overflow_divisor', 0)], pointer: '/summary/overflow_divisor', passing: [replace('/summary/overflow_divisor', 0.5)] },
  { code: 'pattern_syntax', failing: [replace('/reasoning/required_links/0/pattern', '(appendic')], pointer: '/reasoning/required_links/0/pattern', passing: [replace('/reasoning/required_links/0/pattern', '(appendic)')] },
  { code: 'pattern_unsupported', failing: [replace('/summary/required_elements/0/pattern', '(pain)\\s+\\1')], pointer: '/summary/required_elements/0/pattern', passing: [replace('/summary/required_elements/0/pattern', '(pain)\\s+(pain)')] },
  { code: 'pattern_matches_empty', failing: [replace('/summary/required_elements/2/pattern', '(likely)?')], pointer: '/summary/required_elements/2/pattern', passing: [replace('/summary/required_elements/2/pattern', 'likely')] },
  { code: 'no_detector', failing: [replace('/summary/required_elements/1/id', 'findings2')], pointer: '/summary/required_elements/1/pattern', passing: [replace('/summary/required_elements/1/id', 'neg1')] },
  { code: 'expected_order_empty', failing: [replace('/structure/expected_order', [])], pointer: '/structure/expected_order', passing: [replace('/structure/expected_order', ['CC', 'HPI', 'SH', 'Meds', 'Summary'])] },
  { code: 'expected_order_repeat', failing: [add('/structure/expected_order/-', 'hpi')], pointer: '/structure/expected_order/6', passing: [add('/structure/expected_order/-', 'FH')] },
  { code: 'penalty_rule_section', failing: [replace('/structure/penalties/1/rule/first', 'ROS')], pointer: '/structure/penalties/1/rule/first', passing: [replace('/structure/penalties/1/rule/first', 'pmh')] },
  { code: 'penalty_convention_section', failing: [replace('/structure/penalties/0/id', 'swap_ros_before_hpi')], pointer: '/structure/penalties/0/id', passing: [replace('/structure/penalties/0/id', 'swap_sh_before_meds')] },
  { code: 'penalty_never_applies', failing: [replace('/structure/penalties/0/id', 'late_hpi')], pointer: '/structure/penalties/0', passing: [replace('/structure/penalties/0/id', 'MISSING_HPI')] },
  { code: 'penalty_positive', failing: [replace('/structure/penalties/0/value', 0.1)], pointer: '/structure/penalties/0/value', passing: [replace('/structure/penalties/0/value', 0)] },
];

describe('validateRubric', () => {
  it('accepts the fixture rubric with no errors and no warnings', () => {
    assert.deepEqual(validateRubric(FIXTURE), { valid: true, errors: [], warnings: [] });
  });

  describe('one failing and one passing case per check', () => {
    for (const { code, failing, pointer, passing } of CASES) {
      it(`${code}: reported at ${pointer}`, () => {
        assertIssue(validatePatched(failing), QA_CODES[code].severity, code, pointer);
        assertNoIssue(validatePatched(passing), code);
      });
    }
  });

  it('accepts questions without a phrases field, and warns at the question when such a label says nothing the lexicon knows', () => {
    assert.deepEqual(validatePatched([remove('/key_questions/2/phrases')]), { valid: true, errors: [], warnings: [] });
    assertIssue(validatePatched([remove('/key_questions/2/phrases'), replace('/key_questions/2/label', 'Item three')]), 'warning', 'no_phrases', '/key_questions/2');
  });

  it('reports a non-object rubric at the root pointer', () => {
    for (const input of [null, 'rubric', 3, [FIXTURE]]) {
      const report = track(validateRubric(input));
      assert.deepEqual(report.errors.map((e) => [e.pointer, e.code]), [['', 'invalid_type']]);
    }
  });

  it('reports rule fields that the rule kind needs', () => {
    assertIssue(validatePatched([remove('/structure/penalties/1/rule/then')]), 'error', 'missing_field', '/structure/penalties/1/rule/then');
    assertIssue(validatePatched([replace('/structure/penalties/2/rule', { kind: 'missing' })]), 'error', 'missing_field', '/structure/penalties/2/rule/section');
  });

  it('compares sections case-insensitively in rules and id conventions', () => {
    // The fixture's rule says "summary" while expected_order says "Summary", and missing_hpi names "HPI".
    const report = validatePatched([]);
    assertNoIssue(report, 'penalty_rule_section');
    assertNoIssue(report, 'penalty_convention_section');
  });

  it('checks weights at both ends of [0, 1] and tolerates float rounding in the sum', () => {
    const fullWeight = validatePatched([
      replace('/weights', { structure: 0, key_questions: 1, reasoning: 0, summary: 0, communication: 0 }),
    ]);
    assertNoIssue(fullWeight, 'weight_range');
    assertNoIssue(fullWeight, 'weights_sum');
    // 0.1 + 0.2 + 0.3 + 0.4 is 1.0000000000000002 in binary floating point.
    const tenths = validatePatched([replace('/weights', { structure: 0.1, key_questions: 0.2, reasoning: 0.3, summary: 0.4, communication: 0 })]);
    assertNoIssue(tenths, 'weights_sum');
    assertIssue(validatePatched([replace('/weights/communication', 1.2)]), 'error', 'weight_range', '/weights/communication');
    // 0.15 + 0.4 + 0.25 + 0.25 is 1.0500000000000003 in floating point; the message rounds it.
    const over = validatePatched([replace('/weights/summary', 0.25)]);
    assert.equal(over.errors[0]?.message, 'weights sum to 1.05, not 1');
  });

  it('requires max_tokens to be an integer from 40 to 120', () => {
    for (const bad of [39, 80.5]) {
      assertIssue(validatePatched([replace('/summary/max_tokens', bad)]), 'error', 'max_tokens_range', '/summary/max_tokens');
    }
    assertNoIssue(validatePatched([replace('/summary/max_tokens', 40)]), 'max_tokens_range');
  });

  it('rejects anchors without "#", a bare "#" and anchors with spaces', () => {
    for (const bad of ['#', '#AP q', 'AP.q']) {
      assertIssue(validatePatched([replace('/summary/anchor', bad)]), 'error', 'anchor_format', '/summary/anchor');
    }
  });

  it('names the earlier owner of a duplicated phrase', () => {
    const report = validatePatched([add('/key_questions/5/phrases/-', 'any nausea')]);
    const issue = report.errors.find((e) => e.code === 'duplicate_phrase');
    assert.match(issue?.message ?? '', /"vomiting" \(\/key_questions\/2\/phrases\/2\)/);
  });

  describe('patterns run on the linear-time engine', () => {
    it('rejects lookahead, lookbehind and backreferences that only a backtracking engine can run', () => {
      const unsupported = ['(?=right)iliac', '(?<!no )pain', '(a)\\1'];
      for (const pattern of unsupported) {
        const report = validatePatched([replace('/reasoning/required_links/1/pattern', pattern)]);
        assertIssue(report, 'error', 'pattern_unsupported', '/reasoning/required_links/1/pattern');
      }
    });

    it('agrees with the evaluators\' engine on which patterns can run', () => {
      const samples = ['(a+)+$', 'chest.*pain', '\\bMI\\b', '(?i)ct', 'a{2,1000}', '(?=x)', '(x)\\1', 'a{1001}', '[z-a]', '(', '(?P<n>x)'];
      for (const pattern of samples) {
        const report = validatePatched([replace('/reasoning/required_links/0/pattern', pattern)]);
        let runs = true;
        try {
          compileLinear(pattern, 'sample');
        } catch {
          runs = false;
        }
        assert.equal(report.valid, runs, `QA and the engine disagree on ${pattern}`);
      }
    });

    it('checks communication rule patterns and allows null patterns', () => {
      const rules = [
        { id: 'greets', anchor: '#AP.comm.greets', description: 'Greets the patient', pattern: '(?!hello)' },
        { id: 'closes', anchor: '#AP.comm.closes', pattern: null },
      ];
      const report = validatePatched([replace('/communication/rules', rules)]);
      assertIssue(report, 'error', 'pattern_unsupported', '/communication/rules/0/pattern');
      assert.equal(report.errors.length, 1);
    });

    it('accepts a pattern that stalls backtracking engines, and it runs to completion', () => {
      const report = validatePatched([replace('/reasoning/required_links/0/pattern', '(a+)+$')]);
      assert.deepEqual(report.errors, []);
      // A backtracking engine needs about 2^5000 steps for this input; RE2 answers in one pass.
      // The evaluators' engine, which QA mirrors, runs it over a 5,000-character text.
      const hostile = 'a'.repeat(5000) + '!';
      const pattern = compileLinear('(a+)+$', 'test');
      assert.equal(pattern.test(hostile), false);
      assert.equal(pattern.test('AAAA'), true, 'patterns are case-insensitive');
    });
  });

  it('never throws on any field replaced by a value of the wrong type', function () {
    this.timeout(20000);
    const pointers = collectPointers(FIXTURE, '');
    for (const pointer of pointers) {
      for (const value of [null, 'text', 7, [], {}]) {
        const report = validateRubric(applyJsonPatch(FIXTURE, [replace(pointer, value)]));
        assert.ok(Array.isArray(report.errors), `validation of ${pointer} = ${JSON.stringify(value)}`);
      }
    }
  });

  it('sorts issues by pointer (array indexes numerically), then code', () => {
    const questions = Array.from({ length: 11 }, (_, i) => ({
      id: `q${i}`,
      anchor: i === 2 || i === 10 ? 'bad' : `#q${i}`,
      label: `Question ${i}`,
      critical: true,
      phrases: [`phrase number ${i}`],
    }));
    const report = validatePatched([replace('/key_questions', questions), replace('/summary/max_tokens', 10), replace('/weights/summary', 0.5)]);
    assert.deepEqual(
      report.errors.map((e) => `${e.pointer} ${e.code}`),
      [
        '/key_questions/2/anchor anchor_format',
        '/key_questions/10/anchor anchor_format',
        '/key_questions/10/anchor duplicate_anchor',
        '/summary/max_tokens max_tokens_range',
        '/weights weights_sum',
      ],
    );
    assert.ok(comparePointers('/a/9', '/a/10') < 0);
  });

  it('is deterministic', () => {
    const broken = applyJsonPatch(FIXTURE, [replace('/weights/summary', 0.9), add('/key_questions/0/phrases/-', 'any nausea')]);
    assert.equal(JSON.stringify(validateRubric(broken)), JSON.stringify(validateRubric(broken)));
  });

  after(function () {
    // Runs only when the whole file ran, so a filtered run (--grep) is not misreported.
    if (this.test?.parent?.tests.some((t) => t.state === undefined)) return;
    const missing = Object.keys(QA_CODES).filter((code) => !exercised.has(code));
    assert.deepEqual(missing, [], 'every QA code is produced by at least one test');
  });
});

describe('docs/rubric-format.md', () => {
  it('lists every QA code', () => {
    const text = fs.readFileSync(DOCS, 'utf8');
    const undocumented = Object.keys(QA_CODES).filter((code) => !text.includes(`\`${code}\``));
    assert.deepEqual(undocumented, []);
  });
});

function collectPointers(value: unknown, pointer: string): string[] {
  const children: [string, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [String(i), item])
    : typeof value === 'object' && value !== null
      ? Object.entries(value)
      : [];
  return [
    ...(pointer === '' ? [] : [pointer]),
    ...children.flatMap(([key, child]) => collectPointers(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`)),
  ];
}
