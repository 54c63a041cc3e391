import { strict as assert } from 'node:assert';
import * as grpc from '@grpc/grpc-js';
import { planRubricEdit } from '@medgrade/core';
import { fromProto, loadProtos, toProto } from '@medgrade/kit';
import { syncopeRubric } from '../../kit/test/support/fixtures';
import { serviceUnderTest } from '../../kit/test/support/service-contract';
import { EDIT_REJECTION_KEY, service } from '../src/handlers';

describe('rubric-edit service', function () {
  this.timeout(30_000);
  const under = serviceUnderTest('rubric-edit', service, 'RubricEditService');
  const instruction = 'increase key questions to 0.4 and decrease structure to 0.15';

  it('previews an edit exactly as the core plans it: patch, before/after, diff, QA', async () => {
    const preview = fromProto('PreviewEditResponse', await under.client.Preview({ rubric: toProto('Rubric', syncopeRubric()), instruction }));
    assert.deepEqual(preview, JSON.parse(JSON.stringify(planRubricEdit(syncopeRubric(), instruction))));
    assert.deepEqual(preview.patch, [
      { op: 'replace', path: '/weights/key_questions', value: 0.4 },
      { op: 'replace', path: '/weights/structure', value: 0.15 },
    ]);
    assert.equal(preview.after.weights.key_questions, 0.4);
    assert.equal(preview.qa.valid, true);
  });

  it('refuses an instruction it cannot parse with INVALID_ARGUMENT and an EditRejection saying what it understood', async () => {
    const error = await under.client
      .Preview({ rubric: toProto('Rubric', syncopeRubric()), instruction: 'decrease structure to 0.15 and make it friendlier' })
      .then(() => assert.fail('expected a rejection'), (e: grpc.ServiceError) => e);
    assert.equal(error.code, grpc.status.INVALID_ARGUMENT);
    const [bytes] = error.metadata.get(EDIT_REJECTION_KEY) as Buffer[];
    const rejection = loadProtos().v1.EditRejection.deserialize(bytes!);
    assert.equal(rejection.understood.length, 1);
    assert.match(rejection.not_understood.join('\n'), /friendlier/);
    assert.equal(rejection.message, error.details);
  });

  it('answers INVALID_ARGUMENT for an empty instruction or a missing rubric', async () => {
    await assert.rejects(under.client.Preview({ rubric: toProto('Rubric', syncopeRubric()), instruction: ' ' }), {
      code: grpc.status.INVALID_ARGUMENT,
      details: 'instruction is empty',
    });
    await assert.rejects(under.client.Preview({ instruction }), { code: grpc.status.INVALID_ARGUMENT, details: 'rubric is required' });
  });
});
