// What the handlers accept before any AWS call: hostile, malformed and oversized events are refused with
// one clear line, and the unsubscribe page never reflects unescaped input.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuntimeEnvironment } from '../../lambdas/config.js';
import { parseSesEventDetail } from '../../src/adapters/aws/apply-ses-event.js';
import { parseSendDigestEvent } from '../../src/adapters/aws/lambda-events.js';
import { parseRecipientBatch } from '../../src/adapters/aws/sqs-batch-queue.js';
import { handleUnsubscribeRequest } from '../../src/adapters/aws/unsubscribe-request.js';
import { JsonSubscriberStore } from '../../src/adapters/local/json-subscriber-store.js';
import { createUnsubscribeToken } from '../../src/email/signed-tokens.js';
import { ConfigError, InputError } from '../../src/errors.js';

describe('parseSendDigestEvent', () => {
  it('reads the scheduler input', () => {
    const event = {
      source: 'schedule',
      idempotencyKey: 'schedule:2026-12-07T07:00:00Z',
      scheduledTime: '2026-12-07T07:00:00Z',
    };

    expect(parseSendDigestEvent(event)).toEqual({ http: false, request: event });
  });

  it('reads the overrides force (fault 17) and newEdition (fault 9)', () => {
    const event = { source: 'remote', idempotencyKey: 'k', force: true, newEdition: true };
    expect(parseSendDigestEvent(event).request).toEqual(event);
    expect(parseSendDigestEvent({ ...event, force: false }).request).not.toHaveProperty('force');
  });

  it.each([
    [null, 'expected a JSON object'],
    [[1, 2], 'expected a JSON object'],
    [{ source: 'cron', idempotencyKey: 'k' }, '"source" must be'],
    [{ source: 'remote' }, '"idempotencyKey" is required'],
    [{ source: 'remote', idempotencyKey: 'k'.repeat(201) }, '"idempotencyKey" is required'],
    [{ source: 'schedule', idempotencyKey: 'k' }, 'needs "scheduledTime"'],
    [{ source: 'schedule', idempotencyKey: 'k', scheduledTime: 'yesterday' }, '"scheduledTime" must be'],
    [{ source: 'remote', idempotencyKey: 'k', articles: 'a.md' }, '"articles" must be a list'],
    [
      { source: 'remote', idempotencyKey: 'k', to: Array(101).fill('a@b.c') },
      '"to" must be a list of at most 100',
    ],
    [{ source: 'remote', idempotencyKey: 'k', to: [''] }, '"to" must be a list'],
    [{ source: 'remote', idempotencyKey: 'k', dryRun: 'yes' }, '"dryRun" must be true or false'],
    [{ source: 'remote', idempotencyKey: 'k', force: 1 }, '"force" must be true or false'],
    [{ source: 'remote', idempotencyKey: 'k', newEdition: 'yes' }, '"newEdition" must be true or false'],
    [{ source: 'remote', idempotencyKey: 'k', date: '07/12/2026' }, '"date" must be YYYY-MM-DD'],
  ])('refuses %j', (event, message) => {
    expect(() => parseSendDigestEvent(event)).toThrow(InputError);
    expect(() => parseSendDigestEvent(event)).toThrow(message);
  });
});

describe('parseRecipientBatch', () => {
  it('reads a batch message body', () => {
    const body = JSON.stringify({
      digestId: '0123456789abcdef',
      recipients: [{ email: 'a@example.com', name: 'A' }],
    });

    expect(parseRecipientBatch(body)).toEqual({
      digestId: '0123456789abcdef',
      recipients: [{ email: 'a@example.com', name: 'A' }],
    });
  });

  it.each([
    ['', 'not JSON'],
    ['\u0000\u0001binary', 'not JSON'],
    [JSON.stringify({ digestId: '../../etc', recipients: [{ email: 'a@b.c' }] }), 'digestId'],
    [JSON.stringify({ digestId: 'abc', recipients: [] }), 'no recipients'],
    [JSON.stringify({ digestId: 'abc', recipients: [{ name: 'x' }] }), 'lacks an email'],
    [JSON.stringify({ digestId: 'abc', recipients: [{ email: 'a@b.c', name: 5 }] }), 'lacks an email'],
  ])('refuses %j', (body, message) => {
    expect(() => parseRecipientBatch(body)).toThrow(message);
  });
});

