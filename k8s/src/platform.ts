// Namespace-wide objects: the shared ConfigMap, the NetworkPolicies, the gateway Ingress
// and the optional in-cluster PostgreSQL and Redis for local clusters.
import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { SERVICES, type ServiceSpec } from '@medgrade/kit/catalog';
import { CONFIG_MAP_NAME, commonLabels, objectName, selectorLabels, serviceHost } from './labels';
import type { RequiredValue, Values } from './render';
import { IAM_AUTH, REQUIRED_ON_EKS, valuesKey } from './values';

type Store = 'postgres' | 'redis';
type Peer = Record<string, unknown>;
type Rule = { peers: Peer[]; ports: number[]; protocol?: string };

/**
 * The shared ConfigMap. Returns the value paths it was built from: pods read the ConfigMap
 * only when they start, so the Deployments carry these values in a pod annotation and a
 * `helm upgrade` that changes any of them rolls the pods.
 */
export function addConfigMap(scope: Construct, values: Values): string[] {
  const inputs = new Set<string>();
  const text = (path: string) => { inputs.add(path); return values.text(path); };
  const required = (value: RequiredValue) => { inputs.add(value.path); return values.required(value); };
  const addresses = SERVICES.filter((s) => s.addressEnv).map((s) => [
    // dns:/// makes grpc-js resolve every pod behind the headless Service and balance round-robin.
    s.addressEnv as string, `dns:///${serviceHost(values, s.name)}:${s.port}`,
  ]);
  const pg = (p: string) => text(`postgres.${p}`);
  const redis = (p: string) => text(`redis.${p}`);
  inputs.add('redis.tls');
  new kplus.ConfigMap(scope, 'config', {
    metadata: { name: CONFIG_MAP_NAME, labels: commonLabels(values, 'config', 'config') },
    data: {
      NODE_ENV: 'production',
      // The gateway sees clients through the ALB or ingress-nginx, both on private addresses.
      TRUST_PROXY: 'loopback,linklocal,uniquelocal',
      LOG_LEVEL: text('logLevel'),
      SHUTDOWN_GRACE_MS: text('shutdown.graceMs'),
      OTEL_TRACES_EXPORTER: text('otel.tracesExporter'),
      OTEL_EXPORTER_OTLP_ENDPOINT: text('otel.endpoint'),
      OTEL_EXPORTER_OTLP_PROTOCOL: text('otel.protocol'),
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
      ...values.entries(IAM_AUTH, { AWS_REGION: required(REQUIRED_ON_EKS.region) }),
      DATABASE_URL: `postgres://${pg('user')}@${pg('host')}:${pg('port')}/${pg('database')}`,
      DB_HOST: pg('host'),
      DB_PORT: pg('port'),
      DB_NAME: pg('database'),
      DB_USER: pg('user'),
      DB_AUTH: pg('auth'),
      DB_SSL: pg('ssl'),
      REDIS_URL: `${values.choose({ path: 'redis.tls' }, 'rediss', 'redis')}://${redis('host')}:${redis('port')}`,
      REDIS_AUTH: redis('auth'),
      REDIS_USER: redis('user'),
      REDIS_TLS: redis('tls'),
      ...values.entries({ path: 'redis.auth', equals: 'iam' }, { REDIS_REPLICATION_GROUP_ID: required(REQUIRED_ON_EKS.replicationGroupId) }),
      ...Object.fromEntries(addresses),
    },
  });
  return [...inputs];
}

// Plain ApiObjects rather than the typed Kube* classes: their serializers drop keys they do
// not know, which would lose the chart's conditional markers on list items.
const raw = (scope: Construct, id: string, apiVersion: string, kind: string, body: Record<string, unknown>): void => {
  new ApiObject(scope, id, { apiVersion, kind, ...body });
};

const tcp = (port: number) => ({ port, protocol: 'TCP' });
const podPeer = (values: Values, component: string): Peer => ({ podSelector: { matchLabels: selectorLabels(values, component) } });
const namespacePeer = (namespace: string): Peer => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } });
const cidrPeer = (cidr: string): Peer => ({ ipBlock: { cidr } });
const ingressRule = (r: Rule) => ({ from: r.peers, ports: r.ports.map(tcp) });
const egressRule = (r: Rule) => ({ to: r.peers, ports: r.ports.map(tcp) });

function networkPolicy(scope: Construct, id: string, values: Values, name: string, podSelector: Record<string, unknown>,
  spec: { ingress?: unknown[]; egress?: unknown[] }): void {
  const policyTypes = [...(spec.ingress ? ['Ingress'] : []), ...(spec.egress ? ['Egress'] : [])];
  raw(scope, id, 'networking.k8s.io/v1', 'NetworkPolicy', {
    metadata: { name, labels: commonLabels(values, 'network-policy', 'network-policy') },
    spec: { podSelector, policyTypes, ...spec },
  });
}

