import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ACCEPT_THRESHOLD, matchQuestions } from '../src/questions/match';
import { compileQuestions } from '../src/questions/compile';
import { stem } from '../src/questions/stem';
import { parseTranscript } from '../src/transcript/parse';
import type { KeyQuestion, QuestionsResult, Rubric } from '../src/types';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures/transcripts', name), 'utf8');

type QuestionSpec = Pick<KeyQuestion, 'id' | 'critical' | 'phrases'> & { label?: string };

/** Questions labelled "Item" unless told: a label the clinical lexicon cannot read, so only the phrases count. */
function rubricWith(questions: QuestionSpec[]): Rubric {
  return {
    rubric_id: 'test_v1',
    version: '1.0.0',
    weights: { structure: 0.2, key_questions: 0.4, reasoning: 0.2, summary: 0.2, communication: 0 },
    structure: { anchor: '#R.structure', expected_order: ['CC', 'HPI'], penalties: [] },
    key_questions: questions.map((q) => ({ label: 'Item', ...q, anchor: `#Q.${q.id}` })),
    key_questions_policy: { anchor: '#R.key_questions', critical_weight: 2, noncritical_weight: 1, coverage_threshold: 0.7 },
    reasoning: { anchor: '#R.reasoning', required_links: [], major_gap_penalty: -0.5 },
    summary: { anchor: '#R.summary', max_tokens: 80, overflow_divisor: 20, required_elements: [] },
    communication: { anchor: '#R.communication', weight: 0, rules: [] },
  };
}

const clinic = rubricWith([
  { id: 'onset', critical: true, phrases: ['when did it start', 'how long ago'] },
  { id: 'smoking', critical: false, phrases: ['do you smoke'] },
  { id: 'anticoagulants', critical: true, phrases: ['blood thinners'] },
  { id: 'prior_mi', critical: true, phrases: ['MI'] },
  { id: 'hypertension', critical: false, phrases: ['high blood pressure'] },
  { id: 'sudden', critical: false, phrases: ['came on suddenly'] },
]);

function match(rubric: Rubric, transcript: string): QuestionsResult {
  return matchQuestions(rubric, parseTranscript(transcript));
}

function confidences(result: QuestionsResult): Record<string, number> {
  return Object.fromEntries(result.matches.map((m) => [m.question_id, m.confidence]));
}

describe('matchQuestions: who is asking', () => {
  it('never counts the patient\'s or anyone else\'s words', () => {
    const result = match(clinic, [
      'Student: Tell me more.',
      'Patient: I smoke, I take blood thinners, and I had an MI when it came on suddenly.',
      'Nurse: Do you smoke?',
      'Examiner: When did it start?',
    ].join('\n'));
    assert.deepEqual(result.matches, []);
    assert.deepEqual(result.unmatched, ['onset', 'smoking', 'anticoagulants', 'prior_mi', 'hypertension', 'sudden']);
    assert.equal(result.score, 0);
  });

  it('does not count the closing summary as asking', () => {
    const result = match(clinic, 'Student: Hello.\nStudent: In summary, the pain came on suddenly in a smoker on blood thinners.');
    assert.deepEqual(result.matches, []);
  });

  it('counts a sentence about relatives only for questions about relatives', () => {
    const family = rubricWith([
      { id: 'prior_mi', critical: true, phrases: ['MI'] },
      { id: 'family_mi', critical: false, phrases: ['family history of MI'] },
    ]);
    const result = match(family, 'Student: Has anyone in your family had an MI? Any family history of MI?');
    assert.deepEqual(result.unmatched, ['prior_mi']);
    // the first sentence already asks it: the phrase's subject (MI) in a family question, 0.85
    assert.deepEqual(result.matches.map((m) => [m.question_id, m.confidence, m.matched_by]), [['family_mi', 0.85, 'synonym']]);
    // the same words about the patient count
    assert.deepEqual(confidences(match(family, 'Student: Have you ever had an MI?')), { prior_mi: 1 });
  });
});

describe('matchQuestions: a whole interview (headache fixture)', () => {
  const headache = rubricWith([
    { id: 'sudden', critical: true, phrases: ['came on suddenly', 'thunderclap'] },
    { id: 'worst', critical: true, phrases: ['worst headache of your life'] },
    { id: 'meningism', critical: true, phrases: ['neck stiffness', 'stiff neck'] },
    { id: 'anticoagulants', critical: true, phrases: ['blood thinners', 'warfarin'] },
    { id: 'smoking', critical: false, phrases: ['do you smoke'] },
    { id: 'trauma', critical: false, phrases: ['did you hit your head'] },
  ]);

  it('credits what the student asked, not what the patient or the summary said', () => {
    const result = matchQuestions(headache, parseTranscript(fixture('headache_001.txt')));
    assert.deepEqual(result.matches.map((m) => [m.question_id, m.confidence, m.citation]), [
      ['sudden', 0.95, 'student://oral#00:00:31\u201300:00:34'], // "Did it come on suddenly?"
      ['meningism', 1, 'student://oral#00:00:38\u201300:00:44'],
      ['anticoagulants', 1, 'student://oral#00:00:55\u201300:00:59'],
      ['smoking', 1, 'student://oral#00:01:05\u201300:01:08'],
    ]);
    // "worst headache of my life" and "thunderclap" were the patient's words; trauma was never raised
    assert.deepEqual(result.unmatched, ['worst', 'trauma']);
    // critical weight 2: sudden, meningism, anticoagulants (6) + smoking (1) = 7 of 2·4 + 1·2 = 10
    assert.equal(result.score, 7 / 10);
  });
});

