// Each rubric question compiled once to what it is about: its label and each phrase
// become an alternative of concepts (from the clinical lexicon) and specific intents
// (when, where, how fast ...). A phrase that carries no intent cue of its own takes the
// label's ("had a PE" under "Previous DVT or PE" asks about the past). A student's ask
// answers an alternative when it names one of the alternative's concepts, or refers to
// the complaint itself when the alternative names none, and carries one of its intents.

import { CONCEPT_INDEX, CONCEPTS, INTENT_INDEX } from '../lexicon/lexicon';
import { conceptsIn, intentIsSpecific } from '../lexicon/reading';
import { datesSomething } from '../transcript/sections';
import { tokenize } from '../transcript/tokens';
import type { Rubric } from '../types';

export interface Alternative {
  /** Concepts of which the ask must name one (none: the ask is about the complaint itself). */
  focus: number[];
  /**
   * Specific intents of which the ask must carry one (none: any ask about a focus concept).
   * About the complaint itself the ask must carry all of them (see `intentsAnswered`).
   */
  intents: number[];
  /** True for the question's label, false for one of its phrases. */
  label: boolean;
  /** "Any other joints?": the question is about something besides the complaint, so the ask must say so too. */
  other: boolean;
  /**
   * "Did it come on suddenly?" asks when it began, where no other question of the rubric asks
   * how fast: the speed of onset answers the onset.
   */
  speedIsOnset: boolean;
  /**
   * "What set this attack off - a cold, smoke or fumes": the label's head asks an intent of
   * the complaint and its details are examples, so an ask about them must carry the intent too.
   */
  requiresIntent: boolean;
}

export interface QuestionConcepts {
  alternatives: Alternative[];
  /** Every concept of the question's label and phrases, generic ones included. */
  concepts: Set<number>;
  /** The question asks about the family (its label or a phrase names the family). */
  family: boolean;
  /** The focus concepts of each phrase, by phrase index. */
  phraseFocus: number[][];
}

export interface CompiledConcepts {
  questions: QuestionConcepts[];
  /** Concept → whether some question of the rubric names it as a focus. */
  owned: Set<number>;
  /** Concepts the rubric's title names (part of the complaint). */
  title: number[];
}

const HISTORY = INTENT_INDEX.get('history') as number;
const ONSET_TIME = INTENT_INDEX.get('onset_time') as number;
const ONSET_SPEED = INTENT_INDEX.get('onset_speed') as number;
// Generic concepts stand for the complaint; words of a diagnostic judgement are no subject of a question.
const GENERIC = new Set(CONCEPTS.flatMap((c, i) => (c.domain === 'generic' || c.domain === 'reasoning' ? [i] : [])));
const cache = new WeakMap<Rubric, CompiledConcepts>();
const byContent = new Map<string, CompiledConcepts>();
const MAX_BY_CONTENT = 500;

export function isGeneric(concept: number): boolean {
  return GENERIC.has(concept);
}

export function compileQuestionConcepts(rubric: Rubric): CompiledConcepts {
  let compiled = cache.get(rubric);
  if (compiled) return compiled;
  const key = JSON.stringify([rubric.title ?? '', rubric.key_questions.map((q) => [q.label, q.phrases])]);
  compiled = byContent.get(key);
  if (!compiled) {
    compiled = compile(rubric);
    if (byContent.size >= MAX_BY_CONTENT) byContent.clear();
    byContent.set(key, compiled);
  }
  cache.set(rubric, compiled);
  return compiled;
}

function compile(rubric: Rubric): CompiledConcepts {
  const owned = new Set<number>();
  const title = rubric.title ? focusOf(conceptsIn(tokenize(rubric.title))) : [];
  const bleeding = onlyBleeding(title);
  const read = (text: string) => {
    const tokens = tokenize(text);
    return withBleeding(conceptsIn(tokens), tokens.words, bleeding);
  };
  // Whether each question's label or a phrase asks how fast (matched by its words or by intent).
  const asksSpeed: boolean[] = [];
  const questions = rubric.key_questions.map((question, q): QuestionConcepts => {
    const label = read(question.label);
    asksSpeed[q] = label.intents.includes(ONSET_SPEED);
    let family = label.family;
    const labelIntents = specificIntents(label.intents, family);
    const concepts = new Set<number>(label.concepts);
    const alternatives: Alternative[] = [alternativeOf(label, labelIntents, true)];
    // "Rash: when it appeared, where ..." is about the rash: the label's head is an alternative of its own.
    const head = labelHead(question.label);
    if (head !== null) {
      const headRead = read(head);
      const headAlternative = alternativeOf(headRead, specificIntents(headRead.intents, family), true);
      alternatives.push(headAlternative);
      const labelAlternative = alternatives[0] as Alternative;
      labelAlternative.requiresIntent = headAlternative.focus.length === 0 && headAlternative.intents.length > 0 && labelAlternative.intents.length > 0;
      // "Malaria prophylaxis: was it prescribed ..." is about that medicine, not any medicine.
      if (headAlternative.focus.some(isParticularDrug)) labelAlternative.focus = labelAlternative.focus.filter((c) => c !== MEDICATION);
    }
    const phraseFocus: number[][] = [];
    for (const phrase of question.phrases ?? []) {
      const phraseRead = read(phrase);
      asksSpeed[q] ||= phraseRead.intents.includes(ONSET_SPEED);
      for (const c of phraseRead.concepts) concepts.add(c);
      family ||= phraseRead.family;
      const intents = phraseRead.intents.length === 0 ? labelIntents : specificIntents(phraseRead.intents, family);
      const alternative = alternativeOf(phraseRead, intents, false);
      alternatives.push(alternative);
      phraseFocus.push(alternative.focus);
    }
    const usable = alternatives.filter((a) => a.focus.length > 0 || a.intents.length > 0);
    for (const a of usable) for (const c of a.focus) owned.add(c);
    return { alternatives: usable, concepts, family, phraseFocus };
  });
  questions.forEach((question, q) => {
    const speedAskedElsewhere = asksSpeed.some((asks, other) => asks && other !== q);
    if (!speedAskedElsewhere) for (const a of question.alternatives) a.speedIsOnset = a.intents.includes(ONSET_TIME);
  });
  return { questions, owned, title };
}

