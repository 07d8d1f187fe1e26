import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { defineApp } from '../../infra/define-app.js';
import {
  SIGNUP_SEND_FAILED_THRESHOLD,
  SIGNUP_SPIKE_THRESHOLD,
  SUBSCRIBE_CONCURRENCY,
  UNSUBSCRIBE_CONCURRENCY,
} from '../../infra/digest-stack.js';
import { REFUSAL_LOG_FIELD } from '../../src/edition/earlier-edition-check.js';
import { SIGNUP_SEND_FAILED_LOG_FIELD } from '../../src/subscription/signup-log.js';
import { allowedActions, readValidationReport, testApp } from '../helpers/cdk-context.js';

// Synthesised once for the whole file, without bundling (bundling.test.ts really bundles).
let template: Template;
let outdir: string;
let stack: ReturnType<typeof defineApp>;

beforeAll(() => {
  const built = testApp({ bundle: false });
  outdir = built.outdir;
  stack = defineApp(built.app);
  built.app.synth();
  template = Template.fromStack(stack);
});

const functionsByDescription = (prefix: string) =>
  Object.entries(template.findResources('AWS::Lambda::Function')).filter(([, r]) =>
    String(r.Properties.Description ?? '').startsWith(prefix),
  );

function logicalIdOf(prefix: string): string {
  const found = functionsByDescription(prefix);
  expect(found).toHaveLength(1);
  return found[0]![0];
}

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged findings in the synth validation report', () => {
    const report = readValidationReport(outdir);
    const failing = report.pluginReports.filter((plugin) => plugin.violations.length > 0);
    expect(failing).toEqual([]);
  });

  it('finds nothing when the pack is run directly over the stack', () => {
    const result = new AwsSolutionsChecks(stack).validateScope(stack);
    expect(result.violations.map((v) => v.ruleName)).toEqual([]);
  });

  it('acknowledges exactly the reviewed findings, each with a reason', () => {
    const acknowledged = stack.node
      .findAll()
      .flatMap((construct) =>
        construct.node.metadata
          .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((entry) =>
            Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
              at: construct.node.path.replace(/^Digest-dev\//, ''),
              id: id.replace(/^Annotation::/, '').replace(/<(\w+?)[0-9A-F]{8}\.Arn>/, '<$1.Arn>'),
              reason,
            })),
          ),
      )
      .filter((ack) => ack.id.startsWith('AwsSolutions-'));
    expect(acknowledged.map((a) => `${a.at} ${a.id}`).sort()).toEqual([
      'Archive/Distribution AwsSolutions-CFR1',
      'Archive/Distribution AwsSolutions-CFR2',
      'Archive/Distribution AwsSolutions-CFR4',
      'Articles/AccessLogs AwsSolutions-S1',
      'BatchDlq/Queue AwsSolutions-SQS3',
      'ScheduleDlq/Queue AwsSolutions-SQS3',
      'SchedulerRole AwsSolutions-IAM5[Resource::<SendDigestFunction.Arn>:*]',
      'SendBatch/Role AwsSolutions-IAM5[Resource::<ArticlesBucket.Arn>/editions/*]',
      'SendDigest/Role AwsSolutions-IAM5[Resource::<ArchiveBucket.Arn>/*]',
      'SendDigest/Role AwsSolutions-IAM5[Resource::<ArticlesBucket.Arn>/articles/*]',
      'SendDigest/Role AwsSolutions-IAM5[Resource::<ArticlesBucket.Arn>/editions/*]',
      'SendDigestFailures/Queue AwsSolutions-SQS3',
      'SesEventsFailures/Queue AwsSolutions-SQS3',
      'UnsubscribeKey AwsSolutions-SMG4',
    ]);
    for (const ack of acknowledged) expect(ack.reason.length).toBeGreaterThan(40);
  });
});

