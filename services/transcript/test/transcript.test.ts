import { strict as assert } from 'node:assert';
import * as grpc from '@grpc/grpc-js';
import { parseTranscript, segmentSections } from '@medgrade/core';
import { fromProto } from '@medgrade/kit';
import { syncopeTranscript } from '../../kit/test/support/fixtures';
import { serviceUnderTest } from '../../kit/test/support/service-contract';
import { service } from '../src/handlers';

describe('transcript service', function () {
  this.timeout(30_000);
  const under = serviceUnderTest('transcript', service, 'TranscriptService');

  it('parses and segments exactly like the core, timestamps included', async () => {
    const answer = await under.client.Parse({ oral_transcript: syncopeTranscript() });
    const parsed = parseTranscript(syncopeTranscript());
    assert.equal(JSON.stringify(fromProto('ParsedTranscript', answer.parsed)), JSON.stringify(parsed));
    assert.equal(JSON.stringify(fromProto('SectionResult', answer.sections)), JSON.stringify(segmentSections(parsed)));
    assert.equal(answer.parsed?.utterances[0]?.timestamp_start, '00:02');
  });

  it('keeps null times for a transcript without timestamps', async () => {
    const answer = await under.client.Parse({ oral_transcript: 'Student: Any chest pain?\r\nPatient: No.' });
    const parsed = fromProto('ParsedTranscript', answer.parsed);
    assert.equal(parsed.has_timestamps, false);
    assert.equal(parsed.utterances[0]!.timestamp_start, null);
    assert.equal(parsed.utterances[0]!.start_seconds, null);
  });

  it('answers INVALID_ARGUMENT for an empty transcript', async () => {
    await assert.rejects(under.client.Parse({ oral_transcript: ' \n ' }), { code: grpc.status.INVALID_ARGUMENT, details: 'oral_transcript is empty' });
  });
});
