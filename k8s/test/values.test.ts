import { strict as assert } from 'node:assert';
import Ajv from 'ajv';
import { SERVICES } from '@medgrade/kit/catalog';
import { buildManifests } from '../src/app';
import { VALUES_SCHEMA } from '../src/schema';
import { NAMESPACE, resolveValues } from '../src/synth';
import { BASE, PRESETS, deepMerge, mebibytes, semanticProblems, valuesKey } from '../src/values';
import { ruleViolations } from './support/rules';

describe('typed configuration model', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(VALUES_SCHEMA);

  it('has a values entry for every catalog service, keyed for Helm field access', () => {
    assert.deepEqual(Object.keys(BASE.services), SERVICES.map((s) => valuesKey(s.name)));
    assert.equal(valuesKey('question-matching'), 'questionMatching');
  });

  it('base values and both presets satisfy the schema and the cross-field rules', () => {
    for (const v of [BASE, resolveValues('kind'), resolveValues('eks')]) {
      assert.ok(validate(v), JSON.stringify(validate.errors));
      assert.deepEqual(semanticProblems(v), []);
    }
  });

  it('applies operator overrides on top of a preset, lists replaced as a whole', () => {
    const v = resolveValues('eks', { logLevel: 'warn', services: { gateway: { tolerations: [{ key: 'a' }] } } });
    assert.equal(v.logLevel, 'warn');
    assert.deepEqual(v.services.gateway!.tolerations, [{ key: 'a' }]);
    assert.equal(v.services.gateway!.irsaRoleArn, PRESETS.eks.services!.gateway!.irsaRoleArn);
    assert.equal(BASE.logLevel, 'info', 'the base is not mutated');
    assert.deepEqual(deepMerge({ a: [1, 2] }, { a: [3] }), { a: [3] });
  });

  it('refuses inconsistent configurations with a message naming the field', () => {
    assert.throws(() => resolveValues('kind', { shutdown: { terminationGracePeriodSeconds: 5 } }), /terminationGracePeriodSeconds/);
    assert.throws(() => resolveValues('kind', { services: { worker: { autoscaling: { minReplicas: 5, maxReplicas: 2 } } } }), /worker\.autoscaling/);
    assert.throws(() => resolveValues('eks', { ingress: { certificateArn: '' } }), /certificateArn/);
    assert.throws(() => resolveValues('eks', { aws: { region: '' } }), /aws\.region/);
    assert.throws(() => resolveValues('kind', { services: { gateway: { resources: { requests: { memory: '100M' } } } } }), /gateway\.resources\.requests\.memory/);
    assert.equal(mebibytes('1Gi'), 1024);
    assert.equal(mebibytes('134217728'), 128);
  });

  it('synthesizes rule-abiding manifests for both environments, with the dev databases only on kind', () => {
    for (const env of ['kind', 'eks'] as const) {
      const objects = buildManifests(resolveValues(env), NAMESPACE).map((o) => o.manifest);
      assert.deepEqual(ruleViolations(objects), [], env);
      assert.equal(objects.some((o) => o.kind === 'StatefulSet'), env === 'kind');
    }
  });

  it('the rules catch broken objects', () => {
    const objects = buildManifests(resolveValues('kind'), NAMESPACE).map((o) => o.manifest);
    const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'medgrade-scoring')!;
    deployment.spec.replicas = 2;
    delete deployment.spec.template.spec.containers[0].readinessProbe;
    deployment.spec.template.spec.containers[0].resources.requests.memory = '64Mi';
    const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'medgrade-summary')!;
    service.spec.selector = { 'app.kubernetes.io/name': 'nobody' };
    const hpa = objects.find((o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.name === 'medgrade-feedback')!;
    hpa.spec.scaleTargetRef.name = 'medgrade-missing';
    const found = ruleViolations(objects).join('\n');
    for (const expected of [/scoring: sets replicas/, /scoring: readinessProbe must be grpc/, /scoring: memory request below 128Mi/,
      /medgrade-summary: selector matches no pods/, /medgrade-feedback: targets missing Deployment\/medgrade-missing/]) {
      assert.match(found, expected);
    }
  });
});
