import assert from 'node:assert/strict';
import { matchQuestions } from '../src/questions/match';
import { parseTranscript } from '../src/transcript/parse';
import type { KeyQuestion, QuestionsResult, Rubric } from '../src/types';

// Question matching on transcripts nobody tuned for: the student's own words, statements
// that are no questions, the patient's volunteering, relatives, unlabelled lines and
// rubrics without phrases. The rubric below is our own; its labels are written the way
// teachers write them and most questions carry no phrases, so the labels and the clinical
// lexicon must do the work.

type Spec = Pick<KeyQuestion, 'id' | 'label'> & { phrases?: string[] };

function rubric(questions: Spec[]): Rubric {
  return {
    rubric_id: 'appendix_like_v1',
    version: '1.0.0',
    weights: { structure: 0.2, key_questions: 0.4, reasoning: 0.2, summary: 0.2, communication: 0 },
    structure: { anchor: '#R.s', expected_order: ['CC', 'HPI', 'PMH', 'SH', 'FH', 'Summary'], penalties: [] },
    key_questions: questions.map((q) => ({ critical: true, ...q, anchor: `#Q.${q.id}` })),
    key_questions_policy: { anchor: '#R.kq', critical_weight: 2, noncritical_weight: 1, coverage_threshold: 0.7 },
    reasoning: { anchor: '#R.r', required_links: [], major_gap_penalty: -0.5 },
    summary: { anchor: '#R.sum', max_tokens: 80, overflow_divisor: 20, required_elements: [] },
    communication: { anchor: '#R.c', weight: 0, rules: [] },
  };
}

const abdomen = rubric([
  { id: 'onset', label: 'When the pain started' },
  { id: 'speed', label: 'Speed of onset: sudden or gradual' },
  { id: 'site', label: 'Where the pain is' },
  { id: 'worse', label: 'What makes the pain worse' },
  { id: 'appetite', label: 'Appetite' },
  { id: 'vomiting', label: 'Vomiting' },
  { id: 'fever', label: 'Fever or rigors' },
  { id: 'urinary', label: 'Urinary symptoms' },
  { id: 'bowels', label: 'Change in bowel habit' },
  { id: 'pregnancy', label: 'Could she be pregnant? (LMP)' },
  { id: 'anticoagulants', label: 'Anticoagulant use', phrases: ['blood thinners'] },
  { id: 'family', label: 'Family history of bowel disease' },
]);

function asked(transcript: string, r: Rubric = abdomen): QuestionsResult {
  return matchQuestions(r, parseTranscript(transcript));
}

function ids(result: QuestionsResult): string[] {
  return result.matches.map((m) => m.question_id);
}

describe('matchQuestions: paraphrase', () => {
  it('matches lay, British and American wordings of each question by its label and the lexicon', () => {
    const result = asked([
      'Student: When did the tummy ache kick off?',
      'Student: Did it come on all of a sudden or creep up on you?',
      'Student: Whereabouts does it hurt?',
      'Student: Have you gone off your food?',
      'Student: Have you been sick at all, or thrown up?',
      'Student: Any shivers or a temperature?',
      'Student: And the waterworks?',
      'Student: Have you opened your bowels today?',
      'Student: Is there any chance you could be pregnant?',
      'Student: Are you on anything to thin the blood?',
    ].join('\nPatient: Mm.\n'));
    assert.deepEqual(ids(result), ['onset', 'speed', 'site', 'appetite', 'vomiting', 'fever', 'urinary', 'bowels', 'pregnancy', 'anticoagulants']);
    assert.deepEqual(result.unmatched, ['worse', 'family']);
  });

  it('matches a feature asked through its consequence', () => {
    assert.deepEqual(ids(asked('Student: What happens when you try to eat?')), ['appetite']);
    assert.deepEqual(ids(asked('Student: Does anything make it worse, like coughing or moving?')), ['worse']);
  });

  it('matches closed, leading and compound questions, and questions without a question mark', () => {
    assert.deepEqual(ids(asked('Student: You haven\'t been vomiting, have you?')), ['vomiting']);
    assert.deepEqual(ids(asked('Student: And it came on suddenly, right?')), ['speed']);
    assert.deepEqual(ids(asked('Student: Any fever, burning when you pee, or diarrhoea?')), ['fever', 'urinary', 'bowels']);
    assert.deepEqual(ids(asked('Student: Tell me about your waterworks')), ['urinary']);
    assert.deepEqual(ids(asked('Student: Any vomiting')), ['vomiting']);
  });

  it('says how each match was made: the phrase, a synonym, or the question\'s intent', () => {
    const result = asked('Student: Any blood thinners?\nStudent: Any temperature?\nStudent: When did it start?');
    assert.deepEqual(result.matches.map((m) => [m.question_id, m.matched_by, m.confidence]), [
      ['onset', 'concept+intent', 0.8],
      ['fever', 'synonym', 0.85],
      ['anticoagulants', 'phrase', 1],
    ]);
  });
});

