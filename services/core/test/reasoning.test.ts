import assert from 'node:assert/strict';
import { evaluateReasoning } from '../src/evaluators/reasoning';
import { PatternError } from '../src/evaluators/linear-regex';
import { maskNegated, negationScopes } from '../src/evaluators/negation';
import type { Rubric } from '../src/types';
import { fixtureRubric, transcriptOf } from './fixtures/rubrics/build';

function rubricWithLinks(patterns: Record<string, string>): Rubric {
  const rubric = fixtureRubric();
  rubric.reasoning.required_links = Object.entries(patterns).map(([id, pattern]) => ({
    id,
    anchor: `#A.reason.${id}`,
    description: id,
    pattern,
  }));
  return rubric;
}

describe('evaluateReasoning', () => {
  it('scores detected / required over student utterances, case-insensitively, with oral citations', () => {
    const rubric = fixtureRubric();
    const parsed = transcriptOf([
      ['student', 'What brings you in?'],
      ['patient', 'The pain moved from my belly button to the right lower side; my doctor said appendicitis.'],
      ['student', 'Pain that MIGRATED from the umbilicus to the Right Lower quadrant suggests APPENDICITIS.'],
      ['student', 'We will get an ultrasound to confirm it.'],
    ]);
    const result = evaluateReasoning(rubric, parsed);
    // 2 of the 4 links (migration_to_appendicitis, imaging) → 0.5; the patient's words never count.
    assert.equal(result.score, 0.5);
    assert.deepEqual(result.detected, [
      {
        link_id: 'migration_to_appendicitis',
        // the shortest match ending first: "umbilic" starts a shorter one than "MIGRATED"
        matched_text: 'umbilicus to the Right Lower quadrant suggests APPENDICITIS',
        timestamp_start: '00:20',
        timestamp_end: '00:30',
        citation: 'student://oral#00:20\u201300:30',
      },
      {
        link_id: 'imaging',
        matched_text: 'ultrasound to confirm',
        timestamp_start: '00:30',
        timestamp_end: '00:40',
        citation: 'student://oral#00:30\u201300:40',
      },
    ]);
    assert.deepEqual(result.missing, ['pregnancy_test', 'gastroenteritis_considered']);
  });

  it('searches the written summary after the oral utterances and cites it by tokens', () => {
    const rubric = fixtureRubric();
    const parsed = transcriptOf([['student', 'Where is the pain?']]);
    const result = evaluateReasoning(rubric, parsed, 'Check hCG first: an ectopic pregnancy must be excluded.');
    // 1 of 4 → 0.25; the summary has 9 whitespace-separated tokens.
    assert.equal(result.score, 0.25);
    assert.deepEqual(result.detected, [
      {
        link_id: 'pregnancy_test',
        matched_text: 'hCG first: an ectopic',
        timestamp_start: null,
        timestamp_end: null,
        citation: 'student://summary#tokens=9',
      },
    ]);
  });

  it('ignores matches inside negated statements', () => {
    const rubric = rubricWithLinks({ stroke: 'stroke', acs: 'ACS|acute coronary', gastro: 'gastroenteritis' });
    const negated = transcriptOf([
      ['student', "I don't think this is a stroke."],
      ['student', 'There is no evidence of ACS.'],
      ['student', 'Gastroenteritis was ruled out.'],
      ['student', 'It is unlikely to be a stroke.'],
      ['student', 'We ruled out ACS yesterday.'],
    ]);
    assert.equal(evaluateReasoning(rubric, negated).score, 0);

    const kept = transcriptOf([
      ['student', 'No headache, but I think this is a stroke.'],
      ['student', 'We cannot rule out ACS.'],
      ['student', 'Weakness with no fever, concerning for gastroenteritis'],
    ]);
    const result = evaluateReasoning(rubric, kept);
    // All three links stand: the negation covers "No headache", nothing ("cannot rule out" keeps
    // ACS open) and "no fever" only.
    assert.equal(result.score, 1);
    assert.deepEqual(result.detected.map((d) => d.timestamp_start), ['00:00', '00:10', '00:20']);
  });

  it('takes the first non-negated utterance when an earlier one is negated', () => {
    const rubric = rubricWithLinks({ stroke: 'sudden.*stroke' });
    const parsed = transcriptOf([
      ['student', 'A sudden headache, not a stroke.'],
      ['student', 'Sudden weakness: this is a stroke.'],
    ]);
    const [detection] = evaluateReasoning(rubric, parsed).detected;
    assert.equal(detection?.matched_text, 'Sudden weakness: this is a stroke');
    assert.equal(detection?.citation, 'student://oral#00:10\u201300:20');
  });

  it('reports the shortest earliest-ending span, or the leftmost match for patterns with anchors', () => {
    const rubric = rubricWithLinks({ plain: 'a.*b', anchored: '\\ba.*b' });
    const parsed = transcriptOf([['student', 'xa a b b']]);
    const [plain, anchored] = evaluateReasoning(rubric, parsed).detected;
    // plain: matches end first at the first "b" (offset 6); the shortest one starts at the second "a"
    assert.equal(plain?.matched_text, 'a b');
    // anchored (\b): RE2 leftmost-first with greedy .*, from the first word-initial "a"
    assert.equal(anchored?.matched_text, 'a b b');
  });

  it('scores 1.0 when no link is required', () => {
    const rubric = rubricWithLinks({});
    assert.deepEqual(evaluateReasoning(rubric, transcriptOf([])), { score: 1, detected: [], missing: [] });
  });

  it('runs a catastrophic pattern against a 5,000-character utterance in linear time', () => {
    const rubric = rubricWithLinks({ evil: '(a+)+$', evil2: '(x+x+)+y' });
    const parsed = transcriptOf([
      ['student', `${'a'.repeat(5000)}!`],
      ['student', 'x'.repeat(5000)],
    ]);
    // A backtracking engine would not finish within the mocha timeout; RE2 answers at once.
    const result = evaluateReasoning(rubric, parsed);
    assert.deepEqual(result.missing, ['evil', 'evil2']);
  });

  it('throws a clear error for a pattern the linear-time engine cannot run', () => {
    const rubric = rubricWithLinks({ backref: '(a)\\1' });
    assert.throws(
      () => evaluateReasoning(rubric, transcriptOf([['student', 'aa']])),
      (err: unknown) =>
        err instanceof PatternError && /reasoning link "backref": pattern "\(a\)\\\\1" cannot be compiled by the linear-time engine/.test(err.message),
    );
  });

  it('recompiles when a rubric object is edited in place', () => {
    const rubric = rubricWithLinks({ one: 'alpha' });
    const parsed = transcriptOf([['student', 'beta']]);
    assert.equal(evaluateReasoning(rubric, parsed).score, 0);
    rubric.reasoning.required_links[0]!.pattern = 'beta';
    assert.equal(evaluateReasoning(rubric, parsed).score, 1);
  });
});

