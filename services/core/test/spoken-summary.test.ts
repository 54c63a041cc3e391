import assert from 'node:assert/strict';
import { evaluateSummary } from '../src/evaluators/summary';
import { normalisedSummary } from '../src/evaluators/summary-text';
import { parseTranscript } from '../src/transcript/parse';
import { segmentSections } from '../src/transcript/sections';
import { spokenSummary } from '../src/transcript/summary-span';
import { fixtureRubric } from './fixtures/rubrics/build';

// Spoken summaries as students give them: after an examiner's prompt, over several lines,
// in shorthand, followed by counselling the patient.

function summaryLines(transcript: string): number[] {
  const parsed = parseTranscript(transcript);
  return (spokenSummary(parsed)?.utterances ?? []).map((i) => parsed.utterances[i]!.line);
}

describe('spokenSummary: where the summary starts and ends', () => {
  it('starts right after an examiner asks for it, whatever the first words, and runs over several student lines', () => {
    const transcript = [
      'Student: Any allergies?',
      'Patient: No.',
      'Examiner: Thank you. Could you summarise for me?',
      'Student: Mrs Khan has had two days of pain in the right iliac fossa.',
      'Examiner: Mm-hm.',
      'Student: She has vomited twice and has a temperature.',
      'Student: I think this is appendicitis.',
      'Examiner: What would you do next?',
      'Student: Bloods and a surgical review.',
    ].join('\n');
    // the examiner's backchannel lets it go on; the examiner's next question ends it
    assert.deepEqual(summaryLines(transcript), [4, 6, 7]);
  });

  it('starts at "So, this is ..." or an age and sex in shorthand, and stops before counselling the patient', () => {
    assert.deepEqual(summaryLines([
      'Student: Thank you, that is all my questions.',
      'Student: So, this is Mr Ade, a 61-year-old man with sudden breathlessness.',
      'Student: He flew back from Lagos on Sunday.',
      'Student: We are going to do a scan of your lungs, okay?',
    ].join('\n')), [2, 3]);
    assert.deepEqual(summaryLines('Student: Any questions for me?\nStudent: 27F, two days of dysuria and loin pain, likely pyelonephritis.\nStudent: Mrs Obi, I will ask the doctor to come.'), [2]);
  });

  it('stops at the patient\'s words and takes the last summary when the student gives two', () => {
    assert.deepEqual(summaryLines([
      'Student: To recap, pain since Monday.',
      'Patient: Yes. Is it serious?',
      'Student: Does it spread?',
      'Student: In summary, a 40-year-old woman with pain since Monday.',
    ].join('\n')), [4]);
  });

  it('goes on over a line that continues the previous line\'s sentence, even when it opens with "who"', () => {
    assert.deepEqual(summaryLines([
      'Examiner: Please present the history.',
      'Student: So, this is Mrs Begum, a 45-year-old lady with rheumatoid arthritis,',
      'Student: who has two days of a hot, swollen left knee.',
      'Student: Who would you like me to call?',
    ].join('\n')), [2, 3]);
  });

  it('finds none when the student declines the examiner\'s prompt', () => {
    assert.deepEqual(summaryLines('Student: Any fever?\nPatient: No.\nExaminer: Could you summarise for me?\nStudent: Sorry, I don\'t think I can yet.'), []);
  });

  it('finds no summary in a history without one', () => {
    assert.deepEqual(summaryLines('Student: When did it start?\nPatient: Monday.\nStudent: Thank you.'), []);
  });
});

describe('evaluateSummary: spoken summaries', () => {
  const rubric = fixtureRubric();

  it('counts exactly the summary lines\' words and cites their span', () => {
    const parsed = parseTranscript([
      '[00:10] Examiner: Please present the case.',
      '[00:12] Student: So, this is Ms Lee, a 22-year-old woman with right lower quadrant pain.',
      '[00:20] Student: She has fever and has vomited, and I think this is appendicitis.',
      '[00:30] Student: We will get you some pain relief, okay?',
    ].join('\n'));
    const result = evaluateSummary(rubric, parsed, segmentSections(parsed));
    assert.equal(result.source, 'oral_summary_section');
    assert.equal(result.token_count, 13 + 12);
    assert.equal(result.citation, 'student://oral#00:12\u201300:30');
  });

  it('reads shorthand and written-out numbers: "27F", "a sixty-one year old man", "c/o"', () => {
    assert.match(normalisedSummary('27F c/o RIF pain'), /27-year-old female complains of/);
    assert.match(normalisedSummary('a sixty-one year old man'), /a 61.year.old man/);
    // a temperature in Fahrenheit is not an age
    assert.doesNotMatch(normalisedSummary('fever to 104F since noon'), /year-old/);
    const r = fixtureRubric();
    r.summary.required_elements = [{ id: 'problem', anchor: '#S.p', description: 'age and sex', pattern: '\\d+.year.old.*(male|female|man|woman)' }];
    const parsed = parseTranscript('Student: Any allergies?\nStudent: In summary, 27F with two days of pain.');
    assert.deepEqual(evaluateSummary(r, parsed, segmentSections(parsed)).matched_elements, ['problem']);
  });

  it('matches patterns written in clinical words when the student used lay ones', () => {
    const r = fixtureRubric();
    r.summary.required_elements = [{ id: 'dx', anchor: '#S.dx', description: 'PE', pattern: '(suspect|concern|likely).*(PE|pulmonary embol)' }];
    const parsed = parseTranscript('Student: Any allergies?\nStudent: To sum up, I think she has a clot on the lung.');
    assert.deepEqual(evaluateSummary(r, parsed, segmentSections(parsed)).matched_elements, ['dx']);
  });
});
