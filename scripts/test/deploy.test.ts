import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';
import { AWS_SERVICES, OUTPUT, roleArnOutput } from '../../eks-infra/lib/outputs';
import { expectedPresignSignature } from '../../services/kit/test/sigv4-reference';
import { kubeconfig } from '../src/deploy/cluster';
import { EKS_TOKEN_PREFIX, eksToken } from '../src/deploy/eks-token';
import { DeployError } from '../src/deploy/errors';
import { helmOutput, helmRollbackArgs, helmUpgradeArgs, requireHelm4, runHelm } from '../src/deploy/helm';
import { main } from '../src/deploy/main';
import { smokeCheck } from '../src/deploy/smoke';
import { buildValues, CHART_DIR, validateValues, valuesFile } from '../src/deploy/values';
import { kubeTools } from '../../k8s/src/kube-tools';
import { helm as helmIn, memoryReleaseStore } from '../../k8s/test/support/helm';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'FwoGZXIvYXdzEXAMPLE' };
const now = new Date('2026-11-22T04:05:06Z');

const sampleOutputs: Record<string, string> = {
  [OUTPUT.clusterName]: 'medgrade-dev',
  [OUTPUT.oidcIssuer]: 'https://oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789',
  [OUTPUT.region]: 'us-east-1',
  [OUTPUT.vpcCidr]: '10.40.0.0/16',
  [OUTPUT.namespace]: 'medgrade',
  [OUTPUT.albGroupName]: 'medgrade',
  [OUTPUT.databaseHost]: 'medgrade-dev.abcdefghijkl.us-east-1.rds.amazonaws.com',
  [OUTPUT.databasePort]: '5432',
  [OUTPUT.databaseName]: 'medgrade',
  [OUTPUT.databaseIamUser]: 'medgrade_app',
  [OUTPUT.databaseAdminSecretArn]: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:admin-AbCdEf',
  [OUTPUT.cacheHost]: 'master.medgrade-dev.abcdef.use1.cache.amazonaws.com',
  [OUTPUT.cachePort]: '6379',
  [OUTPUT.cacheReplicationGroupId]: 'medgrade-dev',
  [OUTPUT.cacheIamUserId]: 'medgrade-dev-app',
  [OUTPUT.jwtSecretArn]: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:medgrade/dev/jwt-signing-key-AbCdEf',
  [OUTPUT.bucketName]: 'medgrade-dev-data-exports',
  [OUTPUT.imageRegistry]: '123456789012.dkr.ecr.us-east-1.amazonaws.com',
  [OUTPUT.imageRepository]: 'medgrade',
  [OUTPUT.repositoryUri]: '123456789012.dkr.ecr.us-east-1.amazonaws.com/medgrade',
  [OUTPUT.certificateArn]: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
  [OUTPUT.hostName]: 'dev.medgrade.example.org',
  [OUTPUT.alarmTopicArn]: 'arn:aws:sns:us-east-1:123456789012:alarms',
  ...Object.fromEntries(AWS_SERVICES.map((s) => [roleArnOutput(s), `arn:aws:iam::123456789012:role/medgrade-dev-${s}`])),
};

