import { COMPONENTS, evaluateCommunication, overallScore, scoreComponents, type CommunicationResult, type GradingReport, type Rubric } from '@medgrade/core';
import { decodeCore, encodeCore, takesBytes } from '@medgrade/kit';
import { decodeEvaluation, gradingService, withRubricCheck } from '@medgrade/kit/grading';

type Details = GradingReport['details'];

/**
 * The core's scoring when every evaluator delivered; otherwise each missing component
 * stays null and so does the overall score (a partial report never shows a made-up zero).
 */
function score(rubric: Rubric, details: Details, communication: CommunicationResult) {
  const { structure, key_questions: questions, reasoning, summary } = details;
  if (structure && questions && reasoning && summary) {
    const scores = scoreComponents(rubric, { structure, questions, reasoning, summary, communication });
    return { component_scores: scores, overall_score: overallScore(rubric, scores) };
  }
  const known: Record<string, number | undefined> = {
    structure: structure?.score, key_questions: questions?.score, reasoning: reasoning?.score,
    summary: summary?.score, communication: communication.score,
  };
  const scores = Object.fromEntries(COMPONENTS.map((component) => [component, known[component] ?? null]));
  return { component_scores: scores as GradingReport['component_scores'], overall_score: null };
}

export const service = gradingService((rubrics) => ({
  ScoringService: {
    Score: takesBytes(async (bytes) => {
      const request = decodeCore('ScoreRequest', bytes);
      const { rubric, parsed } = await decodeEvaluation(request.input, rubrics, 'input.');
      const details = request.details ?? { structure: null, key_questions: null, reasoning: null, summary: null };
      const communication = withRubricCheck(rubric, () => evaluateCommunication(rubric, parsed));
      return encodeCore('ScoreResponse', { ...score(rubric, details, communication), communication });
    }),
  },
}));
