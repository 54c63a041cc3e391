import { parseTranscript, segmentSections } from '@medgrade/core';
import { defineService, invalidArgument, toProto } from '@medgrade/kit';

export const service = defineService({
  implementations: () => ({
    TranscriptService: {
      Parse: async ({ oral_transcript: text }) => {
        if (text.trim() === '') throw invalidArgument('oral_transcript is empty');
        const parsed = parseTranscript(text);
        return { parsed: toProto('ParsedTranscript', parsed), sections: toProto('SectionResult', segmentSections(parsed)) };
      },
    },
  }),
});
