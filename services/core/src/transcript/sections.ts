// Sections of a history-taking transcript. Only the student's utterances open sections;
// every other utterance stays in the section that is open. Each student utterance is
// checked against the cue table below, rule by rule in table order, and the first rule
// with a cue in the utterance names its section; an utterance without any cue continues
// the open section. Utterances before the first cue form the Preamble.
//
// Cues are matched on whole words of the lower-cased utterance (see tokens.ts): a cue word
// also matches that word with -s or -es added, and "#" in a cue matches any number.

import type { ParsedTranscript, Section, SectionResult } from '../types';
import { rememberLast } from './memo';
import { studentTokens } from './tokens';

export const PREAMBLE = 'Preamble';

export interface CueRule {
  label: string;
  cues: readonly string[];
  /** When present, the rule also needs one of these words somewhere in the utterance. */
  alsoNeeds?: readonly string[];
}

/** In priority order: the closing summary first, so that it stays Summary whatever it mentions. */
export const SECTION_CUES: readonly CueRule[] = [
  {
    label: 'Summary',
    cues: ['to summarize', 'to summarise', 'in summary', 'to sum up', 'in conclusion', 'to recap', 'is a # year old'],
  },
  {
    label: 'CC',
    cues: [
      'what brings you', 'what brought you', 'chief complaint', 'what seems to be the problem',
      'what can i do for you', 'how can i help', 'reason for your visit', 'what is going on today',
    ],
  },
  {
    label: 'FH',
    cues: [
      'family', 'father', 'mother', 'dad', 'mom', 'parent', 'brother', 'sister', 'sibling', 'relative',
      'grandfather', 'grandmother', 'grandparent', 'runs in',
    ],
  },
  {
    label: 'SH',
    cues: [
      'smoke', 'smoking', 'smoker', 'cigarette', 'tobacco', 'vape', 'alcohol', 'do you drink', 'how much do you drink',
      'recreational', 'street drugs', 'illicit', 'use drugs', 'use any drugs', 'do drugs', 'drug use', 'do you work', 'for work', 'for a living', 'occupation',
      'your job', 'live with', 'live alone', 'living situation', 'sexually active',
    ],
  },
  { label: 'Allergies', cues: ['allergy', 'allergies', 'allergic'] },
  {
    label: 'Meds',
    cues: [
      'medication', 'medicine', 'meds', 'pill', 'prescription', 'prescribed', 'blood thinner', 'over the counter',
      'supplement', 'taking anything', 'take anything',
    ],
  },
  {
    label: 'PMH',
    cues: [
      'past medical history', 'medical history', 'medical problem', 'medical condition', 'health problem',
      'health condition', 'chronic', 'ever been diagnosed', 'been diagnosed', 'ever had', 'history of', 'surgery',
      'surgeries', 'operation', 'hospitalized', 'been in the hospital', 'previous', 'prior', 'like this before',
    ],
  },
  { label: 'ROS', cues: ['other symptom', 'review of systems', 'anything else'] },
  {
    label: 'PE',
    cues: [
      'examine', 'examination', 'physical exam', 'take a look', 'listen to your', 'press on', 'vital sign', 'vitals',
    ],
  },
  {
    label: 'HPI',
    cues: [
      'when did', 'start', 'started', 'begin', 'began', 'onset', 'how long', 'describe', 'feel like', 'radiate',
      'spread', 'go anywhere', 'move anywhere', 'better', 'worse', 'scale', 'rate', 'severe', 'severity', 'how bad',
      'sudden', 'suddenly', 'gradual', 'gradually', 'come on', 'came on', 'notice', 'noticed', 'constant',
      'comes and goes', 'come and go', 'what were you doing', 'where is', 'where exactly', 'location', 'which side',
      'which part', 'tell me more', 'tell me about', 'trigger', 'how often', 'episode',
    ],
  },
  {
    // A symptom named in an "any ...?" question is a review of systems ("Any chest pain?").
    label: 'ROS',
    alsoNeeds: ['any', 'other'],
    cues: [
      'fever', 'chill', 'sweat', 'sweating', 'weight loss', 'appetite', 'fatigue', 'tired', 'chest pain', 'palpitation',
      'shortness of breath', 'breathing', 'cough', 'nausea', 'vomiting', 'diarrhea', 'constipation', 'blood', 'urine',
      'urinary', 'rash', 'headache', 'vision', 'dizziness', 'dizzy', 'numbness', 'tingling', 'weakness', 'confusion',
      'swelling',
    ],
  },
];

