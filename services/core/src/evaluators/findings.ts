// A small clinical-finding lexicon for the built-in summary detectors (`posN`, `negN`,
// `pmh`). Each entry is a canonical finding and the literal ways a summary writes it;
// counting is by canonical finding, so "sweating" and "diaphoresis" count once.

const FINDINGS: Record<string, readonly string[]> = {
  pain: ['pain', 'painful', 'ache', 'aching', 'discomfort', 'pressure', 'tightness', 'cramping'],
  headache: ['headache', 'headaches', 'head pain'],
  weakness: ['weakness', 'weak', 'hemiparesis', 'paresis'],
  numbness: ['numbness', 'numb', 'tingling', 'paresthesia', 'paresthesias'],
  dizziness: ['dizziness', 'dizzy', 'lightheaded', 'lightheadedness', 'vertigo'],
  syncope: ['syncope', 'fainting', 'fainted', 'passed out', 'loss of consciousness'],
  speech: ['slurred speech', 'aphasia', 'dysarthria', 'difficulty speaking', 'trouble speaking'],
  facial_droop: ['facial droop', 'face drooping', 'facial weakness'],
  vision: ['vision loss', 'vision changes', 'blurry vision', 'blurred vision', 'double vision', 'diplopia'],
  confusion: ['confusion', 'confused', 'altered mental status'],
  seizure: ['seizure', 'seizures'],
  nausea: ['nausea', 'nauseous', 'nauseated'],
  vomiting: ['vomiting', 'vomited', 'emesis'],
  diarrhea: ['diarrhea', 'diarrhoea', 'loose stools'],
  constipation: ['constipation', 'constipated'],
  fever: ['fever', 'fevers', 'febrile', 'pyrexia'],
  chills: ['chills', 'rigors'],
  sweating: ['sweating', 'sweaty', 'diaphoresis', 'diaphoretic'],
  dyspnea: ['shortness of breath', 'short of breath', 'dyspnea', 'dyspnoea', 'breathlessness'],
  cough: ['cough', 'coughing'],
  wheeze: ['wheeze', 'wheezing'],
  palpitations: ['palpitations', 'racing heart'],
  fatigue: ['fatigue', 'tiredness', 'malaise'],
  weight_loss: ['weight loss'],
  anorexia: ['loss of appetite', 'anorexia', 'decreased appetite'],
  swelling: ['swelling', 'edema', 'oedema'],
  rash: ['rash'],
  bleeding: ['bleeding', 'hematochezia', 'melena', 'hematemesis', 'hematuria'],
  jaundice: ['jaundice', 'jaundiced'],
  dysuria: ['dysuria', 'burning on urination'],
  tenderness: ['tenderness', 'tender', 'guarding', 'rebound', 'rigidity'],
  radiation: ['radiating', 'radiates', 'radiation'],
  hypertension: ['hypertension', 'high blood pressure'],
  diabetes: ['diabetes', 'diabetic'],
  hyperlipidemia: ['hyperlipidemia', 'high cholesterol', 'dyslipidemia'],
  smoking: ['smoker', 'smoking', 'smokes', 'tobacco'],
  alcohol: ['alcohol use', 'heavy drinking'],
  obesity: ['obesity', 'obese'],
  heart_disease: ['coronary artery disease', 'heart disease', 'heart failure', 'atrial fibrillation', 'myocardial infarction'],
  lung_disease: ['asthma', 'copd'],
  kidney_disease: ['kidney disease', 'renal failure'],
  cancer: ['cancer', 'malignancy'],
  stroke_history: ['prior stroke', 'history of stroke', 'tia'],
  gallstones: ['gallstones', 'cholelithiasis'],
};

/** Canonical findings that are long-standing conditions (what `pmh` looks for). */
export const CHRONIC_CONDITIONS: ReadonlySet<string> = new Set([
  'hypertension', 'diabetes', 'hyperlipidemia', 'obesity', 'heart_disease', 'lung_disease',
  'kidney_disease', 'cancer', 'stroke_history', 'gallstones',
]);

const CANONICAL_BY_TERM = new Map<string, string>();
for (const [canonical, terms] of Object.entries(FINDINGS)) {
  for (const term of terms) CANONICAL_BY_TERM.set(term, canonical);
}

// Longest terms first so "chest pain" style phrases win over their last word. The terms
// are lower-case and so is the text searched, so no case-insensitive flag (which is slower).
// They are grouped by first letter, keeping that order within each group: at a position
// only the terms starting with its letter can match, so the match found is the same as with
// one flat list, but the engine tries one letter's terms at each word instead of all of them.
const FINDING_TERMS = new RegExp(
  `\\b(?:${byFirstLetter([...CANONICAL_BY_TERM.keys()].sort((a, b) => b.length - a.length)).join('|')})\\b`,
  'g',
);

export interface FindingMention {
  canonical: string;
  offset: number;
}

/**
 * Every finding the text mentions, in text order, with its offset in the text (whitespace
 * inside a multi-word term may be any run of spaces or line breaks).
 */
export function findingMentions(text: string): FindingMention[] {
  const lower = text.toLowerCase();
  const mentions: FindingMention[] = [];
  // exec from lastIndex rather than matchAll, which copies the regular expression every call.
  FINDING_TERMS.lastIndex = 0;
  for (let m = FINDING_TERMS.exec(lower); m !== null; m = FINDING_TERMS.exec(lower)) {
    // Only a term matched across other whitespace than one space needs it squeezed to find its canonical name.
    const canonical = CANONICAL_BY_TERM.get(m[0]) ?? CANONICAL_BY_TERM.get(m[0].replace(/\s+/g, ' '));
    if (canonical !== undefined) mentions.push({ canonical, offset: m.index });
  }
  return mentions;
}

/** The terms (in order) as one regular-expression alternative per first letter, `a(?:cute|bsent)`. */
function byFirstLetter(terms: readonly string[]): string[] {
  const rests = new Map<string, string[]>();
  for (const term of terms) {
    const letter = term.charAt(0);
    rests.set(letter, [...(rests.get(letter) ?? []), escape(term.slice(1))]);
  }
  return [...rests].map(([letter, rest]) => `${escape(letter)}(?:${rest.join('|')})`);
}

/** A term as a regular expression whose spaces match any run of whitespace. */
function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
}