describe('matchQuestions: statements are not questions', () => {
  it('does not credit a keyword in a statement, an explanation or counselling', () => {
    const result = asked([
      'Student: So you do have a fever.',
      'Student: Vomiting can be a sign of a blockage.',
      'Student: We will do a pregnancy test, okay?',
      'Student: The doctors may give you blood thinners later.',
    ].join('\n'));
    assert.deepEqual(result.matches, []);
  });

  it('does not credit what the patient or a relative volunteers, nor a generic question that drew it out', () => {
    const result = asked([
      'Student: Is there anything else you have noticed?',
      'Patient: I have been sick three times and I have a temperature.',
      'Mum: She has not eaten since yesterday either.',
    ].join('\n'));
    assert.deepEqual(result.matches, []);
  });

  it('credits the question when the student asks it after all, citing that first genuine ask', () => {
    const result = asked([
      '[00:01] Student: So you do have a fever.',
      '[00:04] Patient: Yes.',
      '[00:06] Student: Have you had any shivers or sweats with it?',
      '[00:09] Patient: Shivers.',
      '[00:12] Student: Any fever right now?',
    ].join('\n'));
    assert.deepEqual(result.matches.map((m) => [m.question_id, m.citation]), [['fever', 'student://oral#00:06\u201300:09']]);
  });

  it('does not find a keyword inside other words or names', () => {
    const r = rubric([{ id: 'mi', label: 'Previous MI' }, { id: 'rash', label: 'Rash' }, { id: 'stroke', label: 'Previous TIA' }]);
    assert.deepEqual(asked('Student: Is Michael your son? Did Rashid come with you? Is Tiana here?', r).matches, []);
  });
});

describe('matchQuestions: who asks, and of whom', () => {
  it('counts questions put to a relative about the patient', () => {
    const result = asked('Student: How has he been with his food?\nMum: Not great.\nStudent: Has he been sick?\nMum: Twice.');
    assert.deepEqual(ids(result), ['appetite', 'vomiting']);
  });

  it('counts questions on lines without a speaker label', () => {
    const result = asked('[00:01] What brings you in?\n[00:04] My tummy hurts.\n[00:07] Any vomiting?\n[00:10] No.');
    assert.deepEqual(ids(result), ['vomiting']);
  });

  it('keeps family questions for family-history questions', () => {
    const result = asked('Student: Does anything run in the family, like bowel problems?\nStudent: Any change in your own bowels?');
    assert.deepEqual(result.matches.map((m) => [m.question_id, m.utterance_index]), [['bowels', 1], ['family', 0]]);
  });

  it('does not credit a question about someone else (a partner, a friend, anyone at home) to the patient', () => {
    const r = rubric([
      { id: 'smoking', label: 'Smoking history' },
      { id: 'sweats', label: 'Night sweats' },
      { id: 'contacts', label: 'Anyone else unwell at home' },
      { id: 'family', label: 'Family history of bowel disease' },
    ]);
    assert.deepEqual(ids(asked('Student: Does your husband smoke?\nStudent: Did your mate get the sweats too?\nStudent: Does anyone in the house smoke?', r)), []);
    // someone else's illness is what a contact question asks, and "anyone in the family" what a family one asks
    assert.deepEqual(ids(asked('Student: Has anyone at home been unwell like this?\nStudent: Has anyone in the family had bowel problems?', r)), ['contacts', 'family']);
    // someone else reporting on the patient is a question about the patient
    assert.deepEqual(ids(asked('Student: Has anyone noticed you sweating at night?', r)), ['sweats']);
    // the relative in the room, called by name, asked about themselves
    const withWife = 'Student: What brings you in?\nPatient: My chest. This is my wife, Barbara.\nWife: Hello.\n';
    assert.deepEqual(ids(asked(`${withWife}Student: And Barbara, do you smoke yourself?`, r)), []);
    assert.deepEqual(ids(asked(`${withWife}Student: And do you smoke yourself?`, r)), ['smoking']);
    // the patient's relative, asked of the parent who answers
    const withMum = 'Student: What brings you in?\nMum: She has been sweating all night.\n';
    assert.deepEqual(ids(asked(`${withMum}Student: Has her brother had night sweats?`, r)), []);
    assert.deepEqual(ids(asked(`${withMum}Student: Has she had night sweats before?`, r)), ['sweats']);
  });

  it('does not read a relative\'s name as a family question when a relative answers for the patient', () => {
    const result = asked('Student: Has your son been sick?\nDad: Yes, this morning.');
    assert.deepEqual(ids(result), ['vomiting']);
  });
});

