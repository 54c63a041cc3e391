import { composeFeedback, validateCitations, type Component } from '@medgrade/core';
import { fromProto, fromProtoOrNull, toProto } from '@medgrade/kit';
import { feedbackStyle, gradingService, requestRubric, required, withRubricCheck } from '@medgrade/kit/grading';

export const service = gradingService((rubrics) => ({
  FeedbackService: {
    Compose: async (request) => {
      const rubric = await requestRubric({
        ref: request.rubric_ref,
        institutionId: request.institution_id,
        inline: request.rubric ? fromProto('Rubric', request.rubric) : null,
      }, rubrics);
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
}));
