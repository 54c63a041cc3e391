import { parseTranscript, segmentSections } from '@medgrade/core';
import { answersBytes, defineService, encodeCore, invalidArgument } from '@medgrade/kit';

export const service = defineService({
  implementations: () => ({
    TranscriptService: {
      Parse: answersBytes(async ({ oral_transcript: text }) => {
        if (text.trim() === '') throw invalidArgument('oral_transcript is empty');
        const parsed = parseTranscript(text);
        // Encoded here, once: the orchestrator passes these bytes on to every evaluator as they are.
        return encodeCore('ParseResponse', { parsed, sections: segmentSections(parsed) });
      }),
    },
  }),
});