/** Default deny for the namespace, DNS for everyone, then one policy per service from the catalog. */
export function addNetworkPolicies(scope: Construct, values: Values): void {
  values.build({ path: 'networkPolicy.enabled' }, () => {
    networkPolicy(scope, 'default-deny', values, 'medgrade-default-deny', {}, { ingress: [], egress: [] });
    networkPolicy(scope, 'allow-dns', values, 'medgrade-allow-dns', {}, {
      egress: [{
        to: [{ ...namespacePeer('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [{ port: 53, protocol: 'UDP' }, tcp(53)],
      }],
    });
    for (const spec of SERVICES) {
      networkPolicy(scope, `policy-${spec.name}`, values, objectName(spec.name), { matchLabels: selectorLabels(values, spec.name) }, {
        ingress: serviceIngress(values, spec),
        egress: serviceEgress(values, spec),
      });
    }
  });
}

/**
 * Who may open connections to a service: the services whose catalog `calls` name it, and the
 * gateway, whose /services/status checks every service's grpc.health.v1.
 */
function callersOf(spec: ServiceSpec): ServiceSpec[] {
  return SERVICES.filter((s) => s.name !== spec.name && (s.calls.includes(spec.name) || s.kind === 'gateway'));
}

/** What a service connects to: its catalog `calls`, and for the gateway every other service. */
function calleesOf(spec: ServiceSpec): ServiceSpec[] {
  return SERVICES.filter((s) => s.name !== spec.name && (spec.calls.includes(s.name) || spec.kind === 'gateway'));
}

function serviceIngress(values: Values, spec: ServiceSpec): unknown[] {
  const callers = callersOf(spec);
  const rules: unknown[] = [];
  if (callers.length > 0) rules.push(ingressRule({ peers: callers.map((c) => podPeer(values, c.name)), ports: [spec.port] }));
  if (spec.kind === 'gateway') {
    rules.push(ingressRule({
      peers: [namespacePeer(values.text('networkPolicy.ingressControllerNamespace')), cidrPeer(values.text('networkPolicy.loadBalancerCidr'))],
      ports: [spec.port],
    }));
  }
  rules.push(...values.listItems({ path: 'networkPolicy.prometheusNamespace' }, [
    ingressRule({ peers: [namespacePeer(values.text('networkPolicy.prometheusNamespace'))], ports: [spec.metricsPort] }),
  ]));
  return rules;
}

function serviceEgress(values: Values, spec: ServiceSpec): unknown[] {
  const unknown = spec.calls.filter((callee) => !SERVICES.some((s) => s.name === callee));
  if (unknown.length > 0) throw new Error(`${spec.name} calls unknown services: ${unknown.join(', ')}`);
  const rules: unknown[] = calleesOf(spec).map((target) => egressRule({ peers: [podPeer(values, target.name)], ports: [target.port] }));
  for (const store of spec.uses) {
    rules.push(egressRule({
      peers: [cidrPeer(values.text(`${store}.egressCidr`)), podPeer(values, store)],
      ports: [values.int(`${store}.port`)],
    }));
  }
  rules.push(...values.listItems({ path: 'otel.tracesExporter', equals: 'otlp' }, [
    egressRule({ peers: [cidrPeer(values.text('otel.egressCidr'))], ports: [values.int('otel.egressPort')] }),
  ]));
  rules.push(...values.listItems({ path: `services.${valuesKey(spec.name)}.irsaRoleArn` }, [
    egressRule({ peers: [cidrPeer(values.text('networkPolicy.awsApiCidr'))], ports: [443] }),
  ]));
  return rules;
}

/** The gateway's Ingress: ALB (AWS Load Balancer Controller) on EKS, nginx on kind. */
export function addIngress(scope: Construct, values: Values): void {
  const gateway = SERVICES.find((s) => s.kind === 'gateway');
  if (!gateway) throw new Error('the catalog has no gateway');
  values.build({ path: 'ingress.enabled' }, () => {
    raw(scope, 'ingress', 'networking.k8s.io/v1', 'Ingress', {
      metadata: {
        name: objectName(gateway.name),
        labels: commonLabels(values, gateway.name, gateway.kind),
        annotations: {
          ...values.entries({ path: 'ingress.className', equals: 'alb' }, {
            'alb.ingress.kubernetes.io/scheme': values.text('ingress.scheme'),
            'alb.ingress.kubernetes.io/target-type': 'ip',
            'alb.ingress.kubernetes.io/healthcheck-path': '/health',
            'alb.ingress.kubernetes.io/success-codes': '200',
            'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP": 80}, {"HTTPS": 443}]',
            'alb.ingress.kubernetes.io/ssl-redirect': '443',
            'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
            'alb.ingress.kubernetes.io/certificate-arn': values.required(REQUIRED_ON_EKS.certificateArn),
            'alb.ingress.kubernetes.io/group.name': values.text('ingress.groupName'),
          }),
          ...values.entries({ path: 'ingress.className', equals: 'nginx' }, {
            'nginx.ingress.kubernetes.io/proxy-body-size': '2m',
          }),
        },
      },
      spec: {
        ingressClassName: values.text('ingress.className'),
        rules: [{
          host: values.text('ingress.host'),
          http: {
            paths: [{
              path: '/', pathType: 'Prefix',
              backend: { service: { name: objectName(gateway.name), port: { number: gateway.port } } },
            }],
          },
        }],
      },
    });
  });
}

interface DevStore {
  store: Store;
  containerPort: number;
  uid: number;
  dataPath: string;
  env: unknown[];
  args?: string[];
  readiness: string[];
  extraMounts: { name: string; mountPath: string }[];
}

/** Single-replica StatefulSets with official images, for a self-contained kind cluster. */
export function addDevDatabases(scope: Construct, values: Values): void {
  const pg = (p: string) => values.text(`postgres.${p}`);
  addDevStore(scope, values, {
    store: 'postgres', containerPort: 5432, uid: 999, dataPath: '/var/lib/postgresql/data',
    env: [
      { name: 'POSTGRES_USER', value: pg('user') },
      { name: 'POSTGRES_DB', value: pg('database') },
      { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: pg('passwordSecret.name'), key: pg('passwordSecret.key') } } },
      { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
    ],
    readiness: ['pg_isready', '-h', '127.0.0.1', '-U', pg('user'), '-d', pg('database')],
    extraMounts: [{ name: 'run', mountPath: '/var/run/postgresql' }],
  });
  addDevStore(scope, values, {
    store: 'redis', containerPort: 6379, uid: 999, dataPath: '/data', env: [],
    args: ['redis-server', '--appendonly', 'yes', '--dir', '/data', '--protected-mode', 'no'],
    readiness: ['redis-cli', 'ping'],
    extraMounts: [],
  });
}

function addDevStore(scope: Construct, values: Values, d: DevStore): void {
  const name = objectName(d.store);
  const labels = commonLabels(values, d.store, 'database');
  const selector = selectorLabels(values, d.store);
  const users = SERVICES.filter((s) => s.uses.includes(d.store));
  values.build({ path: `${d.store}.inCluster.enabled` }, () => {
    raw(scope, `${d.store}-service`, 'v1', 'Service', {
      metadata: { name, labels },
      spec: {
        clusterIP: 'None', selector,
        ports: [{ name: d.store, port: values.int(`${d.store}.port`), targetPort: d.containerPort }],
      },
    });
    raw(scope, `${d.store}-statefulset`, 'apps/v1', 'StatefulSet', {
      metadata: { name, labels },
      spec: {
        serviceName: name, replicas: 1, selector: { matchLabels: selector },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false, enableServiceLinks: false,
            securityContext: { runAsNonRoot: true, runAsUser: d.uid, runAsGroup: d.uid, fsGroup: d.uid, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{
              name: d.store, image: values.text(`${d.store}.inCluster.image`), ...(d.args ? { args: d.args } : {}), env: d.env,
              ports: [{ name: d.store, containerPort: d.containerPort }],
              readinessProbe: { exec: { command: d.readiness }, periodSeconds: 5, failureThreshold: 3 },
              livenessProbe: { exec: { command: d.readiness }, periodSeconds: 15, failureThreshold: 4, initialDelaySeconds: 20 },
              resources: {
                requests: { cpu: '50m', memory: '128Mi' },
                limits: { memory: '512Mi' },
              },
              securityContext: {
                runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false,
                capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
              },
              volumeMounts: [{ name: 'data', mountPath: d.dataPath }, { name: 'tmp', mountPath: '/tmp' }, ...d.extraMounts],
            }],
            volumes: [{ name: 'tmp', emptyDir: {} }, ...d.extraMounts.map((m) => ({ name: m.name, emptyDir: {} }))],
          },
        },
        volumeClaimTemplates: [{
          metadata: { name: 'data' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: values.text(`${d.store}.inCluster.storage`) } },
          },
        }],
      },
    });
    // Its own policy, so that only the services that use the store reach it even with the
    // namespace policies switched off.
    networkPolicy(scope, `${d.store}-policy`, values, name, { matchLabels: selector }, {
      ingress: [ingressRule({ peers: users.map((u) => podPeer(values, u.name)), ports: [d.containerPort] })],
    });
  });
}
