import { COMPONENTS, evaluateCommunication, overallScore, scoreComponents, type CommunicationResult, type GradingReport, type Rubric } from '@medgrade/core';
import { defineService, fromProto, toProto } from '@medgrade/kit';
import { decodeEvaluation, withRubricCheck } from '@medgrade/kit/grading';

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

export const service = defineService({
  implementations: () => ({
    ScoringService: {
      Score: async (request) => {
        const { rubric, parsed } = decodeEvaluation(request.input, 'input.');
        const details = fromProto('ReportDetails', request.details);
        const communication = withRubricCheck(rubric, () => evaluateCommunication(rubric, parsed));
        const { component_scores, overall_score } = score(rubric, details, communication);
        return {
          component_scores: toProto('ComponentScores', component_scores),
          ...(overall_score === null ? {} : { overall_score }),
          communication: toProto('CommunicationResult', communication),
        };
      },
    },
  }),
});
