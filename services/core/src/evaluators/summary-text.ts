// A spoken or written summary as the element patterns and detectors read it. Students
// summarise in shorthand ("27F", "61M c/o", "PMHx"), write numbers out ("a sixty-one year
// old") and name findings in lay words; rubric patterns are written in clinical words with
// digits. The summary is therefore also read in a normalised form: shorthand spelled out,
// ages in digits, and the clinical names of lay-worded concepts written in
// (lexicon/annotate.ts). An element matches when its pattern finds either form; the token
// count is always that of the summary as spoken or written.

import { annotateConcepts } from '../lexicon/annotate';

const UNITS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const NUMBER_WORDS = `(?:(?:${Object.keys(TENS).join('|')})(?:[- ](?:${Object.keys(UNITS).slice(0, 9).join('|')}))?|${Object.keys(UNITS).join('|')})`;
// A number written out before an age or a duration: "sixty-one year old", "two days".
const WRITTEN_NUMBER = new RegExp(`\\b(${NUMBER_WORDS})(?=[- ](?:years?|yrs?|months?|weeks?|days?|hours?)\\b)`, 'gi');

const SHORTHAND: readonly [RegExp, string][] = [
  [/\b(\d{1,3}) ?(?:yo|y\/o|y\.o\.?|yrs?|yr old|years? old)\b/gi, '$1-year-old'],
  // "27F", "61 M": an age and a sex, not a temperature ("fever to 104F") or a dose.
  [/(?<!(?:fever|temp|temperature|to|of|T)\s?)\b(\d{1,3}) ?M\b(?!\s*(?:g|l|mg|ml|in|min)\b)/g, '$1-year-old male'],
  [/(?<!(?:fever|temp|temperature|to|of|T)\s?)\b(\d{1,3}) ?F\b/g, '$1-year-old female'],
  [/\bc\/o\b/gi, 'complains of'],
  [/\bp\/w\b/gi, 'presents with'],
  [/\bh\/o\b/gi, 'history of'],
  [/\bPMH[x]?\b/g, 'past medical history'],
  [/\bDH[x]?\b/g, 'drug history'],
  [/\bSH[x]?\b/g, 'social history'],
  [/\bFH[x]?\b/g, 'family history'],
  [/\bSOB(?:OE)?\b/g, 'shortness of breath'],
  [/\bCP\b/g, 'chest pain'],
  [/\bN&V\b|\bN\/V\b/gi, 'nausea and vomiting'],
  [/\bLOC\b/g, 'loss of consciousness'],
  [/\bNKDA\b/g, 'no known drug allergies'],
  [/\bwks?\b/gi, 'weeks'],
  [/\bhrs?\b/gi, 'hours'],
];

function numberValue(words: string): string {
  const parts = words.toLowerCase().split(/[- ]/);
  const total = parts.reduce((sum, p) => sum + (TENS[p] ?? UNITS[p] ?? 0), 0);
  return String(total);
}

/** The summary in its normalised form (shorthand spelled out, numbers in digits, clinical names written in). */
export function normalisedSummary(text: string): string {
  let out = text.replace(WRITTEN_NUMBER, (m) => numberValue(m));
  for (const [pattern, replacement] of SHORTHAND) out = out.replace(pattern, replacement);
  return annotateConcepts(out)?.text ?? out;
}
