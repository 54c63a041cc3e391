import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import assert from 'node:assert/strict';
import { STACK_PARTS, stackName } from '../../eks-infra/lib/outputs';
import { DeployError } from '../src/deploy/errors';
import { readStackOutputs } from '../src/deploy/stack-outputs';
import { Loopback, loopbackAws } from './loopback-aws';

interface FakeStack { status: string; outputs: Record<string, string> }

const xml = (stacks: [string, FakeStack][]) => `<?xml version="1.0"?>
<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks>${
  stacks.map(([name, s]) => `<member><StackName>${name}</StackName><StackStatus>${s.status}</StackStatus><CreationTime>2026-11-22T00:00:00Z</CreationTime><Outputs>${
    Object.entries(s.outputs).map(([k, v]) => `<member><OutputKey>${k}</OutputKey><OutputValue>${v}</OutputValue></member>`).join('')
  }</Outputs></member>`).join('')
}</Stacks></DescribeStacksResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></DescribeStacksResponse>`;

const missing = (name: string) => `<?xml version="1.0"?>
<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id ${name} does not exist</Message></Error><RequestId>1</RequestId></ErrorResponse>`;

// A loopback HTTP server speaking CloudFormation's query/XML protocol for DescribeStacks.
describe('deploy: reading stack outputs', () => {
  let api: Loopback;
  let stacks: Map<string, FakeStack>;
  let client: CloudFormationClient;

  before(async () => {
    api = await loopbackAws((_req, body, res) => {
      const name = new URLSearchParams(body).get('StackName') ?? '';
      const stack = stacks.get(name);
      res.writeHead(stack ? 200 : 400, { 'content-type': 'text/xml' });
      res.end(stack ? xml([[name, stack]]) : missing(name));
    });
    client = new CloudFormationClient(api.clientConfig);
  });
  after(() => { client.destroy(); api.close(); });

  beforeEach(() => {
    stacks = new Map(STACK_PARTS.map((part) => [stackName('dev', part), { status: 'UPDATE_COMPLETE', outputs: { [`${part}Out`]: `${part}-value` } }]));
  });

  it('merges the outputs of all five stacks of the environment', async () => {
    const outputs = await readStackOutputs(client, 'dev');
    assert.deepEqual(outputs, Object.fromEntries(STACK_PARTS.map((part) => [`${part}Out`, `${part}-value`])));
  });

  it('tells the operator to deploy the infrastructure when a stack is missing', async () => {
    stacks.delete(stackName('dev', 'Data'));
    await assert.rejects(readStackOutputs(client, 'dev'),
      (e: Error) => e instanceof DeployError && /stack Medgrade-dev-Data does not exist: deploy the infrastructure first/.test(e.message));
  });

  it('refuses stacks that are mid-update or rolled back', async () => {
    for (const status of ['UPDATE_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE', 'CREATE_FAILED']) {
      stacks.get(stackName('dev', 'Cluster'))!.status = status;
      await assert.rejects(readStackOutputs(client, 'dev'), new RegExp(`Medgrade-dev-Cluster is ${status}, not deployed cleanly`));
    }
  });
});
