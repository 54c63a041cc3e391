// The few Kubernetes API calls the deploy makes itself (no kubectl here): make sure the
// namespace and the JWT Secret exist before helm starts pods, and read the ALB host name
// from the gateway Ingress afterwards.
import { request } from 'node:https';
import { ClusterAccess } from './cluster';
import { DeployError } from './errors';

export interface KubeApi {
  call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export function kubeApi(cluster: ClusterAccess, token: string): KubeApi {
  const ca = Buffer.from(cluster.certificateAuthority, 'base64');
  return {
    call: (method, path, body) => new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(new URL(path, cluster.endpoint), {
        method,
        ca,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(payload ? { 'content-type': 'application/json' } : {}),
        },
      }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => { text += chunk; });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status === 401 || status === 403) {
            reject(new DeployError(`Kubernetes API refused ${method} ${path} (${status}): grant your IAM principal an EKS access entry (adminPrincipalArns)`));
            return;
          }
          resolve({ status, body: (text ? JSON.parse(text) : {}) });
        });
      });
      req.on('error', reject);
      req.end(payload);
    }),
  };
}

/** Create, or on 409 replace (an update without resourceVersion is unconditional). */
async function createOrReplace(api: KubeApi, collection: string, name: string, object: object): Promise<void> {
  let { status, body } = await api.call('POST', collection, object);
  if (status === 409) ({ status, body } = await api.call('PUT', `${collection}/${name}`, object));
  if (status >= 300) throw new DeployError(`could not write ${collection}/${name} (${status}): ${JSON.stringify(body)}`);
}

export async function ensureNamespace(api: KubeApi, namespace: string): Promise<void> {
  const { status } = await api.call('GET', `/api/v1/namespaces/${namespace}`);
  if (status === 200) return;
  await createOrReplace(api, '/api/v1/namespaces', namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
}

/** Creates or replaces an Opaque Secret with the given string data. */
export async function applySecret(api: KubeApi, namespace: string, name: string, data: Record<string, string>): Promise<void> {
  await createOrReplace(api, `/api/v1/namespaces/${namespace}/secrets`, name, {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: { name, namespace, labels: { 'app.kubernetes.io/managed-by': 'medgrade-deploy' } },
    stringData: data,
  });
}

interface IngressStatus { status?: { loadBalancer?: { ingress?: { hostname?: string }[] } } }

/** The ALB DNS name once the load balancer controller has provisioned it, else undefined. */
export async function ingressHostname(api: KubeApi, namespace: string, name: string): Promise<string | undefined> {
  const { status, body } = await api.call<IngressStatus>('GET', `/apis/networking.k8s.io/v1/namespaces/${namespace}/ingresses/${name}`);
  if (status !== 200) return undefined;
  return body.status?.loadBalancer?.ingress?.[0]?.hostname;
}
