// The typed configuration model: the only input of the manifests and the chart.
// Its shape is exactly the Helm chart's values; BASE is values.yaml, the kind and eks
// presets are overrides on top of it, and an operator's overrides go on top of those.
import { SERVICES } from '@medgrade/kit/catalog';
import { evaluate, type Condition, type RequiredValue } from './render';

export type Environment = 'kind' | 'eks';
export type Quantity = string;

export interface ImageRef {
  /** Registry host (and path prefix), e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com. */
  registry: string;
  repository: string;
  tag: string;
}

export interface ResourceValues {
  requests: { cpu: Quantity; memory: Quantity };
  limits: { memory: Quantity; cpu?: Quantity };
}

export interface EnvVarValue {
  name: string;
  value?: string;
  valueFrom?: Record<string, unknown>;
}

export interface ServiceValues {
  /** Empty fields fall back to the global image. */
  image: ImageRef;
  autoscaling: { minReplicas: number; maxReplicas: number; targetCPUUtilizationPercentage: number };
  resources: ResourceValues;
  extraEnv: EnvVarValue[];
  nodeSelector: Record<string, string>;
  tolerations: Record<string, unknown>[];
  affinity: Record<string, unknown>;
  /** IAM role for the service account (IRSA); empty = no AWS identity. */
  irsaRoleArn: string;
}

export interface SecretKeyRef { name: string; key: string }

export interface MedgradeValues {
  image: ImageRef & { pullPolicy: 'Always' | 'IfNotPresent' | 'Never' };
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  shutdown: { preStopSeconds: number; graceMs: number; terminationGracePeriodSeconds: number };
  podDisruptionBudget: { maxUnavailable: number };
  otel: {
    tracesExporter: 'none' | 'otlp';
    endpoint: string;
    protocol: 'grpc' | 'http/protobuf' | 'http/json';
    egressCidr: string;
    egressPort: number;
  };
  aws: { region: string };
  postgres: {
    host: string;
    port: number;
    database: string;
    user: string;
    auth: 'password' | 'iam';
    ssl: boolean;
    passwordSecret: SecretKeyRef;
    egressCidr: string;
    inCluster: { enabled: boolean; image: string; storage: Quantity };
  };
  redis: {
    host: string;
    port: number;
    tls: boolean;
    auth: 'none' | 'password' | 'iam';
    user: string;
    replicationGroupId: string;
    passwordSecret: SecretKeyRef;
    egressCidr: string;
    inCluster: { enabled: boolean; image: string; storage: Quantity };
  };
  jwt: { secret: SecretKeyRef };
  bootstrapAdmin: { secretName: string };
  ingress: {
    enabled: boolean;
    className: string;
    host: string;
    scheme: 'internet-facing' | 'internal';
    certificateArn: string;
    groupName: string;
  };
  networkPolicy: {
    enabled: boolean;
    ingressControllerNamespace: string;
    loadBalancerCidr: string;
    prometheusNamespace: string;
    awsApiCidr: string;
  };
  services: Record<string, ServiceValues>;
}

