// The one-time database step, automated: the IAM login the services use must exist in
// PostgreSQL and hold the rds_iam role. Only the RDS admin can create it, and the database
// is reachable only from the cluster, so a short-lived Job in its own namespace runs psql
// with the admin password (copied from Secrets Manager into a Secret deleted afterwards).
import { DeployError } from './errors';
import { applySecret, ensureNamespace, KubeApi } from './kube-api';

export const SETUP_NAMESPACE = 'medgrade-setup';
const JOB_NAME = 'medgrade-init-db';
const SECRET_NAME = 'medgrade-init-db-admin';
const POSTGRES_IMAGE = 'postgres:17-alpine';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function identifier(value: string, what: string): string {
  if (!IDENTIFIER.test(value)) throw new DeployError(`${what} "${value}" is not a plain PostgreSQL identifier`);
  return value;
}

/** Idempotent: safe to run again after a restore or on every environment. */
export function initDatabaseSql(user: string, database: string): string {
  const u = identifier(user, 'database user');
  const d = identifier(database, 'database name');
  return [
    `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${u}') THEN CREATE ROLE ${u} WITH LOGIN; END IF; END $$;`,
    `GRANT rds_iam TO ${u};`,
    `GRANT CONNECT ON DATABASE ${d} TO ${u};`,
    `GRANT CREATE, USAGE ON SCHEMA public TO ${u};`,
  ].join('\n');
}

export interface InitDatabaseTarget {
  host: string;
  port: number;
  database: string;
  adminUser: string;
  iamUser: string;
}

export function initDatabaseJob(target: InitDatabaseTarget): object {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: JOB_NAME, namespace: SETUP_NAMESPACE, labels: { 'app.kubernetes.io/managed-by': 'medgrade-deploy' } },
    spec: {
      backoffLimit: 2,
      activeDeadlineSeconds: 300,
      ttlSecondsAfterFinished: 600,
      template: {
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 70, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'psql',
            image: POSTGRES_IMAGE,
            command: ['psql', '--no-psqlrc', '-v', 'ON_ERROR_STOP=1', '-c', initDatabaseSql(target.iamUser, target.database)],
            env: [
              { name: 'PGHOST', value: target.host },
              { name: 'PGPORT', value: String(target.port) },
              { name: 'PGDATABASE', value: target.database },
              { name: 'PGUSER', value: target.adminUser },
              // rds.force_ssl: the server refuses anything but TLS.
              { name: 'PGSSLMODE', value: 'require' },
              { name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: SECRET_NAME, key: 'password' } } },
            ],
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
          }],
        },
      },
    },
  };
}

interface JobStatus { status?: { succeeded?: number; failed?: number; conditions?: { type: string; status: string; message?: string }[] } }

/** Runs the Job to completion and removes it and the admin Secret whatever the outcome. */
export async function runInitDatabase(api: KubeApi, target: InitDatabaseTarget, adminPassword: string, pollMs = 5_000): Promise<void> {
  const jobs = `/apis/batch/v1/namespaces/${SETUP_NAMESPACE}/jobs`;
  await ensureNamespace(api, SETUP_NAMESPACE);
  await applySecret(api, SETUP_NAMESPACE, SECRET_NAME, { password: adminPassword });
  try {
    await api.call('DELETE', `${jobs}/${JOB_NAME}`, { propagationPolicy: 'Foreground' });
    await waitFor(async () => (await api.call('GET', `${jobs}/${JOB_NAME}`)).status === 404, pollMs, 'the previous init Job to go');
    const created = await api.call('POST', jobs, initDatabaseJob(target));
    if (created.status >= 300) throw new DeployError(`could not create the init Job (${created.status}): ${JSON.stringify(created.body)}`);
    await waitFor(async () => {
      const { body } = await api.call<JobStatus>('GET', `${jobs}/${JOB_NAME}`);
      const failed = body.status?.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
      if (failed) throw new DeployError(`database init Job failed: ${failed.message ?? 'see kubectl logs -n medgrade-setup job/medgrade-init-db'}`);
      return (body.status?.succeeded ?? 0) > 0;
    }, pollMs, 'the database init Job');
  } finally {
    await api.call('DELETE', `/api/v1/namespaces/${SETUP_NAMESPACE}/secrets/${SECRET_NAME}`);
  }
}

async function waitFor(done: () => Promise<boolean>, pollMs: number, what: string, attempts = 72): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new DeployError(`timed out waiting for ${what}`);
}
