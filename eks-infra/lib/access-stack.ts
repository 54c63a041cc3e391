import { ArnFormat, CfnJson, CfnOutput, Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { EnvConfig } from './config';
import { DataStack } from './data-stack';
import {
  AWS_SERVICES, AwsService, IMAGE_REPOSITORY, JWT_READERS, OUTPUT, pascal, roleArnOutput, serviceAccountName,
} from './outputs';

export interface AccessStackProps extends StackProps {
  config: EnvConfig;
  cluster: eks.Cluster;
  data: DataStack;
}

/**
 * Who may do what: one IRSA role per service that talks to AWS, each assumable only by that
 * service's Kubernetes service account and allowed only its own database login, cache user
 * and (for the gateway) the JWT secret. Also the image repository the cluster pulls from.
 */
export class AccessStack extends Stack {
  readonly roles = new Map<AwsService, iam.Role>();

  constructor(scope: Construct, id: string, props: AccessStackProps) {
    super(scope, id, props);
    const { config } = props;
    for (const service of AWS_SERVICES) {
      const role = this.serviceRole(service, props);
      this.roles.set(service, role);
      new CfnOutput(this, roleArnOutput(service), { value: role.roleArn });
    }
    const repository = new ecr.Repository(this, 'Repository', {
      repositoryName: IMAGE_REPOSITORY,
      imageScanOnPush: true,
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      encryption: ecr.RepositoryEncryption.KMS,
      removalPolicy: config.database.deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      emptyOnDelete: !config.database.deletionProtection,
      lifecycleRules: [
        { description: 'drop untagged layers', tagStatus: ecr.TagStatus.UNTAGGED, maxImageAge: Duration.days(7) },
        { description: 'keep the newest images', tagStatus: ecr.TagStatus.ANY, maxImageCount: config.keepImages },
      ],
    });
    new CfnOutput(this, OUTPUT.repositoryUri, { value: repository.repositoryUri });
    new CfnOutput(this, OUTPUT.imageRepository, { value: IMAGE_REPOSITORY });
    new CfnOutput(this, OUTPUT.imageRegistry, { value: `${this.account}.dkr.ecr.${this.region}.amazonaws.com` });
    new CfnOutput(this, OUTPUT.namespace, { value: config.namespace });
    new CfnOutput(this, OUTPUT.albGroupName, { value: config.albGroupName });
    if (config.domain) {
      new CfnOutput(this, OUTPUT.hostName, { value: config.domain.hostName });
      new CfnOutput(this, OUTPUT.certificateArn, { value: config.domain.certificateArn });
    }
  }

  private serviceRole(service: AwsService, { config, cluster, data }: AccessStackProps): iam.Role {
    const provider = cluster.openIdConnectProvider;
    const issuer = provider.openIdConnectProviderIssuer;
    // The issuer is only known at deploy time, and IAM condition keys embed it: CfnJson
    // resolves the keys then.
    const conditions = new CfnJson(this, `${pascal(service)}TrustConditions`, {
      value: {
        [`${issuer}:sub`]: `system:serviceaccount:${config.namespace}:${serviceAccountName(service)}`,
        [`${issuer}:aud`]: 'sts.amazonaws.com',
      },
    });
    const role = new iam.Role(this, `${pascal(service)}Role`, {
      roleName: `medgrade-${config.name}-${service}`,
      description: `IRSA role of medgrade ${service} (${config.name})`,
      assumedBy: new iam.OpenIdConnectPrincipal(provider, { StringEquals: conditions }),
      maxSessionDuration: Duration.hours(1),
    });
    data.database.grantConnect(role, config.database.iamUser);
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'CacheIamLogin',
      actions: ['elasticache:Connect'],
      resources: [
        Stack.of(data).formatArn({ service: 'elasticache', resource: 'replicationgroup', resourceName: data.cache.ref, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
        data.cacheUser.attrArn,
      ],
    }));
    if (JWT_READERS.includes(service)) this.allowJwtSecret(role, data);
    return role;
  }

  private allowJwtSecret(role: iam.Role, data: DataStack): void {
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'ReadJwtSigningKey',
      actions: ['secretsmanager:GetSecretValue'],
      resources: [data.jwtSecret.secretArn],
    }));
    role.addToPolicy(new iam.PolicyStatement({
      sid: 'DecryptJwtSigningKey',
      actions: ['kms:Decrypt'],
      resources: [data.key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${this.region}.amazonaws.com` } },
    }));
  }
}
