// CDK entry point: `npx cdk synth -c env=dev -c account=123456789012 -c alertEmail=ops@...`.
// Operator-specific values come from context (or CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION),
// never from the repository.
import { App } from 'aws-cdk-lib';
import { addEnvironment } from '../lib/app';
import { envConfig, EnvOverrides } from '../lib/config';

const app = new App();
const context = (key: string): string | undefined => app.node.tryGetContext(key) ?? undefined;
const list = (key: string): string[] | undefined => context(key)?.split(',').map((item) => item.trim()).filter(Boolean);

const hostName = context('hostName');
const certificateArn = context('certificateArn');
const overrides: EnvOverrides = {
  account: context('account') ?? process.env.CDK_DEFAULT_ACCOUNT,
  region: context('region') ?? process.env.CDK_DEFAULT_REGION,
  alertEmail: context('alertEmail'),
  monthlyBudgetUsd: context('monthlyBudgetUsd') === undefined ? undefined : Number(context('monthlyBudgetUsd')),
  apiAllowedCidrs: list('apiAllowedCidrs'),
  adminPrincipalArns: list('adminPrincipalArns'),
  albFullName: context('albFullName'),
  domain: hostName && certificateArn ? { hostName, certificateArn } : undefined,
};

addEnvironment(app, envConfig(context('env') ?? 'dev', overrides));
