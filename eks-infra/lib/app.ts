import { App, Tags } from 'aws-cdk-lib';
import { AccessStack } from './access-stack';
import { ClusterStack } from './cluster-stack';
import { EnvConfig } from './config';
import { DataStack } from './data-stack';
import { MonitoringStack } from './monitoring-stack';
import { NetworkStack } from './network-stack';
import { stackName } from './outputs';

export interface MedgradeStacks {
  network: NetworkStack;
  cluster: ClusterStack;
  data: DataStack;
  access: AccessStack;
  monitoring: MonitoringStack;
}

/** All stacks of one environment, wired in dependency order. */
export function addEnvironment(app: App, config: EnvConfig): MedgradeStacks {
  const env = { account: config.account, region: config.region };
  const common = (part: Parameters<typeof stackName>[1]) => ({
    env,
    config,
    stackName: stackName(config.name, part),
    terminationProtection: config.database.deletionProtection,
  });
  const network = new NetworkStack(app, stackName(config.name, 'Network'), common('Network'));
  const cluster = new ClusterStack(app, stackName(config.name, 'Cluster'), { ...common('Cluster'), vpc: network.vpc });
  const data = new DataStack(app, stackName(config.name, 'Data'), {
    ...common('Data'),
    vpc: network.vpc,
    nodeSecurityGroup: cluster.cluster.clusterSecurityGroup,
  });
  const access = new AccessStack(app, stackName(config.name, 'Access'), { ...common('Access'), cluster: cluster.cluster, data });
  const monitoring = new MonitoringStack(app, stackName(config.name, 'Monitoring'), { ...common('Monitoring'), data });
  const stacks = { network, cluster, data, access, monitoring };
  for (const stack of Object.values(stacks)) {
    Tags.of(stack).add('project', 'medgrade');
    Tags.of(stack).add('environment', config.name);
  }
  return stacks;
}