describe('negation scopes', () => {
  it('negates from a forward cue to the end of its clause', () => {
    const text = 'Weakness with no headache, concerning for stroke.';
    assert.deepEqual(negationScopes(text), [[14, 25]]);
    assert.equal(maskNegated(text), 'Weakness with            , concerning for stroke.');
  });

  it('negates the whole clause for cues that follow what they negate', () => {
    assert.equal(maskNegated('ACS was ruled out. Stroke likely.'), '                 . Stroke likely.');
    assert.equal(maskNegated('Stroke is unlikely'), ' '.repeat(18));
  });

  it('splits clauses at contrast words and leaves cue-free text alone', () => {
    // The clause before "but" is "No fever " (9 characters, trailing space included).
    assert.equal(maskNegated('No fever but sudden weakness'), '         but sudden weakness');
    const plain = 'Sudden weakness, concerning for stroke.';
    assert.equal(maskNegated(plain), plain);
  });

  it('treats "cannot rule out" and "not ruled out" as keeping the diagnosis open', () => {
    assert.deepEqual(negationScopes("We can't rule out ACS"), []);
    assert.deepEqual(negationScopes('Stroke has not yet been ruled out'), []);
    assert.deepEqual(negationScopes('An ectopic pregnancy must be excluded'), []);
  });

  it("takes any whole word ending in n't as a cue, and no part of a word", () => {
    assert.deepEqual(negationScopes("It DOESN’T hurt, walks fine"), [[3, 15]]);
    assert.deepEqual(negationScopes("Pain isn't severe"), [[5, 17]]);
    // Digits and underscores are word characters: "5don't" and "x_isn't" hold no word ending in n't.
    assert.deepEqual(negationScopes("Code 5don't and x_isn't"), []);
    assert.deepEqual(negationScopes("n't"), []);
  });

  it("still finds a cue word after a letter before n't that ends no n't word", () => {
    assert.deepEqual(negationScopes("Code 5don't, no fever"), [[13, 21]]);
    assert.deepEqual(negationScopes("x_isn't; ACS unlikely"), [[8, 21]]);
  });
});

