import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { defineApp } from '../../infra/define-app.js';
import { readValidationReport, testApp } from '../helpers/cdk-context.js';

// A production-like configuration given as `cdk -c` would give it (strings), synthesised once without bundling.
let template: Template;
let outdir: string;

beforeAll(() => {
  const built = testApp({
    bundle: false,
    overrides: {
      'digest:stage': 'prod',
      'digest:identityType': 'email',
      'digest:senderAddress': 'news@mail.example.org',
      'digest:maxSendRate': '200',
      'digest:feedUrl': 'https://news.example.org/feed.xml',
      'digest:alarmEmail': 'ops@example.org',
      'digest:siteOrigin': 'https://news.example.org',
      'digest:scheduleCron': '30 6 ? * TUE,FRI *',
      'digest:scheduleTimeZone': 'America/New_York',
    },
  });
  outdir = built.outdir;
  const stack = defineApp(built.app);
  built.app.synth();
  template = Template.fromStack(stack);
});

describe('a prod stage with an email identity at 200 messages per second', () => {
  it('names the stack after the stage and stays cdk-nag clean', () => {
    expect(readValidationReport(outdir).pluginReports.filter((p) => p.violations.length > 0)).toEqual([]);
    expect(template.toJSON().Description).toContain('(prod)');
  });

  it('keeps tables and buckets when the stack is deleted, and logs for 180 days', () => {
    for (const type of ['AWS::DynamoDB::Table', 'AWS::S3::Bucket']) {
      for (const resource of Object.values(template.findResources(type))) {
        expect(resource.DeletionPolicy).toBe('Retain');
      }
    }
    template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 180 }, 5);
  });

  it('verifies the single sender address and allows sending only from it', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'news@mail.example.org' });
    const conditions = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap(
        (p) => p.Properties.PolicyDocument.Statement as Array<{ Action: unknown; Condition?: unknown }>,
      )
      .filter((s) => s.Action === 'ses:SendRawEmail')
      .map((s) => s.Condition);
    expect(conditions).toEqual([
      { StringEquals: { 'ses:FromAddress': 'news@mail.example.org' } },
      { StringEquals: { 'ses:FromAddress': 'news@mail.example.org' } },
      { StringEquals: { 'ses:FromAddress': 'news@mail.example.org' } },
    ]);
  });

  it('tells the subscribe function when editions go out, for the welcome mail', () => {
    const subscribe = Object.values(template.findResources('AWS::Lambda::Function')).find((f) =>
      String(f.Properties.Description).startsWith('digest subscribe'),
    )!;
    expect(JSON.stringify(subscribe.Properties.Environment)).toContain(
      'every Tuesday and Friday at 06:30 (America/New_York time)',
    );
  });

  it('allows CORS on the subscribe URL for the configured site origin only', () => {
    const urls = Object.values(template.findResources('AWS::Lambda::Url'))
      .map((u) => u.Properties.Cors)
      .filter(Boolean);
    expect(urls).toEqual([
      {
        AllowOrigins: ['https://news.example.org'],
        AllowMethods: ['POST'],
        AllowHeaders: ['content-type'],
        MaxAge: 3600,
      },
    ]);
  });

  it('runs 20 send-batch workers at 10 messages per second each', () => {
    const sendBatch = Object.values(template.findResources('AWS::Lambda::Function')).find((f) =>
      String(f.Properties.Description).startsWith('digest send-batch'),
    )!;
    expect(sendBatch.Properties.ReservedConcurrentExecutions).toBe(20);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      ScalingConfig: { MaximumConcurrency: 20 },
    });
    expect(JSON.stringify(sendBatch.Properties.Environment)).toContain('\\"workerRate\\":10');
  });

  it('passes the feed URL to send-digest and subscribes the alarm address', () => {
    const sendDigest = Object.values(template.findResources('AWS::Lambda::Function')).find((f) =>
      String(f.Properties.Description).startsWith('digest send-digest'),
    )!;
    expect(JSON.stringify(sendDigest.Properties.Environment)).toContain('https://news.example.org/feed.xml');
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
    });
  });

  it('schedules at the given cron in the given time zone', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 6 ? * TUE,FRI *)',
      ScheduleExpressionTimezone: 'America/New_York',
    });
  });
});
