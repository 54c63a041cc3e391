// medgrade's application deploy to EKS:
//   node --import tsx scripts/src/deploy/main.ts deploy   --env dev --tag 2026.11.22-abc123
//   node --import tsx scripts/src/deploy/main.ts rollback --env dev [--revision 3]
//   node --import tsx scripts/src/deploy/main.ts init-db  --env dev   (once per database)
// Needs AWS credentials (any SDK source), the region (--region or AWS_REGION) and Helm 4.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { EKSClient } from '@aws-sdk/client-eks';
import { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AwsCredentials } from '@medgrade/kit/aws/presign';
import { OUTPUT } from '../../../eks-infra/lib/outputs';
import { ClusterAccess, describeActiveCluster, kubeconfig } from './cluster';
import { eksToken } from './eks-token';
import { DeployError } from './errors';
import { helmOutput, helmRollbackArgs, helmUpgradeArgs, requireHelm4, runHelm } from './helm';
import { runInitDatabase } from './init-db';
import { applySecret, ensureNamespace, ingressHostname, kubeApi } from './kube-api';
import { smokeCheck } from './smoke';
import { readStackOutputs, requireOutput, StackOutputs } from './stack-outputs';
import { buildValues, CHART_DIR, JWT_SECRET, validateValues, valuesFile } from './values';

const GATEWAY_INGRESS = 'medgrade-gateway';

interface Session {
  env: string;
  region: string;
  release: string;
  credentials: () => Promise<AwsCredentials>;
  outputs: StackOutputs;
  cluster: ClusterAccess;
  workDir: string;
  kubeconfigPath: string;
}

async function loadCredentials(): Promise<() => Promise<AwsCredentials>> {
  const provider = fromNodeProviderChain();
  try {
    await provider();
  } catch (error) {
    throw new DeployError(`no AWS credentials found (${(error as Error).message}): set AWS_PROFILE, run aws sso login, or export AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY`);
  }
  return provider;
}

async function openSession(env: string, regionFlag: string | undefined, release: string): Promise<Session> {
  const region = regionFlag ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) throw new DeployError('no AWS region: pass --region or set AWS_REGION');
  const credentials = await loadCredentials();
  const outputs = await readStackOutputs(new CloudFormationClient({ region, credentials }), env);
  const cluster = await describeActiveCluster(new EKSClient({ region, credentials }), requireOutput(outputs, OUTPUT.clusterName));
  const token = await eksToken({ clusterName: cluster.name, region, credentials });
  const workDir = mkdtempSync(path.join(tmpdir(), 'medgrade-deploy-'));
  const kubeconfigPath = path.join(workDir, 'kubeconfig');
  writeFileSync(kubeconfigPath, kubeconfig(cluster, token), { mode: 0o600 });
  return { env, region, release, credentials, outputs, cluster, workDir, kubeconfigPath };
}

/** A Kubernetes API client with a token signed now: helm may have used up most of the first one. */
async function clusterApi(session: Session) {
  return kubeApi(session.cluster, await eksToken({ clusterName: session.cluster.name, region: session.region, credentials: session.credentials }));
}

async function secretString(session: Session, outputKey: string): Promise<string> {
  const secrets = new SecretsManagerClient({ region: session.region, credentials: session.credentials });
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: requireOutput(session.outputs, outputKey) }));
  if (!SecretString) throw new DeployError(`the secret behind output ${outputKey} is empty`);
  return SecretString;
}

async function copyJwtSecret(session: Session, namespace: string): Promise<void> {
  const signingKey = await secretString(session, OUTPUT.jwtSecretArn);
  const api = await clusterApi(session);
  await ensureNamespace(api, namespace);
  await applySecret(api, namespace, JWT_SECRET.name, { [JWT_SECRET.key]: signingKey });
}

async function publicBaseUrl(session: Session, namespace: string): Promise<{ url: string; albHost?: string }> {
  const api = await clusterApi(session);
  let albHost: string | undefined;
  for (let attempt = 0; attempt < 30 && !albHost; attempt++) {
    albHost = await ingressHostname(api, namespace, GATEWAY_INGRESS);
    if (!albHost) await new Promise((resolve) => setTimeout(resolve, 10_000));
  }
  const hostName = session.outputs[OUTPUT.hostName];
  if (hostName) return { url: `https://${hostName}`, albHost };
  if (!albHost) throw new DeployError(`Ingress ${GATEWAY_INGRESS} got no load balancer address; check the AWS Load Balancer Controller logs`);
  return { url: `http://${albHost}`, albHost };
}

