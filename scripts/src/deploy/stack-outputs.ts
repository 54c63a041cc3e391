// Reads every medgrade stack's outputs for one environment into one flat map.
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { STACK_PARTS, stackName } from '../../../eks-infra/lib/outputs';
import { DeployError } from './errors';

export type StackOutputs = Readonly<Record<string, string>>;

export async function readStackOutputs(client: CloudFormationClient, env: string): Promise<StackOutputs> {
  const outputs: Record<string, string> = {};
  for (const part of STACK_PARTS) {
    const name = stackName(env, part);
    const response = await client.send(new DescribeStacksCommand({ StackName: name })).catch((error: Error) => {
      if (/does not exist/.test(error.message)) {
        throw new DeployError(`stack ${name} does not exist: deploy the infrastructure first (docs/aws.md)`);
      }
      throw error;
    });
    const stack = response.Stacks?.[0];
    if (!stack?.StackStatus?.endsWith('_COMPLETE') || stack.StackStatus.includes('ROLLBACK')) {
      throw new DeployError(`stack ${name} is ${stack?.StackStatus ?? 'missing'}, not deployed cleanly`);
    }
    for (const output of stack.Outputs ?? []) {
      if (output.OutputKey && output.OutputValue !== undefined) outputs[output.OutputKey] = output.OutputValue;
    }
  }
  return outputs;
}

export function requireOutput(outputs: StackOutputs, key: string): string {
  const value = outputs[key];
  if (value === undefined || value === '') throw new DeployError(`stack output ${key} is missing; is the infrastructure up to date?`);
  return value;
}
