import { EKSClient } from '@aws-sdk/client-eks';
import assert from 'node:assert/strict';
import { describeActiveCluster } from '../src/deploy/cluster';
import { DeployError } from '../src/deploy/errors';
import { Loopback, loopbackAws } from './loopback-aws';

// A loopback HTTP server speaking the EKS REST-JSON API for DescribeCluster, so the real SDK
// client parses real responses.
describe('deploy: the cluster check', () => {
  let api: Loopback;
  let reply: (name: string) => { status: number; body: object; errorType?: string };
  let client: EKSClient;
  const requested: string[] = [];

  before(async () => {
    api = await loopbackAws((req, _body, res) => {
      const name = decodeURIComponent((req.url ?? '').replace(/^\/clusters\//, ''));
      requested.push(`${req.method} ${req.url}`);
      const { status, body, errorType } = reply(name);
      res.writeHead(status, { 'content-type': 'application/json', ...(errorType ? { 'x-amzn-errortype': errorType } : {}) });
      res.end(JSON.stringify(body));
    });
    client = new EKSClient(api.clientConfig);
  });
  after(() => { client.destroy(); api.close(); });

  const cluster = (status: string, extra: object = {}) => ({
    status: 200,
    body: { cluster: {
      name: 'medgrade-dev', status, endpoint: 'https://ABC.gr7.us-east-1.eks.amazonaws.com',
      certificateAuthority: { data: 'LS0tLS1CRUdJTg==' }, identity: { oidc: { issuer: 'https://oidc.eks.us-east-1.amazonaws.com/id/ABC' } },
      ...extra,
    } },
  });

  it('returns endpoint, CA and OIDC issuer of an ACTIVE cluster', async () => {
    reply = () => cluster('ACTIVE');
    const access = await describeActiveCluster(client, 'medgrade-dev');
    assert.deepEqual(access, {
      name: 'medgrade-dev', endpoint: 'https://ABC.gr7.us-east-1.eks.amazonaws.com',
      certificateAuthority: 'LS0tLS1CRUdJTg==', oidcIssuer: 'https://oidc.eks.us-east-1.amazonaws.com/id/ABC',
    });
    assert.equal(requested.at(-1), 'GET /clusters/medgrade-dev');
  });

  it('refuses a cluster that is not ACTIVE', async () => {
    reply = () => cluster('UPDATING');
    await assert.rejects(describeActiveCluster(client, 'medgrade-dev'),
      (e: Error) => e instanceof DeployError && /medgrade-dev is UPDATING, not ACTIVE/.test(e.message));
  });

  it('refuses an ACTIVE cluster without an OIDC issuer', async () => {
    reply = () => cluster('ACTIVE', { identity: {} });
    await assert.rejects(describeActiveCluster(client, 'medgrade-dev'), /no endpoint, CA or OIDC issuer/);
  });

  it('says so when the cluster does not exist', async () => {
    reply = () => ({ status: 404, errorType: 'ResourceNotFoundException', body: { message: 'No cluster found for name: medgrade-dev.' } });
    await assert.rejects(describeActiveCluster(client, 'medgrade-dev'),
      (e: Error) => e instanceof DeployError && /EKS cluster medgrade-dev does not exist/.test(e.message));
  });
});
