import { evaluateStructure } from '@medgrade/core';
import { describeEvaluator } from '../../kit/test/support/service-contract';
import { service } from '../src/handlers';

describeEvaluator({
  name: 'structure',
  module: service,
  grpcService: 'StructureService',
  result: 'StructureResult',
  inProcess: ({ rubric, sections, parsed }) => evaluateStructure(rubric, sections, parsed),
  breakRubric: (rubric) => {
    delete (rubric as Partial<typeof rubric>).structure;
  },
});