describe('deploy tool', () => {
  describe('EKS token', () => {
    const input = { clusterName: 'medgrade-dev', region: 'us-east-1', credentials, now };

    it('is k8s-aws-v1. + unpadded base64url of a presigned STS GetCallerIdentity URL', async () => {
      const token = await eksToken(input);
      assert.ok(token.startsWith(EKS_TOKEN_PREFIX));
      const encoded = token.slice(EKS_TOKEN_PREFIX.length);
      assert.match(encoded, /^[A-Za-z0-9_-]+$/, 'base64url alphabet, no padding');
      const url = new URL(Buffer.from(encoded, 'base64url').toString('utf8'));
      assert.equal(url.origin, 'https://sts.us-east-1.amazonaws.com');
      assert.equal(url.pathname, '/');
      const q = url.searchParams;
      assert.equal(q.get('Action'), 'GetCallerIdentity');
      assert.equal(q.get('Version'), '2011-06-15');
      assert.equal(q.get('X-Amz-Algorithm'), 'AWS4-HMAC-SHA256');
      assert.equal(q.get('X-Amz-Credential'), 'AKIDEXAMPLE/20261122/us-east-1/sts/aws4_request');
      assert.equal(q.get('X-Amz-Date'), '20261122T040506Z');
      assert.equal(q.get('X-Amz-Expires'), '60');
      assert.equal(q.get('X-Amz-SignedHeaders'), 'host;x-k8s-aws-id');
      assert.equal(q.get('X-Amz-Security-Token'), credentials.sessionToken);
    });

    it('signs the cluster name header, as an independent SigV4 computation confirms', async () => {
      const token = await eksToken(input);
      const url = Buffer.from(token.slice(EKS_TOKEN_PREFIX.length), 'base64url').toString('utf8').replace('https://', '');
      const signature = new URL(`https://${url}`).searchParams.get('X-Amz-Signature');
      assert.equal(signature, expectedPresignSignature(url, credentials.secretAccessKey, { 'x-k8s-aws-id': 'medgrade-dev' }));
      assert.notEqual(signature, expectedPresignSignature(url, credentials.secretAccessKey, { 'x-k8s-aws-id': 'other-cluster' }));
    });

    it('is reproducible with a fixed clock and differs per cluster', async () => {
      assert.equal(await eksToken(input), await eksToken(input));
      assert.notEqual(await eksToken(input), await eksToken({ ...input, clusterName: 'medgrade-prod' }));
    });
  });

  it('writes a kubeconfig that trusts the cluster CA and presents the token', () => {
    const cluster = {
      name: 'medgrade-dev', endpoint: 'https://ABC.gr7.us-east-1.eks.amazonaws.com',
      certificateAuthority: Buffer.from('-----BEGIN CERTIFICATE-----\n').toString('base64'), oidcIssuer: 'https://oidc.example',
    };
    const config = parse(kubeconfig(cluster, 'k8s-aws-v1.abc'));
    assert.equal(config.kind, 'Config');
    assert.equal(config['current-context'], 'medgrade-medgrade-dev');
    assert.deepEqual(config.clusters[0].cluster, { server: cluster.endpoint, 'certificate-authority-data': cluster.certificateAuthority });
    assert.deepEqual(config.users[0], { name: 'medgrade-medgrade-dev', user: { token: 'k8s-aws-v1.abc' } });
    assert.deepEqual(config.contexts[0].context, { cluster: 'medgrade-medgrade-dev', user: 'medgrade-medgrade-dev' });
  });

  // The deploy's Helm calls run against the real Helm 4, offline: template needs no cluster,
  // and upgrade --install / rollback run as dry runs on Helm's in-memory release store.
  let helm: string;
  let workDir: string;
  before(async () => {
    helm = (await kubeTools()).helm;
    workDir = mkdtempSync(path.join(tmpdir(), 'medgrade-deploy-test-'));
  });
  after(() => rmSync(workDir, { recursive: true, force: true }));
  const writeValues = (name: string, values: Record<string, unknown>) => {
    const file = path.join(workDir, name);
    writeFileSync(file, valuesFile(values));
    return file;
  };
  const validate = (file: string) => validateValues(file, { bin: helm, kubeconfigPath: '/dev/null', release: 'medgrade', namespace: 'medgrade' });

  describe('values', () => {
    it('built from sample stack outputs pass the chart (helm template)', async () => {
      const values = buildValues(sampleOutputs, '2026.11.22-abc123');
      await validate(writeValues('ok.yaml', values));
      const v = values as any;
      assert.equal(v.postgres.auth, 'iam');
      assert.equal(v.postgres.port, 5432);
      assert.equal(v.redis.tls, true);
      assert.equal(v.redis.replicationGroupId, 'medgrade-dev');
      assert.equal(v.services.rubricStore.irsaRoleArn, 'arn:aws:iam::123456789012:role/medgrade-dev-rubric-store');
      assert.equal(v.ingress.certificateArn, sampleOutputs[OUTPUT.certificateArn]);
      assert.equal(v.image.tag, '2026.11.22-abc123');
    });

    it('are rejected with Helm\'s message naming the value when an output is malformed or missing', async () => {
      const cidr = writeValues('cidr.yaml', buildValues({ ...sampleOutputs, [OUTPUT.vpcCidr]: '10.40.0.0' }, 'x'));
      await assert.rejects(validate(cidr), (error: Error) => error instanceof DeployError
        && /cidr\.yaml do not pass the chart/.test(error.message) && /at '\/postgres\/egressCidr'/.test(error.message));
      const { [OUTPUT.certificateArn]: _, ...noCertificate } = sampleOutputs;
      await assert.rejects(validate(writeValues('certificate.yaml', buildValues(noCertificate, 'x'))),
        /ingress\.certificateArn is required with the ALB Ingress/);
    });

    it('are written as YAML 1.1, so Helm reads strings such as "on" as strings', async () => {
      assert.match(valuesFile({ image: { tag: 'on' } }), /tag: "on"/);
      const file = writeValues('tag.yaml', buildValues(sampleOutputs, 'on'));
      const rendered = await helmOutput(['template', 'medgrade', CHART_DIR, '--values', file, '--show-only', 'templates/deployment-gateway.yaml'], { bin: helm, kubeconfigPath: '/dev/null' });
      assert.match(rendered, /image: "123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/medgrade:on"/);
    });

    it('name the missing or unreadable output when the infrastructure is older than the tool', () => {
      const { [OUTPUT.cacheIamUserId]: _, ...partial } = sampleOutputs;
      assert.throws(() => buildValues(partial, 'x'), /stack output CacheIamUserId is missing/);
      assert.throws(() => buildValues({ ...sampleOutputs, [OUTPUT.databasePort]: 'five' }, 'x'), /stack output DatabasePort is not a port number: "five"/);
    });
  });

  describe('helm', () => {
    it('upgrade --install with the deploy\'s flags: accepted by Helm 4 without deprecations, installs a new release (dry run)', async () => {
      const valuesPath = writeValues('install.yaml', buildValues(sampleOutputs, '2026.11.22-abc123'));
      const upgrade = helmUpgradeArgs({ release: 'medgrade', chartDir: CHART_DIR, namespace: 'medgrade', valuesPath });
      const run = await helmIn([...upgrade, '--dry-run=client'], memoryReleaseStore());
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr, '', 'no deprecated flags');
      assert.match(run.stdout, /Release "medgrade" does not exist\. Installing it now\./);
      assert.match(run.stdout, /NAMESPACE: medgrade\nSTATUS: pending-install/);
      assert.match(run.stdout, /medgrade-dev\.abcdefghijkl\.us-east-1\.rds\.amazonaws\.com/, 'the values file reached the render');
      const atomic = await helmIn([...upgrade.map((a) => (a === '--rollback-on-failure' ? '--atomic' : a)), '--dry-run=client'], memoryReleaseStore());
      assert.match(atomic.stderr, /Flag --atomic has been deprecated, use --rollback-on-failure instead/, 'why the deploy does not pass --atomic');
    });

    it('rolls back to a chosen or the previous revision, and refuses a revision that does not exist', async () => {
      const valuesPath = writeValues('rollback.yaml', buildValues(sampleOutputs, 't'));
      const record = JSON.parse((await helmIn(['install', 'medgrade', CHART_DIR, '--namespace', 'medgrade', '--values', valuesPath, '--dry-run=client', '--output', 'json'])).stdout);
      const history = [1, 2, 3].map((version) => ({ ...record, version, info: { ...record.info, status: version === 3 ? 'deployed' : 'superseded' } }));
      const rollback = (revision?: number) => helmIn(helmRollbackArgs({ release: 'medgrade', namespace: 'medgrade', revision }), memoryReleaseStore(history));
      for (const revision of [1, undefined]) {
        const run = await rollback(revision);
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /Rollback was a success/);
      }
      const missing = await rollback(7);
      assert.notEqual(missing.status, 0);
      assert.match(missing.stderr, /release has no 7 version/);
    });

    it('reports a missing helm binary clearly', async () => {
      await assert.rejects(runHelm(['version'], { bin: '/nonexistent/helm', kubeconfigPath: '/dev/null' }),
        (error: Error) => error instanceof DeployError && /helm not found .*HELM_BIN/.test(error.message));
    });

    it('reports a failing helm with its exit code and message', async () => {
      await assert.rejects(helmOutput(['upgrade'], { bin: helm, kubeconfigPath: '/dev/null' }), /helm upgrade failed \(exit code 1\): Error: "helm upgrade" requires 2 arguments/);
    });

    it('needs Helm 4: the real one passes, Helm 3 is refused by name', async () => {
      requireHelm4(await helmOutput(['version', '--short'], { bin: helm, kubeconfigPath: '/dev/null' }));
      assert.throws(() => requireHelm4('v3.17.2+gcc0bbbd'), /helm v3\.17\.2 found; the deploy needs Helm 4 or newer/);
    });
  });

  describe('prerequisites', () => {
    const saved = { ...process.env };
    // Restore in place: process.env is a special object other tests keep using.
    afterEach(() => {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    });

    it('stops before touching AWS when helm is missing', async () => {
      process.env.HELM_BIN = '/nonexistent/helm';
      await assert.rejects(main(['deploy', '--env', 'dev', '--tag', 't']), /helm not found/);
    });

    it('explains missing credentials', async () => {
      for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
      Object.assign(process.env, {
        HELM_BIN: helm, AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
      });
      await assert.rejects(main(['rollback', '--env', 'dev', '--region', 'us-east-1']), /no AWS credentials found/);
    });

    it('requires an environment, an image tag and a region', async () => {
      process.env.HELM_BIN = helm;
      delete process.env.IMAGE_TAG;
      delete process.env.AWS_REGION;
      delete process.env.AWS_DEFAULT_REGION;
      await assert.rejects(main(['deploy', '--env', 'staging', '--tag', 't']), /--env must be dev or prod/);
      await assert.rejects(main(['deploy', '--env', 'dev']), /--tag .* is required/);
      await assert.rejects(main(['rollback', '--env', 'dev']), /no AWS region/);
      await assert.rejects(main(['destroy']), /usage/);
    });
  });

  describe('smoke check', () => {
    let server: Server;
    let statusFor: (url: string) => number;
    let base = '';
    before(async () => {
      server = createServer((req, res) => { res.statusCode = statusFor(req.url ?? ''); res.end(); });
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => server.close());

    it('passes when /health and /services/status answer 200', async () => {
      const seen: string[] = [];
      statusFor = (url) => { seen.push(url); return 200; };
      await smokeCheck({ baseUrl: base, attempts: 1 });
      assert.deepEqual(seen, ['/health', '/services/status']);
    });

    it('retries, then fails naming the path and the last status', async () => {
      let calls = 0;
      statusFor = (url) => (url === '/health' ? 200 : (calls++, 503));
      await assert.rejects(smokeCheck({ baseUrl: base, attempts: 3, delayMs: 1 }), /\/services\/status failed after 3 attempts: HTTP 503/);
      assert.equal(calls, 3);
    });
  });
});
