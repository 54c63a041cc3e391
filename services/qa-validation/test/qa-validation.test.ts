import { strict as assert } from 'node:assert';
import * as grpc from '@grpc/grpc-js';
import { validateRubric } from '@medgrade/core';
import { fromProto, toProto } from '@medgrade/kit';
import { syncopeRubric } from '../../kit/test/support/fixtures';
import { serviceUnderTest } from '../../kit/test/support/service-contract';
import { service } from '../src/handlers';

describe('qa-validation service', function () {
  this.timeout(30_000);
  const under = serviceUnderTest('qa-validation', service, 'QaValidationService');

  it('validates a typed rubric like the core', async () => {
    const report = fromProto('QaReport', await under.client.Validate({ rubric: toProto('Rubric', syncopeRubric()) }));
    assert.deepEqual(report, validateRubric(syncopeRubric()));
    assert.equal(report.valid, true);
  });

  it('reports errors with JSON Pointers for a rubric sent as JSON text, shape mistakes included', async () => {
    const rubric = syncopeRubric() as unknown as Record<string, unknown>;
    (rubric.weights as Record<string, unknown>).structure = 'a lot';
    (rubric.summary as Record<string, unknown>).max_tokens = 500;
    const report = fromProto('QaReport', await under.client.Validate({ rubric_json: JSON.stringify(rubric) }));
    assert.equal(report.valid, false);
    assert.deepEqual(report, validateRubric(rubric));
    const pointers = report.errors.map((issue) => issue.pointer);
    assert.ok(pointers.includes('/weights/structure'), pointers.join(', '));
    assert.ok(pointers.includes('/summary/max_tokens'), pointers.join(', '));
  });

  it('answers INVALID_ARGUMENT for JSON that does not parse and for an empty request', async () => {
    await assert.rejects(under.client.Validate({ rubric_json: '{"weights": ' }), { code: grpc.status.INVALID_ARGUMENT, details: /^rubric_json is not valid JSON/ });
    await assert.rejects(under.client.Validate({}), { code: grpc.status.INVALID_ARGUMENT, details: 'rubric or rubric_json is required' });
  });
});
