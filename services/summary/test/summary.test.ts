import { evaluateSummary } from '@medgrade/core';
import { describeEvaluator } from '../../kit/test/support/service-contract';
import { service } from '../src/handlers';

describeEvaluator({
  name: 'summary',
  module: service,
  grpcService: 'SummaryService',
  result: 'SummaryResult',
  inProcess: ({ rubric, parsed, sections, summaryText }) => evaluateSummary(rubric, parsed, sections, summaryText),
  breakRubric: (rubric) => {
    rubric.summary.required_elements[0]!.pattern = '(?<=year)old';
  },
});
