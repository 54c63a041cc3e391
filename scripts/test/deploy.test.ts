import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';
import { AWS_SERVICES, OUTPUT, roleArnOutput } from '../../eks-infra/lib/outputs';
import { expectedPresignSignature } from '../../services/kit/test/sigv4-reference';
import { kubeconfig } from '../src/deploy/cluster';
import { EKS_TOKEN_PREFIX, eksToken } from '../src/deploy/eks-token';
import { DeployError } from '../src/deploy/errors';
import { helmRollbackArgs, helmUpgradeArgs, runHelm } from '../src/deploy/helm';
import { main } from '../src/deploy/main';
import { smokeCheck } from '../src/deploy/smoke';
import { buildValues, CHART_DIR, mergeValues, validateValues } from '../src/deploy/values';

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

  describe('values', () => {
    const schemaPresent = existsSync(path.join(CHART_DIR, 'values.schema.json'));

    it('built from sample stack outputs validate against the chart schema', function () {
      if (!schemaPresent) this.skip(); // the chart is generated by the k8s workspace
      const values = buildValues(sampleOutputs, '2026.11.22-abc123');
      validateValues(values);
      const v = values as any;
      assert.equal(v.postgres.auth, 'iam');
      assert.equal(v.postgres.port, 5432);
      assert.equal(v.redis.tls, true);
      assert.equal(v.redis.replicationGroupId, 'medgrade-dev');
      assert.equal(v.services.rubricStore.irsaRoleArn, 'arn:aws:iam::123456789012:role/medgrade-dev-rubric-store');
      assert.equal(v.ingress.certificateArn, sampleOutputs[OUTPUT.certificateArn]);
      assert.equal(v.image.tag, '2026.11.22-abc123');
    });

    it('are rejected, with the offending path, when an output is malformed', function () {
      if (!schemaPresent) this.skip();
      const values = buildValues({ ...sampleOutputs, [OUTPUT.databasePort]: 'five' }, 'x');
      assert.throws(() => validateValues(values), (error: Error) => error instanceof DeployError && /\/postgres\/port/.test(error.message));
    });

    it('name the missing output when the infrastructure is older than the tool', () => {
      const { [OUTPUT.cacheIamUserId]: _, ...partial } = sampleOutputs;
      assert.throws(() => buildValues(partial, 'x'), /stack output CacheIamUserId is missing/);
    });

    it('merge like helm: objects deep, everything else replaced', () => {
      assert.deepEqual(mergeValues({ a: { b: 1, c: [1] }, d: 1 }, { a: { c: [2] }, e: 2 }), { a: { b: 1, c: [2] }, d: 1, e: 2 });
    });
  });

  describe('helm', () => {
    it('installs atomically and waits; rolls back to a chosen or the previous revision', () => {
      const upgrade = helmUpgradeArgs({ release: 'medgrade', chartDir: '/c', namespace: 'medgrade', valuesPath: '/v.yaml' });
      assert.deepEqual(upgrade.slice(0, 4), ['upgrade', '--install', 'medgrade', '/c']);
      for (const flag of ['--atomic', '--wait', '--create-namespace']) assert.ok(upgrade.includes(flag), flag);
      assert.equal(upgrade[upgrade.indexOf('--values') + 1], '/v.yaml');
      assert.deepEqual(helmRollbackArgs({ release: 'medgrade', namespace: 'medgrade', revision: 3 }).slice(0, 3), ['rollback', 'medgrade', '3']);
      assert.equal(helmRollbackArgs({ release: 'medgrade', namespace: 'medgrade' })[2], '--namespace');
    });

    it('reports a missing helm binary clearly', async () => {
      await assert.rejects(runHelm(['version'], { bin: '/nonexistent/helm', kubeconfigPath: '/dev/null' }),
        (error: Error) => error instanceof DeployError && /helm not found .*HELM_BIN/.test(error.message));
    });

    it('reports a failing helm with its exit code', async () => {
      await assert.rejects(runHelm(['upgrade'], { bin: '/bin/false', kubeconfigPath: '/dev/null' }), /helm upgrade failed \(exit code 1\)/);
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
        HELM_BIN: '/bin/true', AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
      });
      await assert.rejects(main(['rollback', '--env', 'dev', '--region', 'us-east-1']), /no AWS credentials found/);
    });

    it('requires an environment, an image tag and a region', async () => {
      process.env.HELM_BIN = '/bin/true';
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
