// One medgrade service: ServiceAccount, Deployment, Service, HorizontalPodAutoscaler and
// PodDisruptionBudget, all derived from its catalog entry and the values.
import { Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { ServiceSpec } from '@medgrade/kit/catalog';
import { fullServiceName, type ServiceName } from '@medgrade/kit/services';
import { addGrpcProbes } from './grpc-probe';
import { patchManifest } from './manifest-patch';
import { APP_UID, CONFIG_MAP_NAME, commonLabels, objectName, selectorLabels } from './labels';
import type { Values } from './render';
import { valuesKey } from './values';

export const IRSA_TOKEN_DIR = '/var/run/secrets/eks.amazonaws.com/serviceaccount';

type EnvVar = { name: string; value?: string; valueFrom?: Record<string, unknown> };

const fieldEnv = (name: string, fieldPath: string): EnvVar => ({ name, valueFrom: { fieldRef: { fieldPath } } });
const secretEnv = (name: string, secretName: string, key: string, optional = false): EnvVar => ({
  name, valueFrom: { secretKeyRef: { name: secretName, key, ...(optional ? { optional } : {}) } },
});
/** The env var read from the Secret that a values SecretKeyRef (name, key) points at. */
const secretRefEnv = (values: Values, name: string, refPath: string): EnvVar =>
  secretEnv(name, values.text(`${refPath}.name`), values.text(`${refPath}.key`));

export class MedgradeService extends Construct {
  readonly deployment: kplus.Deployment;
  private readonly name: string;
  /** Where this service's settings live in the values. */
  private readonly at: string;
  private readonly labels: Record<string, string>;
  private readonly selector: Record<string, string>;

  /** configInputs: the value paths the shared ConfigMap is built from (see addConfigMap). */
  constructor(scope: Construct, readonly spec: ServiceSpec, private readonly values: Values, configInputs: string[]) {
    super(scope, spec.name);
    this.name = objectName(spec.name);
    this.at = `services.${valuesKey(spec.name)}`;
    this.labels = commonLabels(values, spec.name, spec.kind);
    this.selector = selectorLabels(values, spec.name);
    this.deployment = this.addDeployment(this.addServiceAccount(), configInputs);
    this.patchPodSpec();
    this.addProbes();
    this.addService();
    this.addAutoscaling();
  }

  private addServiceAccount(): kplus.ServiceAccount {
    const role = `${this.at}.irsaRoleArn`;
    return new kplus.ServiceAccount(this, 'service-account', {
      metadata: {
        name: this.name, labels: this.labels,
        annotations: this.values.entries({ path: role }, { 'eks.amazonaws.com/role-arn': this.values.text(role) }),
      },
      automountToken: false,
    });
  }

  private addDeployment(serviceAccount: kplus.ServiceAccount, configInputs: string[]): kplus.Deployment {
    const { values, spec, at } = this;
    const image = ['registry', 'repository', 'tag'].map((p) => values.textOr(`${at}.image.${p}`, `image.${p}`));
    const deployment = new kplus.Deployment(this, 'deployment', {
      metadata: { name: this.name, labels: this.labels },
      select: false,
      podMetadata: {
        labels: this.labels,
        annotations: { ...this.scrapeAnnotations(), 'medgrade.io/config-inputs': configInputs.map((p) => values.text(p)).join(',') },
      },
      serviceAccount,
      automountServiceAccountToken: false,
      terminationGracePeriod: Duration.seconds(values.int('shutdown.terminationGracePeriodSeconds')),
      securityContext: { ensureNonRoot: true, user: APP_UID, group: APP_UID, fsGroup: APP_UID },
      strategy: kplus.DeploymentStrategy.rollingUpdate({
        maxSurge: kplus.PercentOrAbsolute.percent(25), maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
      }),
      containers: [{
        name: spec.name,
        image: `${image[0]}/${image[1]}:${image[2]}`,
        imagePullPolicy: values.text('image.pullPolicy') as kplus.ImagePullPolicy,
        args: [`services/${spec.name}/dist/main.js`],
        ports: this.containerPorts(),
        securityContext: {
          ensureNonRoot: true, user: APP_UID, group: APP_UID, readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false, privileged: false,
        },
        volumeMounts: [{ path: '/tmp', volume: kplus.Volume.fromEmptyDir(this, 'tmp', 'tmp', { sizeLimit: Size.mebibytes(64) }) }],
        lifecycle: { preStop: kplus.Handler.fromCommand(['sleep', values.text('shutdown.preStopSeconds')]) },
      }],
    });
    deployment.select(kplus.LabelSelector.of({ labels: this.selector }));
    return deployment;
  }

  private addService(): void {
    const service = new kplus.Service(this, 'service', {
      metadata: { name: this.name, labels: this.labels },
      // gRPC backends are headless: clients resolve every pod and balance calls round-robin.
      clusterIP: this.spec.kind === 'gateway' ? undefined : 'None',
      ports: this.containerPorts().map((p) => ({ name: p.name, port: p.number, targetPort: p.number })),
    });
    for (const [key, value] of Object.entries(this.selector)) service.selectLabel(key, value);
  }

  /** HorizontalPodAutoscaler on CPU, and a PodDisruptionBudget. */
  private addAutoscaling(): void {
    const { values, at } = this;
    new kplus.HorizontalPodAutoscaler(this, 'hpa', {
      metadata: { name: this.name, labels: this.labels },
      target: this.deployment,
      minReplicas: values.int(`${at}.autoscaling.minReplicas`),
      maxReplicas: values.int(`${at}.autoscaling.maxReplicas`),
      metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(values.int(`${at}.autoscaling.targetCPUUtilizationPercentage`)))],
    });
    new kplus.k8s.KubePodDisruptionBudget(this, 'pdb', {
      metadata: { name: this.name, labels: this.labels },
      spec: {
        maxUnavailable: kplus.k8s.IntOrString.fromNumber(values.int('podDisruptionBudget.maxUnavailable')),
        selector: { matchLabels: this.selector },
      },
    });
  }

  private containerPorts(): { name: string; number: number }[] {
    const { kind, port, metricsPort } = this.spec;
    const main = { name: kind === 'gateway' ? 'http' : 'grpc', number: port };
    return metricsPort === port ? [main] : [main, { name: 'metrics', number: metricsPort }];
  }

  private scrapeAnnotations(): Record<string, string> {
    return { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(this.spec.metricsPort), 'prometheus.io/path': '/metrics' };
  }

  private addProbes(): void {
    if (this.spec.kind !== 'gateway') {
      // Servers report health under the full name (medgrade.v1.<Service>); the worker hosts only "".
      const readinessService = this.spec.grpcService ? fullServiceName(this.spec.grpcService as ServiceName) : '';
      addGrpcProbes(this.deployment, { port: this.spec.port, readinessService });
      return;
    }
    const http = (path: string, periodSeconds: number, failureThreshold: number) =>
      ({ httpGet: { path, port: this.spec.port }, periodSeconds, timeoutSeconds: 2, failureThreshold });
    const container = '/spec/template/spec/containers/0';
    patchManifest(this.deployment,
      JsonPatch.add(`${container}/readinessProbe`, { ...http('/ready', 5, 2), successThreshold: 1 }),
      JsonPatch.add(`${container}/livenessProbe`, http('/health', 10, 3)),
      JsonPatch.add(`${container}/startupProbe`, http('/health', 2, 30)));
  }

  /** Pod fields cdk8s-plus-27 does not model, or models differently from what we need. */
  private patchPodSpec(): void {
    const { values, at } = this;
    const pod = '/spec/template/spec';
    const container = `${pod}/containers/0`;
    const irsa = { path: `${at}.irsaRoleArn` };
    const patches = [
      // cdk8s-plus labels pods with its construct address for its own selectors; we select by app labels.
      JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'),
      JsonPatch.add(`${pod}/enableServiceLinks`, false),
      JsonPatch.add(`${pod}/securityContext/seccompProfile`, { type: 'RuntimeDefault' }),
      JsonPatch.add(`${pod}/topologySpreadConstraints`, ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map((topologyKey) => ({
        maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: this.selector },
      }))),
      JsonPatch.add(`${pod}/nodeSelector`, values.object(`${at}.nodeSelector`)),
      JsonPatch.add(`${pod}/tolerations`, values.object(`${at}.tolerations`)),
      JsonPatch.add(`${pod}/affinity`, values.object(`${at}.affinity`)),
      JsonPatch.add(`${container}/securityContext/capabilities`, { drop: ['ALL'] }),
      JsonPatch.add(`${container}/securityContext/seccompProfile`, { type: 'RuntimeDefault' }),
      JsonPatch.replace(`${container}/resources`, values.object(`${at}.resources`)),
      JsonPatch.add(`${container}/envFrom`, [{ configMapRef: { name: CONFIG_MAP_NAME } }]),
      JsonPatch.add(`${container}/env`, this.env()),
      ...values.listItems(irsa, [{
        name: 'aws-iam-token',
        projected: { sources: [{ serviceAccountToken: { audience: 'sts.amazonaws.com', expirationSeconds: 86400, path: 'token' } }] },
      }]).map((v) => JsonPatch.add(`${pod}/volumes/-`, v)),
      ...values.listItems(irsa, [{ mountPath: IRSA_TOKEN_DIR, name: 'aws-iam-token', readOnly: true }])
        .map((m) => JsonPatch.add(`${container}/volumeMounts/-`, m)),
    ];
    patchManifest(this.deployment, ...patches);
  }

  private env(): EnvVar[] {
    const { values, spec, at, name } = this;
    const env: EnvVar[] = [
      fieldEnv('POD_NAME', 'metadata.name'),
      fieldEnv('POD_NAMESPACE', 'metadata.namespace'),
      fieldEnv('NODE_NAME', 'spec.nodeName'),
      { name: 'OTEL_SERVICE_NAME', value: name },
      // Reported in health metadata, /services/status and the service.version resource attribute.
      { name: 'MEDGRADE_VERSION', value: values.textOr(`${at}.image.tag`, 'image.tag') },
      {
        name: 'OTEL_RESOURCE_ATTRIBUTES',
        value: `k8s.namespace.name=$(POD_NAMESPACE),k8s.pod.name=$(POD_NAME),k8s.node.name=$(NODE_NAME),k8s.deployment.name=${name}`,
      },
    ];
    if (spec.uses.includes('postgres')) {
      env.push(...values.listItems({ path: 'postgres.auth', equals: 'password' }, [secretRefEnv(values, 'PGPASSWORD', 'postgres.passwordSecret')]));
    }
    if (spec.uses.includes('redis')) {
      // The data layer takes one REDIS_URL; Kubernetes expands $(REDIS_PASSWORD) from the entry
      // before it, so the password never sits in the ConfigMap (it must be URL-safe).
      const r = (p: string) => values.text(`redis.${p}`);
      const scheme = values.choose({ path: 'redis.tls' }, 'rediss', 'redis');
      env.push(...values.listItems({ path: 'redis.auth', equals: 'password' }, [
        secretRefEnv(values, 'REDIS_PASSWORD', 'redis.passwordSecret'),
        { name: 'REDIS_URL', value: `${scheme}://${r('user')}:$(REDIS_PASSWORD)@${r('host')}:${r('port')}` },
      ]));
    }
    if (spec.kind === 'gateway') {
      env.push(
        secretRefEnv(values, 'JWT_SECRET', 'jwt.secret'),
        secretEnv('BOOTSTRAP_ADMIN_EMAIL', values.text('bootstrapAdmin.secretName'), 'email', true),
        secretEnv('BOOTSTRAP_ADMIN_PASSWORD', values.text('bootstrapAdmin.secretName'), 'password', true),
      );
    }
    env.push(...values.listItems({ path: `${at}.irsaRoleArn` }, [
      { name: 'AWS_ROLE_ARN', value: values.text(`${at}.irsaRoleArn`) },
      { name: 'AWS_WEB_IDENTITY_TOKEN_FILE', value: `${IRSA_TOKEN_DIR}/token` },
      { name: 'AWS_STS_REGIONAL_ENDPOINTS', value: 'regional' },
    ]));
    env.push(...values.items<EnvVar>(`${at}.extraEnv`));
    return env;
  }
}
