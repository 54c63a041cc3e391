import { strict as assert } from 'node:assert';
import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { addGrpcProbes } from '../src/grpc-probe';
import { finalManifest } from '../src/manifest-patch';
import { schemaProblems } from './support/k8s-schema';

function deploymentWithProbes(options: Parameters<typeof addGrpcProbes>[1]): Record<string, any> {
  const chart = new Chart(new App(), 'test');
  const deployment = new kplus.Deployment(chart, 'd', {
    containers: [{ name: 'a', image: 'busybox', portNumber: 50051 }, { name: 'b', image: 'busybox', portNumber: 50052 }],
  });
  addGrpcProbes(deployment, options);
  return finalManifest(ApiObject.of(deployment));
}

describe('gRPC probe helper (the one escape hatch for kubelet grpc probes)', () => {
  it('gives the container native grpc readiness, liveness and startup probes', () => {
    const d = deploymentWithProbes({ port: 50051, readinessService: 'medgrade.v1.ScoringService' });
    const c = d.spec.template.spec.containers[0];
    assert.deepEqual(c.readinessProbe.grpc, { port: 50051, service: 'medgrade.v1.ScoringService' });
    assert.deepEqual(c.livenessProbe.grpc, { port: 50051, service: '' });
    assert.deepEqual(c.startupProbe.grpc, { port: 50051, service: '' });
    assert.ok(c.startupProbe.periodSeconds * c.startupProbe.failureThreshold >= 60, 'a minute to start');
    assert.equal(d.spec.template.spec.containers[1].readinessProbe?.grpc, undefined);
    assert.deepEqual(schemaProblems(d), []);
  });

  it('targets the container it is given and can check a named service for liveness', () => {
    const d = deploymentWithProbes({ port: 50052, readinessService: 'A', livenessService: 'B', containerIndex: 1 });
    const c = d.spec.template.spec.containers[1];
    assert.deepEqual([c.readinessProbe.grpc.service, c.livenessProbe.grpc.service], ['A', 'B']);
    assert.equal(d.spec.template.spec.containers[0].livenessProbe?.grpc, undefined);
  });
});
