// The Helm values for an EKS environment, derived only from the infrastructure's stack
// outputs plus the image tag being deployed, and checked against the chart's schema the
// same way helm checks them (chart defaults merged with the override file).
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { AWS_SERVICES, OUTPUT, roleArnOutput } from '../../../eks-infra/lib/outputs';
import { DeployError } from './errors';
import { requireOutput, StackOutputs } from './stack-outputs';

export const CHART_DIR = path.resolve(__dirname, '../../../charts/medgrade');
/** The chart's values key of a service: rubric-store -> rubricStore. */
const valuesKey = (service: string) => service.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export const JWT_SECRET = { name: 'medgrade-jwt', key: 'signing-key' } as const;

type Values = Record<string, unknown>;

export function buildValues(outputs: StackOutputs, imageTag: string): Values {
  const get = (key: string) => requireOutput(outputs, key);
  const vpcCidr = get(OUTPUT.vpcCidr);
  const hostName = outputs[OUTPUT.hostName] ?? '';
  const certificateArn = outputs[OUTPUT.certificateArn] ?? '';
  return {
    image: { registry: get(OUTPUT.imageRegistry), repository: get(OUTPUT.imageRepository), tag: imageTag, pullPolicy: 'IfNotPresent' },
    aws: { region: get(OUTPUT.region) },
    postgres: {
      host: get(OUTPUT.databaseHost),
      port: Number(get(OUTPUT.databasePort)),
      database: get(OUTPUT.databaseName),
      user: get(OUTPUT.databaseIamUser),
      auth: 'iam',
      ssl: true,
      egressCidr: vpcCidr,
      inCluster: { enabled: false },
    },
    redis: {
      host: get(OUTPUT.cacheHost),
      port: Number(get(OUTPUT.cachePort)),
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

function isObject(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Helm's merge of an override file onto the chart's values: objects merge, the rest replaces. */
export function mergeValues(base: Values, override: Values): Values {
  const merged: Values = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] = isObject(current) && isObject(value) ? mergeValues(current, value) : value;
  }
  return merged;
}

/** Validates override values as helm would; throws a DeployError listing every problem. */
export function validateValues(override: Values, chartDir: string = CHART_DIR): void {
  const schema = JSON.parse(readFileSync(path.join(chartDir, 'values.schema.json'), 'utf8'));
  const defaults = (parse(readFileSync(path.join(chartDir, 'values.yaml'), 'utf8')) ?? {}) as Values;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  if (!validate(mergeValues(defaults, override))) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
    throw new DeployError(`values do not match ${chartDir}/values.schema.json:\n  ${problems.join('\n  ')}`);
  }
}