describe('matchQuestions: words and phrases', () => {
  it('matches on word boundaries only: "MI" is not inside "family" or "Smith"', () => {
    const result = match(clinic, 'Student: Hi, I am Dr Smith. Any family illnesses? Any admissions?');
    assert.ok(!result.matches.some((m) => m.question_id === 'prior_mi'));
  });

  it('matches an acronym only in capitals', () => {
    assert.deepEqual(confidences(match(clinic, 'Student: Any history of MI?')), { prior_mi: 1 });
    assert.deepEqual(confidences(match(clinic, 'Student: mi amigo, any pain?')), {});
  });

  it('reads a phrase written wholly in capitals as ordinary words', () => {
    const shouting = rubricWith([{ id: 'chest', critical: true, phrases: ['ANY CHEST PAIN'] }]);
    assert.deepEqual(confidences(match(shouting, 'Student: any chest pain?')), { chest: 1 });
  });

  it('scores an exact phrase 1, whatever the case and punctuation inside a sentence', () => {
    assert.deepEqual(confidences(match(clinic, 'Student: "DO you -- SMOKE?!"')), { smoking: 1 });
  });

  it('scores a stemmed contiguous phrase 0.95 ("came on suddenly" ~ "come on suddenly")', () => {
    assert.equal(stem('came'), 'come');
    assert.deepEqual(confidences(match(clinic, 'Student: Did it come on suddenly?')), { sudden: 0.95 });
  });

  it('tolerates inflection: "smoking" answers "do you smoke" (by its content word 0.8, by the lexicon\'s smoking 0.85)', () => {
    // content terms of "do you smoke": [smoke] ("do", "you" are stopwords); all present → 0.8 × 1;
    // the lexicon names the same subject in "smoking": a synonym, 0.85, the better of the two
    assert.equal(stem('smoking'), stem('smoke'));
    const result = match(clinic, 'Student: Are you still smoking?');
    assert.deepEqual(result.matches.map((m) => [m.question_id, m.confidence, m.matched_by]), [['smoking', 0.85, 'synonym']]);
  });

  it('accepts the lexicon\'s other words for a phrase\'s subject at 0.85', () => {
    const result = match(clinic, 'Student: Are you on anticoagulants? Any hypertension? Ever had a heart attack?');
    // blood thinners ↔ anticoagulant; high blood pressure ↔ hypertension; MI ↔ heart attack
    assert.deepEqual(confidences(result), { anticoagulants: 0.85, prior_mi: 0.85, hypertension: 0.85 });
    assert.ok(result.matches.every((m) => m.matched_by === 'synonym'));
  });
});

describe('matchQuestions: confidence arithmetic and threshold', () => {
  // Words the clinical lexicon does not know, so that only the phrases' arithmetic counts.
  // Two questions = two documents. idf(t) = ln(1 + (N − n + 0.5)/(n + 0.5)), N = 2:
  //   "grommet" is in both: ln(1 + 0.5/2.5) = ln 1.2 = 0.182322
  //   every other stem is in one: ln(1 + 1.5/1.5) = ln 2 = 0.693147
  // first content: grommet, spline, tappet → Σ idf = 0.182322 + 2·0.693147 = 1.568616
  // second content: sprocket, grommet → Σ idf = 0.875469
  const parts = rubricWith([
    { id: 'first', critical: true, phrases: ['grommet spline tappet'] },
    { id: 'second', critical: true, phrases: ['sprocket grommet'] },
  ]);
  const ln2 = Math.log(2);
  const ln12 = Math.log(1.2);

  it('weights present content terms by idf (0.8 × share) and accepts from the threshold', () => {
    assert.equal(ACCEPT_THRESHOLD, 0.6);
    // "sprocket" only: 0.8 × ln2 / (ln2 + ln1.2) = 0.8 × 0.791741 = 0.633393 ≥ 0.6
    const sprocket = match(parts, 'Student: Any sprocket?');
    assert.equal(sprocket.matches[0]?.confidence, (ln2 / (ln2 + ln12)) * 0.8);
    assert.equal(sprocket.matches[0]?.matched_by, 'phrase');
    assert.deepEqual(sprocket.unmatched, ['first']);
    // "spline" and "tappet": 0.8 × 2ln2 / (ln1.2 + 2ln2) = 0.8 × 0.883769 = 0.707015
    const both = match(parts, 'Student: Any tappet or spline?');
    assert.equal(both.matches[0]?.confidence, ((ln2 + ln2) / (ln12 + ln2 + ln2)) * 0.8);
  });

  it('leaves a partial overlap below the threshold unmatched', () => {
    // first: grommet + spline = 0.8 × (ln1.2 + ln2) / (ln1.2 + 2ln2) = 0.8 × 0.558115 = 0.446492 < 0.6
    // second: grommet only = 0.8 × ln1.2 / (ln2 + ln1.2) = 0.166607 < 0.6
    const result = match(parts, 'Student: Any grommet spline?');
    assert.deepEqual(result.matches, []);
    assert.deepEqual(result.unmatched, ['first', 'second']);
  });

  it('looks for a phrase\'s words within one sentence', () => {
    // "spline" and "tappet" in different sentences: each sentence alone stays below 0.6
    assert.deepEqual(match(parts, 'Student: Any spline? Any tappet?').matches, []);
  });
});

