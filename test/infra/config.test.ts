import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../infra/config.js';
import { planSending } from '../../infra/sending-plan.js';
import { ConfigError } from '../../src/errors.js';
import { cdkJsonContext } from '../helpers/cdk-context.js';

const withOverrides = (overrides: Record<string, unknown>) => {
  const context = { ...cdkJsonContext(), ...overrides };
  return (key: string) => context[key];
};

describe('readConfig', () => {
  it('accepts the example values shipped in cdk.json', () => {
    const config = readConfig(withOverrides({}));

    expect(config).toMatchObject({
      stage: 'dev',
      senderAddress: 'digest@example.com',
      scheduleCron: '0 8 ? * MON *',
      scheduleTimeZone: 'Europe/Berlin',
      maxSendRate: 14,
      feedUrl: undefined,
    });
  });

  it('reads numbers given as strings, as `cdk -c key=value` passes them', () => {
    expect(readConfig(withOverrides({ 'digest:maxSendRate': '200' })).maxSendRate).toBe(200);
  });

  it.each([
    ['digest:senderAddress', 'not-an-address', 'senderAddress'],
    ['digest:senderAddress', '', 'senderAddress'],
    ['digest:senderName', 'Evil\r\nBcc: x@y.z', 'senderName'],
    ['digest:scheduleCron', '0 8 * * MON', 'scheduleCron'],
    ['digest:scheduleCron', '0 8 * * MON *', 'scheduleCron'],
    ['digest:scheduleTimeZone', 'Mars/Olympus', 'scheduleTimeZone'],
    ['digest:maxSendRate', 'fast', 'maxSendRate'],
    ['digest:maxSendRate', 0, 'maxSendRate'],
    ['digest:feedUrl', 'http://example.com/feed.xml', 'feedUrl'],
    ['digest:feedUrl', 'https://127.0.0.1/feed.xml', 'feedUrl'],
    ['digest:feedUrl', 'https://[::1]/feed.xml', 'feedUrl'],
    ['digest:feedUrl', 'https://169.254.169.254/latest/meta-data', 'feedUrl'],
    ['digest:feedUrl', 'https://localhost/feed.xml', 'feedUrl'],
    ['digest:feedUrl', 'https://10.0.0.8/feed.xml', 'feedUrl'],
    ['digest:webBaseUrl', 'ftp://example.com/', 'webBaseUrl'],
    ['digest:articlesPrefix', '/abs/', 'articlesPrefix'],
    ['digest:articlesPrefix', 'no-slash', 'articlesPrefix'],
    ['digest:articlesPrefix', 'editions/', 'articlesPrefix'],
    ['digest:listId', 'has spaces', 'listId'],
    ['digest:stage', 'Prod', 'stage'],
    ['digest:identityType', 'ip', 'identityType'],
    ['digest:summarySentences', 9, 'summarySentences'],
    ['digest:speakerThreshold', 1.5, 'speakerThreshold'],
    ['digest:speakerThreshold', 'high', 'speakerThreshold'],
  ])('rejects %s = %j naming the key', (key, value, named) => {
    const act = () => readConfig(withOverrides({ [key]: value }));

    expect(act).toThrow(ConfigError);
    expect(act).toThrow(`"digest:${named}"`);
  });

  it('reads an optional speaker threshold from 0 to 1', () => {
    expect(readConfig(withOverrides({ 'digest:speakerThreshold': 0.8 })).speakerThreshold).toBe(0.8);
    expect(readConfig(withOverrides({ 'digest:speakerThreshold': '0.5' })).speakerThreshold).toBe(0.5);
    expect(readConfig(withOverrides({})).speakerThreshold).toBeUndefined();
  });

  it('accepts a public https feed', () => {
    expect(readConfig(withOverrides({ 'digest:feedUrl': 'https://news.example.org/feed.xml' })).feedUrl).toBe(
      'https://news.example.org/feed.xml',
    );
  });
});

