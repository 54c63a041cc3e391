// Component scores and the overall score: overall = Σ weight·score over the five
// components, summed in the fixed COMPONENTS order so the float is reproducible.

import {
  COMPONENTS,
  type CommunicationResult,
  type ComponentScores,
  type QuestionsResult,
  type ReasoningResult,
  type Rubric,
  type StructureResult,
  type SummaryResult,
} from '../types';

export interface ComponentResults {
  structure: StructureResult;
  questions: QuestionsResult;
  reasoning: ReasoningResult;
  summary: SummaryResult;
  communication: CommunicationResult;
}

export function scoreComponents(_rubric: Rubric, results: ComponentResults): ComponentScores {
  return {
    structure: results.structure.score,
    key_questions: results.questions.score,
    reasoning: results.reasoning.score,
    summary: results.summary.score,
    communication: results.communication.score,
  };
}

export function overallScore(rubric: Rubric, scores: ComponentScores): number {
  let total = 0;
  for (const component of COMPONENTS) total += rubric.weights[component] * scores[component];
  return total;
}
