import { validateRubric } from '@medgrade/core';
import { defineService, fromProto, invalidArgument, toProto } from '@medgrade/kit';
import type { ValidateRubricRequest__Output } from '@medgrade/kit/generated/medgrade/v1/ValidateRubricRequest';

/** The rubric as submitted: raw JSON text (so shape and type mistakes are reported) or the typed message. */
function submittedRubric(request: ValidateRubricRequest__Output): unknown {
  if (request.rubric_json !== undefined) {
    try {
      return JSON.parse(request.rubric_json);
    } catch (error) {
      throw invalidArgument(`rubric_json is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (request.rubric) return fromProto('Rubric', request.rubric);
  throw invalidArgument('rubric or rubric_json is required');
}

export const service = defineService({
  implementations: () => ({
    QaValidationService: {
      Validate: async (request) => toProto('QaReport', validateRubric(submittedRubric(request))),
    },
  }),
});
