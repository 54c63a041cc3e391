// Built-in detectors for summary elements written without a pattern (`"pattern": null`),
// chosen by the element's id. Each is documented in docs/grading.md. Negated stretches
// (negation.ts) never count as positive evidence. The regular expressions are fixed
// alternations of literal words without nested quantifiers, so they run in linear time.

import { findingConcepts } from '../lexicon/annotate';
import { CHRONIC_CONDITIONS, findingMentions } from './findings';
import { isNegatedAt, maskNegated, negationScopes } from './negation';

export type SummaryDetector = (text: string) => boolean;

// An age (in years, months or weeks: "18-month-old") states who the patient is.
const AGE_AND_SEX =
  /\b\d{1,3}[- ]?(?:years?|yrs?|y|months?|mo|weeks?|wks?)[- ]?(?:old|o)\b|\b\d{1,3}\s?(?:yo|y\/o|m|f)\b/i;
const PRESENTATION = /\b(?:present(?:s|ing|ed) with|complain(?:s|ing|ed)? of|chief complaint|came in with|brought in with|here (?:for|with))\b/i;
const DIAGNOSIS_CUE =
  /\b(?:concern(?:ed|ing)? (?:for|about)|worried about|suspect(?:ed)?|suspicious for|(?:most )?likely|probable|consistent with|suggestive of|diagnosis|impression|differential|leading)\b/i;
const HISTORY_CUE = /\b(?:history of|past medical history|pmh|h\/o|known|previous|prior)\b/i;
const MEDICATION_CUE = /\b(?:medications?|meds|takes|taking|prescribed|on (?:aspirin|warfarin|insulin|metformin|lisinopril|a statin))\b/i;
const ALLERGY_CUE = /\b(?:allerg(?:y|ies|ic)|nkda)\b/i;
const SOCIAL_CUE = /\b(?:smok(?:e|es|er|ing)|tobacco|alcohol|drinks?|drinking|drug use|pack[- ]years?|lives|occupation|works as)\b/i;
const FAMILY_CUE = /\b(?:family history|father|mother|brother|sister|sibling|parents?)\b/i;
const ONSET_CUE =
  /\b(?:\d+\s*(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|since|started|onset|sudden(?:ly)?|gradual(?:ly)?|acute)\b/i;
const PLAN_CUE =
  /\b(?:ct|ctpa|mri|ekg|ecg|troponins?|imaging|scan|labs?|bloods|blood tests?|x-?ray|ultrasound|admit|admission|consult|referral|refer|review|evaluation|work-?up|monitor(?:ing)?|treat(?:ment)?|antibiotics?|iv|fluids|analgesia|cultures?|urine dip|dipstick|pregnancy test|hcg|lumbar puncture|lp|endoscopy|ogd|surgical|surgery|observations|obs)\b/i;

const COUNTED = /^(pos|neg)(\d*)$/i;

const NAMED: Readonly<Record<string, SummaryDetector>> = {
  problem: (text) => AGE_AND_SEX.test(text) || PRESENTATION.test(maskNegated(text)),
  leading_dx: (text) => DIAGNOSIS_CUE.test(maskNegated(text)),
  pmh: (text) => HISTORY_CUE.test(maskNegated(text)) || countFindings(text, 'positive', CHRONIC_CONDITIONS) > 0,
  meds: (text) => MEDICATION_CUE.test(text),
  allergies: (text) => ALLERGY_CUE.test(text),
  social: (text) => SOCIAL_CUE.test(text),
  family: (text) => FAMILY_CUE.test(text),
  onset: (text) => ONSET_CUE.test(maskNegated(text)),
  plan: (text) => PLAN_CUE.test(maskNegated(text)),
};

/** The detector for an element id, or null when no built-in detector has that id. */
export function summaryDetector(id: string): SummaryDetector | null {
  const counted = COUNTED.exec(id);
  if (counted) {
    const polarity = (counted[1] as string).toLowerCase() === 'pos' ? 'positive' : 'negative';
    const atLeast = counted[2] === '' ? 1 : Number(counted[2]);
    return (text) => countFindings(text, polarity) >= atLeast;
  }
  return Object.prototype.hasOwnProperty.call(NAMED, id) ? (NAMED[id] as SummaryDetector) : null;
}

/**
 * Distinct findings (by canonical name) the text states positively (outside any negated
 * stretch) or negatively (inside one), optionally only those in `among`.
 */
export function countFindings(text: string, polarity: 'positive' | 'negative', among?: ReadonlySet<string>): number {
  const scopes = negationScopes(text);
  const counted = new Set<string>();
  const count = (key: string, offset: number): void => {
    if (isNegatedAt(scopes, offset) === (polarity === 'negative')) counted.add(key);
  };
  for (const mention of findingMentions(text)) if (!among || among.has(mention.canonical)) count(mention.canonical, mention.offset);
  if (among) return counted.size;
  // The clinical lexicon knows more findings ("photophobia", "no urinary symptoms"); one
  // it names where the small list names one too counts once, by the list's name.
  const listed = findingMentions(text);
  for (const mention of findingConcepts(text)) {
    if (listed.some((m) => m.offset >= mention.start && m.offset < mention.end)) continue;
    count(`lexicon:${mention.id}`, mention.start);
  }
  return counted.size;
}