// When it started and how long it has gone on ask the same of a complaint.
const SAME_QUESTION: readonly (readonly number[])[] = [['onset_time', 'duration']].map((ids) => ids.map((id) => INTENT_INDEX.get(id) as number));

/**
 * Whether an ask carrying `asked` answers an alternative's intents: one of them when the
 * alternative names its subject; all of them when it is about the complaint itself ("did it
 * start somewhere else?" asks where as well as when; "when did it start?" only when), with
 * onset and duration counted as one, and the speed of onset as the onset where the
 * alternative says so (`speedIsOnset`).
 */
export function intentsAnswered(alternative: Alternative, asked: readonly number[]): boolean {
  if (alternative.intents.length === 0) return true;
  const any = alternative.focus.length > 0;
  const asks = alternative.speedIsOnset && asked.includes(ONSET_SPEED) && !asked.includes(ONSET_TIME) ? [...asked, ONSET_TIME] : asked;
  for (const intent of alternative.intents) {
    const answered = asksIntent(intent, asks);
    if (any && answered) return true;
    if (!any && !answered) return false;
  }
  return !any;
}

function asksIntent(intent: number, asked: readonly number[]): boolean {
  if (asked.includes(intent)) return true;
  for (const same of SAME_QUESTION) {
    if (!same.includes(intent)) continue;
    for (const j of same) if (asked.includes(j)) return true;
  }
  return false;
}

/**
 * An alternative of what the text names. A text about a subject the lexicon does not know
 * ("previous gallstones") names no focus, but it is not about the complaint itself either:
 * it gets no intents, so that only its phrase can match it.
 */
function alternativeOf(read: { concepts: readonly number[]; strongConcepts: readonly number[]; unread: readonly string[]; other: boolean }, intents: number[], label: boolean): Alternative {
  const focus = focusOf(read);
  return { focus, intents: focus.length === 0 && read.unread.length > 0 ? [] : intents, label, other: read.other, speedIsOnset: false, requiresIntent: false };
}

const MEDICATION = CONCEPT_INDEX.get('medication') as number;

function isParticularDrug(concept: number): boolean {
  return concept !== MEDICATION && CONCEPTS[concept]?.domain === 'drug';
}

// Symptoms that are a bleeding: "the blood" is the one the encounter is about.
export const BLEEDINGS: ReadonlySet<number> = new Set(['haemoptysis', 'haematemesis', 'rectal_bleeding', 'vaginal_bleeding', 'haematuria', 'blood_in_stool'].map((id) => CONCEPT_INDEX.get(id) as number));

/** The one bleeding among the concepts, or -1 (none, or several). */
export function onlyBleeding(concepts: Iterable<number>): number {
  let bleeding = -1;
  for (const c of concepts) if (BLEEDINGS.has(c)) bleeding = bleeding === -1 ? c : -2;
  return bleeding < 0 ? -1 : bleeding;
}

type Read = ReturnType<typeof conceptsIn>;

/**
 * "Colour and amount of the blood" under a rubric on rectal bleeding is about the rectal
 * bleeding (`bleeding`, the title's one bleeding, or -1); "retching before the blood
 * appeared" is not about the blood.
 */
function withBleeding(read: Read, words: readonly string[], bleeding: number): Read {
  if (bleeding < 0 || !read.unread.includes('blood') || read.concepts.some((c) => BLEEDINGS.has(c))) return read;
  if (!words.some((w, i) => w === 'blood' && !datesSomething(words, i))) return read;
  return { ...read, concepts: [...read.concepts, bleeding], strongConcepts: [...read.strongConcepts, bleeding] };
}

/** The label before its details (a colon, a dash or a parenthesis), or null when it has none. */
function labelHead(label: string): string | null {
  const cut = label.search(/:|\s[-–—]\s|\(/);
  return cut > 0 ? label.slice(0, cut) : null;
}

/** Specific intents; a family question is about the past by nature, so "history" is implied there. */
function specificIntents(intents: readonly number[], family: boolean): number[] {
  return intents.filter((i) => intentIsSpecific(i) && !(family && i === HISTORY));
}

/**
 * What an alternative is about: its unambiguous concepts, or, when it has none, those of its
 * weak words. A question about medicines is about the medicines, not the symptoms they cause
 * ("constipating painkillers", "medicines that cause retention").
 */
function focusOf(read: { concepts: readonly number[]; strongConcepts: readonly number[] }): number[] {
  const strong = read.strongConcepts.filter((c) => !GENERIC.has(c));
  const focus = strong.length > 0 ? strong : read.concepts.filter((c) => !GENERIC.has(c));
  if (!focus.some((c) => CONCEPTS[c]?.domain === 'drug')) return focus;
  return focus.filter((c) => CONCEPTS[c]?.domain !== 'symptom');
}
