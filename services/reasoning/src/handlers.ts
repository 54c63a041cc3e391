import { evaluateReasoning } from '@medgrade/core';
import { evaluatorService } from '@medgrade/kit/grading';

export const service = evaluatorService('ReasoningService', 'ReasoningResult', ({ rubric, parsed, summaryText }) =>
  evaluateReasoning(rubric, parsed, summaryText),
);
