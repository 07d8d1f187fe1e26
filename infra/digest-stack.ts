import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { TimeZone } from 'aws-cdk-lib/core';
import type { Construct } from 'constructs';
import type { RuntimeConfig } from '../lambdas/config.js';
import { DEFAULT_EDITIONS_PREFIX } from '../src/adapters/aws/draft-store.js';
import { APPROVAL_STUCK_LOG_FIELD, REVIEW_OVERDUE_LOG_FIELD } from '../src/adapters/aws/review-log.js';
import { REFUSAL_LOG_FIELD } from '../src/edition/earlier-edition-check.js';
import { describeSchedule } from '../src/subscription/schedule-text.js';
import { SIGNUP_SEND_FAILED_LOG_FIELD } from '../src/subscription/signup-log.js';
import type { DigestConfig } from './config.js';
import { AlarmTopic } from './constructs/alarm-topic.js';
import { ArticlesBucket } from './constructs/articles-bucket.js';
import { DigestFunction } from './constructs/digest-function.js';
import { DigestTables } from './constructs/digest-tables.js';
import { ARCHIVE_EDITIONS_PREFIX, PublicArchive } from './constructs/public-archive.js';
import { DeadLetterQueue, WorkQueue } from './constructs/secure-queue.js';
import { SesSending } from './constructs/ses-sending.js';
import { BATCH_TIMEOUT_SECONDS, planSending } from './sending-plan.js';

const handlerEntry = (name: string) => fileURLToPath(new URL(`../lambdas/${name}.ts`, import.meta.url));

/** Key prefix of the rendered editions (web version and the batch workers' copy) in the articles bucket. */
export const WEB_ARCHIVE_PREFIX = DEFAULT_EDITIONS_PREFIX;
/**
 * Reserved (and maximum) concurrency of the public unsubscribe function. One unsubscribe takes tens of
 * milliseconds, so 5 at once answer well over 50 requests a second; more is a flood, throttled (429)
 * instead of drawing on the account's unreserved concurrency that send-digest and ses-events use.
 */
export const UNSUBSCRIBE_CONCURRENCY = 5;
/**
 * Reserved (and maximum) concurrency of the public subscribe function: a signup takes well under a
 * second (the answer is padded to SUBSCRIBE_MIN_RESPONSE_MS), so 5 at once answer about 15 signups a
 * second, far above a real list's rate; a flood beyond that is throttled (429) and alarms.
 */
export const SUBSCRIBE_CONCURRENCY = 5;
/** Every signup answer takes at least this long, so new and listed addresses answer alike. */
export const SUBSCRIBE_MIN_RESPONSE_MS = 300;
/** Confirmations sent in 5 minutes above which the signup-spike alarm fires. */
export const SIGNUP_SPIKE_THRESHOLD = 100;
/**
 * Signup confirmations SES could not send, in 5 minutes, at which the signup-send-failed alarm fires:
 * one or two can be a single refused recipient or a passing throttle; three mean signups are being
 * turned away (the function answers 503 and returns normally, so its Errors alarm stays quiet).
 */
export const SIGNUP_SEND_FAILED_THRESHOLD = 3;
/**
 * Reserved (and maximum) concurrency of the public approve function: a handful of editors click it; 2 at
 * once is plenty, and a flood is throttled (429) instead of taking the senders' concurrency.
 */
export const APPROVE_CONCURRENCY = 2;
/** How long the approve link in a review copy works. */
export const APPROVE_LINK_TTL = Duration.days(7);
/** How often the review check runs (auto-approve at the deadline, the overdue warning). */
export const REVIEW_CHECK_RATE = Duration.minutes(5);
/** A scheduled run that starts later than this after its slot is stale and sends nothing. */
export const SCHEDULE_MAX_AGE = Duration.hours(1);

export interface DigestStackProps extends StackProps {
  config: DigestConfig;
}

