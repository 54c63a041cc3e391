import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  elasticacheCredentialProvider, elasticacheIamToken, ELASTICACHE_TOKEN_TTL_SECONDS, rdsIamPasswordProvider,
  rdsIamPoolConfig, rdsTlsOptions, RDS_IAM_POOL_MAX_LIFETIME_SECONDS,
} from '../src/aws';
import { expectedPresignSignature } from './sigv4-reference';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session/token+with=chars',
};
const now = new Date('2026-11-22T04:05:06Z');

describe('ElastiCache IAM token', () => {
  const input = { userId: 'medgrade-dev-app', replicationGroupId: 'medgrade-dev', region: 'us-east-1', credentials, now };

  it('is a presigned connect request for the user and replication group, valid 15 minutes', async () => {
    const token = await elasticacheIamToken(input);
    assert.ok(token.startsWith('medgrade-dev/?'), token);
    assert.ok(!token.includes('://'), 'the scheme is stripped');
    const params = new URL(`https://${token}`).searchParams;
    assert.equal(params.get('Action'), 'connect');
    assert.equal(params.get('User'), 'medgrade-dev-app');
    assert.equal(params.get('X-Amz-Algorithm'), 'AWS4-HMAC-SHA256');
    assert.equal(params.get('X-Amz-Credential'), 'AKIDEXAMPLE/20261122/us-east-1/elasticache/aws4_request');
    assert.equal(params.get('X-Amz-Date'), '20261122T040506Z');
    assert.equal(params.get('X-Amz-Expires'), String(ELASTICACHE_TOKEN_TTL_SECONDS));
    assert.equal(ELASTICACHE_TOKEN_TTL_SECONDS, 900);
    assert.equal(params.get('X-Amz-SignedHeaders'), 'host');
    assert.equal(params.get('X-Amz-Security-Token'), credentials.sessionToken);
    assert.match(params.get('X-Amz-Signature')!, /^[0-9a-f]{64}$/);
    assert.match(token, /X-Amz-Security-Token=session%2Ftoken%2Bwith%3Dchars/);
  });

  it('carries a signature an independent SigV4 computation agrees with', async () => {
    const token = await elasticacheIamToken(input);
    const signature = new URL(`https://${token}`).searchParams.get('X-Amz-Signature');
    assert.equal(signature, expectedPresignSignature(token, credentials.secretAccessKey, {}));
  });

  it('is reproducible for a fixed clock and changes with the clock and the user', async () => {
    assert.equal(await elasticacheIamToken(input), await elasticacheIamToken(input));
    assert.notEqual(await elasticacheIamToken(input), await elasticacheIamToken({ ...input, now: new Date(now.getTime() + 1000) }));
    assert.notEqual(await elasticacheIamToken(input), await elasticacheIamToken({ ...input, userId: 'other' }));
  });

  it('rejects missing identifiers', async () => {
    await assert.rejects(elasticacheIamToken({ ...input, replicationGroupId: '' }), /replicationGroupId/);
  });

  it('feeds the Redis client the user id as username and a fresh token as password', async () => {
    const provider = elasticacheCredentialProvider({ ...input, credentials: async () => credentials });
    const { username, password } = await provider();
    assert.equal(username, 'medgrade-dev-app');
    assert.match(password, /^medgrade-dev\/\?Action=connect&User=medgrade-dev-app&X-Amz-/);
  });
});

describe('RDS IAM auth', () => {
  it('gives pg a function returning a fresh signed token for the database user', async () => {
    const password = rdsIamPasswordProvider({
      host: 'db.abc.us-east-1.rds.amazonaws.com', port: 5432, user: 'medgrade_app', region: 'us-east-1', credentials,
    });
    const token = await password();
    assert.ok(token.startsWith('db.abc.us-east-1.rds.amazonaws.com:5432/?'), token);
    const params = new URL(`https://${token}`).searchParams;
    assert.equal(params.get('Action'), 'connect');
    assert.equal(params.get('DBUser'), 'medgrade_app');
    assert.equal(params.get('X-Amz-Expires'), '900');
    assert.match(params.get('X-Amz-Credential')!, /^AKIDEXAMPLE\/\d{8}\/us-east-1\/rds-db\/aws4_request$/);
    assert.equal(params.get('X-Amz-Signature'), expectedPresignSignature(token, credentials.secretAccessKey, {}));
  });

  it('refuses an incomplete target', () => {
    assert.throws(() => rdsIamPasswordProvider({ host: '', port: 5432, user: 'u', region: 'us-east-1' }), /host/);
  });

  describe('TLS and pool settings', () => {
    let dir = '';
    before(() => { dir = mkdtempSync(path.join(tmpdir(), 'medgrade-rds-ca-')); });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('verifies the server against the shipped CA bundle', () => {
      const bundle = path.join(dir, 'bundle.pem');
      writeFileSync(bundle, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
      const tls = rdsTlsOptions(bundle);
      assert.equal(tls.rejectUnauthorized, true);
      assert.match(String(tls.ca), /BEGIN CERTIFICATE/);
    });

    it('fails clearly when the bundle is missing or not PEM', () => {
      assert.throws(() => rdsTlsOptions(path.join(dir, 'absent.pem')), /RDS CA bundle not readable at .*absent\.pem.*RDS_CA_BUNDLE/);
      const junk = path.join(dir, 'junk.pem');
      writeFileSync(junk, 'not a certificate');
      assert.throws(() => rdsTlsOptions(junk), /no PEM certificate/);
    });

    it('recycles pool connections within one token lifetime', () => {
      const bundle = path.join(dir, 'bundle.pem');
      const config = rdsIamPoolConfig({
        host: 'db', port: 5432, user: 'medgrade_app', database: 'medgrade', region: 'us-east-1', credentials, caBundlePath: bundle,
      });
      assert.equal(config.maxLifetimeSeconds, RDS_IAM_POOL_MAX_LIFETIME_SECONDS);
      assert.ok(config.maxLifetimeSeconds < 900);
      assert.equal(typeof config.password, 'function');
      assert.equal(config.ssl.rejectUnauthorized, true);
    });
  });
});
