// Feedback in three styles (facts.ts words each fact in the chosen style; here a style picks the facts):
//   detailed      every fact, in component order and rubric order, with figures and confidences;
//   constructive  per component, up to three strengths first, then every improvement framed as a next step;
//                 components the rubric gives no weight are left out;
//   concise       per weighted component, the single most important fact in a few words.
// Sections: 'overall' first, then the components in COMPONENTS order. A component that
// could not be evaluated (null) gets one info item citing its anchor, in every style.
// The overall line rounds the percentage; the report keeps the exact score.

import { overallScore } from '../scoring/score';
import {
  COMPONENTS,
  type CommunicationResult,
  type Component,
  type Feedback,
  type FeedbackItem,
  type FeedbackSection,
  type FeedbackStyle,
  type QuestionsResult,
  type ReasoningResult,
  type Rubric,
  type StructureResult,
  type SummaryResult,
} from '../types';
import { citer, communicationFacts, type Fact, pct, questionFacts, reasoningFacts, structureFacts, summaryFacts } from './facts';

/** The evaluators' results; null for a component that could not be evaluated. */
export interface EvaluationResults {
  structure: StructureResult | null;
  key_questions: QuestionsResult | null;
  reasoning: ReasoningResult | null;
  summary: SummaryResult | null;
  communication: CommunicationResult | null;
  /** Why a component is missing, shown in its info item. */
  missing_reasons?: Partial<Record<Component, string>>;
}

/** Each component's name as a sentence writes it in its midst. */
const COMPONENT_NAMES: Record<Component, string> = {
  structure: 'structure',
  key_questions: 'key questions',
  reasoning: 'clinical reasoning',
  summary: 'summary',
  communication: 'communication',
};

const STRENGTHS_PER_COMPONENT = 3;

export function composeFeedback(rubric: Rubric, results: EvaluationResults, style: FeedbackStyle): Feedback {
  const scores = componentScores(results);
  const overall = COMPONENTS.every((c) => scores[c] !== null) ? overallScore(rubric, scores as Record<Component, number>) : null;
  const sections: FeedbackSection[] = [{ category: 'overall', items: [overallItem(rubric, scores, overall, style)] }];
  for (const component of COMPONENTS) {
    // An evaluated component the style leaves out is skipped before its facts are worded.
    if (style !== 'detailed' && rubric.weights[component] === 0 && results[component]) continue;
    const facts = componentFacts(rubric, results, component, style);
    if (facts === null) {
      sections.push({ category: component, items: [missingItem(rubric, results, component)] });
      continue;
    }
    sections.push({ category: component, items: select(facts, style) });
  }
  return { overall_summary: overallSummary(scores, overall, style), sections };
}

function componentScores(results: EvaluationResults): Record<Component, number | null> {
  return {
    structure: results.structure?.score ?? null,
    key_questions: results.key_questions?.score ?? null,
    reasoning: results.reasoning?.score ?? null,
    summary: results.summary?.score ?? null,
    communication: results.communication?.score ?? null,
  };
}

function componentFacts(rubric: Rubric, results: EvaluationResults, component: Component, style: FeedbackStyle): Fact[] | null {
  switch (component) {
    case 'structure':
      return results.structure && structureFacts(rubric, results.structure, style);
    case 'key_questions':
      return results.key_questions && questionFacts(rubric, results.key_questions, style);
    case 'reasoning':
      return results.reasoning && reasoningFacts(rubric, results.reasoning, style);
    case 'summary':
      return results.summary && summaryFacts(rubric, results.summary, style);
    case 'communication':
      return results.communication && communicationFacts(rubric, results.communication, style);
  }
}

function select(facts: Fact[], style: FeedbackStyle): FeedbackItem[] {
  if (style === 'detailed') return facts.map((f) => f.item);
  if (style === 'constructive') {
    const items: FeedbackItem[] = [];
    let strengths = 0;
    for (const f of facts) {
      if (f.item.type === 'strength' && strengths++ < STRENGTHS_PER_COMPONENT) items.push(f.item);
    }
    for (const f of facts) if (f.item.type !== 'strength') items.push(f.item);
    return items;
  }
  // concise: the most important fact; ties keep the earlier one.
  const top = facts.reduce<Fact | null>((best, f) => (best === null || f.importance > best.importance ? f : best), null);
  return top ? [top.item] : [];
}

