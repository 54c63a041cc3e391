import { matchQuestions } from '@medgrade/core';
import { evaluatorService } from '@medgrade/kit/grading';

export const service = evaluatorService('QuestionMatchingService', 'QuestionsResult', ({ rubric, parsed }) =>
  matchQuestions(rubric, parsed),
);
