import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { EnvConfig } from './config';
import { OUTPUT } from './outputs';

export interface NetworkStackProps extends StackProps {
  config: EnvConfig;
}

/**
 * Three AZs: public subnets hold only the ALB and NAT gateways, nodes live in private subnets
 * with egress, and PostgreSQL/Redis in isolated subnets with no route out at all. Interface
 * endpoints keep image pulls, STS (IRSA) and log shipping off the NAT gateway.
 */
export class NetworkStack extends Stack {
  readonly vpc: ec2.Vpc;

  /** Fixed zones instead of a context lookup, so synthesis needs no AWS credentials. */
  override get availabilityZones(): string[] {
    return ['a', 'b', 'c'].map((suffix) => `${this.region}${suffix}`);
  }

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(config.vpcCidr),
      availabilityZones: this.availabilityZones,
      natGateways: config.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'nodes', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 19 },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });
    this.vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    const interfaceEndpoints: Record<string, ec2.InterfaceVpcEndpointAwsService> = {
      EcrApi: ec2.InterfaceVpcEndpointAwsService.ECR,
      EcrDocker: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER,
      Sts: ec2.InterfaceVpcEndpointAwsService.STS,
      Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
    };
    const endpointZones = this.vpc.availabilityZones.slice(0, config.interfaceEndpointAzs);
    for (const [name, service] of Object.entries(interfaceEndpoints)) {
      this.vpc.addInterfaceEndpoint(name, {
        service,
        privateDnsEnabled: true,
        subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, availabilityZones: endpointZones },
      });
    }
    // NetworkPolicies allow egress to the data stores, ALB and AWS endpoints by this range.
    new CfnOutput(this, OUTPUT.vpcCidr, { value: this.vpc.vpcCidrBlock });
  }
}
