import assert from 'node:assert/strict';
import { evaluateSummary, summaryWarnings } from '../src/evaluators/summary';
import { countFindings, summaryDetector } from '../src/evaluators/summary-detectors';
import { countTokens } from '../src/evaluators/text';
import { findingMentions } from '../src/evaluators/findings';
import { fixtureRubric, sectionsOf, transcriptOf } from './fixtures/rubrics/build';

// Fixture rubric abdominal_pain_v1: max_tokens 50, overflow_divisor 8; elements problem (detector),
// pos3 (detector), neg1 (detector), leading_dx (pattern), pmh (detector).
const WRITTEN =
  '22-year-old woman with periumbilical pain that moved to the right lower quadrant, with nausea and fever. ' +
  'No diarrhea. History of asthma. Most likely appendicitis.';

describe('evaluateSummary', () => {
  const rubric = fixtureRubric();
  const oral = transcriptOf([
    ['student', 'Where is the pain?'],
    ['patient', 'Here.'],
    ['student', 'To summarize, a 22-year-old woman with right lower quadrant pain and fever, likely appendicitis.'],
  ]);
  const sections = sectionsOf([
    ['HPI', [0, 1]],
    ['Summary', [2]],
  ]);

  it('scores a written summary: 0.5·succinct + 0.5·elements', () => {
    const result = evaluateSummary(rubric, oral, sections, WRITTEN);
    // 24 tokens ≤ 50 → succinct 1. problem ✓ (22-year-old woman), pos3 ✓ (pain, nausea, fever, asthma),
    // neg1 ✓ (diarrhea after "No"), leading_dx ✓, pmh ✓ ("History of") → elements 5/5 = 1 → score 1.
    assert.equal(result.token_count, 24);
    assert.equal(result.succinct_score, 1);
    assert.equal(result.elements_score, 1);
    assert.equal(result.score, 1);
    assert.equal(result.source, 'summary_text');
    assert.equal(result.citation, 'student://summary#tokens=24');
    assert.deepEqual(result.matched_elements, ['problem', 'pos3', 'neg1', 'leading_dx', 'pmh']);
  });

  it('penalises overflow: succinct = max(0, 1 − (tokens − max_tokens)/overflow_divisor)', () => {
    const long = `${WRITTEN} ${'word '.repeat(30)}`; // 24 + 30 = 54 tokens
    const result = evaluateSummary(rubric, oral, sections, long);
    // 1 − (54 − 50)/8 = 0.5; elements still 1 → 0.5·0.5 + 0.5·1 = 0.75
    assert.equal(result.token_count, 54);
    assert.equal(result.succinct_score, 0.5);
    assert.equal(result.score, 0.75);
    const veryLong = evaluateSummary(rubric, oral, sections, `${WRITTEN} ${'word '.repeat(40)}`);
    // 64 tokens: 1 − 14/8 < 0 → 0; score 0.5·0 + 0.5·1 = 0.5
    assert.equal(veryLong.succinct_score, 0);
    assert.equal(veryLong.score, 0.5);
  });

  it("falls back to the student's words in the last Summary section", () => {
    const result = evaluateSummary(rubric, oral, sections, '   ');
    // 14 tokens → succinct 1; problem ✓, pos3 ✗ (pain, fever: 2), neg1 ✗, leading_dx ✓, pmh ✗
    // elements 2/5 = 0.4 → 0.5 + 0.2 = 0.7
    assert.equal(result.source, 'oral_summary_section');
    assert.equal(result.token_count, 14);
    assert.deepEqual(result.matched_elements, ['problem', 'leading_dx']);
    assert.deepEqual(result.missing_elements, ['pos3', 'neg1', 'pmh']);
    assert.equal(result.elements_score, 0.4);
    assert.equal(result.score, 0.7);
    assert.equal(result.citation, 'student://oral#00:20\u201300:30');
  });

  it('has no summary when neither text nor Summary section exists: succinct 1, elements on empty text', () => {
    const result = evaluateSummary(rubric, oral, sectionsOf([['HPI', [0, 1, 2]]]));
    // 0 tokens → succinct 1; every element fails on '' → elements 0 → 0.5
    assert.equal(result.source, 'none');
    assert.equal(result.token_count, 0);
    assert.equal(result.citation, null);
    assert.equal(result.score, 0.5);
  });

  it('scores elements 1.0 when none are required', () => {
    const r = fixtureRubric();
    r.summary.required_elements = [];
    assert.equal(evaluateSummary(r, oral, sections, 'short').elements_score, 1);
  });

  it('does not match an unknown detector id, and warns about it', () => {
    const r = fixtureRubric();
    r.summary.required_elements.push({ id: 'vibes', anchor: '#A.summary', description: 'x', pattern: null });
    const result = evaluateSummary(r, oral, sections, WRITTEN);
    assert.deepEqual(result.missing_elements, ['vibes']);
    // 5/6 elements
    assert.equal(result.elements_score, 5 / 6);
    assert.deepEqual(summaryWarnings(r), [
      'summary element "vibes" has no pattern and no built-in detector has that id; it is never matched',
    ]);
    assert.deepEqual(summaryWarnings(fixtureRubric()), []);
  });
});

