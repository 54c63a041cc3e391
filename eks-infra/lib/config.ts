// The one typed description of an environment. Every stack reads it and nothing else, so
// the difference between a cost-lean dev and a resilient prod lives in this file only.

export type EnvName = 'dev' | 'prod';

export interface NodeGroupConfig {
  /** Graviton (arm64) instance types; the managed node group picks among them. */
  instanceTypes: string[];
  minSize: number;
  desiredSize: number;
  maxSize: number;
  diskGiB: number;
}

export interface DatabaseConfig {
  /** PostgreSQL major.minor as RDS names it. */
  engineVersion: string;
  instanceClass: string;
  allocatedStorageGiB: number;
  maxAllocatedStorageGiB: number;
  multiAz: boolean;
  backupRetentionDays: number;
  deletionProtection: boolean;
  performanceInsights: boolean;
  databaseName: string;
  /** The login the services use; granted the rds_iam role by the one-time step in docs/aws.md. */
  iamUser: string;
  /** Alarm when free storage falls below this. */
  freeStorageAlarmGiB: number;
}

export interface CacheConfig {
  engineVersion: string;
  nodeType: string;
  /** Read replicas per shard; at least 1 is needed for automatic failover. */
  replicas: number;
  multiAz: boolean;
  snapshotRetentionDays: number;
  /** ElastiCache IAM auth requires user id and user name to be the same lowercase string. */
  iamUserId: string;
}

export interface DomainConfig {
  /** Host name operators point at the ALB (Route 53 or elsewhere). */
  hostName: string;
  /** ACM certificate in the same region, used by the ALB's HTTPS listener. */
  certificateArn: string;
}

export interface EnvConfig {
  name: EnvName;
  account: string;
  region: string;
  vpcCidr: string;
  /** NAT gateways: one in dev (cheap, single point of failure for egress), one per AZ in prod. */
  natGateways: number;
  /** AZs that get an ENI per interface endpoint: 1 in dev (an AZ outage only slows pulls via NAT), 3 in prod. */
  interfaceEndpointAzs: number;
  /** CIDRs allowed to reach the public Kubernetes API endpoint (the operator's network). */
  apiAllowedCidrs: string[];
  kubernetesVersion: string;
  nodes: NodeGroupConfig;
  database: DatabaseConfig;
  cache: CacheConfig;
  /** IAM roles/users granted cluster admin through EKS access entries (operators, CI). */
  adminPrincipalArns: string[];
  /** Kubernetes namespace the Helm release goes to; IRSA trust is pinned to it. */
  namespace: string;
  /** ALB controller Ingress group that the gateway's Ingress joins. */
  albGroupName: string;
  /** ALB full name (app/<name>/<id>) once the first app deploy created it; enables ALB alarms. */
  albFullName?: string;
  domain?: DomainConfig;
  alertEmail: string;
  monthlyBudgetUsd: number;
  /** ECR lifecycle: untagged and old images beyond this count are expired. */
  keepImages: number;
  /** Days of exports and dumps in S3 Standard before moving to Infrequent Access / Glacier. */
  bucketTransitions: { infrequentAccessDays: number; glacierDays: number; expireDays: number };
}

const PLACEHOLDER_ACCOUNT = '111111111111';

const dev: EnvConfig = {
  name: 'dev',
  account: PLACEHOLDER_ACCOUNT,
  region: 'us-east-1',
  vpcCidr: '10.40.0.0/16',
  natGateways: 1,
  interfaceEndpointAzs: 1,
  apiAllowedCidrs: ['0.0.0.0/0'],
  kubernetesVersion: '1.35',
  nodes: { instanceTypes: ['t4g.large'], minSize: 2, desiredSize: 2, maxSize: 4, diskGiB: 30 },
  database: {
    engineVersion: '17.6', instanceClass: 'db.t4g.micro', allocatedStorageGiB: 20, maxAllocatedStorageGiB: 50,
    multiAz: false, backupRetentionDays: 1, deletionProtection: false, performanceInsights: false,
    databaseName: 'medgrade', iamUser: 'medgrade_app', freeStorageAlarmGiB: 4,
  },
  cache: {
    engineVersion: '8.0', nodeType: 'cache.t4g.micro', replicas: 0, multiAz: false,
    snapshotRetentionDays: 0, iamUserId: 'medgrade-dev-app',
  },
  adminPrincipalArns: [],
  namespace: 'medgrade',
  albGroupName: 'medgrade',
  alertEmail: 'ops@example.org',
  monthlyBudgetUsd: 400,
  keepImages: 10,
  bucketTransitions: { infrequentAccessDays: 30, glacierDays: 90, expireDays: 180 },
};