interface CompiledCue {
  rule: number;
  words: readonly string[];
}

const NUMBER_CUE = '#';
const cuesByFirstWord = compileCues(SECTION_CUES);

/** Indexed by every form the cue's first word may take (as listed, plus -s and -es). */
function compileCues(rules: readonly CueRule[]): Map<string, CompiledCue[]> {
  const index = new Map<string, CompiledCue[]>();
  rules.forEach((rule, ruleIndex) => {
    for (const cue of rule.cues) {
      const words = cue.split(' ');
      const first = words[0] as string;
      const forms = first === NUMBER_CUE ? [first] : [first, `${first}s`, `${first}es`];
      for (const form of forms) {
        const list = index.get(form) ?? [];
        list.push({ rule: ruleIndex, words });
        index.set(form, list);
      }
    }
  });
  return index;
}

/**
 * Sections of a parsed transcript. The result for the latest transcript object is
 * remembered and shared (question matching reuses it), so treat it as read-only.
 */
export const segmentSections: (parsed: ParsedTranscript) => SectionResult = rememberLast(segment);

function segment(parsed: ParsedTranscript): SectionResult {
  const sections: Section[] = [];
  let open: Section | null = null;
  const tokens = studentTokens(parsed);
  for (const u of parsed.utterances) {
    const words = tokens[u.index]?.words;
    const label = words ? sectionCue(words) : null;
    if (!open || (label !== null && label !== open.label)) {
      open = { label: label ?? PREAMBLE, utterance_indexes: [] };
      sections.push(open);
    }
    open.utterance_indexes.push(u.index);
  }
  return { sections, detected_order: detectedOrder(sections) };
}

function detectedOrder(sections: readonly Section[]): string[] {
  const order: string[] = [];
  for (const s of sections) {
    if (s.label !== PREAMBLE && order[order.length - 1] !== s.label) order.push(s.label);
  }
  return order;
}

/** The section named by the highest-priority rule with a cue among these words, or null. */
export function sectionCue(words: readonly string[]): string | null {
  let best = SECTION_CUES.length;
  for (let i = 0; i < words.length && best > 0; i++) {
    const word = words[i] as string;
    best = firstRuleAt(words, i, word, best);
    if (isNumber(word)) best = firstRuleAt(words, i, NUMBER_CUE, best);
  }
  return best < SECTION_CUES.length ? (SECTION_CUES[best] as CueRule).label : null;
}

/** The lowest rule number below `better` whose cue starts at words[at] (looked up under `key`). */
function firstRuleAt(words: readonly string[], at: number, key: string, better: number): number {
  const candidates = cuesByFirstWord.get(key);
  if (!candidates) return better;
  let found = better;
  for (const cue of candidates) {
    if (cue.rule < found && cueContinuesAt(words, at, cue.words) && ruleConditionHolds(words, cue.rule)) found = cue.rule;
  }
  return found;
}

function cueContinuesAt(words: readonly string[], at: number, cue: readonly string[]): boolean {
  if (at + cue.length > words.length) return false;
  for (let j = 1; j < cue.length; j++) if (!wordMatches(words[at + j] as string, cue[j] as string)) return false;
  return true;
}

function wordMatches(word: string, cueWord: string): boolean {
  if (cueWord === NUMBER_CUE) return isNumber(word);
  if (!word.startsWith(cueWord)) return false;
  const suffix = word.length - cueWord.length;
  return suffix === 0 || (suffix === 1 && word.endsWith('s')) || (suffix === 2 && word.endsWith('es'));
}

function ruleConditionHolds(words: readonly string[], rule: number): boolean {
  const needs = (SECTION_CUES[rule] as CueRule).alsoNeeds;
  return !needs || words.some((w) => needs.includes(w));
}

function isNumber(word: string): boolean {
  const first = word.charCodeAt(0);
  return first >= 48 && first <= 57 && /^\d+$/.test(word);
}
