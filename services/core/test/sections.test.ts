import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTranscript } from '../src/transcript/parse';
import { SECTION_CUES, sectionCue, segmentSections } from '../src/transcript/sections';
import { tokenize, writtenWords } from '../src/transcript/tokens';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures/transcripts', name), 'utf8');
const sectionsOf = (text: string) => segmentSections(parseTranscript(text));
const cueOf = (sentence: string) => sectionCue(tokenize(sentence).words);

describe('segmentSections', () => {
  it('segments the abdominal pain fixture in the order asked', () => {
    const result = sectionsOf(fixture('abdominal_pain_001.txt'));
    assert.deepEqual(result.detected_order, ['CC', 'HPI', 'ROS', 'PMH', 'Meds', 'Allergies', 'SH', 'FH', 'Summary']);
    // student lines open sections; each patient answer stays in the section of its question
    assert.deepEqual(result.sections.map((s) => [s.label, s.utterance_indexes]), [
      ['CC', [0, 1]],
      ['HPI', [2, 3, 4, 5]],
      ['ROS', [6, 7]],
      ['PMH', [8, 9]],
      ['Meds', [10, 11]],
      ['Allergies', [12, 13]],
      ['SH', [14, 15]],
      ['FH', [16, 17]],
      ['Summary', [18]],
    ]);
  });

  it('keeps the lines before the first section as the Preamble, outside detected_order', () => {
    const result = sectionsOf(fixture('headache_001.txt'));
    assert.deepEqual(result.sections[0], { label: 'Preamble', utterance_indexes: [0, 1] });
    assert.deepEqual(result.detected_order, ['CC', 'HPI', 'ROS', 'Meds', 'SH', 'Summary']);
    // every utterance belongs to exactly one section
    const all = result.sections.flatMap((s) => s.utterance_indexes);
    assert.deepEqual(all, [...all.keys()]);
  });

  it('lets only the student open a section', () => {
    const result = sectionsOf([
      'Student: What brings you in today?',
      'Patient: My family history worries me, my father smoked and takes medications.',
      'Examiner: Do you smoke?',
      'Student: When did the cough start?',
    ].join('\n'));
    assert.deepEqual(result.sections.map((s) => [s.label, s.utterance_indexes]), [['CC', [0, 1, 2]], ['HPI', [3]]]);
  });

  it('takes the spoken summary as the Summary section even when it mentions family history or medications', () => {
    const result = sectionsOf('Student: Do you smoke?\nPatient: Daily.\nStudent: So to summarize, a family history of stroke, on two medications, smokes daily.');
    assert.deepEqual(result.sections.map((s) => s.label), ['CC', 'Summary']);
  });

  it('takes "what brings you to the emergency department" as the chief complaint', () => {
    assert.equal(cueOf('Good evening. What brings you to the emergency department tonight?'), 'CC');
    assert.equal(cueOf('What brought you in?'), 'CC');
  });

  it('takes the first question that is not small talk as the chief complaint, whatever its words', () => {
    const result = sectionsOf('Student: Hello, can I check your name?\nPatient: Sam.\nStudent: So how are things?\nPatient: Bad.\nStudent: When did it start?');
    assert.deepEqual(result.sections.map((s) => [s.label, s.utterance_indexes]), [['Preamble', [0, 1]], ['CC', [2, 3]], ['HPI', [4]]]);
  });

  it('collapses consecutive repeats in detected_order but keeps a later return', () => {
    const result = sectionsOf([
      'Student: What brings you in?',
      'Student: When did it start?',
      'Student: Does it radiate?',
      'Patient: No.',
      'Student: Any fever?',
      'Student: And how long does each episode last?',
    ].join('\n'));
    assert.deepEqual(result.sections.map((s) => s.label), ['CC', 'HPI', 'ROS', 'HPI']);
    assert.deepEqual(result.detected_order, ['CC', 'HPI', 'ROS', 'HPI']);
  });

  it('continues the open section for a student line without any cue', () => {
    const result = sectionsOf('Student: What brings you in?\nStudent: Any allergies?\nStudent: Okay, thank you.\nStudent: Hmm.');
    assert.deepEqual(result.sections, [{ label: 'CC', utterance_indexes: [0] }, { label: 'Allergies', utterance_indexes: [1, 2, 3] }]);
  });

  it('reads a question by what it asks about: family, social, drugs, allergies, past conditions, other symptoms, the complaint', () => {
    const labels = (question: string) => sectionsOf(`Student: What brings you in?\nStudent: ${question}`).sections[1]?.label ?? null;
    assert.equal(labels('Does anyone in your family have heart trouble?'), 'FH');
    assert.equal(labels('Do you smoke?'), 'SH');
    assert.equal(labels('Are you on any blood thinners?'), 'Meds');
    assert.equal(labels('Any allergies to medicines?'), 'Allergies');
    assert.equal(labels('Have you ever been told you have diabetes?'), 'PMH');
    assert.equal(labels('Any fever or sweats?'), 'ROS'); // a symptom other than the complaint, asked by its presence
    assert.equal(labels('When did the pain start?'), 'HPI');
    assert.equal(labels('Could you be pregnant?'), 'OGH');
    assert.equal(labels('Okay.'), null);
  });

  it('does not take the complaint\'s own symptoms for a systems review', () => {
    const result = sectionsOf('Student: What brings you in?\nPatient: I keep being sick.\nStudent: Any vomiting today?');
    assert.deepEqual(result.sections.map((s) => s.label), ['CC', 'HPI']);
  });

  it('reads what the student says after the summary as Closing, unless it asks about a section', () => {
    const result = sectionsOf([
      'Student: What brings you in?',
      'Student: In summary, a 30-year-old with a cough.',
      'Student: We will get a chest X-ray.',
      'Student: Oh, one more thing: do you smoke?',
    ].join('\n'));
    assert.deepEqual(result.sections.map((s) => s.label), ['CC', 'Summary', 'Closing', 'SH']);
  });

  it('matches cue words whole, with plural forms, and not where they only date something', () => {
    assert.equal(cueOf('Any allergies?'), 'Allergies');
    assert.equal(cueOf('Any medications?'), 'Meds'); // "medication" + s
    assert.equal(cueOf('Do you drink?'), 'SH');
    assert.equal(cueOf('Any previous surgeries?'), 'PMH');
    assert.equal(cueOf('Since the operation, has the leg swollen?'), null);
  });

  it('applies the rules in table order', () => {
    assert.equal(cueOf('Does it run in the family, do you drink?'), 'FH'); // FH before SH
    assert.equal(cueOf('Any allergies to medications?'), 'Allergies'); // Allergies before Meds
    assert.deepEqual(SECTION_CUES.map((r) => r.label), ['CC', 'FH', 'SH', 'Allergies', 'Meds', 'PMH', 'ROS', 'PE', 'HPI']);
  });

  it('gives an empty result for an empty transcript and a Preamble for one without cues', () => {
    assert.deepEqual(sectionsOf(''), { sections: [], detected_order: [] });
    assert.deepEqual(sectionsOf('Patient: hello\nNurse: hi'), {
      sections: [{ label: 'Preamble', utterance_indexes: [0, 1] }],
      detected_order: [],
    });
  });

  it('returns the same result for the same parsed transcript', () => {
    const parsed = parseTranscript(fixture('headache_001.txt'));
    assert.equal(segmentSections(parsed), segmentSections(parsed));
  });
});

