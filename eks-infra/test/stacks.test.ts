import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SERVICES } from '../../services/kit/src/catalog';
import { addEnvironment, MedgradeStacks } from '../lib/app';
import { EnvConfig, envConfig, EnvName } from '../lib/config';
import { AWS_SERVICES, IMAGE_REPOSITORY, JWT_READERS, OUTPUT, roleArnOutput, serviceAccountName } from '../lib/outputs';

interface Synthesized {
  config: EnvConfig;
  stacks: MedgradeStacks;
  t: Record<keyof MedgradeStacks, Template>;
}

type CfnResource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };

const ALB = 'app/k8s-medgrade-0123456789/0123456789abcdef';
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000';

function addTestEnvironment(app: App, name: EnvName): { config: EnvConfig; stacks: MedgradeStacks } {
  const config = envConfig(name, {
    account: '123456789012',
    albFullName: ALB,
    domain: { hostName: `${name}.medgrade.example.org`, certificateArn: CERT },
    adminPrincipalArns: ['arn:aws:iam::123456789012:role/operators'],
  });
  return { config, stacks: addEnvironment(app, config) };
}

/** Call only once every stack of the app exists: the first template synthesizes the app. */
function templates(stacks: MedgradeStacks): Synthesized['t'] {
  return Object.fromEntries(
    Object.entries(stacks).map(([part, stack]) => [part, Template.fromStack(stack as Stack)]),
  ) as Synthesized['t'];
}

function resources(template: Template, type: string): [string, CfnResource][] {
  return Object.entries(template.findResources(type)) as [string, CfnResource][];
}

function only(template: Template, type: string): CfnResource {
  const found = resources(template, type);
  assert.equal(found.length, 1, `expected exactly one ${type}, found ${found.length}`);
  return found[0]![1];
}

function allOutputs(s: Synthesized): string[] {
  return Object.values(s.t).flatMap((template) => Object.keys(template.toJSON().Outputs ?? {}));
}

