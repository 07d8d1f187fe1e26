import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { defineApp } from '../../infra/define-app.js';
import { APPROVE_CONCURRENCY, APPROVE_LINK_TTL } from '../../infra/digest-stack.js';
import { APPROVAL_STUCK_LOG_FIELD, REVIEW_OVERDUE_LOG_FIELD } from '../../src/adapters/aws/review-log.js';
import { allowedActions, readValidationReport, testApp } from '../helpers/cdk-context.js';

// Review mode (issue 13) as `cdk -c` gives it (strings), synthesised once without bundling.
let template: Template;
let outdir: string;

beforeAll(() => {
  const built = testApp({
    bundle: false,
    overrides: {
      'digest:review': 'approve',
      'digest:editors': 'ed@example.com,chief@example.com',
      'digest:autoApproveAfter': 'PT2H',
      'digest:reviewAlarmAfter': 'PT4H',
    },
  });
  outdir = built.outdir;
  const stack = defineApp(built.app);
  built.app.synth();
  template = Template.fromStack(stack);
});

const fnId = (description: string) =>
  Object.entries(template.findResources('AWS::Lambda::Function')).find(([, f]) =>
    String(f.Properties.Description).startsWith(description),
  )!;

const allowed = (rolePrefix: string): string[] => allowedActions(template, rolePrefix);

describe('review mode in the stack', () => {
  it('stays cdk-nag clean', () => {
    expect(readValidationReport(outdir).pluginReports.filter((p) => p.violations.length > 0)).toEqual([]);
  });

  it('adds a public approve function with its own URL and a reserved concurrency cap', () => {
    const [id, approve] = fnId('digest approve');
    expect(approve.Properties.ReservedConcurrentExecutions).toBe(APPROVE_CONCURRENCY);
    expect(APPROVE_CONCURRENCY).toBeLessThanOrEqual(5);
    const urls = Object.values(template.findResources('AWS::Lambda::Url')).filter((u) =>
      JSON.stringify(u.Properties.TargetFunctionArn).includes(id),
    );
    expect(urls.map((u) => u.Properties.AuthType)).toEqual(['NONE']);
    const config = JSON.stringify(approve.Properties.Environment);
    expect(config).toContain('ed@example.com');
    expect(config).not.toContain('approveUrl');
  });

  it('lets the approve role read draft state and documents, move the status, queue the send; nothing else', () => {
    expect(allowed('ApproveRole')).toEqual([
      'dynamodb:GetItem TablesEditions',
      'dynamodb:UpdateItem TablesEditions',
      'logs:CreateLogStream ApproveLogs',
      'logs:PutLogEvents ApproveLogs',
      's3:GetObject ArticlesBucket/editions/drafts/*',
      'secretsmanager:GetSecretValue UnsubscribeKey',
      'sqs:SendMessage ApprovalQueue',
    ]);
  });

  it('gives send-digest the approve URL, the deadlines and the approval queue (one message at a time)', () => {
    const [id, sendDigest] = fnId('digest send-digest');
    const config = JSON.stringify(sendDigest.Properties.Environment);
    expect(config).toContain('approveUrl');
    expect(config).toContain('\\"autoApproveAfterSeconds\\":7200');
    expect(config).toContain('\\"reviewAlarmAfterSeconds\\":14400');
    expect(config).toContain(`\\"linkTtlSeconds\\":${APPROVE_LINK_TTL.toSeconds()}`);
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).filter(
      (m) =>
        JSON.stringify(m.Properties.FunctionName).includes(id) &&
        JSON.stringify(m.Properties.EventSourceArn).includes('ApprovalQueue'),
    );
    expect(mappings.map((m) => m.Properties.BatchSize)).toEqual([1]);
  });

  it('runs the review check every 5 minutes and alarms on the overdue warning', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      Target: { Input: JSON.stringify({ source: 'review-check' }) },
    });
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: `{ $.${REVIEW_OVERDUE_LOG_FIELD.name} = "${REVIEW_OVERDUE_LOG_FIELD.value}" }`,
      MetricTransformations: [{ MetricName: 'DraftWaitingForApproval', MetricValue: '1' }],
    });
    const alarm = Object.values(template.findResources('AWS::CloudWatch::Alarm')).find((a) =>
      String(a.Properties.AlarmDescription).includes('waited more than 4 h'),
    );
    expect(alarm?.Properties.AlarmActions).toHaveLength(1);
  });
});

describe('a stuck approval in the stack', () => {
  it('lets send-digest queue an approved edition again (the review check) on the approval queue only', () => {
    const sends = allowed('SendDigestRole').filter((a) => a.startsWith('sqs:SendMessage'));
    expect(sends).toContain('sqs:SendMessage ApprovalQueue');
    expect(sends.filter((a) => a.includes('Approval'))).toEqual(['sqs:SendMessage ApprovalQueue']);
  });

  it("alarms on the check's stuck-approval warning in send-digest's log", () => {
    const filters = Object.values(template.findResources('AWS::Logs::MetricFilter')).filter(
      (f) =>
        f.Properties.FilterPattern ===
        `{ $.${APPROVAL_STUCK_LOG_FIELD.name} = "${APPROVAL_STUCK_LOG_FIELD.value}" }`,
    );
    expect(filters).toHaveLength(1);
    expect(JSON.stringify(filters[0]!.Properties.LogGroupName)).toContain('SendDigestLogs');
    const metric = filters[0]!.Properties.MetricTransformations[0];
    expect(metric).toMatchObject({ MetricName: 'ApprovalStuck', MetricValue: '1' });
    const alarm = Object.values(template.findResources('AWS::CloudWatch::Alarm')).find(
      (a) => a.Properties.MetricName === 'ApprovalStuck',
    );
    expect(alarm?.Properties).toMatchObject({
      Namespace: metric.MetricNamespace,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(alarm?.Properties.AlarmActions).toHaveLength(1);
  });
});

describe('auto mode (the default)', () => {
  it('has no approve function, approval queue or review check', () => {
    const built = testApp({ bundle: false });
    const auto = Template.fromStack(defineApp(built.app));
    const descriptions = Object.values(auto.findResources('AWS::Lambda::Function')).map((f) =>
      String(f.Properties.Description),
    );
    expect(descriptions.some((d) => d.startsWith('digest approve'))).toBe(false);
    expect(descriptions.some((d) => d.startsWith('digest send-digest'))).toBe(true);
    auto.resourceCountIs('AWS::Scheduler::Schedule', 1);
  });
});