describe('planSending', () => {
  it('derives workers, per-worker pace and SQS batch size from the send rate', () => {
    expect(planSending({ maxSendRate: 14, recipientsPerBatch: 50 })).toEqual({
      workers: 2,
      workerRate: 7,
      messagesPerInvocation: 10,
    });
    expect(planSending({ maxSendRate: 200, recipientsPerBatch: 50 })).toEqual({
      workers: 20,
      workerRate: 10,
      messagesPerInvocation: 10,
    });
    expect(planSending({ maxSendRate: 1, recipientsPerBatch: 50 }).messagesPerInvocation).toBe(2);
  });

  it('refuses a batch that cannot be sent inside one invocation', () => {
    expect(() => planSending({ maxSendRate: 1, recipientsPerBatch: 500 })).toThrow(
      '"digest:recipientsPerBatch"',
    );
  });
});

describe('cdk synth with bad context', () => {
  it('fails with one line naming the key and exit status 2', () => {
    const context = { ...cdkJsonContext(), 'digest:scheduleTimeZone': 'Nowhere/Town' };

    const run = spawnSync('npx', ['tsx', 'infra/app.ts'], {
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: '/tmp/digest-bad-synth' },
      encoding: 'utf8',
    });

    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      'CDK context "digest:scheduleTimeZone": "Nowhere/Town" is not an IANA time zone',
    );
  });
});

describe('review mode keys (issue 13)', () => {
  it('defaults to auto with no editors and a 6-hour review alarm', () => {
    expect(readConfig(withOverrides({}))).toMatchObject({
      review: 'auto',
      editors: [],
      reviewAlarmAfterSeconds: 6 * 3600,
    });
    expect(readConfig(withOverrides({})).autoApproveAfterSeconds).toBeUndefined();
  });

  it('reads approve mode, editors as a list or a comma-separated string, and ISO 8601 durations', () => {
    const fromList = readConfig(
      withOverrides({
        'digest:review': 'approve',
        'digest:editors': ['ed@example.com', 'chief@example.com'],
        'digest:autoApproveAfter': 'PT2H',
        'digest:reviewAlarmAfter': 'P1DT30M',
      }),
    );
    const fromString = readConfig(
      withOverrides({ 'digest:review': 'approve', 'digest:editors': 'ed@example.com, chief@example.com' }),
    );

    expect(fromList).toMatchObject({
      review: 'approve',
      editors: ['ed@example.com', 'chief@example.com'],
      autoApproveAfterSeconds: 7200,
      reviewAlarmAfterSeconds: 86_400 + 1800,
    });
    expect(fromString.editors).toEqual(['ed@example.com', 'chief@example.com']);
  });

  it.each([
    [{ 'digest:review': 'manual' }, 'review'],
    [{ 'digest:review': 'approve' }, 'editors'],
    [{ 'digest:review': 'approve', 'digest:editors': 'not-an-address' }, 'editors'],
    [{ 'digest:review': 'approve', 'digest:editors': 'a@example.com\r\nBcc: x@y.z' }, 'editors'],
    [
      {
        'digest:review': 'approve',
        'digest:editors': 'ed@example.com',
        'digest:autoApproveAfter': '2 hours',
      },
      'autoApproveAfter',
    ],
    [
      { 'digest:review': 'approve', 'digest:editors': 'ed@example.com', 'digest:autoApproveAfter': 'P1M' },
      'autoApproveAfter',
    ],
    [
      { 'digest:review': 'approve', 'digest:editors': 'ed@example.com', 'digest:autoApproveAfter': 'PT1M' },
      'autoApproveAfter',
    ],
    [{ 'digest:autoApproveAfter': 'PT2H' }, 'autoApproveAfter'],
    [{ 'digest:reviewAlarmAfter': 'PT' }, 'reviewAlarmAfter'],
    [{ 'digest:reviewAlarmAfter': 'P30D' }, 'reviewAlarmAfter'],
  ])('rejects %j naming "digest:%s"', (overrides, named) => {
    const act = () => readConfig(withOverrides(overrides));

    expect(act).toThrow(ConfigError);
    expect(act).toThrow(`"digest:${named}"`);
  });
});