/** Wires the constructs: articles in, digest out through SES, on a schedule or on demand. */
export class DigestStack extends Stack {
  constructor(scope: Construct, id: string, props: DigestStackProps) {
    super(scope, id, props);
    const { config } = props;
    const plan = planSending(config);
    const retain = config.stage === 'prod';
    const logRetention = retain ? logs.RetentionDays.SIX_MONTHS : logs.RetentionDays.ONE_MONTH;

    const alarms = new AlarmTopic(this, 'Alarms', { email: config.alarmEmail });
    const alarmAction = alarms.action;
    const articles = new ArticlesBucket(this, 'Articles', { retain });
    const archive = config.archive
      ? new PublicArchive(this, 'Archive', {
          retain,
          logBucket: articles.accessLogs,
          ...(config.archiveDomain ? { domain: config.archiveDomain } : {}),
        })
      : undefined;
    const tables = new DigestTables(this, 'Tables', { retain });
    const ses = new SesSending(this, 'Ses', {
      senderAddress: config.senderAddress,
      identityType: config.identityType,
      alarmAction,
    });
    const unsubscribeKey = new secretsmanager.Secret(this, 'UnsubscribeKey', {
      description: 'HMAC key that signs one-click unsubscribe tokens',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(unsubscribeKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the HMAC key would invalidate the unsubscribe link in every digest already delivered; it is rotated by hand with a grace period.',
    });

    const batchDlq = new DeadLetterQueue(this, 'BatchDlq', {
      purpose: 'recipient batches that failed 3 times',
      alarmAction,
    });
    const batchQueue = new WorkQueue(this, 'BatchQueue', {
      visibilityTimeout: Duration.seconds(BATCH_TIMEOUT_SECONDS * 6),
      maxReceiveCount: 3,
      deadLetterQueue: batchDlq.queue,
    });
    const sendDigestFailures = new DeadLetterQueue(this, 'SendDigestFailures', {
      purpose: 'send-digest invocations that failed after retries',
      alarmAction,
    });
    const scheduleDlq = new DeadLetterQueue(this, 'ScheduleDlq', {
      purpose: 'scheduled runs the scheduler could not deliver',
      alarmAction,
    });
    const sesEventsFailures = new DeadLetterQueue(this, 'SesEventsFailures', {
      purpose: 'SES events that could not be applied',
      alarmAction,
    });

    const unsubscribe = new DigestFunction(this, 'Unsubscribe', {
      entry: handlerEntry('unsubscribe'),
      description: 'digest unsubscribe endpoint',
      timeout: Duration.seconds(10),
      memorySize: 256,
      // A public URL: a flood (even of 403s) must not take the account concurrency the senders need.
      reservedConcurrentExecutions: UNSUBSCRIBE_CONCURRENCY,
      logRetention,
      alarmAction,
      environment: {},
    });
    // Mail clients POST one-click unsubscribes without credentials (RFC 8058); the token is the authorization.
    const unsubscribeUrl = unsubscribe.function.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

    const runtime: RuntimeConfig = {
      stage: config.stage,
      tables: {
        subscribers: tables.subscribers.tableName,
        ledger: tables.ledger.tableName,
        editions: tables.editions.tableName,
        idempotency: tables.idempotency.tableName,
      },
      articles: {
        bucket: articles.bucket.bucketName,
        prefix: config.articlesPrefix,
        feedUrl: config.feedUrl,
        maxPerEdition: config.maxArticlesPerEdition,
      },
      webArchive: {
        bucket: articles.bucket.bucketName,
        prefix: WEB_ARCHIVE_PREFIX,
        // The view-in-browser links work right after deploy: the archive's own address by default.
        baseUrl:
          config.webBaseUrl ??
          (archive ? `${archive.url}${ARCHIVE_EDITIONS_PREFIX.slice(0, -1)}` : undefined),
      },
      batchQueueUrl: batchQueue.queue.queueUrl,
      sender: {
        fromAddress: config.senderAddress,
        fromName: config.senderName,
        replyTo: config.replyTo,
        listId: config.listId,
      },
      publication: { name: config.publicationName, postalAddress: config.postalAddress },
      configurationSet: ses.configurationSet.configurationSetName,
      unsubscribeUrl: unsubscribeUrl.url,
      hmacSecretArn: unsubscribeKey.secretArn,
      sending: {
        directRate: config.maxSendRate,
        workerRate: plan.workerRate,
        directSendThreshold: config.directSendThreshold,
        recipientsPerBatch: config.recipientsPerBatch,
      },
      digest: {
        summarySentences: config.summarySentences,
        quotesPerArticle: config.quotesPerArticle,
        ...(config.speakerThreshold !== undefined ? { speakerThreshold: config.speakerThreshold } : {}),
      },
      scheduleMaxAgeSeconds: SCHEDULE_MAX_AGE.toSeconds(),
    };
    const environment = { DIGEST_CONFIG: this.toJsonString(runtime) };

    const subscribe = new DigestFunction(this, 'Subscribe', {
      entry: handlerEntry('subscribe'),
      description: 'digest subscribe endpoint (double opt-in signup)',
      timeout: Duration.seconds(10),
      memorySize: 256,
      // Public and unauthenticated: a flood must neither take the senders' concurrency nor mail unbounded.
      reservedConcurrentExecutions: SUBSCRIBE_CONCURRENCY,
      logRetention,
      alarmAction,
      environment: {
        DIGEST_CONFIG: this.toJsonString({
          ...runtime,
          tables: { ...runtime.tables, signupLimits: tables.signupLimits.tableName },
          subscribe: {
            nextEdition: describeSchedule(config.scheduleCron, config.scheduleTimeZone),
            minResponseMs: SUBSCRIBE_MIN_RESPONSE_MS,
          },
        } satisfies RuntimeConfig),
      },
    });
    // Forms post without credentials; CORS only for the configured site (a plain HTML form needs none).
    const subscribeUrl = subscribe.function.addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.NONE,
      ...(config.siteOrigin
        ? {
            cors: {
              allowedOrigins: [config.siteOrigin],
              allowedMethods: [lambda.HttpMethod.POST],
              allowedHeaders: ['content-type'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    // The handler logs `signup` with its outcome; a burst of confirmations sent is a spike worth a look.
    const signups = new logs.MetricFilter(this, 'SignupsSent', {
      logGroup: subscribe.logGroup,
      metricNamespace: 'Digest',
      metricName: `ConfirmationsSent-${config.stage}`,
      filterPattern: logs.FilterPattern.literal(
        '{ $.message = "signup" && $.outcome = "confirmation-sent" }',
      ),
      metricValue: '1',
      defaultValue: 0,
    });
    const signupSpike = new cloudwatch.Alarm(this, 'SignupSpikeAlarm', {
      alarmDescription: `more than ${SIGNUP_SPIKE_THRESHOLD} signup confirmations sent in 5 minutes (a bot, or a campaign)`,
      metric: signups.metric({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: SIGNUP_SPIKE_THRESHOLD,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    signupSpike.addAlarmAction(alarmAction);
    // A confirmation SES could not send (outage, throttling, quota, paused account) answers 503 and
    // returns normally, so the Errors alarm never fires: this one counts the ERROR `signup` lines.
    this.logFieldAlarm('SignupSendFailed', {
      config,
      logGroup: subscribe.logGroup,
      field: SIGNUP_SEND_FAILED_LOG_FIELD,
      metricName: 'SignupSendFailed',
      period: Duration.minutes(5),
      atLeast: SIGNUP_SEND_FAILED_THRESHOLD,
      description: `${SIGNUP_SEND_FAILED_THRESHOLD} or more signup confirmations could not be sent in 5 minutes (SES failing; see the README, Read the alarms)`,
      alarmAction,
    });
    unsubscribe.function.addEnvironment(
      'DIGEST_CONFIG',
      this.toJsonString({ ...runtime, unsubscribeUrl: undefined } satisfies RuntimeConfig),
    );

    const review =
      config.review === 'approve'
        ? this.reviewResources(config, runtime, alarmAction, logRetention)
        : undefined;
    const sendDigest = new DigestFunction(this, 'SendDigest', {
      entry: handlerEntry('send-digest'),
      description: 'digest send-digest (scheduled or on demand)',
      timeout: Duration.minutes(15),
      memorySize: 1024,
      logRetention,
      alarmAction,
      environment:
        review || archive
          ? {
              DIGEST_CONFIG: this.toJsonString({
                ...runtime,
                ...(review ? { review: review.sendDigestReview } : {}),
                ...(archive
                  ? {
                      publicArchive: {
                        bucket: archive.bucket.bucketName,
                        distributionId: archive.distribution.distributionId,
                        baseUrl: archive.url,
                        signupUrl: subscribeUrl.url,
                      },
                    }
                  : {}),
              } satisfies RuntimeConfig),
            }
          : environment,
      onFailure: sendDigestFailures.queue,
      retryAttempts: 1,
    });
    // An edition refused because its articles already went out under another digest id (a send resumed
    // after midnight UTC, the same article uploaded twice): nothing was sent, on purpose, so no error
    // alarm fires; this one does, from the warning send-digest logs.
    this.logFieldAlarm('EditionAlreadyWentOut', {
      config,
      logGroup: sendDigest.logGroup,
      field: REFUSAL_LOG_FIELD,
      metricName: 'EditionAlreadyWentOut',
      period: Duration.minutes(5),
      description:
        'send-digest sent nothing: these articles already went out under another digest id (see the README, Read the alarms)',
      alarmAction,
    });
    const sendBatch = new DigestFunction(this, 'SendBatch', {
      entry: handlerEntry('send-batch'),
      description: 'digest send-batch (SQS recipient batches)',
      timeout: Duration.seconds(BATCH_TIMEOUT_SECONDS),
      memorySize: 512,
      reservedConcurrentExecutions: plan.workers,
      logRetention,
      alarmAction,
      environment,
    });
    const sesEvents = new DigestFunction(this, 'SesEvents', {
      entry: handlerEntry('ses-events'),
      description: 'digest ses-events (bounces, complaints, deliveries)',
      timeout: Duration.seconds(30),
      memorySize: 256,
      logRetention,
      alarmAction,
      environment,
      onFailure: sesEventsFailures.queue,
      retryAttempts: 2,
    });

    // Grants: each function gets exactly the actions its adapters call, on the tables it touches.
    const dynamo = (fn: DigestFunction, table: dynamodb.ITable, actions: string[]) =>
      table.grant(fn.function, ...actions.map((action) => `dynamodb:${action}`));
    const readKey = (fn: DigestFunction) =>
      fn.role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['secretsmanager:GetSecretValue'],
          resources: [unsubscribeKey.secretArn],
        }),
      );
    // Unsubscribe reads one subscriber and updates its status (DynamoSubscriberStore get/setStatus).
    dynamo(unsubscribe, tables.subscribers, ['GetItem', 'UpdateItem']);
    readKey(unsubscribe);
    // Subscribe reads a subscriber and writes it whole under a condition (DynamoSubscriberStore get/putIf),
    // and takes signup counters (DynamoSignupLimits: a conditional put and a conditional update).
    dynamo(subscribe, tables.subscribers, ['GetItem', 'PutItem']);
    dynamo(subscribe, tables.signupLimits, ['PutItem', 'UpdateItem']);
    readKey(subscribe);
    ses.grantSendRaw(subscribe.function);
    // Ledger rows: a read before the claim, then conditional updates (claim, sent/failed/unknown/release).
    const ledgerActions = ['GetItem', 'UpdateItem'];
    // send-digest streams the list (Scan); send-batch re-reads each recipient (GetItem).
    dynamo(sendDigest, tables.subscribers, ['Scan']);
    dynamo(sendBatch, tables.subscribers, ['GetItem']);
    // send-digest also reads an earlier edition's rows (Query) to see whom it reached (fault 9).
    dynamo(sendDigest, tables.ledger, ['Query']);
    for (const sender of [sendDigest, sendBatch]) {
      dynamo(sender, tables.ledger, ledgerActions);
      readKey(sender);
      ses.grantSendRaw(sender.function);
    }
    // DynamoEditionStore: item markers (BatchWrite/BatchGet), records and markers (Put/Get/Delete);
    // in review mode also the drafts' state (DynamoS3DraftStore: conditional Put and Update).
    dynamo(sendDigest, tables.editions, [
      'BatchGetItem',
      'BatchWriteItem',
      'DeleteItem',
      'GetItem',
      'PutItem',
      ...(review ? ['UpdateItem'] : []),
    ]);
    if (review)
      this.wireReview(review, { config, tables, articles, sendDigest, readKey, dynamo, alarmAction });
    // Powertools idempotency records.
    dynamo(sendDigest, tables.idempotency, ['DeleteItem', 'GetItem', 'PutItem', 'UpdateItem']);
    sendDigest.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [batchQueue.queue.queueArn] }),
    );
    sendDigest.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [articles.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${config.articlesPrefix}*`] } },
      }),
    );
    // Reads articles, and the archived rendering when it resumes an interrupted edition.
    sendDigest.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [
          articles.bucket.arnForObjects(`${config.articlesPrefix}*`),
          articles.bucket.arnForObjects(`${WEB_ARCHIVE_PREFIX}*`),
        ],
      }),
    );
    sendDigest.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [articles.bucket.arnForObjects(`${WEB_ARCHIVE_PREFIX}*`)],
      }),
    );
    if (archive) archive.grantPublish(sendDigest.role);
    sendBatch.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [articles.bucket.arnForObjects(`${WEB_ARCHIVE_PREFIX}*`)],
      }),
    );
    const objectWildcards = [
      `Resource::<${this.getLogicalId(articles.bucket.node.defaultChild as never)}.Arn>/${config.articlesPrefix}*`,
      `Resource::<${this.getLogicalId(articles.bucket.node.defaultChild as never)}.Arn>/${WEB_ARCHIVE_PREFIX}*`,
    ];
    for (const [fn, findings] of [
      [sendDigest, objectWildcards],
      [sendBatch, [objectWildcards[1]!]],
    ] as const) {
      for (const finding of findings) {
        Validations.of(fn.role).acknowledge({
          id: `AwsSolutions-IAM5[${finding}]`,
          reason:
            'Object-level S3 access is scoped to one key prefix (articles to read, rendered editions); object keys are not known at deploy time.',
        });
      }
    }
    // ses-events marks bounced/complained subscribers and settles unknown ledger rows.
    dynamo(sesEvents, tables.subscribers, ['GetItem', 'UpdateItem']);
    dynamo(sesEvents, tables.ledger, ledgerActions);

    sendBatch.function.addEventSource(
      new SqsEventSource(batchQueue.queue, {
        batchSize: plan.messagesPerInvocation,
        reportBatchItemFailures: true,
        maxConcurrency: plan.workers,
      }),
    );

    const sendDigestUrl = sendDigest.function.addFunctionUrl({
      authType: lambda.FunctionUrlAuthType.AWS_IAM,
    });

    new events.Rule(this, 'SesEventsRule', {
      description: 'SES configuration-set events to the ses-events function',
      eventPattern: ses.eventPattern,
      targets: [
        new targets.LambdaFunction(sesEvents.function, {
          deadLetterQueue: sesEventsFailures.queue,
          retryAttempts: 4,
          maxEventAge: Duration.hours(2),
        }),
      ],
    });

    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
      description: 'Lets EventBridge Scheduler start a digest edition',
    });
    new scheduler.Schedule(this, 'Schedule', {
      description: `digest edition (${config.scheduleCron} in ${config.scheduleTimeZone})`,
      schedule: scheduler.ScheduleExpression.expression(
        `cron(${config.scheduleCron})`,
        TimeZone.of(config.scheduleTimeZone),
      ),
      target: new schedulerTargets.LambdaInvoke(sendDigest.function, {
        role: schedulerRole,
        deadLetterQueue: scheduleDlq.queue,
        retryAttempts: 2,
        maxEventAge: SCHEDULE_MAX_AGE,
        input: scheduler.ScheduleTargetInput.fromObject({
          source: 'schedule',
          idempotencyKey: `schedule:${scheduler.ContextAttribute.scheduledTime}`,
          scheduledTime: scheduler.ContextAttribute.scheduledTime,
        }),
      }),
    });

    Validations.of(schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(sendDigest.function.node.defaultChild as never)}.Arn>:*]`,
      reason:
        'The scheduler role may invoke versions and aliases of the send-digest function only; the wildcard is the qualifier.',
    });

    if (review) {
      new CfnOutput(this, 'ApproveUrl', { value: review.url.url });
      new CfnOutput(this, 'ApprovalQueueUrl', { value: review.queue.queue.queueUrl });
      new CfnOutput(this, 'EditionsTableName', { value: tables.editions.tableName });
    }
    new CfnOutput(this, 'ArticlesBucketName', { value: articles.bucket.bucketName });
    new CfnOutput(this, 'ArticlesPrefix', { value: config.articlesPrefix });
    new CfnOutput(this, 'SendDigestFunctionName', { value: sendDigest.function.functionName });
    new CfnOutput(this, 'SendDigestUrl', { value: sendDigestUrl.url });
    new CfnOutput(this, 'UnsubscribeUrl', { value: unsubscribeUrl.url });
    new CfnOutput(this, 'SubscribeUrl', { value: subscribeUrl.url });
    new CfnOutput(this, 'SubscribersTableName', { value: tables.subscribers.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn });
    new CfnOutput(this, 'ConfigurationSetName', { value: ses.configurationSet.configurationSetName });
    if (archive) {
      new CfnOutput(this, 'ArchiveUrl', { value: archive.url });
      new CfnOutput(this, 'ArchiveBucketName', { value: archive.bucket.bucketName });
      new CfnOutput(this, 'ArchiveDistributionId', { value: archive.distribution.distributionId });
    }
  }

  /** Review mode's queue and public approve function (created before send-digest, whose config names them). */
  private reviewResources(
    config: DigestConfig,
    runtime: RuntimeConfig,
    alarmAction: cloudwatch.IAlarmAction,
    logRetention: logs.RetentionDays,
  ) {
    const dlq = new DeadLetterQueue(this, 'ApprovalDlq', {
      purpose: 'approved editions whose send failed 3 times',
      alarmAction,
    });
    // Visibility above send-digest's 15-minute timeout, so a send in progress is never handed out twice.
    const queue = new WorkQueue(this, 'ApprovalQueue', {
      visibilityTimeout: Duration.minutes(90),
      maxReceiveCount: 3,
      deadLetterQueue: dlq.queue,
    });
    const base = {
      editors: config.editors,
      approvalQueueUrl: queue.queue.queueUrl,
      linkTtlSeconds: APPROVE_LINK_TTL.toSeconds(),
      ...(config.autoApproveAfterSeconds !== undefined
        ? { autoApproveAfterSeconds: config.autoApproveAfterSeconds }
        : {}),
      reviewAlarmAfterSeconds: config.reviewAlarmAfterSeconds,
    };
    const fn = new DigestFunction(this, 'Approve', {
      entry: handlerEntry('approve'),
      description: 'digest approve endpoint (review mode)',
      timeout: Duration.seconds(10),
      memorySize: 512,
      // Public: a flood (even of 403s) must not take the account concurrency the senders need.
      reservedConcurrentExecutions: APPROVE_CONCURRENCY,
      logRetention,
      alarmAction,
      environment: {
        DIGEST_CONFIG: this.toJsonString({ ...runtime, review: base } satisfies RuntimeConfig),
      },
    });
    // Editors open the link from a mail client or a phone; the signed token is the authorization.
    const url = fn.function.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    return { queue, fn, url, sendDigestReview: { ...base, approveUrl: url.url } };
  }

  /** Grants and schedules of review mode: least privilege for the approve function, the check, the alarm. */
  private wireReview(
    review: ReturnType<DigestStack['reviewResources']>,
    wiring: {
      config: DigestConfig;
      tables: DigestTables;
      articles: ArticlesBucket;
      sendDigest: DigestFunction;
      readKey: (fn: DigestFunction) => void;
      dynamo: (fn: DigestFunction, table: dynamodb.ITable, actions: string[]) => void;
      alarmAction: cloudwatch.IAlarmAction;
    },
  ): void {
    const { config, tables, articles, sendDigest, alarmAction } = wiring;
    // DynamoS3DraftStore on the approve side: read a draft's state, move its status (conditional update).
    wiring.dynamo(review.fn, tables.editions, ['GetItem', 'UpdateItem']);
    wiring.readKey(review.fn);
    const draftObjects = `${WEB_ARCHIVE_PREFIX}drafts/*`;
    review.fn.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [articles.bucket.arnForObjects(draftObjects)],
      }),
    );
    Validations.of(review.fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(articles.bucket.node.defaultChild as never)}.Arn>/${draftObjects}]`,
      reason:
        'The approve function reads draft documents only, under one key prefix; their keys are not known at deploy time.',
    });
    review.fn.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [review.queue.queue.queueArn] }),
    );
    // One approved edition per invocation: a failed send fails its message alone.
    sendDigest.function.addEventSource(new SqsEventSource(review.queue.queue, { batchSize: 1 }));
    // The review check queues the send of a stuck approval (approved, the approve function's queueing failed).
    sendDigest.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [review.queue.queue.queueArn] }),
    );

    const checkRole = new iam.Role(this, 'ReviewCheckRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
      description: 'Lets EventBridge Scheduler run the digest review check',
    });
    new scheduler.Schedule(this, 'ReviewCheck', {
      description: 'digest review check: auto-approve at the deadline, warn about drafts waiting',
      schedule: scheduler.ScheduleExpression.rate(REVIEW_CHECK_RATE),
      target: new schedulerTargets.LambdaInvoke(sendDigest.function, {
        role: checkRole,
        retryAttempts: 0,
        input: scheduler.ScheduleTargetInput.fromObject({ source: 'review-check' }),
      }),
    });
    Validations.of(checkRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(sendDigest.function.node.defaultChild as never)}.Arn>:*]`,
      reason:
        'The scheduler role may invoke versions and aliases of the send-digest function only; the wildcard is the qualifier.',
    });
    this.logFieldAlarm('DraftWaiting', {
      config,
      logGroup: sendDigest.logGroup,
      field: REVIEW_OVERDUE_LOG_FIELD,
      metricName: 'DraftWaitingForApproval',
      period: Duration.minutes(15),
      description: `a draft edition has waited more than ${config.reviewAlarmAfterSeconds / 3600} h for approval (review mode; see the README)`,
      alarmAction,
    });
    this.logFieldAlarm('ApprovalStuck', {
      config,
      logGroup: sendDigest.logGroup,
      field: APPROVAL_STUCK_LOG_FIELD,
      metricName: 'ApprovalStuck',
      period: Duration.minutes(15),
      description:
        'an approved edition did not start sending (queueing its send failed); the review check queued it again (review mode; see the README)',
      alarmAction,
    });
  }

  /**
   * A metric filter counting a warning field in a log group (`<id>Filter`) and its alarm (`<id>Alarm`)
   * when `atLeast` (default 1: any) such lines are logged in one period.
   */
  private logFieldAlarm(
    id: string,
    props: {
      config: DigestConfig;
      logGroup: logs.ILogGroup;
      field: { readonly name: string; readonly value: string };
      metricName: string;
      period: Duration;
      /** Lines in one period at which the alarm fires (default 1). */
      atLeast?: number;
      description: string;
      alarmAction: cloudwatch.IAlarmAction;
    },
  ): void {
    const filter = new logs.MetricFilter(this, `${id}Filter`, {
      logGroup: props.logGroup,
      filterPattern: logs.FilterPattern.stringValue(`$.${props.field.name}`, '=', props.field.value),
      metricNamespace: `Digest/${props.config.stage}`,
      metricName: props.metricName,
      metricValue: '1',
    });
    new cloudwatch.Alarm(this, `${id}Alarm`, {
      alarmDescription: props.description,
      metric: filter.metric({ period: props.period, statistic: 'Sum' }),
      // Counts are whole numbers: "more than atLeast - 1" (0 for the default) is "at least atLeast".
      threshold: (props.atLeast ?? 1) - 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(props.alarmAction);
  }
}