describe('matchQuestions: citations, order and score', () => {
  it('cites the asking utterance with its real span', () => {
    const result = match(clinic, '[00:04] Student: Hello.\n[00:09] Student: Do you smoke?\n[00:13] Patient: No.\n[00:20] Student: Thanks.');
    assert.deepEqual(result.matches, [{
      question_id: 'smoking',
      anchor: '#Q.smoking',
      utterance_index: 1,
      utterance: { text: 'Do you smoke?', timestamp_start: '00:09', timestamp_end: '00:13' },
      confidence: 1,
      matched_by: 'phrase',
      citation: 'student://oral#00:09\u201300:13',
    }]);
  });

  it('cites line spans in a transcript without timestamps', () => {
    const result = matchQuestions(
      rubricWith([{ id: 'heart', critical: true, phrases: ['heart problems'] }]),
      parseTranscript(fixture('syncope_untimed.txt')),
    );
    // "Do you have high blood pressure or heart problems?" is line 7; the next utterance starts on line 8.
    // The family question on line 9 is about relatives and does not count.
    assert.equal(result.matches[0]?.citation, 'student://oral#L7\u2013L8');
    assert.equal(result.matches[0]?.utterance.timestamp_start, null);
  });

  it('matches each question once and cites the first genuine ask, even when a later one says the phrase exactly', () => {
    const result = match(clinic, [
      '[00:02] Student: You mentioned you smoke.', // a statement: no ask
      '[00:05] Student: Are you smoking?', // 0.85, the first ask
      '[00:10] Student: Do you smoke?', // 1.0, later
    ].join('\n'));
    assert.equal(result.matches.length, 1);
    assert.deepEqual([result.matches[0]?.citation, result.matches[0]?.confidence], ['student://oral#00:05\u201300:10', 0.85]);
  });

  it('lists matches and unmatched ids in rubric order and weighs critical questions double', () => {
    const result = match(clinic, 'Student: Any high blood pressure?\nStudent: When did it start?\nStudent: Do you smoke?');
    assert.deepEqual(result.matches.map((m) => m.question_id), ['onset', 'smoking', 'hypertension']);
    assert.deepEqual(result.unmatched, ['anticoagulants', 'prior_mi', 'sudden']);
    // matched: onset 2 + smoking 1 + hypertension 1 = 4; total: 2+1+2+2+1+1 = 9
    assert.equal(result.score, 4 / 9);
    assert.equal(result.coverage, result.score);
  });

  it('scores 1 when the rubric has no questions', () => {
    assert.deepEqual(match(rubricWith([]), 'Student: Hello.'), { score: 1, matches: [], unmatched: [], coverage: 1 });
  });

  it('handles a 5,000-character utterance and finds a question at its end', () => {
    const filler = 'and then the patient described many ordinary things '.repeat(95); // 4,940 characters
    const long = `${filler}so when did it start?`;
    assert.ok(long.length >= 4950);
    const result = match(clinic, `[00:01] Student: ${long}\n[00:59] Patient: Yesterday.`);
    assert.deepEqual(confidences(result), { onset: 1 });
    assert.equal(result.matches[0]?.citation, 'student://oral#00:01\u201300:59');
  });
});

describe('compileQuestions: compiled once per question set', () => {
  it('reuses the compilation for a rubric decoded anew with the same questions, as the services receive it', () => {
    const decoded = JSON.parse(JSON.stringify(clinic)) as Rubric;
    assert.equal(compileQuestions(decoded), compileQuestions(clinic));
  });

  it('compiles again when the phrases or the policy weights differ, and grades by the new ones', () => {
    const reworded = rubricWith([{ id: 'onset', critical: true, phrases: ['do you smoke'] }]);
    assert.notEqual(compileQuestions(reworded), compileQuestions(clinic));
    assert.deepEqual(confidences(match(reworded, 'Student: Do you smoke?')), { onset: 1 });

    const reweighted = JSON.parse(JSON.stringify(clinic)) as Rubric;
    reweighted.key_questions_policy.critical_weight = 3;
    assert.notEqual(compileQuestions(reweighted), compileQuestions(clinic));
    // matched: onset 3 of 3+1+3+3+1+1 = 12
    assert.equal(match(reweighted, 'Student: When did it start?').score, 3 / 12);
  });
});
