// The Helm values for an EKS environment, derived only from the infrastructure's stack
// outputs plus the image tag being deployed, and checked by Helm itself (`helm template`:
// the chart's schema and its `required` values) before anything touches the cluster.
import path from 'node:path';
import { stringify } from 'yaml';
import { AWS_SERVICES, OUTPUT, roleArnOutput } from '../../../eks-infra/lib/outputs';
import { DeployError } from './errors';
import { helmOutput, helmTemplateArgs, type HelmRun } from './helm';
import { requireOutput, StackOutputs } from './stack-outputs';

export const CHART_DIR = path.resolve(__dirname, '../../../charts/medgrade');
/** The chart's values key of a service: rubric-store -> rubricStore. */
const valuesKey = (service: string) => service.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export const JWT_SECRET = { name: 'medgrade-jwt', key: 'signing-key' } as const;

type Values = Record<string, unknown>;

export function buildValues(outputs: StackOutputs, imageTag: string): Values {
  const get = (key: string) => requireOutput(outputs, key);
  const port = (key: string) => {
    const value = Number(get(key));
    if (!(Number.isInteger(value) && value > 0 && value < 65536)) throw new DeployError(`stack output ${key} is not a port number: "${get(key)}"`);
    return value;
  };
  const vpcCidr = get(OUTPUT.vpcCidr);
  const hostName = outputs[OUTPUT.hostName] ?? '';
  const certificateArn = outputs[OUTPUT.certificateArn] ?? '';
  return {
    image: { registry: get(OUTPUT.imageRegistry), repository: get(OUTPUT.imageRepository), tag: imageTag, pullPolicy: 'IfNotPresent' },
    aws: { region: get(OUTPUT.region) },
    postgres: {
      host: get(OUTPUT.databaseHost),
      port: port(OUTPUT.databasePort),
      database: get(OUTPUT.databaseName),
      user: get(OUTPUT.databaseIamUser),
      auth: 'iam',
      ssl: true,
      egressCidr: vpcCidr,
      inCluster: { enabled: false },
    },
    redis: {
      host: get(OUTPUT.cacheHost),
      port: port(OUTPUT.cachePort),
      tls: true,
      auth: 'iam',
      user: get(OUTPUT.cacheIamUserId),
      replicationGroupId: get(OUTPUT.cacheReplicationGroupId),
      egressCidr: vpcCidr,
      inCluster: { enabled: false },
    },
    jwt: { secret: { ...JWT_SECRET } },
    ingress: {
      enabled: true,
      className: 'alb',
      host: hostName,
      scheme: 'internet-facing',
      certificateArn,
      groupName: get(OUTPUT.albGroupName),
    },
    networkPolicy: { enabled: true, ingressControllerNamespace: 'kube-system', loadBalancerCidr: vpcCidr, awsApiCidr: vpcCidr },
    services: Object.fromEntries(AWS_SERVICES.map((service) => [valuesKey(service), { irsaRoleArn: get(roleArnOutput(service)) }])),
  };
}

/** The values file text. YAML 1.1, as Helm reads it: a 1.2 writer leaves `on` or `yes` unquoted, which Helm takes for booleans. */
export function valuesFile(values: Values): string {
  return stringify(values, { version: '1.1' });
}

/** Renders the chart with the values file as the deploy would install it; throws Helm's message. */
export async function validateValues(valuesPath: string, opts: HelmRun & { release: string; namespace: string; chartDir?: string }): Promise<void> {
  const { release, namespace, chartDir = CHART_DIR } = opts;
  try {
    await helmOutput(helmTemplateArgs({ release, chartDir, namespace, valuesPath }), opts);
  } catch (error) {
    if (!(error instanceof DeployError)) throw error;
    throw new DeployError(`the values in ${path.basename(valuesPath)} do not pass the chart ${chartDir}: ${error.message}`);
  }
}
