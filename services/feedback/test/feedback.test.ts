import { strict as assert } from 'node:assert';
import * as grpc from '@grpc/grpc-js';
import { composeFeedback, evaluateCommunication, grade, parseTranscript } from '@medgrade/core';
import { fromProto, toProto } from '@medgrade/kit';
import { syncopeRubric, syncopeTranscript } from '../../kit/test/support/fixtures';
import { serviceUnderTest } from '../../kit/test/support/service-contract';
import { service } from '../src/handlers';

describe('feedback service', function () {
  this.timeout(30_000);
  const under = serviceUnderTest('feedback', service, 'FeedbackService');
  const rubric = syncopeRubric();

  for (const style of ['constructive', 'detailed', 'concise'] as const) {
    it(`composes the same ${style} feedback as grade()`, async () => {
      const report = grade(rubric, syncopeTranscript(), { style });
      const communication = toProto('CommunicationResult', evaluateCommunication(rubric, parseTranscript(syncopeTranscript())));
      const feedback = await under.client.Compose({
        rubric: toProto('Rubric', rubric), details: toProto('ReportDetails', report.details), communication, style,
      });
      assert.equal(JSON.stringify(fromProto('Feedback', feedback)), JSON.stringify(report.feedback));
    });
  }

  it('explains a missing component with the reason given', async () => {
    const report = grade(rubric, syncopeTranscript());
    const details = { ...report.details, reasoning: null };
    const missing_reasons = { reasoning: 'the ReasoningService could not be reached' };
    const feedback = fromProto('Feedback', await under.client.Compose({
      rubric: toProto('Rubric', rubric), details: toProto('ReportDetails', details), style: 'concise', missing_reasons,
    }));
    const expected = composeFeedback(rubric, { ...details, communication: null, missing_reasons }, 'concise');
    assert.deepEqual(feedback, expected);
  });

  it('validates citations: a clean report passes, an unknown anchor is reported', async () => {
    const report = grade(rubric, syncopeTranscript());
    const parsed = toProto('ParsedTranscript', parseTranscript(syncopeTranscript()));
    const clean = await under.client.ValidateCitations({ rubric: toProto('Rubric', rubric), parsed, report: toProto('GradingReport', report) });
    assert.deepEqual(clean, { valid: true, problems: [] });
    report.feedback.sections[0]!.items[0]!.citations.rubric = ['rubric://syncope_v1#nowhere'];
    const broken = await under.client.ValidateCitations({ rubric: toProto('Rubric', rubric), parsed, report: toProto('GradingReport', report) });
    assert.equal(broken.valid, false);
    assert.match(broken.problems.join('\n'), /nowhere/);
  });

  it('answers INVALID_ARGUMENT for an unknown style or a missing rubric', async () => {
    await assert.rejects(under.client.Compose({ rubric: toProto('Rubric', rubric), style: 'harsh' }), {
      code: grpc.status.INVALID_ARGUMENT,
      details: 'style must be one of constructive, detailed, concise (got "harsh")',
    });
    await assert.rejects(under.client.ValidateCitations({}), { code: grpc.status.INVALID_ARGUMENT, details: 'rubric is required' });
  });
});
