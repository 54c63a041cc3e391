import { matchQuestions } from '@medgrade/core';
import { describeEvaluator } from '../../kit/test/support/service-contract';
import { service } from '../src/handlers';

describeEvaluator({
  name: 'question-matching',
  module: service,
  grpcService: 'QuestionMatchingService',
  result: 'QuestionsResult',
  inProcess: ({ rubric, parsed }) => matchQuestions(rubric, parsed),
  breakRubric: (rubric) => {
    delete (rubric as Partial<typeof rubric>).key_questions_policy;
  },
});