async function printAlbAlarmHint(session: Session, albHost: string): Promise<void> {
  const elb = new ElasticLoadBalancingV2Client({ region: session.region, credentials: session.credentials });
  for await (const page of paginate(elb)) {
    const match = page.find((lb) => lb.DNSName === albHost);
    if (match?.LoadBalancerArn) {
      const fullName = match.LoadBalancerArn.split(':loadbalancer/')[1];
      console.log(`ALB alarms: redeploy the infrastructure with -c albFullName=${fullName} (once per ALB)`);
      return;
    }
  }
}

async function* paginate(elb: ElasticLoadBalancingV2Client) {
  let Marker: string | undefined;
  do {
    const page = await elb.send(new DescribeLoadBalancersCommand({ Marker }));
    yield page.LoadBalancers ?? [];
    Marker = page.NextMarker;
  } while (Marker);
}

async function deploy(session: Session, tag: string, skipSmoke: boolean): Promise<void> {
  const namespace = requireOutput(session.outputs, OUTPUT.namespace);
  const valuesPath = path.join(session.workDir, `values-${session.env}.yaml`);
  writeFileSync(valuesPath, valuesFile(buildValues(session.outputs, tag)));
  await validateValues(valuesPath, { ...session, namespace });
  await copyJwtSecret(session, namespace);
  await runHelm(helmUpgradeArgs({ release: session.release, chartDir: CHART_DIR, namespace, valuesPath }), session);
  if (skipSmoke) return;
  const { url, albHost } = await publicBaseUrl(session, namespace);
  await smokeCheck({ baseUrl: url });
  if (albHost) await printAlbAlarmHint(session, albHost);
}

async function initDatabase(session: Session): Promise<void> {
  const admin = JSON.parse(await secretString(session, OUTPUT.databaseAdminSecretArn)) as { username?: string; password?: string };
  if (!admin.username || !admin.password) throw new DeployError('the database admin secret lacks username or password');
  await runInitDatabase(await clusterApi(session), {
    host: requireOutput(session.outputs, OUTPUT.databaseHost),
    port: Number(requireOutput(session.outputs, OUTPUT.databasePort)),
    database: requireOutput(session.outputs, OUTPUT.databaseName),
    adminUser: admin.username,
    iamUser: requireOutput(session.outputs, OUTPUT.databaseIamUser),
  }, admin.password);
  console.log('database login ready for IAM authentication');
}

export async function main(argv: string[]): Promise<void> {
  const { positionals, values: flags } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      env: { type: 'string' },
      region: { type: 'string' },
      tag: { type: 'string' },
      release: { type: 'string', default: 'medgrade' },
      revision: { type: 'string' },
      'skip-smoke': { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  if (command !== 'deploy' && command !== 'rollback' && command !== 'init-db') {
    throw new DeployError('usage: main.ts deploy --env <dev|prod> --tag <image tag> | rollback --env <dev|prod> [--revision N] | init-db --env <dev|prod>');
  }
  if (flags.env !== 'dev' && flags.env !== 'prod') throw new DeployError('--env must be dev or prod');
  const tag = flags.tag ?? process.env.IMAGE_TAG;
  if (command === 'deploy' && !tag) throw new DeployError('--tag (or IMAGE_TAG) is required: image tags are immutable, name the one to run');
  if (command !== 'init-db') requireHelm4(await helmOutput(['version', '--short'], { kubeconfigPath: '/dev/null' }));

  const session = await openSession(flags.env, flags.region, flags.release!);
  try {
    if (command === 'deploy') {
      await deploy(session, tag!, flags['skip-smoke']!);
    } else if (command === 'init-db') {
      await initDatabase(session);
    } else {
      const revision = flags.revision === undefined ? undefined : Number(flags.revision);
      if (revision !== undefined && !(Number.isInteger(revision) && revision > 0)) throw new DeployError('--revision must be a positive integer');
      const namespace = requireOutput(session.outputs, OUTPUT.namespace);
      await runHelm(helmRollbackArgs({ release: session.release, namespace, revision }), session);
    }
  } finally {
    rmSync(session.workDir, { recursive: true, force: true }); // the kubeconfig holds a live token
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: Error) => {
    console.error(error instanceof DeployError ? `deploy: ${error.message}` : error);
    process.exitCode = 1;
  });
}
