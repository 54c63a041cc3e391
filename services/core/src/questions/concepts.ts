// Each rubric question compiled once to what it is about: its label and each phrase
// become an alternative of concepts (from the clinical lexicon) and specific intents
// (when, where, how fast ...). A phrase that carries no intent cue of its own takes the
// label's ("had a PE" under "Previous DVT or PE" asks about the past). A student's ask
// answers an alternative when it names one of the alternative's concepts, or refers to
// the complaint itself when the alternative names none, and carries one of its intents.

import { CONCEPTS } from '../lexicon/lexicon';
import { conceptsIn, intentIsSpecific } from '../lexicon/reading';
import { tokenize } from '../transcript/tokens';
import type { Rubric } from '../types';

export interface Alternative {
  /** Concepts of which the ask must name one (none: the ask is about the complaint itself). */
  focus: number[];
  /** Specific intents of which the ask must carry one (none: any ask about a focus concept). */
  intents: number[];
  /** True for the question's label, false for one of its phrases. */
  label: boolean;
}

export interface QuestionConcepts {
  alternatives: Alternative[];
  /** Every concept of the question's label and phrases, generic ones included. */
  concepts: Set<number>;
  /** The question asks about the family (its label or a phrase names the family). */
  family: boolean;
}

export interface CompiledConcepts {
  questions: QuestionConcepts[];
  /** Concept → whether some question of the rubric names it as a focus. */
  owned: Set<number>;
  /** Concepts the rubric's title names (part of the complaint). */
  title: number[];
}

const GENERIC = new Set(CONCEPTS.flatMap((c, i) => (c.domain === 'generic' ? [i] : [])));
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
  const questions = rubric.key_questions.map((question): QuestionConcepts => {
    const label = conceptsIn(tokenize(question.label));
    const labelIntents = label.intents.filter(intentIsSpecific);
    const concepts = new Set<number>(label.concepts);
    let family = label.family;
    const alternatives: Alternative[] = [{ focus: focusOf(label.concepts), intents: labelIntents, label: true }];
    for (const phrase of question.phrases ?? []) {
      const read = conceptsIn(tokenize(phrase));
      for (const c of read.concepts) concepts.add(c);
      family ||= read.family;
      const intents = read.intents.length === 0 ? labelIntents : read.intents.filter(intentIsSpecific);
      alternatives.push({ focus: focusOf(read.concepts), intents, label: false });
    }
    const usable = alternatives.filter((a) => a.focus.length > 0 || a.intents.length > 0);
    for (const a of usable) for (const c of a.focus) owned.add(c);
    return { alternatives: usable, concepts, family };
  });
  const title = rubric.title ? focusOf(conceptsIn(tokenize(rubric.title)).concepts) : [];
  return { questions, owned, title };
}

function focusOf(concepts: readonly number[]): number[] {
  return concepts.filter((c) => !GENERIC.has(c));
}
