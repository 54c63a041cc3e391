import { strict as assert } from 'node:assert';
import * as grpc from '@grpc/grpc-js';
import { grade } from '@medgrade/core';
import { fromProto, toProto } from '@medgrade/kit';
import { syncopeRubric, syncopeTranscript } from '../../kit/test/support/fixtures';
import { serviceUnderTest, syncopeEvaluation } from '../../kit/test/support/service-contract';
import { service } from '../src/handlers';

describe('scoring service', function () {
  this.timeout(30_000);
  const under = serviceUnderTest('scoring', service, 'ScoringService');
  const report = grade(syncopeRubric(), syncopeTranscript());

  it('gives the same component and overall scores as grade(), evaluating communication itself', async () => {
    const { request } = syncopeEvaluation();
    const answer = await under.client.Score({ input: request, details: toProto('ReportDetails', report.details) });
    assert.deepEqual(fromProto('ComponentScores', answer.component_scores), report.component_scores);
    assert.equal(answer.overall_score, report.overall_score);
    // The fixture's communication rule (introduces themself) is met: 1.0 of weight 0.05.
    assert.equal(answer.communication?.score, 1);
    assert.deepEqual(answer.communication?.matched_rules, ['introduces_self']);
  });

  it('leaves a missing component and the overall score null', async () => {
    const { request } = syncopeEvaluation();
    const answer = await under.client.Score({ input: request, details: toProto('ReportDetails', { ...report.details, summary: null }) });
    const scores = fromProto('ComponentScores', answer.component_scores);
    assert.equal(scores.summary, null);
    assert.equal(scores.structure, report.component_scores.structure);
    assert.equal(answer.overall_score, undefined);
  });

  it('answers INVALID_ARGUMENT without its input', async () => {
    await assert.rejects(under.client.Score({ details: {} }), { code: grpc.status.INVALID_ARGUMENT, details: 'input is required' });
    await assert.rejects(under.client.Score({ input: { ...syncopeEvaluation().request, parsed: undefined } }), {
      code: grpc.status.INVALID_ARGUMENT,
      details: 'input.parsed is required',
    });
  });
});