describe('matchQuestions: rubrics without phrases', () => {
  it('reads a question label\'s head and details ("Rash: when it appeared, where") as alternatives', () => {
    const r = rubric([{ id: 'rash', label: 'Rash: when it appeared, where, and whether it fades' }]);
    assert.deepEqual(ids(asked('Student: Have you noticed any spots or a rash?', r)), ['rash']);
  });

  it('asks about the complaint itself when a label names only an intent, but not about another question\'s subject', () => {
    // "When the pain started" answers "when did it start?", not "when did the vomiting start?"
    assert.deepEqual(ids(asked('Student: When did it start?')), ['onset']);
    assert.deepEqual(ids(asked('Student: When did the vomiting start?')), ['vomiting']);
  });

  it('reads a question that names nothing as one about what the patient complained of, however many symptoms that is', () => {
    const r = rubric([
      { id: 'onset', label: 'When did the diarrhoea and vomiting start' },
      { id: 'previous_dvt', label: 'Previous DVT or PE' },
    ]);
    const told = 'Student: What brings you in?\nPatient: Diarrhoea and vomiting since yesterday.\nStudent: Did it start all at once?';
    assert.deepEqual(ids(asked(told, r)), ['onset']);
    // a diagnosis named only by the rubric's title is no complaint: "when did it start?" asks nothing about a previous PE
    const titled = { ...r, title: 'Breathlessness: pulmonary embolism', key_questions: [r.key_questions[1]!] };
    assert.deepEqual(ids(asked('Student: What brings you in?\nPatient: I am short of breath.\nStudent: Has this happened before?', titled)), []);
  });

  it('takes a symptom the opening question names as part of the complaint ("so you\'ve got a cough?")', () => {
    const r = rubric([{ id: 'duration', label: 'Duration of the cough' }]);
    const opening = 'Student: So you have got a cough?\nPatient: Yes, and some blood in it.\n';
    assert.deepEqual(ids(asked(opening, r)), []);
    assert.deepEqual(ids(asked(`${opening}Student: How long has it been going on?`, r)), ['duration']);
  });

  it('takes the complaint from the first opening answer that names a symptom, after a greeting', () => {
    const r = rubric([{ id: 'onset', label: 'When did the tummy pain start' }]);
    const greeted = 'Student: Hello, Mrs Doyle?\nPatient: Yes, that is me.\nStudent: What has brought you in?\nPatient: My tummy hurts.\nStudent: When did it start?';
    assert.deepEqual(ids(asked(greeted, r)), ['onset']);
    // before the patient has said what is wrong, "it" stands for nothing
    assert.deepEqual(ids(asked('Student: Before we start, is it alright if I ask some questions?\nPatient: My tummy hurts.', r)), []);
  });

  it('reads "has it happened before" as a previous episode of the complaint only with "like this"', () => {
    const r = rubric([{ id: 'previous', label: 'Previous episodes of tummy pain' }]);
    const opening = 'Student: What brings you in?\nPatient: Tummy pain since Monday.\n';
    assert.deepEqual(ids(asked(`${opening}Student: Have you had anything like this before?`, r)), ['previous']);
    assert.deepEqual(ids(asked(`${opening}Student: Did you faint? Has it happened again since?`, r)), []);
  });

  it('reads "the blood" as the bleeding the encounter is about, unless it is part of another term or dates something', () => {
    const r = rubric([
      { id: 'amount', label: 'Haemoptysis: how much and how often' },
      { id: 'retching', label: 'Retching or vomiting' },
      { id: 'tests', label: 'Previous blood tests' },
    ]);
    const told = 'Student: What brings you in?\nPatient: I have been coughing up blood.\n';
    assert.deepEqual(ids(asked(`${told}Student: And the blood, is it streaks or mouthfuls?`, r)), ['amount']);
    assert.deepEqual(ids(asked(`${told}Student: Before the blood, had you been retching?`, r)), ['retching']);
    assert.deepEqual(ids(asked(`${told}Student: Have you had a blood test recently?`, r)), ['tests']);
  });

  it('takes "did it come on suddenly?" for the onset when no other question asks how fast', () => {
    const onsetOnly = rubric([{ id: 'onset', label: 'When did the diarrhoea and vomiting start' }]);
    const told = 'Student: What brings you in?\nPatient: She has had the runs since Saturday.\n';
    // one of the symptoms in the label was told, and speed is the only way this rubric asks about the onset
    assert.deepEqual(ids(asked(`${told}Student: Did it come on all of a sudden?`, onsetOnly)), ['onset']);
    // with a question of its own about the speed, the speed answers only that one
    assert.deepEqual(ids(asked('Student: What brings you in?\nPatient: Tummy pain.\nStudent: Did it come on suddenly?')), ['speed']);
  });

  it('tells lying flat from waking at night, a past heart attack from chest pain today, and how far one walks from home', () => {
    const r = rubric([
      { id: 'orthopnoea', label: 'Orthopnoea - breathless lying flat, how many pillows' },
      { id: 'pnd', label: 'Paroxysmal nocturnal dyspnoea - waking at night gasping for breath' },
      { id: 'previous_mi', label: 'Previous heart attack, angina or known heart disease' },
      { id: 'exercise', label: 'Exercise tolerance - how far can they walk, stairs' },
    ]);
    assert.deepEqual(ids(asked('Student: What happens when you lie down flat in bed?', r)), ['orthopnoea']);
    assert.deepEqual(ids(asked('Student: Do you ever wake up in the night fighting for your breath?', r)), ['pnd']);
    assert.deepEqual(ids(asked('Student: Any pain in your chest?\nStudent: Who is at home with you?', r)), []);
    assert.deepEqual(ids(asked('Student: Ever had a heart attack?\nStudent: How far can you get on the flat before you have to stop?', r)), ['previous_mi', 'exercise']);
  });

  it('reads pleuritic pain as asking what makes the pain worse, and apart from chest pain itself', () => {
    const r = rubric([{ id: 'pleuritic', label: 'Is the chest pain worse on breathing in?' }, { id: 'pe', label: 'PE screen: pleuritic pain, haemoptysis' }]);
    const told = 'Student: What brings you in?\nPatient: Pain in my chest.\n';
    assert.deepEqual(ids(asked(`${told}Student: Tell me about the pain when you breathe.`, r)), ['pleuritic', 'pe']);
    // chest pain itself is not the pleuritic kind a PE screen asks about
    assert.deepEqual(ids(asked(`${told}Student: Any chest pain before today?`, r)).filter((id) => id === 'pe'), []);
  });

  it('tells the urinary symptoms apart: hesitancy, the stream, frequency and urgency, dysuria', () => {
    const r = rubric([
      { id: 'hesitancy', label: 'Hesitancy: waiting or straining before the flow starts' },
      { id: 'stream', label: 'Weak or stop-start stream and dribbling after finishing' },
      { id: 'storage', label: 'Nocturia, frequency and urgency' },
      { id: 'infection', label: 'Dysuria, fever or rigors' },
      { id: 'weakness', label: 'Leg weakness' },
    ]);
    assert.deepEqual(ids(asked('Student: Do you have to wait for it to get going?', r)), ['hesitancy']);
    assert.deepEqual(ids(asked('Student: Is it a good strong flow, or more of a trickle?', r)), ['stream']);
    assert.deepEqual(ids(asked('Student: Are you going more often, or having to rush to the loo?', r)), ['storage']);
    assert.deepEqual(ids(asked('Student: Any trouble with your waterworks before?', r)), []);
    assert.deepEqual(ids(asked('Student: Does it sting when you pee?', r)), ['infection']);
  });

  it('reads an ambiguous word by the sentence\'s other words: "do you smoke or drink?" is about alcohol', () => {
    const r = rubric([{ id: 'alcohol', label: 'Alcohol intake' }, { id: 'thirst', label: 'Thirst' }]);
    assert.deepEqual(ids(asked('Student: Do you smoke or drink?', r)), ['alcohol']);
    assert.deepEqual(ids(asked('Student: Are you drinking more than usual?', r)), ['thirst']);
  });

  it('does not credit a weak word that is a detail of another question\'s subject, unless the question asks about both', () => {
    const r = rubric([{ id: 'appetite', label: 'Weight loss and appetite' }, { id: 'regurgitation', label: 'Regurgitation of food' }]);
    assert.deepEqual(ids(asked('Student: Does the food ever come back up?', r)), ['regurgitation']);
    assert.deepEqual(ids(asked('Student: Has your food been coming back up, or your weight changed?', r)), ['appetite', 'regurgitation']);
  });

  it('does not read a diagnosis in the student\'s introduction into the question after it', () => {
    const r = rubric([{ id: 'stroke', label: 'Previous stroke or TIA' }]);
    assert.deepEqual(ids(asked('Student: I am with the stroke team. Can you tell me what happened?', r)), []);
  });

  it('reads "the blood" in a label as the bleeding of the rubric\'s title, and a medicines question as about the medicines', () => {
    const r = { ...rubric([
      { id: 'amount', label: 'Colour and amount of the blood' },
      { id: 'retching', label: 'Retching before the blood appeared' },
      { id: 'medicines', label: 'Medicines: anticoagulants, iron, constipating painkillers' },
      { id: 'tenesmus', label: 'Tenesmus' },
    ]), title: 'Rectal bleeding in an older adult' };
    assert.deepEqual(ids(asked('Student: What colour is the blood?', r)), ['amount']);
    assert.deepEqual(ids(asked('Student: Are you constipated?', r)), []);
    assert.deepEqual(ids(asked('Student: After you go, do you feel like you still need to go?', r)), ['tenesmus']);
  });

  it('reads a label\'s details as examples of what its head asks ("What set this attack off - a cold, smoke or fumes")', () => {
    const r = rubric([{ id: 'trigger', label: 'What set this attack off - a cold, allergens, smoke or fumes' }, { id: 'admissions', label: 'Previous hospital admissions or intensive care' }]);
    const told = 'Student: What brings you in?\nPatient: My asthma is bad.\n';
    assert.deepEqual(ids(asked(`${told}Student: Do you smoke?`, r)), []);
    assert.deepEqual(ids(asked(`${told}Student: Is there anything you think kicked it off, like smoke?`, r)), ['trigger']);
    assert.deepEqual(ids(asked(`${told}Student: Have you ever had to stay in hospital with it?`, r)), ['admissions']);
  });

  it('reads a question whose head names a particular medicine as about that medicine, not any medicine', () => {
    const r = rubric([{ id: 'prophylaxis', label: 'Malaria prophylaxis: was it prescribed, which one, and was it finished' }]);
    assert.deepEqual(ids(asked('Student: Any medicines?', r)), []);
    assert.deepEqual(ids(asked('Student: Did you get any tablets to stop you catching malaria?', r)), ['prophylaxis']);
  });

  it('tells night sweats from fever', () => {
    const r = rubric([{ id: 'sweats', label: 'Night sweats' }, { id: 'fever', label: 'Fever or rigors' }]);
    assert.deepEqual(ids(asked('Student: Have you been waking up drenched at night?', r)), ['sweats']);
    assert.deepEqual(ids(asked('Student: Have you had a temperature?', r)), ['fever']);
  });

  it('reads a question that names nothing with the statement before it in the same turn', () => {
    const r = rubric([{ id: 'nocturia', label: 'Nocturia' }]);
    const reflected = 'Student: What brings you in?\nPatient: I am always thirsty.\nStudent: So you are getting up in the night to wee. How many times a night?';
    assert.deepEqual(ids(asked(reflected, r)), ['nocturia']);
    // a question that names its own subject is about that subject
    const own = 'Student: What brings you in?\nPatient: I am always thirsty.\nStudent: So you are getting up in the night to wee. Any tummy pain?';
    assert.deepEqual(ids(asked(own, r)), []);
  });

  it('does not require "another" in the ask when the label asks about "this or another" joint', () => {
    const r = rubric([{ id: 'previous', label: 'Has this happened before in this or another joint?' }]);
    const told = 'Student: What brings you in?\nPatient: My knee is swollen and sore.\nStudent: Has anything like this happened before?';
    assert.deepEqual(ids(asked(told, r)), ['previous']);
  });
});