describe('summary detectors', () => {
  const run = (id: string, text: string) => summaryDetector(id)?.(text);

  it('posN counts distinct positive findings outside negations', () => {
    const text = 'Sudden weakness and dizziness, with sweating and diaphoresis; no headache.';
    // weakness, dizziness, sweating (diaphoresis is the same finding) = 3; headache is negated
    assert.equal(countFindings(text, 'positive'), 3);
    assert.equal(run('pos3', text), true);
    assert.equal(run('pos4', text), false);
    assert.equal(run('pos', 'fever'), true);
  });

  it('negN counts distinct findings inside negations', () => {
    const text = 'Denies chest pain or shortness of breath. No fever.';
    // pain, dyspnea, fever = 3
    assert.equal(countFindings(text, 'negative'), 3);
    assert.equal(run('neg2', text), true);
    assert.equal(run('neg1', 'Fever and cough.'), false);
  });

  it('recognises a problem statement, a leading diagnosis and past history', () => {
    assert.equal(run('problem', 'A 65-year-old male with weakness'), true);
    assert.equal(run('problem', '65 y/o with weakness'), true);
    assert.equal(run('problem', 'Patient presents with chest pain'), true);
    assert.equal(run('problem', 'Weakness.'), false);
    assert.equal(run('leading_dx', 'Concerning for stroke'), true);
    assert.equal(run('leading_dx', 'It is not likely anything'), false);
    assert.equal(run('pmh', 'Known diabetic'), true);
    assert.equal(run('pmh', 'Has hypertension'), true);
    assert.equal(run('pmh', 'Left sided weakness'), false);
  });

  it('has the other documented detectors and none for unknown ids', () => {
    assert.equal(run('meds', 'Takes lisinopril'), true);
    assert.equal(run('allergies', 'NKDA'), true);
    assert.equal(run('social', 'Smokes a pack a day'), true);
    assert.equal(run('family', 'Father had a stroke'), true);
    assert.equal(run('onset', 'Started 2 hours ago'), true);
    assert.equal(run('plan', 'Needs urgent CT'), true);
    assert.equal(summaryDetector('unknown_thing'), null);
    assert.equal(summaryDetector('constructor'), null);
  });
});

describe('countTokens', () => {
  it('counts runs of non-whitespace in ASCII text (read as bytes)', () => {
    assert.equal(countTokens(''), 0);
    assert.equal(countTokens(' \t\r\n\v\f '), 0);
    assert.equal(countTokens('  65-year-old\tman,\r\nweak  '), 3);
  });

  it('counts the same in text with other characters, whose whitespace also separates words', () => {
    assert.equal(countTokens('fièvre\u00a0et\u2003toux  ’ok’'), 4);
    assert.equal(countTokens('a\u00a0b'), 2);
  });

  it('agrees with splitting at whitespace on long and mixed texts', () => {
    // Odd seeds build ASCII text (up to ~4,000 characters, past the first byte buffer), even ones mixed text.
    const words = ['stroke', 'CVA', '65-year-old', 'fièvre', '’', 'x'];
    const gaps = [' ', '  ', '\t', '\n', '\u00a0', '\u3000'];
    for (let seed = 1; seed <= 200; seed++) {
      let text = '';
      let state = seed;
      const next = (n: number) => (state = (state * 1103515245 + 12345) % 2147483648) % n;
      const pick = (list: string[], n: number) => list[next(n)] as string;
      for (let i = next(400); i > 0; i--) text += (next(2) ? pick(words, seed % 2 ? 3 : words.length) : '') + pick(gaps, seed % 2 ? 4 : gaps.length);
      assert.equal(countTokens(text), text.split(/\s+/).filter((w) => w !== '').length, JSON.stringify(text));
    }
  });
});

describe('findingMentions', () => {
  it('takes the longest term at a word, whatever its first letter shares with others', () => {
    const mentions = findingMentions('Headache, head  pain, weakness and weak; loss of\nappetite, lightheadedness, hematuria');
    assert.deepEqual(
      mentions.map((m) => `${m.canonical}@${m.offset}`),
      ['headache@0', 'headache@10', 'weakness@22', 'weakness@35', 'anorexia@41', 'dizziness@59', 'bleeding@76'],
    );
  });

  it('reads a multi-word term across any run of whitespace', () => {
    assert.deepEqual(findingMentions('Shortness\tof\r\n breath,\u00a0high  blood\u2003pressure'), [
      { canonical: 'dyspnea', offset: 0 },
      { canonical: 'hypertension', offset: 23 },
    ]);
  });

  it('needs a word boundary on both sides', () => {
    assert.deepEqual(findingMentions('painless rashes weakly unfebrile'), []);
  });
});