function componentAnchor(rubric: Rubric, component: Component): string {
  switch (component) {
    case 'structure':
      return rubric.structure.anchor;
    case 'key_questions':
      return rubric.key_questions_policy.anchor;
    case 'reasoning':
      return rubric.reasoning.anchor;
    case 'summary':
      return rubric.summary.anchor;
    case 'communication':
      return rubric.communication.anchor;
  }
}

function missingItem(rubric: Rubric, results: EvaluationResults, component: Component): FeedbackItem {
  const reason = results.missing_reasons?.[component];
  return {
    type: 'info',
    text: `${capitalized(COMPONENT_NAMES[component])} could not be evaluated${reason ? ` (${reason})` : ''}; it is left out of this report's score.`,
    citations: { rubric: [citer(rubric)(componentAnchor(rubric, component))], student: [] },
  };
}

function overallItem(rubric: Rubric, scores: Record<Component, number | null>, overall: number | null, style: FeedbackStyle): FeedbackItem {
  const weighted = COMPONENTS.filter((c) => rubric.weights[c] > 0 || scores[c] === null);
  let text: string;
  if (overall === null) {
    text = `No overall score: ${COMPONENTS.filter((c) => scores[c] === null).map((c) => COMPONENT_NAMES[c]).join(', ')} could not be evaluated.`;
  } else if (style === 'concise') {
    text = `Overall ${pct(overall)}.`;
  } else {
    const weights = weightTexts(rubric);
    const parts = weighted.map((c) => {
      const score = scores[c];
      return `${COMPONENT_NAMES[c]} ${score === null ? 'not evaluated' : pct(score)} × ${weights[c]}`;
    });
    text = `Overall ${pct(overall)} = ${parts.join(' + ')}.`;
  }
  const cite = citer(rubric);
  return {
    type: 'info',
    text,
    // A rubric weighting nothing (QA rejects it) still gets its overall line cited.
    citations: { rubric: (weighted.length > 0 ? weighted : COMPONENTS).map((c) => cite(componentAnchor(rubric, c))), student: [] },
  };
}

interface WeightTexts {
  weights: Record<Component, number>;
  texts: Record<Component, string>;
}

const weightTextCache = new WeakMap<Rubric, WeightTexts>();

/**
 * Each component's weight as the overall line writes it. Writing a float is slow, so the
 * texts are kept per rubric object and written again only when a weight has been edited.
 */
function weightTexts(rubric: Rubric): Record<Component, string> {
  const cached = weightTextCache.get(rubric);
  if (cached && COMPONENTS.every((c) => cached.weights[c] === rubric.weights[c])) return cached.texts;
  const weights = { ...rubric.weights };
  const texts = {} as Record<Component, string>;
  for (const c of COMPONENTS) texts[c] = String(weights[c]);
  weightTextCache.set(rubric, { weights, texts });
  return texts;
}

function capitalized(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function overallSummary(scores: Record<Component, number | null>, overall: number | null, style: FeedbackStyle): string {
  if (overall === null) return 'Partial grading: some components could not be evaluated, so there is no overall score.';
  if (style === 'concise') return `Overall score: ${pct(overall)}.`;
  const evaluated = COMPONENTS.filter((c) => scores[c] !== null);
  const best = evaluated.reduce((a, b) => ((scores[b] as number) > (scores[a] as number) ? b : a));
  const worst = evaluated.reduce((a, b) => ((scores[b] as number) < (scores[a] as number) ? b : a));
  if (style === 'constructive') {
    return `Overall score: ${pct(overall)}. Your strongest area was ${COMPONENT_NAMES[best]} (${pct(scores[best] as number)}); the most room to grow is in ${COMPONENT_NAMES[worst]} (${pct(scores[worst] as number)}).`;
  }
  return `Overall score: ${pct(overall)} (${evaluated.map((c) => `${COMPONENT_NAMES[c]} ${pct(scores[c] as number)}`).join(', ')}).`;
}