describe('eks-infra stacks', function () {
  const synthesized = new Map<EnvName, Synthesized>();
  let outdir = '';

  // Synthesis is slow (mostly the built-in CloudFormation schema validation, a fixed cost per
  // app): both environments go into one app, synthesized once, and every test reads it.
  // Validation findings of error severity fail the synthesis instead of becoming warnings.
  before(function () {
    this.timeout(180_000);
    outdir = mkdtempSync(path.join(tmpdir(), 'medgrade-cdk-'));
    const app = new App({ outdir, context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
    const added = (['dev', 'prod'] as const).map((name) => [name, addTestEnvironment(app, name)] as const);
    for (const [name, { config, stacks }] of added) synthesized.set(name, { config, stacks, t: templates(stacks) });
  });
  after(() => { if (outdir) rmSync(outdir, { recursive: true, force: true }); });

  const env = (name: EnvName) => synthesized.get(name)!;

  for (const name of ['dev', 'prod'] as const) {
    describe(name, () => {
      it('spreads the VPC over three AZs with private subnets and the ECR, S3, STS and Logs endpoints', () => {
        const { t, config } = env(name);
        const subnets = resources(t.network, 'AWS::EC2::Subnet');
        assert.equal(subnets.length, 9);
        const zones = new Set(subnets.map(([, s]) => s.Properties.AvailabilityZone));
        assert.equal(zones.size, 3);
        const privateSubnets = subnets.filter(([, s]) => s.Properties.MapPublicIpOnLaunch === false);
        assert.equal(privateSubnets.length, 6);
        t.network.resourceCountIs('AWS::EC2::NatGateway', config.natGateways);
        const interfaces = resources(t.network, 'AWS::EC2::VPCEndpoint').filter(([, e]) => e.Properties.VpcEndpointType === 'Interface');
        for (const [, endpoint] of interfaces) assert.equal((endpoint.Properties.SubnetIds as unknown[]).length, config.interfaceEndpointAzs);
        const endpoints = resources(t.network, 'AWS::EC2::VPCEndpoint').map(([, e]) => JSON.stringify(e.Properties.ServiceName));
        for (const service of ['ecr.api', 'ecr.dkr', 'sts', 'logs', '.s3']) {
          assert.ok(endpoints.some((e) => e.includes(service)), `missing VPC endpoint ${service}`);
        }
      });

      it('runs a supported EKS version with all control-plane logs, encrypted secrets and a restricted API', () => {
        const { t, config } = env(name);
        const cluster = only(t.cluster, 'AWS::EKS::Cluster').Properties as any;
        assert.equal(cluster.Version, config.kubernetesVersion);
        assert.ok(Number(config.kubernetesVersion.split('.')[1]) >= 33, 'Kubernetes version out of EKS support');
        assert.deepEqual(cluster.Logging.ClusterLogging.EnabledTypes.map((x: { Type: string }) => x.Type).sort(),
          ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
        assert.ok(cluster.EncryptionConfig[0].Provider.KeyArn, 'secrets envelope encryption');
        assert.equal(cluster.ResourcesVpcConfig.EndpointPrivateAccess, true);
        assert.deepEqual(cluster.ResourcesVpcConfig.PublicAccessCidrs, config.apiAllowedCidrs);
        if (name === 'prod') assert.ok(!config.apiAllowedCidrs.includes('0.0.0.0/0'), 'prod API open to the world');
      });

      it('has a managed node group sized from config, metrics-server, the ALB controller with its own IRSA, and OIDC', () => {
        const { t, config } = env(name);
        t.cluster.hasResourceProperties('AWS::EKS::Nodegroup', {
          ScalingConfig: { MinSize: config.nodes.minSize, MaxSize: config.nodes.maxSize, DesiredSize: config.nodes.desiredSize },
          InstanceTypes: config.nodes.instanceTypes,
          AmiType: 'AL2023_ARM_64_STANDARD',
        });
        t.cluster.hasResourceProperties('AWS::EKS::Addon', { AddonName: 'metrics-server' });
        t.cluster.hasResourceProperties('Custom::AWSCDK-EKS-HelmChart', { Chart: 'aws-load-balancer-controller', Namespace: 'kube-system' });
        const albRole = resources(t.cluster, 'AWS::IAM::Role').find(([id]) => id.includes('AlbController'));
        assert.ok(albRole, 'ALB controller IRSA role');
        assert.match(JSON.stringify(albRole[1].Properties.AssumeRolePolicyDocument), /AssumeRoleWithWebIdentity/);
        t.cluster.resourceCountIs('AWS::IAM::OIDCProvider', 1);
        t.cluster.resourceCountIs('Custom::AWSCDKOpenIdConnectProvider', 0);
        t.cluster.resourceCountIs('AWS::EKS::AccessEntry', 2);
      });

      it('encrypts PostgreSQL with the CMK, requires IAM auth and TLS, keeps backups', () => {
        const { t, config } = env(name);
        const db = only(t.data, 'AWS::RDS::DBInstance');
        const p = db.Properties as any;
        assert.equal(p.StorageEncrypted, true);
        assert.deepEqual(p.KmsKeyId, { 'Fn::GetAtt': [dataKeyId(t.data), 'Arn'] });
        assert.equal(p.EnableIAMDatabaseAuthentication, true);
        assert.equal(p.PubliclyAccessible, false);
        assert.equal(p.BackupRetentionPeriod, config.database.backupRetentionDays);
        assert.equal(p.MultiAZ, name === 'prod');
        assert.equal(p.DeletionProtection, name === 'prod');
        assert.equal(p.EnablePerformanceInsights, name === 'prod');
        assert.equal(db.DeletionPolicy, name === 'prod' ? 'Snapshot' : 'Delete');
        t.data.hasResourceProperties('AWS::RDS::DBParameterGroup', {
          Family: 'postgres17', Parameters: Match.objectLike({ 'rds.force_ssl': '1' }),
        });
      });

      it('runs Valkey with TLS, at-rest CMK encryption, an IAM-auth user, and failover only in prod', () => {
        const { t, config } = env(name);
        const rg = only(t.data, 'AWS::ElastiCache::ReplicationGroup').Properties as any;
        assert.equal(rg.TransitEncryptionEnabled, true);
        assert.equal(rg.TransitEncryptionMode, 'required');
        assert.equal(rg.AtRestEncryptionEnabled, true);
        assert.deepEqual(rg.KmsKeyId, { 'Fn::GetAtt': [dataKeyId(t.data), 'Arn'] });
        assert.equal(rg.MultiAZEnabled, name === 'prod');
        assert.equal(rg.AutomaticFailoverEnabled, name === 'prod');
        assert.equal(rg.NumCacheClusters, 1 + config.cache.replicas);
        assert.equal(rg.NumNodeGroups, undefined, 'cluster mode disabled: the primary endpoint exists');
        assert.ok(String(rg.EngineVersion).localeCompare('7', undefined, { numeric: true }) >= 0);
        t.data.hasResourceProperties('AWS::ElastiCache::User', {
          UserId: config.cache.iamUserId, UserName: config.cache.iamUserId, AuthenticationMode: { Type: 'iam' },
        });
        t.data.hasResourceProperties('AWS::ElastiCache::User', { UserName: 'default', AccessString: Match.stringLikeRegexp('^off ') });
        assert.equal(rg.UserGroupIds.length, 1);
      });

      it('lets only the cluster nodes reach 5432 and 6379, never 0.0.0.0/0', () => {
        const { t } = env(name);
        const ingress = resources(t.data, 'AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties);
        const inline = resources(t.data, 'AWS::EC2::SecurityGroup').flatMap(([, r]) => (r.Properties.SecurityGroupIngress as object[]) ?? []);
        assert.deepEqual(inline, []);
        assert.deepEqual(ingress.map((r) => r.FromPort).sort(), [5432, 6379]);
        for (const rule of ingress) {
          assert.equal(rule.CidrIp, undefined);
          assert.equal(rule.CidrIpv6, undefined);
          assert.equal(rule.FromPort, rule.ToPort);
          assert.match(JSON.stringify(rule.SourceSecurityGroupId), /ClusterSecurityGroupId/);
        }
      });

      it('pins each IRSA role to its service account subject and the sts audience', () => {
        const { t, config } = env(name);
        for (const service of AWS_SERVICES) {
          const [, conditions] = resources(t.access, 'Custom::AWSCDKCfnJson').find(([id]) => id.startsWith(pascalId(service)))!;
          const value = JSON.stringify(conditions.Properties.Value);
          assert.ok(value.includes(`:sub\\":\\"system:serviceaccount:${config.namespace}:${serviceAccountName(service)}\\"`), value);
          assert.ok(value.includes(':aud\\":\\"sts.amazonaws.com\\"'), value);
          const [roleId, role] = resources(t.access, 'AWS::IAM::Role').find(([id]) => id.startsWith(`${pascalId(service)}Role`))!;
          const trust = (role.Properties.AssumeRolePolicyDocument as any).Statement;
          assert.equal(trust.length, 1);
          assert.equal(trust[0].Action, 'sts:AssumeRoleWithWebIdentity');
          assert.ok(trust[0].Principal.Federated, 'federated principal');
          assert.ok(trust[0].Condition.StringEquals['Fn::GetAtt'][0].startsWith(pascalId(service)));
          assert.ok(roleId);
        }
      });

      it('grants least privilege: one DB user, one cache user and group, the JWT secret for the gateway only', () => {
        const { t, config } = env(name);
        for (const service of AWS_SERVICES) {
          const statements = policyStatements(t.access, service);
          const actions = statements.flatMap((s) => [s.Action].flat()).sort();
          const expected = ['elasticache:Connect', 'rds-db:connect'];
          if (JWT_READERS.includes(service)) expected.push('kms:Decrypt', 'secretsmanager:GetSecretValue');
          assert.deepEqual(actions, expected.sort(), service);
          for (const statement of statements) assert.notEqual(statement.Resource, '*', `${service} ${statement.Action}`);
          const rds = statements.find((s) => s.Action === 'rds-db:connect')!;
          assert.match(JSON.stringify(rds.Resource), new RegExp(`dbuser:.*DbiResourceId.*/${config.database.iamUser}"`));
          const cache = statements.find((s) => s.Action === 'elasticache:Connect')!;
          assert.equal((cache.Resource as unknown[]).length, 2);
          assert.match(JSON.stringify(cache.Resource), /replicationgroup:/);
          const secret = statements.find((s) => s.Action === 'secretsmanager:GetSecretValue');
          if (secret) assert.match(JSON.stringify(secret.Resource), /JwtSigningKey/);
        }
      });

      it('encrypts the JWT secret with the CMK', () => {
        const { t } = env(name);
        t.data.hasResourceProperties('AWS::SecretsManager::Secret', {
          Name: `medgrade/${name}/jwt-signing-key`, KmsKeyId: { 'Fn::GetAtt': [dataKeyId(t.data), 'Arn'] },
        });
      });

      it('has an immutable, scanned ECR repository for the one image, with a lifecycle policy', () => {
        const { t } = env(name);
        const p = only(t.access, 'AWS::ECR::Repository').Properties as any;
        assert.equal(p.RepositoryName, IMAGE_REPOSITORY);
        assert.equal(p.ImageTagMutability, 'IMMUTABLE');
        assert.equal(p.ImageScanningConfiguration.ScanOnPush, true);
        const rules = JSON.parse(p.LifecyclePolicy.LifecyclePolicyText).rules;
        assert.deepEqual(rules.map((r: any) => r.selection.tagStatus).sort(), ['any', 'untagged']);
      });

      it('keeps exports in an encrypted, versioned, private bucket that tiers down', () => {
        const { t } = env(name);
        const p = only(t.data, 'AWS::S3::Bucket').Properties as any;
        assert.equal(p.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm, 'aws:kms');
        assert.equal(p.VersioningConfiguration.Status, 'Enabled');
        assert.deepEqual(p.PublicAccessBlockConfiguration,
          { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
        const classes = p.LifecycleConfiguration.Rules[0].Transitions.map((x: { StorageClass: string }) => x.StorageClass);
        assert.deepEqual(classes, ['STANDARD_IA', 'GLACIER']);
      });

      it('alarms to the SNS email on ALB 5xx share, p95, RDS CPU and storage, cache memory and evictions', () => {
        const { t, config } = env(name);
        t.monitoring.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: config.alertEmail });
        const alarms = resources(t.monitoring, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as any);
        const byMetric = (metric: string) => alarms.filter((a) => a.MetricName === metric);
        assert.equal(byMetric('CPUUtilization')[0].Threshold, 80);
        assert.equal(byMetric('FreeStorageSpace')[0].ComparisonOperator, 'LessThanThreshold');
        assert.equal(byMetric('TargetResponseTime')[0].ExtendedStatistic, 'p95');
        assert.equal(byMetric('TargetResponseTime')[0].Threshold, 5);
        const share = alarms.find((a) => a.Metrics?.some((m: { Expression?: string }) => m.Expression?.includes('elb5xx')));
        assert.equal(share.Threshold, 5);
        assert.match(JSON.stringify(share.Metrics), new RegExp(ALB));
        const nodes = 1 + config.cache.replicas;
        assert.equal(byMetric('DatabaseMemoryUsagePercentage').length, nodes);
        assert.equal(byMetric('Evictions').length, nodes);
        for (const alarm of alarms) assert.equal(alarm.AlarmActions.length, 1);
      });

      it('has a monthly budget alerting at 80% actual and 100% forecast', () => {
        const { t, config } = env(name);
        const p = only(t.monitoring, 'AWS::Budgets::Budget').Properties as any;
        assert.equal(p.Budget.BudgetLimit.Amount, config.monthlyBudgetUsd);
        const notes = p.NotificationsWithSubscribers.map((n: any) => `${n.Notification.NotificationType}:${n.Notification.Threshold}`);
        assert.deepEqual(notes.sort(), ['ACTUAL:80', 'FORECASTED:100']);
      });

      it('outputs everything the application deploy needs', () => {
        const s = env(name);
        const outputs = allOutputs(s);
        const expected = [...Object.values(OUTPUT), ...AWS_SERVICES.map(roleArnOutput)];
        for (const key of expected) assert.ok(outputs.includes(key), `missing output ${key}`);
      });

      it(`${name === 'prod' ? 'protects' : 'does not protect'} stacks against termination`, () => {
        for (const stack of Object.values(env(name).stacks)) assert.equal(stack.terminationProtection, name === 'prod');
      });
    });
  }

  it('passes CloudFormation schema validation with no errors', () => {
    const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
    const violations = report.pluginReports.flatMap((r: { violations: { severity: string; ruleName: string }[] }) => r.violations);
    assert.deepEqual(violations.filter((v: { severity: string }) => v.severity !== 'warning'), []);
    assert.ok(report.pluginReports.every((r: { conclusion: string }) => r.conclusion === 'success'));
  });

  it('gives an IRSA role to exactly the catalog services that use PostgreSQL or Redis', () => {
    const users = SERVICES.filter((service) => service.uses.length > 0).map((service) => service.name);
    assert.deepEqual([...AWS_SERVICES].sort(), users.sort());
  });

  it('rejects an invalid environment', () => {
    assert.throws(() => envConfig('staging'), /unknown environment/);
    assert.throws(() => envConfig('dev', { account: '12' }), /12-digit/);
    assert.throws(() => envConfig('dev', { alertEmail: 'nobody' }), /email/);
  });
});

function pascalId(service: string): string {
  return service.split('-').map((p) => p[0]!.toUpperCase() + p.slice(1)).join('');
}

function dataKeyId(template: Template): string {
  const keys = Object.keys(template.findResources('AWS::KMS::Key'));
  assert.equal(keys.length, 1);
  return keys[0]!;
}

function policyStatements(template: Template, service: string): { Action: string | string[]; Resource: unknown }[] {
  return resources(template, 'AWS::IAM::Policy')
    .filter(([id]) => id.startsWith(`${pascalId(service)}Role`))
    .flatMap(([, policy]) => (policy.Properties.PolicyDocument as any).Statement);
}
