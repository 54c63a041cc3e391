import { CfnOutput, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { EnvConfig } from './config';
import { DataStack } from './data-stack';
import { OUTPUT } from './outputs';

export interface MonitoringStackProps extends StackProps {
  config: EnvConfig;
  data: DataStack;
}

const FIVE_MINUTES = Duration.minutes(5);
const GIB = 1024 ** 3;

/**
 * Alarms that page the configured email through one SNS topic, and the monthly budget.
 * ALB alarms need the load balancer's full name, which exists only after the first
 * application deploy: the deploy tool prints it, and the operator sets albFullName.
 */
export class MonitoringStack extends Stack {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { config, data } = props;
    this.topic = new sns.Topic(this, 'Alarms', { displayName: `medgrade ${config.name} alarms`, enforceSSL: true });
    this.topic.addSubscription(new subscriptions.EmailSubscription(config.alertEmail));

    this.databaseAlarms(config, data);
    this.cacheAlarms(config, data);
    if (config.albFullName) this.loadBalancerAlarms(config.albFullName);
    this.budget(config);
    new CfnOutput(this, OUTPUT.alarmTopicArn, { value: this.topic.topicArn });
  }

  private alarm(id: string, props: cloudwatch.AlarmProps): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, props);
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    alarm.addOkAction(new actions.SnsAction(this.topic));
    return alarm;
  }

  private databaseAlarms(config: EnvConfig, data: DataStack): void {
    this.alarm('DatabaseCpu', {
      alarmDescription: 'PostgreSQL CPU above 80% for 15 minutes',
      metric: data.database.metricCPUUtilization({ period: FIVE_MINUTES }),
      threshold: 80,
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    this.alarm('DatabaseFreeStorage', {
      alarmDescription: `PostgreSQL free storage below ${config.database.freeStorageAlarmGiB} GiB`,
      metric: data.database.metricFreeStorageSpace({ period: FIVE_MINUTES, statistic: 'Minimum' }),
      threshold: config.database.freeStorageAlarmGiB * GIB,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    });
  }

  private cacheAlarms(config: EnvConfig, data: DataStack): void {
    const nodeCount = 1 + config.cache.replicas;
    for (let index = 1; index <= nodeCount; index++) {
      // Non-clustered replication group members are named <group>-001, -002, ...
      const nodeId = `${data.cache.replicationGroupId}-${String(index).padStart(3, '0')}`;
      const metric = (metricName: string, statistic: string) => new cloudwatch.Metric({
        namespace: 'AWS/ElastiCache', metricName, statistic, period: FIVE_MINUTES,
        dimensionsMap: { CacheClusterId: nodeId },
      });
      this.alarm(`CacheMemory${index}`, {
        alarmDescription: `cache node ${nodeId} memory above 80%`,
        metric: metric('DatabaseMemoryUsagePercentage', 'Maximum'),
        threshold: 80,
        evaluationPeriods: 2,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      });
      this.alarm(`CacheEvictions${index}`, {
        alarmDescription: `cache node ${nodeId} evicting keys (queue jobs may be lost)`,
        metric: metric('Evictions', 'Sum'),
        threshold: 0,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
  }

  private loadBalancerAlarms(albFullName: string): void {
    const albMetric = (metricName: string, statistic: string) => new cloudwatch.Metric({
      namespace: 'AWS/ApplicationELB', metricName, statistic, period: FIVE_MINUTES,
      dimensionsMap: { LoadBalancer: albFullName },
    });
    this.alarm('Alb5xxShare', {
      alarmDescription: 'more than 5% of requests through the ALB answered 5xx',
      metric: new cloudwatch.MathExpression({
        label: '5xx share (%)',
        expression: '100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / requests',
        usingMetrics: {
          target5xx: albMetric('HTTPCode_Target_5XX_Count', 'Sum'),
          elb5xx: albMetric('HTTPCode_ELB_5XX_Count', 'Sum'),
          requests: albMetric('RequestCount', 'Sum'),
        },
        period: FIVE_MINUTES,
      }),
      threshold: 5,
      evaluationPeriods: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm('AlbLatencyP95', {
      alarmDescription: 'target response time p95 above 5 s',
      metric: albMetric('TargetResponseTime', 'p95'),
      threshold: 5,
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  private budget(config: EnvConfig): void {
    const subscribers = [{ subscriptionType: 'EMAIL', address: config.alertEmail }];
    const notification = (notificationType: 'ACTUAL' | 'FORECASTED', threshold: number) => ({
      notification: { notificationType, comparisonOperator: 'GREATER_THAN', threshold, thresholdType: 'PERCENTAGE' },
      subscribers,
    });
    new budgets.CfnBudget(this, 'Budget', {
      budget: {
        budgetName: `medgrade-${config.name}-monthly`,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: config.monthlyBudgetUsd, unit: 'USD' },
      },
      notificationsWithSubscribers: [notification('ACTUAL', 80), notification('FORECASTED', 100)],
    });
  }
}
