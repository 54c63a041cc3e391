import { CfnOutput, Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elasticache from 'aws-cdk-lib/aws-elasticache';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { EnvConfig } from './config';
import { OUTPUT } from './outputs';

export interface DataStackProps extends StackProps {
  config: EnvConfig;
  vpc: ec2.IVpc;
  /** The EKS cluster security group: managed nodes (and so pods) carry it. */
  nodeSecurityGroup: ec2.ISecurityGroup;
}

export const POSTGRES_PORT = 5432;
export const REDIS_PORT = 6379;

/**
 * Everything stateful: PostgreSQL and Redis (Valkey) in isolated subnets, reachable only from
 * the cluster's nodes and only with IAM tokens over TLS; the JWT signing key; the bucket for
 * exports and database dumps. One customer-managed key encrypts all of it.
 */
export class DataStack extends Stack {
  readonly key: kms.Key;
  readonly database: rds.DatabaseInstance;
  readonly cache: elasticache.CfnReplicationGroup;
  readonly cacheUser: elasticache.CfnUser;
  readonly jwtSecret: secretsmanager.Secret;
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    const retain = config.database.deletionProtection;
    this.key = new kms.Key(this, 'DataKey', {
      enableKeyRotation: true,
      description: `medgrade ${config.name} data at rest`,
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.database = this.createDatabase(props);
    ({ cache: this.cache, user: this.cacheUser } = this.createCache(props));
    this.jwtSecret = new secretsmanager.Secret(this, 'JwtSigningKey', {
      secretName: `medgrade/${config.name}/jwt-signing-key`,
      description: 'HMAC key the gateway signs and verifies access tokens with',
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    this.bucket = this.createBucket(config);

    new CfnOutput(this, OUTPUT.jwtSecretArn, { value: this.jwtSecret.secretArn });
    new CfnOutput(this, OUTPUT.bucketName, { value: this.bucket.bucketName });
  }

  private dataSecurityGroup(id: string, vpc: ec2.IVpc, nodes: ec2.ISecurityGroup, port: number, what: string) {
    const group = new ec2.SecurityGroup(this, id, {
      vpc,
      description: `${what}: reachable from the EKS nodes only`,
      allowAllOutbound: false,
    });
    group.addIngressRule(nodes, ec2.Port.tcp(port), `EKS nodes to ${what}`);
    return group;
  }

  private createDatabase({ config, vpc, nodeSecurityGroup }: DataStackProps): rds.DatabaseInstance {
    const db = config.database;
    const major = db.engineVersion.split('.')[0] ?? db.engineVersion;
    const engine = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.of(db.engineVersion, major) });
    const parameterGroup = new rds.ParameterGroup(this, 'PostgresParameters', {
      engine,
      description: 'medgrade: TLS only, slow statements logged',
      parameters: {
        'rds.force_ssl': '1',
        'ssl_min_protocol_version': 'TLSv1.2',
        'log_min_duration_statement': '1000',
        'idle_in_transaction_session_timeout': '60000',
      },
    });
    const database = new rds.DatabaseInstance(this, 'Postgres', {
      engine,
      parameterGroup,
      instanceType: new ec2.InstanceType(db.instanceClass.replace(/^db\./, '')),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [this.dataSecurityGroup('PostgresSecurityGroup', vpc, nodeSecurityGroup, POSTGRES_PORT, 'PostgreSQL')],
      port: POSTGRES_PORT,
      databaseName: db.databaseName,
      // The admin login exists only for the one-time rds_iam grant and emergencies; no pod gets it.
      credentials: rds.Credentials.fromGeneratedSecret('medgrade_admin', { encryptionKey: this.key }),
      iamAuthentication: true,
      storageEncrypted: true,
      storageEncryptionKey: this.key,
      storageType: rds.StorageType.GP3,
      allocatedStorage: db.allocatedStorageGiB,
      maxAllocatedStorage: db.maxAllocatedStorageGiB,
      multiAz: db.multiAz,
      backupRetention: Duration.days(db.backupRetentionDays),
      deletionProtection: db.deletionProtection,
      removalPolicy: db.deletionProtection ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      enablePerformanceInsights: db.performanceInsights,
      performanceInsightEncryptionKey: db.performanceInsights ? this.key : undefined,
      caCertificate: rds.CaCertificate.RDS_CA_RSA2048_G1,
      autoMinorVersionUpgrade: true,
      copyTagsToSnapshot: true,
      cloudwatchLogsExports: ['postgresql'],
      publiclyAccessible: false,
    });
    new CfnOutput(this, OUTPUT.databaseHost, { value: database.dbInstanceEndpointAddress });
    new CfnOutput(this, OUTPUT.databasePort, { value: database.dbInstanceEndpointPort });
    new CfnOutput(this, OUTPUT.databaseName, { value: db.databaseName });
    new CfnOutput(this, OUTPUT.databaseIamUser, { value: db.iamUser });
    new CfnOutput(this, OUTPUT.databaseAdminSecretArn, { value: database.secret?.secretArn ?? '' });
    return database;
  }

  private createCache({ config, vpc, nodeSecurityGroup }: DataStackProps) {
    const c = config.cache;
    const engine = 'valkey';
    const subnets = new elasticache.CfnSubnetGroup(this, 'CacheSubnets', {
      description: 'medgrade cache, isolated subnets',
      subnetIds: vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
    });
    const securityGroup = this.dataSecurityGroup('CacheSecurityGroup', vpc, nodeSecurityGroup, REDIS_PORT, 'Redis');
    // ElastiCache requires a user named "default" in every user group; this one can do nothing.
    const disabledDefault = new elasticache.CfnUser(this, 'CacheDefaultUser', {
      engine,
      userId: `medgrade-${config.name}-default-off`,
      userName: 'default',
      accessString: 'off -@all',
      authenticationMode: { Type: 'no-password-required' },
    });
    const user = new elasticache.CfnUser(this, 'CacheIamUser', {
      engine,
      userId: c.iamUserId,
      userName: c.iamUserId,
      // Everything the services use; only whole-database wipes are withheld.
      accessString: 'on ~* &* +@all -flushall -flushdb',
      authenticationMode: { Type: 'iam' },
    });
    const userGroup = new elasticache.CfnUserGroup(this, 'CacheUsers', {
      engine,
      userGroupId: `medgrade-${config.name}-users`,
      userIds: [disabledDefault.userId, user.userId],
    });
    userGroup.node.addDependency(disabledDefault, user);
    const cache = new elasticache.CfnReplicationGroup(this, 'Cache', {
      replicationGroupDescription: `medgrade ${config.name} cache and job queue`,
      replicationGroupId: `medgrade-${config.name}`,
      engine,
      engineVersion: c.engineVersion,
      cacheNodeType: c.nodeType,
      // Cluster mode disabled: one primary plus replicas, reached through the primary endpoint.
      numCacheClusters: 1 + c.replicas,
      multiAzEnabled: c.multiAz,
      automaticFailoverEnabled: c.multiAz,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      atRestEncryptionEnabled: true,
      kmsKeyId: this.key.keyArn,
      userGroupIds: [userGroup.userGroupId],
      cacheSubnetGroupName: subnets.ref,
      securityGroupIds: [securityGroup.securityGroupId],
      port: REDIS_PORT,
      snapshotRetentionLimit: c.snapshotRetentionDays,
      autoMinorVersionUpgrade: true,
    });
    cache.node.addDependency(userGroup);
    new CfnOutput(this, OUTPUT.cacheHost, { value: cache.attrPrimaryEndPointAddress });
    new CfnOutput(this, OUTPUT.cachePort, { value: cache.attrPrimaryEndPointPort });
    new CfnOutput(this, OUTPUT.cacheReplicationGroupId, { value: cache.ref });
    new CfnOutput(this, OUTPUT.cacheIamUserId, { value: c.iamUserId });
    return { cache, user };
  }

  private createBucket(config: EnvConfig): s3.Bucket {
    const { infrequentAccessDays, glacierDays, expireDays } = config.bucketTransitions;
    const retain = config.database.deletionProtection;
    return new s3.Bucket(this, 'Exports', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
      lifecycleRules: [{
        transitions: [
          { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(infrequentAccessDays) },
          { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(glacierDays) },
        ],
        expiration: Duration.days(expireDays),
        noncurrentVersionExpiration: Duration.days(30),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      }],
    });
  }
}