describe('tokenize', () => {
  const sentences = (text: string) => {
    const { words, sentenceStarts } = tokenize(text);
    return sentenceStarts.map((start, s) => words.slice(start, sentenceStarts[s + 1] ?? words.length).join(' '));
  };

  it('splits lower-cased words at everything but letters, digits and apostrophes', () => {
    assert.deepEqual(tokenize("A 65-year-old: don't, won't.").words, ['a', '65', 'year', 'old', 'dont', 'wont']);
    assert.deepEqual(writtenWords(tokenize('Any MI, or TIA?')), ['Any', 'MI', 'or', 'TIA']);
  });

  it('ends a sentence at . ? ! ; followed by whitespace or the end, apostrophes aside', () => {
    assert.deepEqual(sentences('Hi. When?! Where;\tthen e.g. this 3.5 mg...'), ['hi', 'when', 'where', 'then e g', 'this 3 5 mg']);
    assert.deepEqual(sentences("He said 'no.' Then 'yes'."), ['he said no', 'then yes']);
  });

  it('reads typographic apostrophes and accented text to the same rules as plain ASCII', () => {
    // the same words and sentences; only ASCII text keeps each word's offsets (folded text has other lengths)
    assert.deepEqual(tokenize('Don’t you? Fièvre, NAUSÉE.'), {
      ...tokenize("Don't you? Fievre, NAUSEE."),
      text: 'Don’t you? Fièvre, NAUSÉE.',
      wordStarts: null,
      wordEnds: null,
    });
    assert.deepEqual(tokenize("Don't go").wordStarts, [0, 6]);
    assert.deepEqual(tokenize("Don't go").wordEnds, [5, 8]);
    assert.deepEqual(writtenWords(tokenize('Any MI’s? Fièvre')), ['Any', 'MIs', 'Fievre']);
  });
});
