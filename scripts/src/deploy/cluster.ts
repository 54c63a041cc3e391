// The cluster as the deploy needs it: checked ACTIVE, and a kubeconfig for helm.
import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { stringify } from 'yaml';
import { DeployError } from './errors';

export interface ClusterAccess {
  name: string;
  endpoint: string;
  /** Base64 PEM bundle, as EKS returns it and kubeconfig wants it. */
  certificateAuthority: string;
  oidcIssuer: string;
}

export async function describeActiveCluster(client: EKSClient, name: string): Promise<ClusterAccess> {
  const { cluster } = await client.send(new DescribeClusterCommand({ name })).catch((error: Error) => {
    if (error.name === 'ResourceNotFoundException') throw new DeployError(`EKS cluster ${name} does not exist`);
    throw error;
  });
  if (cluster?.status !== 'ACTIVE') {
    throw new DeployError(`EKS cluster ${name} is ${cluster?.status ?? 'unknown'}, not ACTIVE; wait for it or check the Cluster stack`);
  }
  const endpoint = cluster.endpoint;
  const certificateAuthority = cluster.certificateAuthority?.data;
  const oidcIssuer = cluster.identity?.oidc?.issuer;
  if (!endpoint || !certificateAuthority || !oidcIssuer) {
    throw new DeployError(`EKS cluster ${name} reports no endpoint, CA or OIDC issuer yet`);
  }
  return { name, endpoint, certificateAuthority, oidcIssuer };
}

/** A kubeconfig with one context whose user presents the given EKS token. */
export function kubeconfig(cluster: ClusterAccess, token: string): string {
  const entry = `medgrade-${cluster.name}`;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: entry, cluster: { server: cluster.endpoint, 'certificate-authority-data': cluster.certificateAuthority } }],
    users: [{ name: entry, user: { token } }],
    contexts: [{ name: entry, context: { cluster: entry, user: entry } }],
    'current-context': entry,
    preferences: {},
  });
}