describe('parseSesEventDetail', () => {
  it.each([
    null,
    {},
    { eventType: 'Bounce' },
    { eventType: 'Bounce', mail: { messageId: 'm', destination: 'a@b.c' } },
  ])('refuses %j', (detail) => {
    expect(() => parseSesEventDetail(detail)).toThrow(InputError);
  });
});

describe('handleUnsubscribeRequest (file-backed store, no AWS)', () => {
  const key = 'h'.repeat(40);
  const listId = 'weekly.digest.example.com';
  const settings = { listId, publicationName: 'The <Weekly> Digest' };

  async function setup(email: string, subscribed = true) {
    const subscribers = new JsonSubscriberStore(
      join(mkdtempSync(join(tmpdir(), 'digest-unsub-')), 'subscribers.json'),
    );
    if (subscribed) await subscribers.put({ email, status: 'active' });
    const token = createUnsubscribeToken(key, { email, listId });
    const request = (method: string, body = '', contentType = 'application/x-www-form-urlencoded') =>
      handleUnsubscribeRequest(
        { method, token, body, contentType, selfUrl: `/?token=${token}` },
        { subscribers, hmacKey: async () => key },
        settings,
      );
    return { subscribers, request };
  }

  it('escapes the address and the publication name in the confirmation page', async () => {
    // A validly signed token can still carry any string; the page must not trust it.
    const { request } = await setup('"<script>"@example.com', false);

    const page = await request('GET');

    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>');
    expect(page.body).toContain('&lt;script&gt;');
    expect(page.body).toContain('The &lt;Weekly&gt; Digest');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('accepts the one-click POST as multipart/form-data too', async () => {
    const { subscribers, request } = await setup('multi@example.com');
    const body =
      '--b\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--b--\r\n';

    const response = await request('POST', body, 'multipart/form-data; boundary=b');

    expect(response.statusCode).toBe(200);
    expect((await subscribers.get('multi@example.com'))?.status).toBe('unsubscribed');
  });

  it('refuses an oversized body without changing anything', async () => {
    const { subscribers, request } = await setup('big@example.com');

    const response = await request('POST', `List-Unsubscribe=One-Click&pad=${'x'.repeat(10_000)}`);

    expect(response.statusCode).toBe(400);
    expect((await subscribers.get('big@example.com'))?.status).toBe('active');
  });
});

describe('lambdas/config.ts (the one module that reads the environment)', () => {
  const complete = {
    stage: 'test',
    tables: { subscribers: 's', ledger: 'l', editions: 'e', idempotency: 'i' },
    articles: { bucket: 'b', prefix: 'articles/', maxPerEdition: 10 },
    webArchive: { bucket: 'b', prefix: 'editions/' },
    batchQueueUrl: 'https://sqs/q',
    sender: { fromAddress: 'd@example.com', fromName: 'D', listId: 'l.example.com' },
    publication: { name: 'P', postalAddress: 'A' },
    configurationSet: 'cs',
    hmacSecretArn: 'arn',
    sending: { directRate: 14, workerRate: 7, directSendThreshold: 500, recipientsPerBatch: 50 },
    digest: { summarySentences: 3, quotesPerArticle: 2 },
    scheduleMaxAgeSeconds: 3600,
  };

  it('reads DIGEST_CONFIG and the endpoint overrides', () => {
    const env = { DIGEST_CONFIG: JSON.stringify(complete), DIGEST_S3_ENDPOINT: 'http://127.0.0.1:9000' };

    const loaded = loadRuntimeEnvironment(env);

    expect(loaded.config).toEqual(complete);
    expect(loaded.endpoints).toEqual({ s3: 'http://127.0.0.1:9000' });
  });

  it.each([
    [{}, 'environment variable DIGEST_CONFIG is not set'],
    [{ DIGEST_CONFIG: '{' }, 'DIGEST_CONFIG is not valid JSON'],
    [
      { DIGEST_CONFIG: JSON.stringify({ ...complete, tables: { ...complete.tables, ledger: '' } }) },
      'DIGEST_CONFIG.tables.ledger is missing',
    ],
    [
      { DIGEST_CONFIG: JSON.stringify({ ...complete, sending: undefined }) },
      'DIGEST_CONFIG.sending.directRate is missing',
    ],
  ])('refuses %j with one line naming what is wrong', (env, message) => {
    expect(() => loadRuntimeEnvironment(env)).toThrow(ConfigError);
    expect(() => loadRuntimeEnvironment(env)).toThrow(message);
  });
});
