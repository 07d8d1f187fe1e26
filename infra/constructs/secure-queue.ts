import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface DeadLetterQueueProps {
  /** What ends up here, for the alarm description. */
  purpose: string;
  /** Where the depth alarm goes. */
  alarmAction: cloudwatch.IAlarmAction;
}

/** An encrypted, TLS-only dead-letter queue with an alarm as soon as anything lands in it. */
export class DeadLetterQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly depthAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself a dead-letter queue; its depth alarm pages an operator instead of a further DLQ.',
    });
    this.depthAlarm = new cloudwatch.Alarm(this, 'DepthAlarm', {
      alarmDescription: `Messages in the dead-letter queue: ${props.purpose}`,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.depthAlarm.addAlarmAction(props.alarmAction);
  }
}

export interface WorkQueueProps {
  visibilityTimeout: Duration;
  /** Receives after which a message goes to the dead-letter queue. */
  maxReceiveCount: number;
  deadLetterQueue: sqs.IQueue;
}

/** An encrypted, TLS-only work queue with a redrive policy. */
export class WorkQueue extends Construct {
  readonly queue: sqs.Queue;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: props.visibilityTimeout,
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: props.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
    });
  }
}
