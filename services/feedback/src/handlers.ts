import { composeFeedback, validateCitations, type Component } from '@medgrade/core';
import { defineService, fromProto, fromProtoOrNull, toProto } from '@medgrade/kit';
import { feedbackStyle, required, withRubricCheck } from '@medgrade/kit/grading';

export const service = defineService({
  implementations: () => ({
    FeedbackService: {
      Compose: async (request) => {
        const rubric = fromProto('Rubric', required(request.rubric, 'rubric'));
        const style = feedbackStyle(request.style);
        const details = fromProto('ReportDetails', request.details);
        const results = {
          ...details,
          communication: fromProtoOrNull('CommunicationResult', request.communication),
          missing_reasons: request.missing_reasons as Partial<Record<Component, string>>,
        };
        return toProto('Feedback', withRubricCheck(rubric, () => composeFeedback(rubric, results, style)));
      },
      ValidateCitations: async (request) => {
        const rubric = fromProto('Rubric', required(request.rubric, 'rubric'));
        const report = fromProto('GradingReport', required(request.report, 'report'));
        const parsed = fromProtoOrNull('ParsedTranscript', request.parsed) ?? undefined;
        const problems = withRubricCheck(rubric, () => validateCitations(rubric, report, parsed));
        return { valid: problems.length === 0, problems };
      },
    },
  }),
});