export type DeepPartial<T> = T extends (infer U)[] ? U[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

const mi = (n: number): Quantity => `${n}Mi`;

/** Key of a service under `services` in the values: camelCase, because Helm's template
 * field access (.Values.services.rubricStore) cannot name keys with hyphens. */
export function valuesKey(serviceName: string): string {
  return serviceName.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

function serviceDefaults(kind: string): ServiceValues {
  const heavy = kind === 'gateway' || kind === 'orchestrator';
  return {
    image: { registry: '', repository: '', tag: '' },
    autoscaling: { minReplicas: 2, maxReplicas: heavy ? 10 : 6, targetCPUUtilizationPercentage: 70 },
    resources: { requests: { cpu: heavy ? '250m' : '100m', memory: mi(heavy ? 256 : 192) }, limits: { memory: mi(heavy ? 512 : 384) } },
    extraEnv: [],
    nodeSelector: {},
    tolerations: [],
    affinity: {},
    irsaRoleArn: '',
  };
}

export const BASE: MedgradeValues = {
  image: { registry: 'docker.io/library', repository: 'medgrade', tag: '0.1.0', pullPolicy: 'IfNotPresent' },
  logLevel: 'info',
  shutdown: { preStopSeconds: 10, graceMs: 20000, terminationGracePeriodSeconds: 45 },
  podDisruptionBudget: { maxUnavailable: 1 },
  otel: { tracesExporter: 'none', endpoint: '', protocol: 'grpc', egressCidr: '0.0.0.0/0', egressPort: 4317 },
  aws: { region: '' },
  postgres: {
    host: 'postgres', port: 5432, database: 'medgrade', user: 'medgrade', auth: 'password', ssl: true,
    passwordSecret: { name: 'medgrade-postgres', key: 'password' }, egressCidr: '10.0.0.0/8',
    inCluster: { enabled: false, image: 'postgres:17.6-bookworm', storage: '1Gi' },
  },
  redis: {
    host: 'redis', port: 6379, tls: true, auth: 'password', user: 'default', replicationGroupId: '',
    passwordSecret: { name: 'medgrade-redis', key: 'password' }, egressCidr: '10.0.0.0/8',
    inCluster: { enabled: false, image: 'redis:7.4-bookworm', storage: '1Gi' },
  },
  jwt: { secret: { name: 'medgrade-jwt', key: 'jwt-secret' } },
  bootstrapAdmin: { secretName: 'medgrade-bootstrap-admin' },
  ingress: { enabled: false, className: 'alb', host: '', scheme: 'internet-facing', certificateArn: '', groupName: 'medgrade' },
  networkPolicy: {
    enabled: true, ingressControllerNamespace: 'ingress-nginx', loadBalancerCidr: '10.0.0.0/8', prometheusNamespace: 'monitoring',
    awsApiCidr: '0.0.0.0/0',
  },
  services: Object.fromEntries(SERVICES.map((s) => [valuesKey(s.name), serviceDefaults(s.name)])),
};

const small = (): DeepPartial<ServiceValues> => ({
  autoscaling: { minReplicas: 1, maxReplicas: 3 },
  resources: { requests: { cpu: '50m', memory: mi(128) }, limits: { memory: mi(256) } },
});

/** Environment presets: what differs from BASE on a laptop's kind cluster and on EKS. */
export const PRESETS: Record<Environment, DeepPartial<MedgradeValues>> = {
  kind: {
    image: { registry: 'docker.io/library', repository: 'medgrade', tag: 'dev', pullPolicy: 'IfNotPresent' },
    logLevel: 'debug',
    shutdown: { preStopSeconds: 2, graceMs: 10000, terminationGracePeriodSeconds: 20 },
    postgres: { host: 'medgrade-postgres', ssl: false, inCluster: { enabled: true } },
    redis: { host: 'medgrade-redis', tls: false, auth: 'none', inCluster: { enabled: true } },
    ingress: { enabled: true, className: 'nginx', host: '' },
    networkPolicy: { loadBalancerCidr: '172.16.0.0/12', awsApiCidr: '' },
    services: Object.fromEntries(SERVICES.map((s) => [valuesKey(s.name), small()])),
  },
  eks: {
    image: { registry: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', repository: 'medgrade', tag: '0.1.0' },
    otel: { tracesExporter: 'otlp', endpoint: 'http://otel-collector.observability.svc.cluster.local:4317' },
    aws: { region: 'eu-west-1' },
    postgres: { host: 'medgrade.cluster-example.eu-west-1.rds.amazonaws.com', auth: 'iam', user: 'medgrade_app' },
    redis: { host: 'master.medgrade.example.euw1.cache.amazonaws.com', auth: 'iam', user: 'medgrade-app', replicationGroupId: 'medgrade' },
    ingress: {
      enabled: true, className: 'alb', host: 'medgrade.example.org',
      certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
    },
    networkPolicy: { ingressControllerNamespace: 'kube-system' },
    services: Object.fromEntries(SERVICES.filter((s) => s.uses.length > 0).map((s) => [
      valuesKey(s.name), { irsaRoleArn: `arn:aws:iam::123456789012:role/medgrade-${s.name}` },
    ])),
  },
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Helm's merge rule: maps merge key by key, everything else (lists too) is replaced. */
export function deepMerge<T>(base: T, ...overrides: unknown[]): T {
  let out: unknown = structuredClone(base);
  for (const o of overrides) out = mergeTwo(out, o);
  return out as T;
}

function mergeTwo(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return structuredClone(override);
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(override)) out[k] = mergeTwo(base[k], v);
  return out;
}

/** Node services need at least this much memory (heap, gRPC buffers, OpenTelemetry). */
export const MIN_MEMORY_MI = 128;

const BINARY_SUFFIX: Record<string, number> = { Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1024 * 1024 };
const DECIMAL_SUFFIX: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** A Kubernetes memory quantity in MiB. */
export function mebibytes(quantity: Quantity): number {
  const m = /^(\d+(?:\.\d+)?)([KMGT]i|[kMGT])?$/.exec(quantity);
  if (!m) throw new Error(`unreadable memory quantity "${quantity}"`);
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in BINARY_SUFFIX) return n * BINARY_SUFFIX[suffix]!;
  return (n * (DECIMAL_SUFFIX[suffix] ?? 1)) / 1048576;
}

export const IAM_AUTH: Condition = { any: [{ path: 'postgres.auth', equals: 'iam' }, { path: 'redis.auth', equals: 'iam' }] };

/** Values an EKS install must set; the chart stops with these messages where they are used. */
export const REQUIRED_ON_EKS = {
  certificateArn: {
    path: 'ingress.certificateArn',
    message: 'ingress.certificateArn is required with the ALB Ingress: its HTTPS listener needs an ACM certificate',
  },
  replicationGroupId: {
    path: 'redis.replicationGroupId',
    message: 'redis.replicationGroupId is required when redis.auth is iam: ElastiCache IAM tokens are signed for the replication group',
  },
  region: {
    path: 'aws.region',
    message: 'aws.region is required when postgres.auth or redis.auth is iam: IAM tokens are signed for a region',
  },
} satisfies Record<string, RequiredValue>;

/** Cross-field rules the JSON schema cannot express; returns the problems found. */
export function semanticProblems(v: MedgradeValues): string[] {
  const problems: string[] = [];
  const drainMs = v.shutdown.preStopSeconds * 1000 + v.shutdown.graceMs;
  if (v.shutdown.terminationGracePeriodSeconds * 1000 <= drainMs) {
    problems.push(`shutdown.terminationGracePeriodSeconds (${v.shutdown.terminationGracePeriodSeconds}s) must exceed preStopSeconds + graceMs (${drainMs} ms)`);
  }
  for (const [name, s] of Object.entries(v.services)) {
    if (s.autoscaling.minReplicas > s.autoscaling.maxReplicas) {
      problems.push(`services.${name}.autoscaling: minReplicas exceeds maxReplicas`);
    }
    if (mebibytes(s.resources.requests.memory) < MIN_MEMORY_MI) {
      problems.push(`services.${name}.resources.requests.memory is below ${MIN_MEMORY_MI}Mi`);
    }
  }
  if (v.ingress.enabled && v.ingress.className === 'alb' && !v.ingress.certificateArn) problems.push(REQUIRED_ON_EKS.certificateArn.message);
  if (v.redis.inCluster.enabled && v.redis.auth !== 'none') problems.push('redis.auth must be none with the in-cluster dev Redis (it runs without a password)');
  if (v.redis.auth === 'iam' && !v.redis.replicationGroupId) problems.push(REQUIRED_ON_EKS.replicationGroupId.message);
  if (evaluate(v, IAM_AUTH) && !v.aws.region) problems.push(REQUIRED_ON_EKS.region.message);
  return problems;
}

/** The chart's ci/*.yaml values sets: each environment's preset, and a bare-bones install. */
export const CI_VALUES: Record<string, DeepPartial<MedgradeValues>> = {
  kind: PRESETS.kind,
  eks: PRESETS.eks,
  minimal: {
    redis: { auth: 'none', tls: false },
    networkPolicy: { enabled: false },
    services: Object.fromEntries(SERVICES.map((s) => [valuesKey(s.name), { autoscaling: { minReplicas: 1, maxReplicas: 1 } }])),
  },
};
