import { evaluateReasoning } from '@medgrade/core';
import { describeEvaluator } from '../../kit/test/support/service-contract';
import { service } from '../src/handlers';

describeEvaluator({
  name: 'reasoning',
  module: service,
  grpcService: 'ReasoningService',
  result: 'ReasoningResult',
  inProcess: ({ rubric, parsed, summaryText }) => evaluateReasoning(rubric, parsed, summaryText),
  // A back-reference: RE2 semantics cannot run it.
  breakRubric: (rubric) => {
    rubric.reasoning.required_links[0]!.pattern = '(ecg)\\1';
  },
});
