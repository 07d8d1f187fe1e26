import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface SesSendingProps {
  senderAddress: string;
  identityType: 'domain' | 'email';
  alarmAction: cloudwatch.IAlarmAction;
}

/** The SES event types the ses-events function reacts to. */
export const SES_EVENT_DETAIL_TYPES = [
  'Email Bounced',
  'Email Complaint Received',
  'Email Rejected',
  'Email Delivered',
] as const;

/**
 * The sender identity, a configuration set that publishes sending events to EventBridge, the
 * narrowest send permission, and alarms on the account's bounce and complaint rates.
 */
export class SesSending extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly configurationSetArn: string;
  /** Matches this configuration set's events on the default event bus. */
  readonly eventPattern: events.EventPattern;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: SesSendingProps,
  ) {
    super(scope, id);
    const domain = props.senderAddress.slice(props.senderAddress.lastIndexOf('@') + 1);
    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity:
        props.identityType === 'domain'
          ? ses.Identity.domain(domain)
          : ses.Identity.email(props.senderAddress),
    });
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('ToEventBridge', {
      destination: ses.EventDestination.eventBus(
        events.EventBus.fromEventBusName(this, 'DefaultBus', 'default'),
      ),
      events: [
        ses.EmailSendingEvent.BOUNCE,
        ses.EmailSendingEvent.COMPLAINT,
        ses.EmailSendingEvent.REJECT,
        ses.EmailSendingEvent.DELIVERY,
      ],
    });
    this.configurationSetArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
    this.eventPattern = {
      source: ['aws.ses'],
      detailType: [...SES_EVENT_DETAIL_TYPES],
      detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } } },
    };
    const rates = [
      {
        id: 'BounceRateAlarm',
        metricName: 'Reputation.BounceRate',
        threshold: 0.04,
        what: 'bounce rate at 4% (SES reviews accounts at 5%)',
      },
      {
        id: 'ComplaintRateAlarm',
        metricName: 'Reputation.ComplaintRate',
        threshold: 0.0008,
        what: 'complaint rate at 0.08% (SES reviews accounts at 0.1%)',
      },
    ];
    for (const rate of rates) {
      const alarm = new cloudwatch.Alarm(this, rate.id, {
        alarmDescription: `SES account ${rate.what}`,
        metric: new cloudwatch.Metric({
          namespace: 'AWS/SES',
          metricName: rate.metricName,
          statistic: 'Maximum',
          period: Duration.hours(1),
        }),
        threshold: rate.threshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(props.alarmAction);
    }
  }

  /** Allows only ses:SendRawEmail, only through this identity and configuration set, only from the sender address. */
  grantSendRaw(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendRawEmail'],
        resources: [this.identity.emailIdentityArn, this.configurationSetArn],
        conditions: { StringEquals: { 'ses:FromAddress': this.props.senderAddress } },
      }),
    );
  }
}
