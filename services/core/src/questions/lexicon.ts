// The clinical synonym lexicon used by question matching. Each group lists words or
// phrases that a student may use interchangeably when asking a history question; a rubric
// phrase containing one member is also tried with every other member of its group.
// Members are matched after stemming, so list one inflection of each ("anticoagulant"
// also covers "anticoagulants"). Acronyms in capitals (MI, TIA) match only when the
// student writes them in capitals. How to maintain this list: docs/transcripts.md.

export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // medications
  ['blood thinner', 'anticoagulant', 'anticoagulation', 'anti-coagulant'],
  ['medication', 'medicine', 'meds', 'pill', 'prescription', 'drug you take'],
  // cardiovascular
  ['high blood pressure', 'hypertension', 'HTN', 'elevated blood pressure'],
  ['high cholesterol', 'hyperlipidemia', 'hypercholesterolemia', 'high lipids'],
  ['heart attack', 'MI', 'myocardial infarction'],
  ['heart problem', 'heart condition', 'heart disease', 'cardiac problem', 'cardiac history', 'heart trouble'],
  ['stent', 'angioplasty'],
  ['bypass surgery', 'CABG', 'bypass operation'],
  ['palpitation', 'racing heart', 'heart racing', 'heart pounding'],
  // respiratory
  ['shortness of breath', 'short of breath', 'dyspnea', 'breathless', 'breathlessness', 'trouble breathing', 'difficulty breathing', 'hard to breathe', 'SOB'],
  // general symptoms
  ['sweating', 'diaphoresis', 'sweaty', 'sweat', 'clammy'],
  ['nausea', 'nauseous', 'nauseated', 'queasy', 'sick to your stomach'],
  ['vomiting', 'throwing up', 'threw up', 'emesis'],
  ['fever', 'temperature', 'febrile'],
  ['dizziness', 'dizzy', 'lightheaded', 'light headed', 'vertigo'],
  ['fainting', 'passing out', 'passed out', 'syncope', 'blacking out'],
  ['tired', 'fatigue', 'exhausted', 'worn out'],
  ['weight loss', 'losing weight', 'lost weight'],
  // neurological
  ['mini stroke', 'TIA', 'transient ischemic attack'],
  ['stroke', 'CVA', 'cerebrovascular accident'],
  ['trouble speaking', 'difficulty speaking', 'speech difficulty', 'slurred speech', 'trouble talking', 'difficulty talking', 'problem speaking'],
  ['trouble', 'difficulty'],
  ['facial droop', 'face drooping', 'drooping face', 'facial weakness', 'face looks uneven'],
  ['vision change', 'change in your vision', 'trouble seeing', 'blurry vision', 'blurred vision', 'double vision', 'vision problem', 'loss of vision'],
  ['headache', 'head pain', 'head hurt', 'head ache'],
  ['numbness', 'numb', 'tingling', 'pins and needles'],
  ['weakness', 'weak', 'cannot move', 'loss of strength'],
  ['last known well', 'last seen normal', 'last seen well', 'last normal'],
  // timing and character of symptoms
  ['radiate', 'spread', 'go anywhere else', 'travel', 'move anywhere else'],
  ['sudden', 'abrupt', 'all of a sudden'],
  ['suddenly', 'abruptly', 'all at once'],
  ['gradual', 'slowly', 'over time'],
  ['how long ago', 'how long have you had', 'since when'],
  ['exertion', 'activity', 'exercise', 'physical effort'],
  ['rest', 'resting', 'sitting still'],
  ['describe the pain', 'what is the pain like', 'what kind of pain', 'character of the pain'],
  ['sharp or dull', 'stabbing or aching', 'dull or sharp'],
  ['pressure or squeezing', 'squeezing or pressure', 'tightness', 'crushing'],
  // gastrointestinal and genitourinary
  ['abdominal pain', 'stomach pain', 'belly pain', 'tummy pain', 'stomach ache'],
  ['diarrhea', 'loose stool', 'diarrhoea', 'runny stool'],
  ['constipation', 'constipated', 'hard stool'],
  ['blood in your stool', 'bloody stool', 'black stool', 'rectal bleeding', 'melena'],
  ['urinary', 'urine', 'peeing', 'urination'],
  ['last menstrual period', 'last period', 'LMP'],
  // social and family history
  ['do you smoke', 'smoker', 'cigarette', 'tobacco'],
  ['alcohol', 'drink', 'drinking', 'beer', 'wine'],
  ['diabetes', 'diabetic', 'high blood sugar', 'sugar problem'],
];

/** Words too common to carry a question on their own; they still count inside exact phrases. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'from', 'by', 'about', 'and', 'or', 'but',
  'is', 'are', 'was', 'were', 'be', 'been', 'am', 'do', 'does', 'did', 'have', 'has', 'had', 'can', 'could',
  'would', 'will', 'should', 'may', 'you', 'your', 'youre', 'yours', 'i', 'me', 'my', 'we', 'us', 'it', 'its',
  'this', 'that', 'these', 'those', 'there', 'any', 'some', 'ever', 'so', 'just', 'please', 'tell', 'okay', 'ok',
]);

/** Words naming relatives: a sentence with one asks about the family, not the patient. */
export const FAMILY_WORDS: readonly string[] = [
  'family', 'father', 'mother', 'dad', 'mom', 'mum', 'parent', 'brother', 'sister', 'sibling', 'relative',
  'grandfather', 'grandmother', 'grandparent', 'uncle', 'aunt', 'cousin', 'son', 'daughter', 'children',
];