describe('functions', () => {
  it('runs all five handlers on Node.js 24, arm64, with their own log group and retention', () => {
    const functions = template.findResources('AWS::Lambda::Function');
    const handlers = Object.values(functions).filter((f) =>
      String(f.Properties.Description).startsWith('digest '),
    );
    expect(handlers).toHaveLength(5);
    for (const fn of handlers) {
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.LoggingConfig.LogGroup).toBeDefined();
    }
    template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, 5);
  });

  it('uses no AWS managed policies (own roles with scoped log permissions)', () => {
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('gives send-digest an AWS_IAM Function URL and only unsubscribe and subscribe public ones', () => {
    const sendDigest = logicalIdOf('digest send-digest');
    const unsubscribe = logicalIdOf('digest unsubscribe');
    const subscribe = logicalIdOf('digest subscribe');
    expect(subscribe).toContain('Subscribe');
    const urls = Object.values(template.findResources('AWS::Lambda::Url')).map((u) => ({
      auth: u.Properties.AuthType,
      target: u.Properties.TargetFunctionArn['Fn::GetAtt'][0],
    }));
    expect(urls).toHaveLength(3);
    expect(urls).toContainEqual({ auth: 'AWS_IAM', target: sendDigest });
    expect(urls).toContainEqual({ auth: 'NONE', target: unsubscribe });
    expect(urls).toContainEqual({ auth: 'NONE', target: subscribe });
  });

  it('sends failed asynchronous send-digest and ses-events invocations to dead-letter queues', () => {
    for (const prefix of ['digest send-digest', 'digest ses-events']) {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: logicalIdOf(prefix) },
        DestinationConfig: {
          OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('Failures'), 'Arn'] } },
        },
      });
    }
  });

  it('consumes the batch queue with partial batch responses and concurrency derived from the send rate', () => {
    const sendBatch = logicalIdOf('digest send-batch');
    // cdk.json: maxSendRate 14/s -> 2 workers at 7/s; 50 recipients per message -> 10 messages per invocation.
    expect(
      template.findResources('AWS::Lambda::Function')[sendBatch]!.Properties.ReservedConcurrentExecutions,
    ).toBe(2);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: sendBatch },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 2 },
      BatchSize: 10,
    });
    const config = JSON.stringify(
      template.findResources('AWS::Lambda::Function')[sendBatch]!.Properties.Environment,
    );
    expect(config).toContain('\\"workerRate\\":7');
  });
});

describe('S3 access', () => {
  const s3Statements = (prefix: string) => {
    const role = Object.entries(template.findResources('AWS::IAM::Role')).find(([id]) =>
      id.startsWith(prefix),
    )![0];
    return Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: unknown; Resource: unknown }>)
      .filter((s) => JSON.stringify(s.Action).includes('s3:'))
      .map((s) => ({
        action: s.Action,
        resource: JSON.stringify(s.Resource).match(/\/[a-z]+\/\*|"Arn"\]\}$/g),
      }));
  };

  it('lets send-digest list and read articles, and read and write rendered editions, nothing else', () => {
    expect(s3Statements('SendDigestRole')).toEqual([
      { action: 's3:ListBucket', resource: ['"Arn"]}'] },
      { action: 's3:GetObject', resource: ['/articles/*', '/editions/*'] },
      { action: 's3:PutObject', resource: ['/editions/*'] },
      // The public archive's own bucket (issue 15): pages, index, feed.
      { action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resource: null },
    ]);
  });

  it('lets send-batch only read rendered editions', () => {
    expect(s3Statements('SendBatchRole')).toEqual([{ action: 's3:GetObject', resource: ['/editions/*'] }]);
  });

  it('gives unsubscribe and ses-events no S3 access', () => {
    expect(s3Statements('UnsubscribeRole')).toEqual([]);
    expect(s3Statements('SesEventsRole')).toEqual([]);
  });
});

describe('schedule', () => {
  it('fires at the configured cron in the configured time zone with retries and a DLQ', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 ? * MON *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: { 'Fn::GetAtt': [logicalIdOf('digest send-digest'), 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ScheduleDlq'), 'Arn'] } },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
        Input: Match.serializedJson({
          source: 'schedule',
          idempotencyKey: 'schedule:<aws.scheduler.scheduled-time>',
          scheduledTime: '<aws.scheduler.scheduled-time>',
        }),
      },
    });
  });
});

describe('SES', () => {
  it('allows exactly ses:SendRawEmail on the identity and configuration set from the sender address', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Array<Record<string, unknown>>,
    );
    const sesStatements = statements.filter((s) => JSON.stringify(s.Action).includes('ses:'));
    expect(sesStatements).toHaveLength(3); // send-digest, send-batch and subscribe
    const identityArn = (kind: string, ref: string) => ({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':ses:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          `:${kind}/`,
          { Ref: ref },
        ],
      ],
    });
    const identity = Object.keys(template.findResources('AWS::SES::EmailIdentity'))[0]!;
    const configurationSet = Object.keys(template.findResources('AWS::SES::ConfigurationSet'))[0]!;
    for (const statement of sesStatements) {
      expect(statement).toEqual({
        Action: 'ses:SendRawEmail',
        Effect: 'Allow',
        Resource: [identityArn('identity', identity), identityArn('configuration-set', configurationSet)],
        Condition: { StringEquals: { 'ses:FromAddress': 'digest@example.com' } },
      });
    }
  });

  it('verifies the sender domain and publishes bounce, complaint, reject and delivery events to EventBridge', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'example.com' });
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint', 'reject', 'delivery'],
        EventBridgeDestination: Match.anyValue(),
      },
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.ses'],
        'detail-type': Match.arrayWith(['Email Bounced', 'Email Complaint Received']),
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalIdOf('digest ses-events'), 'Arn'] },
          DeadLetterConfig: Match.anyValue(),
          RetryPolicy: { MaximumEventAgeInSeconds: 7200, MaximumRetryAttempts: 4 },
        }),
      ],
    });
  });
});

