import { evaluateStructure } from '@medgrade/core';
import { evaluatorService } from '@medgrade/kit/grading';

export const service = evaluatorService('StructureService', 'StructureResult', ({ rubric, sections, parsed }) =>
  evaluateStructure(rubric, sections, parsed),
);
