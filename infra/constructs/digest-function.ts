import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * How every handler is bundled, shared with bench/bundles.ts so the bench measures what CDK deploys.
 * mjml is external and must never be imported at runtime: the renderer ships precompiled templates.
 */
export const BUNDLING = {
  format: 'esm',
  target: 'node24',
  minify: true,
  externalModules: ['mjml'],
  // ESM output: CommonJS dependencies (the AWS SDK, handlebars/runtime) still call require() for built-ins.
  banner:
    "import { createRequire as __digestCreateRequire } from 'node:module'; const require = __digestCreateRequire(import.meta.url);",
} as const;

export interface DigestFunctionProps {
  /** Handler source file (lambdas/<name>.ts). */
  entry: string;
  description: string;
  environment: Record<string, string>;
  timeout: Duration;
  memorySize?: number;
  reservedConcurrentExecutions?: number;
  logRetention: logs.RetentionDays;
  alarmAction: cloudwatch.IAlarmAction;
  /** For asynchronously invoked functions: where events go after the retries are used up. */
  onFailure?: sqs.IQueue;
  retryAttempts?: number;
}

/**
 * One handler: Node.js 24 on arm64, bundled with the local esbuild, its own role and log group
 * (no managed policy), and alarms on errors and throttles.
 */
export class DigestFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly errorsAlarm: cloudwatch.Alarm;
  readonly throttlesAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: DigestFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.description}`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      onFailure: props.onFailure ? new destinations.SqsDestination(props.onFailure) : undefined,
      retryAttempts: props.onFailure ? (props.retryAttempts ?? 2) : undefined,
      bundling: {
        format: nodejs.OutputFormat.ESM,
        target: BUNDLING.target,
        minify: BUNDLING.minify,
        sourceMap: true,
        sourcesContent: false,
        metafile: true,
        mainFields: ['module', 'main'],
        externalModules: [...BUNDLING.externalModules],
        banner: BUNDLING.banner,
        forceDockerBundling: false,
      },
    });
    this.errorsAlarm = new cloudwatch.Alarm(this, 'ErrorsAlarm', {
      alarmDescription: `${props.description}: invocations failed`,
      metric: this.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.throttlesAlarm = new cloudwatch.Alarm(this, 'ThrottlesAlarm', {
      alarmDescription: `${props.description}: invocations throttled`,
      metric: this.function.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.errorsAlarm.addAlarmAction(props.alarmAction);
    this.throttlesAlarm.addAlarmAction(props.alarmAction);
  }
}
