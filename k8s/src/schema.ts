// values.schema.json, written from code so that its field list, descriptions and the README
// values table come from one place. Helm validates values against it (JSON Schema draft-07)
// on install, upgrade, lint and template.
import { SERVICES } from '@medgrade/kit/catalog';
import { valuesKey } from './values';

export type JsonSchema = Record<string, unknown>;

const str = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'string', description, ...extra });
const int = (description: string, minimum: number, maximum?: number): JsonSchema =>
  ({ type: 'integer', description, minimum, ...(maximum === undefined ? {} : { maximum }) });
const bool = (description: string): JsonSchema => ({ type: 'boolean', description });
const oneOf = (description: string, values: string[]): JsonSchema => ({ type: 'string', description, enum: values });
const obj = (description: string, properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema => ({
  type: 'object', description, additionalProperties: false, required: Object.keys(properties), properties, ...extra,
});
/** Free-form Kubernetes objects handed to toYaml (nodeSelector, affinity, ...). */
const free = (type: 'object' | 'array', description: string): JsonSchema => ({ type, description });

const QUANTITY = '^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$';
const CIDR = '^$|^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$';
const DNS_LABEL_OR_EMPTY = '^$|^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$';
// Values the templates embed inside a quoted string (image references, URLs) must not break it.
const EMBEDDABLE = '^[^"\\\\\\s]*$';
const embeddable = (description: string, minLength = 1) => str(description, { pattern: EMBEDDABLE, minLength });
const quantity = (description: string) => str(description, { pattern: QUANTITY });
const cidr = (description: string) => str(description, { pattern: CIDR });

const secretRef = (what: string) => obj(`Kubernetes Secret holding ${what}; created by the operator or External Secrets, never by the chart`, {
  name: str('Secret name', { minLength: 1 }),
  key: str('Key inside the Secret', { minLength: 1 }),
});

const imageOverride = obj('Per-service image; empty fields fall back to the global image', {
  registry: embeddable('Registry override', 0),
  repository: embeddable('Repository override', 0),
  tag: embeddable('Tag override', 0),
});

const serviceSchema = (name: string, purpose: string): JsonSchema => obj(`${name}: ${purpose}`, {
  image: imageOverride,
  autoscaling: obj('HorizontalPodAutoscaler (autoscaling/v2); the Deployment sets no replicas', {
    minReplicas: int('Fewest pods', 1),
    maxReplicas: int('Most pods', 1),
    targetCPUUtilizationPercentage: int('Average CPU utilisation the HPA aims for', 1, 100),
  }),
  resources: obj('Container requests and limits (Node services need at least 128Mi)', {
    requests: obj('Requests', { cpu: quantity('CPU request'), memory: quantity('Memory request') }),
    limits: {
      ...obj('Limits (CPU limit optional: throttling hurts latency more than it saves)', {
        cpu: quantity('CPU limit'), memory: quantity('Memory limit'),
      }),
      required: ['memory'],
    },
  }),
  extraEnv: {
    type: 'array',
    description: 'Extra environment variables (Kubernetes EnvVar objects) appended to the container',
    // Typed here because Helm reads values as YAML 1.1: an unquoted `value: on` is a boolean.
    items: {
      type: 'object', additionalProperties: false, required: ['name'],
      properties: { name: { type: 'string', minLength: 1 }, value: { type: 'string' }, valueFrom: { type: 'object' } },
    },
  },
  nodeSelector: free('object', 'Pod nodeSelector'),
  tolerations: free('array', 'Pod tolerations'),
  affinity: free('object', 'Pod affinity'),
  irsaRoleArn: str('IAM role ARN for IRSA (eks.amazonaws.com/role-arn); empty = no AWS identity', { pattern: '^$|^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$' }),
});

const devDatabase = (what: string) => obj(`In-cluster ${what} StatefulSet for local clusters (off on EKS)`, {
  enabled: bool('Create it'),
  image: str('Official image, pinned by tag', { minLength: 1 }),
  storage: quantity('PersistentVolumeClaim size'),
});

export const VALUES_SCHEMA: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'medgrade chart values',
  ...obj('medgrade chart values', {
    image: obj('Global image: one image runs every service with a per-service command', {
      registry: embeddable('Registry host and path prefix (docker.io/library for local images)'),
      repository: embeddable('Repository'),
      tag: embeddable('Tag (or tag@digest)'),
      pullPolicy: oneOf('imagePullPolicy', ['Always', 'IfNotPresent', 'Never']),
    }),
    logLevel: oneOf('LOG_LEVEL of every service', ['trace', 'debug', 'info', 'warn', 'error', 'fatal']),
    shutdown: obj('Graceful shutdown: terminationGracePeriodSeconds must exceed preStopSeconds + graceMs', {
      preStopSeconds: int('preStop sleep so load balancers and kube-proxy stop sending traffic first', 0, 120),
      graceMs: int('SHUTDOWN_GRACE_MS: how long a service drains in-flight work after SIGTERM', 1000, 600000),
      terminationGracePeriodSeconds: int('Pod terminationGracePeriodSeconds', 1, 900),
    }),
    podDisruptionBudget: obj('PodDisruptionBudget of every service', { maxUnavailable: int('Pods that may be evicted at once', 1) }),
    otel: obj('OpenTelemetry trace export (standard OTEL_* variables)', {
      tracesExporter: oneOf('OTEL_TRACES_EXPORTER', ['none', 'otlp']),
      endpoint: embeddable('OTEL_EXPORTER_OTLP_ENDPOINT (empty when tracing is off)', 0),
      protocol: oneOf('OTEL_EXPORTER_OTLP_PROTOCOL', ['grpc', 'http/protobuf', 'http/json']),
      egressCidr: cidr('Where the collector lives, for the egress NetworkPolicy'),
      egressPort: int('Collector port, for the egress NetworkPolicy', 1, 65535),
    }),
    aws: obj('AWS settings', { region: embeddable('AWS_REGION (needed for IAM database and cache tokens)', 0) }),
    postgres: obj('PostgreSQL connection (RDS on EKS)', {
      host: embeddable('Host name'),
      port: int('Port', 1, 65535),
      database: embeddable('Database name'),
      user: embeddable('User'),
      auth: oneOf('DB_AUTH: password (from passwordSecret) or iam (RDS IAM tokens over IRSA)', ['password', 'iam']),
      ssl: bool('DB_SSL: connect with TLS'),
      passwordSecret: secretRef('the password (used when auth is password)'),
      egressCidr: cidr('Network of the database, for the egress NetworkPolicy'),
      inCluster: devDatabase('PostgreSQL'),
    }),
    redis: obj('Redis connection (ElastiCache on EKS)', {
      host: embeddable('Host name'),
      port: int('Port', 1, 65535),
      tls: bool('REDIS_TLS: connect with TLS (rediss://)'),
      auth: oneOf('REDIS_AUTH: none, password (from passwordSecret) or iam (ElastiCache IAM tokens)', ['none', 'password', 'iam']),
      user: embeddable('REDIS_USER (ACL user)', 0),
      replicationGroupId: embeddable('ElastiCache replication group (signed into IAM tokens)', 0),
      passwordSecret: secretRef('the password (used when auth is password)'),
      egressCidr: cidr('Network of the cache, for the egress NetworkPolicy'),
      inCluster: devDatabase('Redis'),
    }),
    jwt: obj('JWT signing key of the gateway (JWT_SECRET, HS256, at least 32 bytes)', { secret: secretRef('the signing key') }),
    bootstrapAdmin: obj('First-start administrator', {
      secretName: str('Optional Secret with keys email and password (BOOTSTRAP_ADMIN_EMAIL / _PASSWORD)', { minLength: 1 }),
    }),
    ingress: obj('The gateway Ingress', {
      enabled: bool('Create the Ingress'),
      className: str('ingressClassName: alb (AWS Load Balancer Controller) or nginx', { minLength: 1 }),
      host: str('Host rule; empty matches any host', { pattern: DNS_LABEL_OR_EMPTY }),
      scheme: oneOf('ALB scheme', ['internet-facing', 'internal']),
      certificateArn: str('ACM certificate ARN of the HTTPS listener (ALB)'),
      groupName: str('ALB IngressGroup name (several Ingresses share one ALB)'),
    }),
    networkPolicy: obj('NetworkPolicies: default deny, then only the calls in the service catalog', {
      enabled: bool('Create the NetworkPolicies'),
      ingressControllerNamespace: str('Namespace of the ingress controller allowed to reach the gateway', { minLength: 1 }),
      loadBalancerCidr: cidr('Source network of load balancer traffic to the gateway (ALB target-type ip: the VPC)'),
      prometheusNamespace: str('Namespace allowed to scrape the metrics ports; empty = none'),
      awsApiCidr: cidr('HTTPS egress for AWS APIs (STS) from services with an IRSA role; empty = none'),
    }),
    services: obj('Per-service settings', Object.fromEntries(SERVICES.map((s) => [valuesKey(s.name), serviceSchema(s.name, s.purpose)]))),
  }),
  // Values that must be set only in some modes (the ALB certificate, the IAM settings) are
  // checked where the templates use them, with Helm's `required` (see REQUIRED_ON_EKS).
  allOf: [
    {
      if: { properties: { redis: { properties: { inCluster: { properties: { enabled: { const: true } } } } } } },
      then: { properties: { redis: { properties: { auth: { const: 'none' } } } } },
    },
  ],
};

export interface ValuesRow { path: string; type: string; description: string }

/** Leaf fields of the schema in order, for the README table. */
export function schemaRows(schema: JsonSchema = VALUES_SCHEMA, prefix = ''): ValuesRow[] {
  const props = schema.properties as Record<string, JsonSchema> | undefined;
  if (schema.type !== 'object' || !props) {
    const enumValues = schema.enum as string[] | undefined;
    const type = enumValues ? enumValues.join(' \\| ') : String(schema.type);
    return [{ path: prefix, type, description: String(schema.description ?? '') }];
  }
  return Object.entries(props).flatMap(([k, child]) => schemaRows(child, prefix ? `${prefix}.${k}` : k));
}