describe('evaluateReasoning: links in the student\'s own words', () => {
  const rubric = rubricWithLinks({
    calf_to_pe: '(calf|DVT).*(PE|pulmonary embol)',
    bleed_risk: '(anticoagul|warfarin).*(haemorrhage|hemorrhage|SAH)',
    kidney: '(loin|flank).*(pyelonephritis|upper UTI)',
  });
  const detected = (...lines: string[]) =>
    evaluateReasoning(rubric, transcriptOf(lines.map((text): ['student', string] => ['student', text]))).detected.map((d) => [d.link_id, d.matched_text]);

  it('counts a link stated in lay language, citing the student\'s own words', () => {
    assert.deepEqual(detected('With the sore calf there may be a clot on the lung.'), [['calf_to_pe', 'calf there may be a clot on the lung']]);
    assert.deepEqual(detected('Being on warfarin, this could be a bleed in the brain.'), [['bleed_risk', 'warfarin, this could be a bleed in the brain']]);
    assert.deepEqual(detected('The pain in your loin and the fever make me think the infection has gone up into your kidney.').map(([id]) => id), ['kidney']);
  });

  it('does not count a negated, rejected or generic mention', () => {
    assert.deepEqual(detected('I\'m not too worried about a clot on the lung despite the calf ache.'), []);
    assert.deepEqual(detected('The calf pain is muscular rather than a DVT, so a PE is unlikely.'), []);
    assert.deepEqual(detected('Warfarin can lead to a haemorrhage in anyone.'), []);
    // why a question is asked, and textbook knowledge, say nothing about this patient
    assert.deepEqual(detected('We ask because a DVT in the calf can cause a PE.'), []);
    assert.deepEqual(detected('Warfarin is one of the commonest causes of a haemorrhage.'), []);
    assert.deepEqual(detected('You\'d usually expect loin pain with pyelonephritis.'), []);
    // the same words about this patient are a link
    assert.deepEqual(detected('His warfarin makes me worried about a haemorrhage.').map(([id]) => id), ['bleed_risk']);
  });

  it('does not count a question, a gloss of a negated clause, or a diagnosis considered and set aside', () => {
    // questions to the patient state no reasoning, whatever keywords they hold
    assert.deepEqual(detected('Any calf swelling? Could it be a PE, do you think?'), []);
    assert.deepEqual(detected('It\'s probably nothing to do with a DVT, but have you had calf pain? Any PE before?'), []);
    assert.deepEqual(detected('Your calf is fine, so I\'m not worried about a DVT, that\'s a clot in the leg, or a PE.'), []);
    assert.deepEqual(detected('With the sore calf I did think about a PE, but the pain is clearly muscular.'), []);
    assert.deepEqual(detected('With the sore calf I did think about a PE, which is a clot on the lung, but the pain is muscular.'), []);
    assert.deepEqual(detected('I am less convinced this is a PE despite the calf swelling.'), []);
    // "less worried about" negates what follows it, not the diagnosis stated before it
    assert.deepEqual(detected('The calf swelling makes a PE most likely, and I\'m less worried about a haemorrhage on warfarin.').map(([id]) => id), ['calf_to_pe']);
  });

  it('does not count textbook statements, but counts the same words about the patient', () => {
    assert.deepEqual(detected('A swollen calf can mean a PE.'), []);
    assert.deepEqual(detected('Warfarin really does cause haemorrhage.'), []);
    assert.deepEqual(detected('Loin pain is common in pyelonephritis.'), []);
    assert.deepEqual(detected('Your swollen calf can mean you have a PE.').map(([id]) => id), ['calf_to_pe']);
    assert.deepEqual(detected('Warfarin is the biggest cause of haemorrhage we see.'), []);
    assert.deepEqual(detected('We check the calf for a DVT on everybody, whatever we think of a PE.'), []);
    assert.deepEqual(detected('As for loin pain, pyelonephritis is an infection of the kidney.'), []);
    assert.deepEqual(detected('With the loin pain, I think this is an infection of the kidney, pyelonephritis.').map(([id]) => id), ['kidney']);
    assert.deepEqual(detected('Loin pain can have lots of causes, including pyelonephritis.'), []);
    assert.deepEqual(detected('A calf DVT can come from a long flight, like a PE can.'), []);
    assert.deepEqual(detected('In smokers a swollen calf is usually a DVT, and then a PE.'), []);
    assert.deepEqual(detected('Warfarin is the commonest reason anyone sees a haemorrhage.'), []);
  });

  it('keeps a finding stated with a negative verb: "could not keep anything down" still says vomiting', () => {
    const r = rubricWithLinks({ iv: '(vomit|keep.*down).*(IV|intravenous)' });
    const parsed = transcriptOf([['student', "Because you couldn't keep the tablets down, you may need antibiotics through a drip."]]);
    assert.deepEqual(evaluateReasoning(r, parsed).detected.map((d) => d.link_id), ['iv']);
    // "not drinking" is the finding itself, and in lay words it still means dehydration
    const aki = rubricWithLinks({ aki: '(dehydrat).*(AKI|kidney)' });
    const lay = transcriptOf([['student', "Because she's not drinking and her pads are dry, her kidneys may be struggling."]]);
    assert.deepEqual(evaluateReasoning(aki, lay).detected.map((d) => d.link_id), ['aki']);
    const denied = transcriptOf([['student', 'She is not dehydrated, so her kidneys should be fine.']]);
    assert.deepEqual(evaluateReasoning(aki, denied).detected, []);
  });

  it('finds a link whose finding and conclusion sit on two consecutive lines of the spoken summary, citing both', () => {
    const parsed = transcriptOf([
      ['student', 'Any allergies?'],
      ['student', 'In summary, a 30-year-old woman with a swollen calf after a long flight.'],
      ['student', 'My main concern is a pulmonary embolism.'],
    ]);
    const link = evaluateReasoning(rubric, parsed).detected.find((d) => d.link_id === 'calf_to_pe');
    assert.equal(link?.citation, 'student://oral#00:10\u201300:30');
    // the match begins in the clinical names written in after "swollen calf", so it cites from those words
    assert.equal(link?.matched_text, 'swollen calf after a long flight. My main concern is a pulmonary embol');
  });
});