describe('alarms', () => {
  it('alarms on errors and throttles of every function, every DLQ, and SES bounce and complaint rates', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    const metric = (name: string) => alarms.filter((a) => a.MetricName === name);
    expect(metric('Errors')).toHaveLength(5);
    expect(metric('Throttles')).toHaveLength(5);
    expect(alarms.filter((a) => String(a.MetricName).startsWith('ConfirmationsSent'))).toEqual([
      expect.objectContaining({ Namespace: 'Digest', Threshold: SIGNUP_SPIKE_THRESHOLD, Period: 300 }),
    ]);
    expect(metric('ApproximateNumberOfMessagesVisible')).toHaveLength(4);
    expect(metric('Reputation.BounceRate')).toEqual([
      expect.objectContaining({ Threshold: 0.04, Namespace: 'AWS/SES' }),
    ]);
    expect(metric('Reputation.ComplaintRate')).toEqual([
      expect.objectContaining({ Threshold: 0.0008, Namespace: 'AWS/SES' }),
    ]);
    for (const alarm of alarms) expect(alarm.AlarmActions).toHaveLength(1);
  });

  it('fault 9: alarms when send-digest refuses an edition whose articles already went out under another digest id', () => {
    // The filter matches the field send-digest logs (REFUSAL_LOG_FIELD; the handler test checks the line).
    const filters = Object.values(template.findResources('AWS::Logs::MetricFilter'))
      .map((f) => f.Properties)
      .filter((p) => /^SendDigestLogs/.test(p.LogGroupName.Ref));
    expect(filters).toEqual([
      expect.objectContaining({
        FilterPattern: `{ $.${REFUSAL_LOG_FIELD.name} = "${REFUSAL_LOG_FIELD.value}" }`,
        LogGroupName: { Ref: expect.stringMatching(/^SendDigestLogs/) },
        MetricTransformations: [
          expect.objectContaining({ MetricName: 'EditionAlreadyWentOut', MetricValue: '1' }),
        ],
      }),
    ]);
    const namespace = filters[0].MetricTransformations[0].MetricNamespace;
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    expect(alarms.filter((a) => a.MetricName === 'EditionAlreadyWentOut')).toEqual([
      expect.objectContaining({
        Namespace: namespace,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: [expect.anything()],
      }),
    ]);
  });

  it('alarms when the subscribe function cannot send signup confirmations (it answers 503 and returns normally)', () => {
    // The filter matches the field the subscribe handler logs (SIGNUP_SEND_FAILED_LOG_FIELD; the handler
    // test checks the line), on the subscribe function's own log group.
    const subscribeLogs = (template.findResources('AWS::Lambda::Function')[logicalIdOf('digest subscribe')]!
      .Properties.LoggingConfig?.LogGroup ?? {}) as { Ref?: string };
    expect(subscribeLogs.Ref).toMatch(/^SubscribeLogs/);
    const filters = Object.values(template.findResources('AWS::Logs::MetricFilter'))
      .map((f) => f.Properties)
      .filter((p) => p.MetricTransformations[0].MetricName === 'SignupSendFailed');
    expect(filters).toEqual([
      expect.objectContaining({
        FilterPattern: `{ $.${SIGNUP_SEND_FAILED_LOG_FIELD.name} = "${SIGNUP_SEND_FAILED_LOG_FIELD.value}" }`,
        LogGroupName: { Ref: subscribeLogs.Ref },
        MetricTransformations: [
          expect.objectContaining({ MetricName: 'SignupSendFailed', MetricValue: '1' }),
        ],
      }),
    ]);
    const namespace = filters[0].MetricTransformations[0].MetricNamespace;
    const alarms = Object.entries(template.findResources('AWS::CloudWatch::Alarm')).filter(
      ([, a]) => a.Properties.MetricName === 'SignupSendFailed',
    );
    expect(alarms).toHaveLength(1);
    const [logicalId, alarm] = alarms[0]!;
    expect(logicalId).toMatch(/^SignupSendFailedAlarm/);
    // At least SIGNUP_SEND_FAILED_THRESHOLD (3, as the README's alarm table says) in 5 minutes; no
    // signups at all is not an alarm.
    expect(SIGNUP_SEND_FAILED_THRESHOLD).toBe(3);
    expect(alarm.Properties).toEqual(
      expect.objectContaining({
        Namespace: namespace,
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: SIGNUP_SEND_FAILED_THRESHOLD - 1,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: expect.stringMatching(/^AlarmsTopic/) }],
      }),
    );
  });

  it('notifies an encrypted, TLS-only topic', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('storage', () => {
  it('keeps articles in an encrypted, versioned, private, logged bucket', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: Match.objectLike({}),
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'articles/' },
    });
  });

  it("creates the five tables with the adapters' key schemas, PITR and TTL where records expire", () => {
    const tables = Object.values(template.findResources('AWS::DynamoDB::Table')).map((t) => t.Properties);
    expect(tables).toHaveLength(5);
    for (const table of tables) {
      expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.BillingMode).toBe('PAY_PER_REQUEST');
    }
    const schemas = tables.map((t) => ({
      keys: t.KeySchema.map((k: { AttributeName: string }) => k.AttributeName).join('+'),
      ttl: t.TimeToLiveSpecification?.AttributeName,
    }));
    expect(schemas).toEqual(
      expect.arrayContaining([
        // Unconfirmed signups expire; the attribute is set on signup and removed on confirmation.
        { keys: 'email', ttl: 'expiresAt' },
        { keys: 'k', ttl: 'expiresAt' },
        { keys: 'digestId+recipient', ttl: 'expiresAt' },
        { keys: 'pk', ttl: undefined },
        { keys: 'id', ttl: 'expiration' },
      ]),
    );
  });

  it('encrypts and enforces TLS on every queue', () => {
    const queues = Object.values(template.findResources('AWS::SQS::Queue')).map((q) => q.Properties);
    expect(queues).toHaveLength(5);
    for (const queue of queues) expect(queue.SqsManagedSseEnabled).toBe(true);
    template.resourceCountIs('AWS::SQS::QueuePolicy', 5);
  });
});

