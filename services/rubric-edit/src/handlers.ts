import { planRubricEdit, RubricEditError } from '@medgrade/core';
import { defineService, fromProto, invalidArgument, loadProtos, Metadata, toProto } from '@medgrade/kit';
import { required } from '@medgrade/kit/grading';

/** Trailing metadata key of a refused edit; its value is an encoded medgrade.v1.EditRejection. */
export const EDIT_REJECTION_KEY = 'medgrade-edit-rejection-bin';

/** INVALID_ARGUMENT saying what was understood and what was not, readable by people and programs. */
function rejection(error: RubricEditError) {
  const EditRejection = loadProtos().v1.EditRejection;
  const metadata = new Metadata();
  metadata.set(
    EDIT_REJECTION_KEY,
    EditRejection.serialize({ message: error.message, understood: error.understood, not_understood: error.not_understood }),
  );
  return invalidArgument(error.message, metadata);
}

export const service = defineService({
  implementations: () => ({
    RubricEditService: {
      Preview: async (request) => {
        const rubric = fromProto('Rubric', required(request.rubric, 'rubric'));
        if (request.instruction.trim() === '') throw invalidArgument('instruction is empty');
        try {
          return toProto('PreviewEditResponse', planRubricEdit(rubric, request.instruction));
        } catch (error) {
          if (error instanceof RubricEditError) throw rejection(error);
          throw error;
        }
      },
    },
  }),
});