const prod: EnvConfig = {
  ...dev,
  name: 'prod',
  vpcCidr: '10.50.0.0/16',
  natGateways: 3,
  interfaceEndpointAzs: 3,
  apiAllowedCidrs: ['203.0.113.0/24'],
  nodes: { instanceTypes: ['m7g.large'], minSize: 3, desiredSize: 3, maxSize: 9, diskGiB: 50 },
  database: {
    ...dev.database, instanceClass: 'db.m7g.large', allocatedStorageGiB: 100, maxAllocatedStorageGiB: 500,
    multiAz: true, backupRetentionDays: 30, deletionProtection: true, performanceInsights: true,
    freeStorageAlarmGiB: 20,
  },
  cache: {
    ...dev.cache, nodeType: 'cache.m7g.large', replicas: 2, multiAz: true, snapshotRetentionDays: 7,
    iamUserId: 'medgrade-prod-app',
  },
  monthlyBudgetUsd: 1500,
  keepImages: 30,
  bucketTransitions: { infrequentAccessDays: 30, glacierDays: 90, expireDays: 730 },
};

export const ENVIRONMENTS: Readonly<Record<EnvName, EnvConfig>> = { dev, prod };

/** Operator-specific values that must not live in the repository (account, email, certificate...). */
export type EnvOverrides = Partial<Pick<EnvConfig,
  'account' | 'region' | 'alertEmail' | 'monthlyBudgetUsd' | 'apiAllowedCidrs' | 'adminPrincipalArns' | 'albFullName' | 'domain'>>;

export function isEnvName(value: string): value is EnvName {
  return value === 'dev' || value === 'prod';
}

export function envConfig(name: string, overrides: EnvOverrides = {}): EnvConfig {
  if (!isEnvName(name)) throw new Error(`unknown environment "${name}" (expected dev or prod)`);
  const config: EnvConfig = { ...ENVIRONMENTS[name], ...dropUndefined(overrides) };
  validate(config);
  return config;
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function validate(config: EnvConfig): void {
  const problems: string[] = [];
  if (!/^\d{12}$/.test(config.account)) problems.push(`account "${config.account}" is not a 12-digit AWS account id`);
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(config.region)) problems.push(`region "${config.region}" is not an AWS region`);
  const { minSize, desiredSize, maxSize } = config.nodes;
  if (!(minSize <= desiredSize && desiredSize <= maxSize)) problems.push('nodes need minSize <= desiredSize <= maxSize');
  if (config.interfaceEndpointAzs < 1 || config.interfaceEndpointAzs > 3) problems.push('interfaceEndpointAzs must be 1 to 3');
  if (config.cache.multiAz && config.cache.replicas < 1) problems.push('a multi-AZ cache needs at least one replica');
  if (config.cache.iamUserId !== config.cache.iamUserId.toLowerCase()) problems.push('cache iamUserId must be lowercase');
  if (config.domain && !config.domain.certificateArn.startsWith('arn:')) problems.push('domain.certificateArn is not an ARN');
  if (!config.alertEmail.includes('@')) problems.push(`alertEmail "${config.alertEmail}" is not an email address`);
  if (problems.length > 0) throw new Error(`invalid ${config.name} environment: ${problems.join('; ')}`);
}
