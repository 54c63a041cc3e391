import { strict as assert } from 'node:assert';
import { SERVICES } from '@medgrade/kit/catalog';
import { addressEnv, grpcClientEnv, grpcServerEnv, parseEnv } from '@medgrade/kit/config';
import { buildManifests } from '../src/app';
import { NAMESPACE, resolveValues } from '../src/synth';
import { loadConfig as loadGatewayConfig } from '../../services/gateway/src/config';

type Obj = Record<string, any>;

/** The environment a container of `service` sees: ConfigMap, plain env, Secrets (stand-ins). */
function containerEnv(objects: Obj[], service: string): Record<string, string> {
  const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'medgrade-config')!.data as Record<string, string>;
  const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === `medgrade-${service}`)!;
  const env: Record<string, string> = { ...config };
  for (const e of deployment.spec.template.spec.containers[0].env as Obj[]) {
    if (e.value !== undefined) env[e.name] = e.value;
    else if (e.valueFrom?.secretKeyRef) env[e.name] = e.name === 'BOOTSTRAP_ADMIN_EMAIL' ? 'admin@example.org' : 'x'.repeat(48);
  }
  return env;
}

describe('service configuration accepts what the manifests provide', () => {
  for (const env of ['kind', 'eks'] as const) {
    const objects = buildManifests(resolveValues(env), NAMESPACE).map((o) => o.manifest);

    it(`${env}: the gateway loads its configuration, in production mode, with every address`, () => {
      const config = loadGatewayConfig(containerEnv(objects, 'gateway'));
      assert.equal(config.mode, 'production');
      assert.equal(config.port, 8080);
      assert.equal(config.addresses['rubric-store'], `dns:///medgrade-rubric-store.${NAMESPACE}.svc.cluster.local:50061`);
      assert.ok(config.signing.secret);
      assert.equal(config.version, resolveValues(env).image.tag, 'MEDGRADE_VERSION is the image tag');
    });

    it(`${env}: every gRPC service parses the server, client and address variables`, () => {
      const addressed = SERVICES.filter((s) => s.addressEnv).map((s) => s.name);
      for (const spec of SERVICES.filter((s) => s.kind !== 'gateway')) {
        const parsed = parseEnv(spec.name, { ...grpcServerEnv(spec.name), ...grpcClientEnv(), ...addressEnv(addressed) }, containerEnv(objects, spec.name));
        assert.equal(parsed.GRPC_PORT, spec.port);
        assert.equal(parsed.SHUTDOWN_GRACE_MS, resolveValues(env).shutdown.graceMs);
        assert.equal(parsed.LOG_LEVEL, resolveValues(env).logLevel);
      }
    });
  }
});
