import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SERVICES } from '@medgrade/kit/catalog';
import { fullServiceName, type ServiceName } from '@medgrade/kit/services';
import { REPO_ROOT } from '../src/synth';
import { REQUIRED_ON_EKS, deepMerge } from '../src/values';
import { CHART, NAMESPACE, RELEASE, ciValues, helm, helmOk, helmTemplate, helmTemplateResult, memoryReleaseStore, targetKubeVersion, type Render } from './support/helm';
import { schemaProblems } from './support/k8s-schema';
import { ruleViolations } from './support/rules';

const CI_SETS = readdirSync(join(CHART, 'ci')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
type Obj = Record<string, any>;

const find = (objects: Obj[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const container = (objects: Obj[], service: string) => find(objects, 'Deployment', `medgrade-${service}`)!.spec.template.spec.containers[0];
const envNames = (objects: Obj[], service: string): string[] => container(objects, service).env.map((e: Obj) => e.name);
/** The values Helm renders a CI set with: the chart's values.yaml with the set merged over it. */
const valuesOf = (set: string): Obj => deepMerge(parse(readFileSync(join(CHART, 'values.yaml'), 'utf8')), parse(readFileSync(ciValues(set), 'utf8')));

/**
 * A conditional list or map whose entries are all switched off renders as null (the
 * manifests have [] or {} there); the API server treats null as unset. dropNulls removes
 * those before schema validation; prune also drops [] and {} to compare chart and manifests.
 */
function prune(v: unknown, alsoEmpty = true): unknown {
  if (Array.isArray(v)) return v.map((x) => prune(x, alsoEmpty));
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, child] of Object.entries(v)) {
    const p = prune(child, alsoEmpty);
    const empty = p === null || (alsoEmpty && typeof p === 'object' && Object.keys(p as object).length === 0);
    if (!empty) out[k] = p;
  }
  return out;
}
const dropNulls = (v: unknown) => prune(v, false) as Obj;

const renderWith = async (overrides: unknown, set = 'eks'): Promise<Obj[]> => (await helmTemplate(set, overrides)).all;

describe('Helm chart charts/medgrade, rendered by Helm', () => {
  const rendered = new Map<string, Render>();
  const flat = (set: string) => rendered.get(set)!.all;
  before(async () => {
    for (const set of CI_SETS) rendered.set(set, await helmTemplate(set));
  });

  it('has the kind, eks and minimal value sets', () => {
    assert.deepEqual([...CI_SETS].sort(), ['eks', 'kind', 'minimal']);
  });

  for (const set of CI_SETS) {
    describe(`with ci/${set}.yaml (Kubernetes ${targetKubeVersion(set)})`, () => {
      const objects = () => flat(set);

      it('passes helm lint --strict (values schema, template and YAML checks, deprecated APIs)', async () => {
        const out = await helmOk(['lint', '--strict', CHART, '--values', ciValues(set), '--kube-version', targetKubeVersion(set)]);
        assert.match(out, /1 chart\(s\) linted, 0 chart\(s\) failed/);
        assert.doesNotMatch(out, /\[(WARNING|ERROR)\]/);
      });

      it('renders objects that pass the Kubernetes schemas with no unknown fields', () => {
        const problems = objects().flatMap((o) => schemaProblems(dropNulls(o)).map((p) => `${o.kind}/${o.metadata.name} ${p}`));
        assert.deepEqual(problems, []);
      });

      it('satisfies the deployment rules', () => {
        assert.deepEqual(ruleViolations(objects()), []);
      });

      it('labels every object with the standard labels from _helpers.tpl', () => {
        const chart = parse(readFileSync(join(CHART, 'Chart.yaml'), 'utf8'));
        for (const o of objects()) {
          const labels = o.metadata.labels ?? {};
          assert.equal(labels['app.kubernetes.io/instance'], RELEASE, `${o.kind}/${o.metadata.name}`);
          assert.equal(labels['app.kubernetes.io/managed-by'], 'Helm');
          assert.equal(labels['app.kubernetes.io/version'], chart.appVersion);
          assert.equal(labels['helm.sh/chart'], `medgrade-${chart.version}`);
          assert.match(labels['app.kubernetes.io/name'], /^medgrade-/);
        }
      });

      it('renders integer fields as integers', () => {
        for (const h of objects().filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
          assert.ok(Number.isInteger(h.spec.minReplicas) && Number.isInteger(h.spec.maxReplicas), h.metadata.name);
          assert.ok(Number.isInteger(h.spec.metrics[0].resource.target.averageUtilization));
        }
        for (const d of objects().filter((o) => o.kind === 'Deployment')) {
          assert.ok(Number.isInteger(d.spec.template.spec.terminationGracePeriodSeconds));
        }
        for (const p of objects().filter((o) => o.kind === 'PodDisruptionBudget')) assert.ok(Number.isInteger(p.spec.maxUnavailable));
      });
    });
  }

  for (const env of ['kind', 'eks']) {
    it(`rendered with ci/${env}.yaml equals the plain manifests in k8s/manifests/${env}`, () => {
      const manifestsDir = join(REPO_ROOT, 'k8s', 'manifests', env);
      const chart = rendered.get(env)!;
      // Labels only Helm knows: the chart and app version, and Helm rather than cdk8s as the manager.
      const normalise = (o: unknown) => prune(JSON.parse(JSON.stringify(o)
        .replace(/"app.kubernetes.io\/managed-by":"(Helm|cdk8s)"/g, '"app.kubernetes.io/managed-by":"-"')
        .replace(/,?"(helm\.sh\/chart|app\.kubernetes\.io\/version)":"[^"]*"/g, '')));
      const files = readdirSync(manifestsDir).filter((f) => !f.startsWith('namespace-'));
      const renderedFiles = [...chart.objects.entries()].filter(([, docs]) => docs.length > 0).map(([f]) => f);
      assert.deepEqual([...renderedFiles].sort(), [...files].sort());
      for (const file of files) {
        const manifest = parse(readFileSync(join(manifestsDir, file), 'utf8'));
        assert.deepEqual(normalise(chart.objects.get(file)![0]), normalise(manifest), file);
      }
    });
  }

  it('switches whole objects on and off: Ingress, dev databases, NetworkPolicies', () => {
    const kinds = (set: string) => flat(set).map((o) => `${o.kind}/${o.metadata.name}`);
    assert.ok(kinds('kind').includes('Ingress/medgrade-gateway'));
    assert.ok(kinds('kind').includes('StatefulSet/medgrade-postgres') && kinds('kind').includes('StatefulSet/medgrade-redis'));
    assert.ok(kinds('eks').includes('Ingress/medgrade-gateway'));
    assert.ok(!kinds('eks').some((k) => k.startsWith('StatefulSet/')));
    assert.ok(!kinds('minimal').some((k) => k.startsWith('Ingress/') || k.startsWith('StatefulSet/') || k.startsWith('NetworkPolicy/')));
    assert.ok(kinds('eks').includes('NetworkPolicy/medgrade-default-deny'));
  });

  it('gives the eks Ingress the AWS Load Balancer Controller settings from values', () => {
    const ingress = find(flat('eks'), 'Ingress', 'medgrade-gateway')!;
    const values = valuesOf('eks');
    const a = ingress.metadata.annotations;
    assert.equal(ingress.spec.ingressClassName, 'alb');
    assert.equal(a['alb.ingress.kubernetes.io/target-type'], 'ip');
    assert.equal(a['alb.ingress.kubernetes.io/healthcheck-path'], '/health');
    assert.equal(a['alb.ingress.kubernetes.io/ssl-redirect'], '443');
    assert.equal(a['alb.ingress.kubernetes.io/scheme'], values.ingress.scheme);
    assert.equal(a['alb.ingress.kubernetes.io/certificate-arn'], values.ingress.certificateArn);
    assert.equal(a['alb.ingress.kubernetes.io/group.name'], values.ingress.groupName);
    const kindIngress = find(flat('kind'), 'Ingress', 'medgrade-gateway')!;
    assert.equal(kindIngress.spec.ingressClassName, 'nginx');
    assert.ok(!Object.keys(kindIngress.metadata.annotations).some((k) => k.startsWith('alb.')));
  });

  it('wires IRSA only where a role is configured: annotation, projected token, AWS env, HTTPS egress', () => {
    const eks = flat('eks');
    const values = valuesOf('eks');
    for (const spec of SERVICES) {
      const key = spec.name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
      const role = values.services[key].irsaRoleArn as string;
      const sa = find(eks, 'ServiceAccount', `medgrade-${spec.name}`)!;
      const pod = find(eks, 'Deployment', `medgrade-${spec.name}`)!.spec.template.spec;
      assert.equal(sa.metadata.annotations?.['eks.amazonaws.com/role-arn'], role || undefined, spec.name);
      assert.equal(pod.volumes.some((v: Obj) => v.name === 'aws-iam-token'), Boolean(role), spec.name);
      assert.equal(envNames(eks, spec.name).includes('AWS_ROLE_ARN'), Boolean(role), spec.name);
      const egress: Obj[] = find(eks, 'NetworkPolicy', `medgrade-${spec.name}`)!.spec.egress ?? [];
      assert.equal(egress.some((r: Obj) => r.ports.some((p: Obj) => p.port === 443)), Boolean(role), spec.name);
    }
    assert.ok(SERVICES.filter((s) => s.uses.length > 0).length > 0);
    assert.ok(!flat('kind').some((o) => o.metadata.annotations?.['eks.amazonaws.com/role-arn']));
  });

  it('references passwords from Secrets only in password mode and never inlines a secret', () => {
    const eks = flat('eks');
    const kind = flat('kind');
    assert.ok(!envNames(eks, 'gateway').includes('PGPASSWORD') && !envNames(eks, 'gateway').includes('REDIS_PASSWORD'));
    assert.ok(envNames(kind, 'gateway').includes('PGPASSWORD') && !envNames(kind, 'gateway').includes('REDIS_PASSWORD'));
    assert.ok(!envNames(kind, 'scoring').includes('PGPASSWORD'), 'services without a database get no password');
    for (const set of CI_SETS) {
      const objects = flat(set);
      assert.ok(!objects.some((o) => o.kind === 'Secret'), 'the chart creates no Secret');
      const jwt = container(objects, 'gateway').env.find((e: Obj) => e.name === 'JWT_SECRET');
      assert.deepEqual(Object.keys(jwt.valueFrom), ['secretKeyRef']);
    }
  });

  it('puts the Redis password into REDIS_URL by env expansion, never into the ConfigMap', async () => {
    const objects = await renderWith({ redis: { auth: 'password', tls: true } });
    const env: Obj[] = container(objects, 'worker').env;
    const names = env.map((e) => e.name);
    assert.ok(names.indexOf('REDIS_PASSWORD') >= 0 && names.indexOf('REDIS_PASSWORD') < names.indexOf('REDIS_URL'));
    assert.equal(env.find((e) => e.name === 'REDIS_URL')!.value, 'rediss://medgrade-app:$(REDIS_PASSWORD)@master.medgrade.example.euw1.cache.amazonaws.com:6379');
    assert.doesNotMatch(JSON.stringify(find(objects, 'ConfigMap', 'medgrade-config')), /REDIS_PASSWORD/);
    assert.ok(!envNames(flat('eks'), 'worker').includes('REDIS_URL'), 'IAM mode keeps the ConfigMap URL');
  });

  it('lets NetworkPolicies allow exactly the calls in the service catalog', () => {
    const objects = flat('kind');
    const peerNames = (rules: Obj[] | null, side: 'from' | 'to') => (rules ?? []).flatMap((r) => r[side])
      .map((p: Obj) => p.podSelector?.matchLabels?.['app.kubernetes.io/name']).filter(Boolean).map((n: string) => n.replace('medgrade-', ''));
    const others = (name: string) => SERVICES.map((s) => s.name).filter((n) => n !== name);
    for (const spec of SERVICES) {
      const policy = find(objects, 'NetworkPolicy', `medgrade-${spec.name}`)!;
      // The catalog's calls, plus the gateway's health checks of every service (/services/status).
      const callers = SERVICES.filter((s) => s.calls.includes(spec.name) || (s.kind === 'gateway' && s.name !== spec.name)).map((s) => s.name);
      const callees = spec.kind === 'gateway' ? others(spec.name) : spec.calls;
      assert.deepEqual(peerNames(policy.spec.ingress, 'from').sort(), [...new Set(callers)].sort(), `${spec.name} ingress`);
      assert.deepEqual(peerNames(policy.spec.egress, 'to').sort(), [...callees, ...spec.uses].sort(), `${spec.name} egress`);
    }
    assert.ok(SERVICES.find((s) => s.name === 'gateway')!.calls.length < others('gateway').length, 'the health checks add peers');
    const gateway = find(objects, 'NetworkPolicy', 'medgrade-gateway')!;
    assert.ok(gateway.spec.ingress.some((r: Obj) => r.from.some((p: Obj) => p.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'ingress-nginx')));
    const dns = find(objects, 'NetworkPolicy', 'medgrade-allow-dns')!;
    assert.deepEqual(dns.spec.egress[0].ports.map((p: Obj) => `${p.protocol}/${p.port}`).sort(), ['TCP/53', 'UDP/53']);
  });

  it('probes ask for the health names the gRPC servers register', () => {
    const objects = flat('eks');
    for (const spec of SERVICES.filter((s) => s.kind !== 'gateway')) {
      const probes = container(objects, spec.name);
      const expected = spec.grpcService ? fullServiceName(spec.grpcService as ServiceName) : '';
      assert.deepEqual(probes.readinessProbe.grpc, { port: spec.port, service: expected }, spec.name);
      assert.equal(probes.livenessProbe.grpc.port, spec.port);
    }
  });

  it('uses headless Services and dns:/// targets for gRPC backends', () => {
    const objects = flat('eks');
    const config = find(objects, 'ConfigMap', 'medgrade-config')!;
    for (const spec of SERVICES.filter((s) => s.addressEnv)) {
      assert.equal(find(objects, 'Service', `medgrade-${spec.name}`)!.spec.clusterIP, 'None', spec.name);
      assert.equal(config.data[spec.addressEnv!], `dns:///medgrade-${spec.name}.medgrade.svc.cluster.local:${spec.port}`);
    }
    assert.notEqual(find(objects, 'Service', 'medgrade-gateway')!.spec.clusterIP, 'None');
  });

  it('passes operator overrides through: per-service image, extra env, scheduling, autoscaling', async () => {
    const objects = await renderWith({
      image: { tag: '1.2.3' },
      services: {
        rubricStore: {
          image: { repository: 'medgrade-store', tag: '9.9.9' },
          extraEnv: [{ name: 'FEATURE_X', value: 'on' }],
          nodeSelector: { pool: 'db-clients' },
          tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'medgrade', effect: 'NoSchedule' }],
          autoscaling: { minReplicas: 3, maxReplicas: 7, targetCPUUtilizationPercentage: 55 },
        },
      },
    });
    const store = find(objects, 'Deployment', 'medgrade-rubric-store')!.spec.template.spec;
    assert.equal(store.containers[0].image, '123456789012.dkr.ecr.eu-west-1.amazonaws.com/medgrade-store:9.9.9');
    assert.equal(container(objects, 'scoring').image, '123456789012.dkr.ecr.eu-west-1.amazonaws.com/medgrade:1.2.3');
    assert.deepEqual(store.containers[0].env.at(-1), { name: 'FEATURE_X', value: 'on' });
    assert.deepEqual(store.nodeSelector, { pool: 'db-clients' });
    assert.equal(store.tolerations[0].key, 'dedicated');
    const hpa = find(objects, 'HorizontalPodAutoscaler', 'medgrade-rubric-store')!;
    assert.deepEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas, hpa.spec.metrics[0].resource.target.averageUtilization], [3, 7, 55]);
    assert.deepEqual(ruleViolations(objects), []);
  });

  it('writes large integers as integers, not in the float notation Helm reads them in (1e+06)', async () => {
    const { text, all } = await helmTemplate('eks', { services: { worker: { autoscaling: { maxReplicas: 1000000 } } } });
    assert.equal(find(all, 'HorizontalPodAutoscaler', 'medgrade-worker')!.spec.maxReplicas, 1000000);
    assert.match(text, /^ {2}maxReplicas: 1000000$/m);
    assert.doesNotMatch(text, /: \d(\.\d+)?e\+\d+$/m);
  });

  it('rolls the pods when a setting behind the ConfigMap changes', async () => {
    const annotation = (objects: Obj[]) => find(objects, 'Deployment', 'medgrade-scoring')!.spec.template.metadata.annotations['medgrade.io/config-inputs'];
    const before = annotation(flat('eks'));
    assert.notEqual(annotation(await renderWith({ logLevel: 'warn' })), before);
    assert.notEqual(annotation(await renderWith({ postgres: { host: 'other.example.org' } })), before);
    assert.equal(annotation(await renderWith({ services: { scoring: { extraEnv: [] } } })), before, 'unrelated values leave it alone');
  });

  describe('values Helm refuses, with a message naming the value', () => {
    const refusal = async (overrides: unknown): Promise<string> => {
      const result = await helmTemplateResult('eks', overrides);
      assert.notEqual(result.status, 0, 'helm template must fail');
      return result.stderr;
    };
    const schemaError = /values don't meet the specifications of the schema\(s\)/;

    it('a string for an integer (values.schema.json)', async () => {
      const message = await refusal({ services: { gateway: { autoscaling: { minReplicas: '2' } } } });
      assert.match(message, schemaError);
      assert.match(message, /at '\/services\/gateway\/autoscaling\/minReplicas': got string, want integer/);
    });

    it('an unknown top-level key (values.schema.json)', async () => {
      assert.match(await refusal({ autoscalling: { minReplicas: 2 } }), /additional properties 'autoscalling' not allowed/);
    });

    it('an EKS value left empty that the features switched on need (required in the templates)', async () => {
      for (const [overrides, rule] of [
        [{ ingress: { certificateArn: '' } }, REQUIRED_ON_EKS.certificateArn],
        [{ redis: { replicationGroupId: '' } }, REQUIRED_ON_EKS.replicationGroupId],
        [{ aws: { region: '' } }, REQUIRED_ON_EKS.region],
      ] as const) {
        const message = await refusal(overrides);
        assert.match(message, /execution error at \(medgrade\/templates\/[a-z-]+\.yaml:\d+:\d+\)/);
        assert.ok(message.includes(rule.message), message);
      }
      await helmTemplate('eks', { ingress: { enabled: false, certificateArn: '' }, redis: { auth: 'password', replicationGroupId: '' } });
      await helmTemplate('kind', { aws: { region: '' } });
    });

    it('the other schema rules: quantities, enums, the passwordless dev Redis, quotes in embedded values', async () => {
      assert.match(await refusal({ services: { gateway: { resources: { requests: { memory: 'lots' } } } } }), /\/services\/gateway\/resources\/requests\/memory/);
      assert.match(await refusal({ postgres: { auth: 'trust' } }), /\/postgres\/auth/);
      assert.match(await refusal({ redis: { inCluster: { enabled: true }, auth: 'password' } }), /\/redis\/auth/);
      assert.match(await refusal({ image: { tag: 'x" injected: "y' } }), /\/image\/tag/);
      assert.match(await refusal({ services: { worker: { extraEnv: [{ name: 'FEATURE_X', value: true }] } } }),
        /at '\/services\/worker\/extraEnv\/0\/value': got boolean, want string/);
    });

    it('a Kubernetes older than the chart supports', async () => {
      const result = await helm(['template', RELEASE, CHART, '--kube-version', '1.26.0']);
      assert.notEqual(result.status, 0);
      assert.match(result.stderr, /chart requires kubeVersion: >=1\.27\.0-0 which is incompatible with Kubernetes v1\.26\.0/);
    });
  });

  it('helm upgrade --install --dry-run=client installs a new release and prints NOTES on how to reach the gateway', async () => {
    const dryRun = async (set: string) => helmOk(['upgrade', '--install', RELEASE, CHART, '--namespace', NAMESPACE, '--values', ciValues(set),
      '--dry-run=client'], memoryReleaseStore());
    const eks = await dryRun('eks');
    assert.match(eks, /Release "medgrade" does not exist\. Installing it now\./);
    assert.match(eks, /STATUS: pending-install/);
    const notes = (out: string) => out.slice(out.indexOf('NOTES:'));
    assert.match(notes(eks), /https:\/\/medgrade\.example\.org\/docs/);
    const minimal = notes(await dryRun('minimal'));
    assert.match(minimal, /port-forward svc\/medgrade-gateway 8080:8080/);
    assert.doesNotMatch(minimal, /Ingress medgrade-gateway/);
  });
});

describe('Chart.yaml', () => {
  it('versions the chart and carries the product version as appVersion', () => {
    const chart = parse(readFileSync(join(CHART, 'Chart.yaml'), 'utf8'));
    const rootVersion = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version;
    const k8sVersion = JSON.parse(readFileSync(join(REPO_ROOT, 'k8s', 'package.json'), 'utf8')).version;
    assert.equal(chart.apiVersion, 'v2');
    assert.equal(chart.name, 'medgrade');
    assert.equal(chart.type, 'application');
    assert.match(chart.version, /^\d+\.\d+\.\d+$/);
    assert.equal(chart.version, k8sVersion);
    assert.equal(chart.appVersion, rootVersion);
    assert.ok(existsSync(join(CHART, 'templates', 'NOTES.txt')) && existsSync(join(CHART, 'README.md')));
  });
});