describe('public endpoint', () => {
  it('fault 10: the public unsubscribe function has reserved concurrency, so a flood cannot starve the senders', () => {
    const unsubscribe = logicalIdOf('digest unsubscribe');

    const reserved =
      template.findResources('AWS::Lambda::Function')[unsubscribe]!.Properties.ReservedConcurrentExecutions;

    expect(reserved).toBe(UNSUBSCRIBE_CONCURRENCY);
    expect(UNSUBSCRIBE_CONCURRENCY).toBeGreaterThan(0);
    expect(UNSUBSCRIBE_CONCURRENCY).toBeLessThanOrEqual(10);
  });
});

describe('least privilege', () => {
  const allowed = (rolePrefix: string): string[] => allowedActions(template, rolePrefix);

  it('fault 11: the unsubscribe role may only GetItem and UpdateItem on the subscribers table (and read its key)', () => {
    expect(allowed('UnsubscribeRole')).toEqual([
      'dynamodb:GetItem TablesSubscribers',
      'dynamodb:UpdateItem TablesSubscribers',
      'logs:CreateLogStream UnsubscribeLogs',
      'logs:PutLogEvents UnsubscribeLogs',
      'secretsmanager:GetSecretValue UnsubscribeKey',
    ]);
  });

  it('the subscribe role allows exactly the actions its handler calls, on its two tables, key and sender', () => {
    expect(allowed('SubscribeRole')).toEqual([
      'dynamodb:GetItem TablesSubscribers',
      'dynamodb:PutItem TablesSignupLimits',
      'dynamodb:PutItem TablesSubscribers',
      'dynamodb:UpdateItem TablesSignupLimits',
      'logs:CreateLogStream SubscribeLogs',
      'logs:PutLogEvents SubscribeLogs',
      'secretsmanager:GetSecretValue UnsubscribeKey',
      'ses:SendRawEmail arn:*:ses:*:*:configuration-set/SesConfigurationSet',
      'ses:SendRawEmail arn:*:ses:*:*:identity/SesIdentity',
    ]);
  });

  it('the public subscribe function has reserved concurrency and a public URL without CORS by default', () => {
    const subscribe = logicalIdOf('digest subscribe');
    const fn = template.findResources('AWS::Lambda::Function')[subscribe]!;
    expect(fn.Properties.ReservedConcurrentExecutions).toBe(SUBSCRIBE_CONCURRENCY);
    const url = Object.values(template.findResources('AWS::Lambda::Url')).find(
      (u) => u.Properties.TargetFunctionArn['Fn::GetAtt'][0] === subscribe,
    );
    expect(url?.Properties.Cors).toBeUndefined();
  });

  it('fault 11: every role allows exactly the actions its handler calls', () => {
    expect({
      sendDigest: allowed('SendDigestRole'),
      sendBatch: allowed('SendBatchRole'),
      sesEvents: allowed('SesEventsRole'),
      scheduler: allowed('SchedulerRole'),
    }).toEqual({
      scheduler: [
        'lambda:InvokeFunction SendDigestFunction',
        'lambda:InvokeFunction SendDigestFunction:*',
        'sqs:SendMessage ScheduleDlqQueue',
      ],
      sendBatch: [
        'dynamodb:GetItem TablesSendLedger',
        'dynamodb:GetItem TablesSubscribers',
        'dynamodb:UpdateItem TablesSendLedger',
        'logs:CreateLogStream SendBatchLogs',
        'logs:PutLogEvents SendBatchLogs',
        's3:GetObject ArticlesBucket/editions/*',
        'secretsmanager:GetSecretValue UnsubscribeKey',
        'ses:SendRawEmail arn:*:ses:*:*:configuration-set/SesConfigurationSet',
        'ses:SendRawEmail arn:*:ses:*:*:identity/SesIdentity',
        'sqs:ChangeMessageVisibility BatchQueue',
        'sqs:DeleteMessage BatchQueue',
        'sqs:GetQueueAttributes BatchQueue',
        'sqs:GetQueueUrl BatchQueue',
        'sqs:ReceiveMessage BatchQueue',
      ],
      sendDigest: [
        // Publishes each edition to the public archive (issue 15).
        'cloudfront:CreateInvalidation arn:*:cloudfront::*:distribution/ArchiveDistribution',
        'dynamodb:BatchGetItem TablesEditions',
        'dynamodb:BatchWriteItem TablesEditions',
        'dynamodb:DeleteItem TablesEditions',
        'dynamodb:DeleteItem TablesIdempotency',
        'dynamodb:GetItem TablesEditions',
        'dynamodb:GetItem TablesIdempotency',
        'dynamodb:GetItem TablesSendLedger',
        'dynamodb:PutItem TablesEditions',
        'dynamodb:PutItem TablesIdempotency',
        'dynamodb:Query TablesSendLedger',
        'dynamodb:Scan TablesSubscribers',
        'dynamodb:UpdateItem TablesIdempotency',
        'dynamodb:UpdateItem TablesSendLedger',
        'logs:CreateLogStream SendDigestLogs',
        'logs:PutLogEvents SendDigestLogs',
        's3:DeleteObject ArchiveBucket/*',
        's3:GetObject ArchiveBucket/*',
        's3:GetObject ArticlesBucket/articles/*',
        's3:GetObject ArticlesBucket/editions/*',
        's3:ListBucket ArticlesBucket',
        's3:PutObject ArchiveBucket/*',
        's3:PutObject ArticlesBucket/editions/*',
        'secretsmanager:GetSecretValue UnsubscribeKey',
        'ses:SendRawEmail arn:*:ses:*:*:configuration-set/SesConfigurationSet',
        'ses:SendRawEmail arn:*:ses:*:*:identity/SesIdentity',
        'sqs:GetQueueAttributes SendDigestFailuresQueue',
        'sqs:GetQueueUrl SendDigestFailuresQueue',
        'sqs:SendMessage BatchQueue',
        'sqs:SendMessage SendDigestFailuresQueue',
      ],
      sesEvents: [
        'dynamodb:GetItem TablesSendLedger',
        'dynamodb:GetItem TablesSubscribers',
        'dynamodb:UpdateItem TablesSendLedger',
        'dynamodb:UpdateItem TablesSubscribers',
        'logs:CreateLogStream SesEventsLogs',
        'logs:PutLogEvents SesEventsLogs',
        'sqs:GetQueueAttributes SesEventsFailuresQueue',
        'sqs:GetQueueUrl SesEventsFailuresQueue',
        'sqs:SendMessage SesEventsFailuresQueue',
      ],
    });
  });
});
