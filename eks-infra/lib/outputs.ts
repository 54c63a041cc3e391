// Names shared by the infrastructure (which writes stack outputs) and the deploy tool (which
// reads them). Kept free of aws-cdk-lib so the deploy tool can import it cheaply.

export const STACK_PARTS = ['Network', 'Cluster', 'Data', 'Access', 'Monitoring'] as const;
export type StackPart = (typeof STACK_PARTS)[number];

export function stackName(env: string, part: StackPart): string {
  return `Medgrade-${env}-${part}`;
}

/** Services that talk to AWS (PostgreSQL, Redis, the JWT secret) and so get an IRSA role. */
export const AWS_SERVICES = ['gateway', 'rubric-store', 'worker'] as const;
export type AwsService = (typeof AWS_SERVICES)[number];

/** Only the gateway signs and verifies JWTs. */
export const JWT_READERS: readonly AwsService[] = ['gateway'];

/** Kubernetes service account of a medgrade service; the chart names them the same way. */
export function serviceAccountName(service: string): string {
  return `medgrade-${service}`;
}

export function pascal(name: string): string {
  return name.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

export const OUTPUT = {
  clusterName: 'ClusterName',
  oidcIssuer: 'OidcIssuer',
  namespace: 'Namespace',
  albGroupName: 'AlbGroupName',
  databaseHost: 'DatabaseHost',
  databasePort: 'DatabasePort',
  databaseName: 'DatabaseName',
  databaseIamUser: 'DatabaseIamUser',
  databaseAdminSecretArn: 'DatabaseAdminSecretArn',
  cacheHost: 'CacheHost',
  cachePort: 'CachePort',
  cacheReplicationGroupId: 'CacheReplicationGroupId',
  cacheIamUserId: 'CacheIamUserId',
  jwtSecretArn: 'JwtSecretArn',
  bucketName: 'BucketName',
  imageRegistry: 'ImageRegistry',
  imageRepository: 'ImageRepository',
  repositoryUri: 'RepositoryUri',
  vpcCidr: 'VpcCidr',
  certificateArn: 'CertificateArn',
  hostName: 'HostName',
  alarmTopicArn: 'AlarmTopicArn',
  region: 'Region',
} as const;

/** IRSA role ARN output of a service, e.g. RoleArnRubricStore. */
export function roleArnOutput(service: string): string {
  return `RoleArn${pascal(service)}`;
}

/** The chart runs every service from one image (per-service command), so one repository. */
export const IMAGE_REPOSITORY = 'medgrade';
