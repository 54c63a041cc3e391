import { evaluateSummary } from '@medgrade/core';
import { evaluatorService } from '@medgrade/kit/grading';

export const service = evaluatorService('SummaryService', 'SummaryResult', ({ rubric, parsed, sections, summaryText }) =>
  evaluateSummary(rubric, parsed, sections, summaryText),
);
