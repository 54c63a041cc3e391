import { KubectlV35Layer } from '@aws-cdk/lambda-layer-kubectl-v35';
import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { EnvConfig } from './config';
import { OUTPUT } from './outputs';

export interface ClusterStackProps extends StackProps {
  config: EnvConfig;
  vpc: ec2.IVpc;
}

const ALL_CONTROL_PLANE_LOGS = [
  eks.ClusterLoggingTypes.API,
  eks.ClusterLoggingTypes.AUDIT,
  eks.ClusterLoggingTypes.AUTHENTICATOR,
  eks.ClusterLoggingTypes.CONTROLLER_MANAGER,
  eks.ClusterLoggingTypes.SCHEDULER,
];

/** Tag the ALB controller puts on every load balancer it creates for this cluster. */
export const ALB_CLUSTER_TAG = 'medgrade-cluster';

/**
 * The EKS cluster: control-plane logs on, secrets envelope-encrypted with a CMK, a managed
 * Graviton node group in the private subnets, metrics-server (for the HPAs) as an EKS add-on,
 * and the AWS Load Balancer Controller through its Helm chart with its own IRSA role.
 */
export class ClusterStack extends Stack {
  readonly cluster: eks.Cluster;

  constructor(scope: Construct, id: string, props: ClusterStackProps) {
    super(scope, id, props);
    // A plain AWS::IAM::OIDCProvider instead of the deprecated Lambda-backed custom resource.
    this.node.setContext(cxapi.EKS_USE_NATIVE_OIDC_PROVIDER, true);
    const { config, vpc } = props;
    const clusterName = `medgrade-${config.name}`;
    const privateSubnets = vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS });

    this.cluster = new eks.Cluster(this, 'Cluster', {
      clusterName,
      version: eks.KubernetesVersion.of(config.kubernetesVersion),
      vpc,
      vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
      endpointAccess: eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(...config.apiAllowedCidrs),
      clusterLogging: ALL_CONTROL_PLANE_LOGS,
      secretsEncryptionKey: new kms.Key(this, 'SecretsKey', {
        enableKeyRotation: true,
        description: `${clusterName} Kubernetes secrets envelope encryption`,
      }),
      defaultCapacityType: eks.DefaultCapacityType.NODEGROUP,
      defaultCapacity: 0,
      kubectlProviderOptions: {
        kubectlLayer: new KubectlV35Layer(this, 'Kubectl'),
        privateSubnets: privateSubnets.subnets,
      },
      albController: {
        version: eks.AlbControllerVersion.V2_17_1,
        additionalHelmChartValues: { defaultTags: { [ALB_CLUSTER_TAG]: clusterName } },
      },
    });

    this.cluster.addNodegroupCapacity('Nodes', {
      nodegroupName: 'general',
      amiType: eks.NodegroupAmiType.AL2023_ARM_64_STANDARD,
      instanceTypes: config.nodes.instanceTypes.map((type) => new ec2.InstanceType(type)),
      minSize: config.nodes.minSize,
      desiredSize: config.nodes.desiredSize,
      maxSize: config.nodes.maxSize,
      diskSize: config.nodes.diskGiB,
      subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    });

    config.adminPrincipalArns.forEach((arn, index) => this.cluster.grantClusterAdmin(`Admin${index}`, arn));
    new eks.Addon(this, 'MetricsServer', { cluster: this.cluster, addonName: 'metrics-server' });

    new CfnOutput(this, OUTPUT.clusterName, { value: this.cluster.clusterName });
    new CfnOutput(this, OUTPUT.oidcIssuer, { value: this.cluster.clusterOpenIdConnectIssuerUrl });
    new CfnOutput(this, OUTPUT.region, { value: this.region });
  }
}
