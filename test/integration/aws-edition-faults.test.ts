// Faults of issue 11 on the AWS path, each through the real handlers in-process against local servers
// (dynalite, s3rver, aws-ses-v2-local; SQS and Secrets Manager stand-ins, see test/helpers/aws-local.ts).
// A fault is injected only where no local server can produce it, and the test says so.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBatchServices } from '../../lambdas/batch-services.js';
import type { RuntimeConfig } from '../../lambdas/config.js';
import { createCoreServices } from '../../lambdas/core-services.js';
import { createEditionServices } from '../../lambdas/edition-services.js';
import { createSendBatchHandler } from '../../lambdas/send-batch.js';
import { createSendDigestHandler, logger as sendDigestLogger } from '../../lambdas/send-digest.js';
import { createSesEventsHandler } from '../../lambdas/ses-events.js';
import { DynamoSendLedger } from '../../src/adapters/aws/dynamo-send-ledger.js';
import { DynamoSubscriberStore } from '../../src/adapters/aws/dynamo-subscriber-store.js';
import { parseRecipientBatch } from '../../src/adapters/aws/sqs-batch-queue.js';
import { readLocalSesStore } from '../../src/adapters/local/embedded-ses.js';
import { canClaim } from '../../src/delivery/ledger-rules.js';
import type { LedgerEntry, Mailer } from '../../src/delivery/ports.js';
import {
  LEFT_OUT_LOG_FIELD,
  REFUSAL_LOG_FIELD,
  SENT_AS_ANOTHER_EDITION,
} from '../../src/edition/earlier-edition-check.js';
import {
  type AwsLocal,
  createTables,
  deployment,
  inbox,
  lambdaContext,
  scheduledEvent,
  sesEvent,
  sqsEvent,
  startAwsLocal,
  subscribe,
  upload,
} from '../helpers/aws-local.js';
import { captureLog } from '../helpers/capture-log.js';

const ARTICLE_A = readFileSync(
  new URL('../../examples/articles/north-korea-human-rights.txt', import.meta.url),
  'utf8',
);
const ARTICLE_B = readFileSync(new URL('../fixtures/articles/harbor-bridge.md', import.meta.url), 'utf8');

let local: AwsLocal;

beforeAll(async () => {
  local = await startAwsLocal();
});
afterAll(async () => {
  await local.close();
});
beforeEach(async () => {
  await local.ses.clear();
  local.queued.length = 0;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('send-digest', () => {
  it('fault 3: an unreachable feed is a note in the report and the bucket articles still go out', async () => {
    // Prepare: a feed host that does not resolve (the .invalid TLD never does; real DNS lookup).
    const config = deployment(
      local,
      'feed-down',
      {},
      { feedUrl: 'https://news.digest-feed.invalid/rss.xml' },
    );
    await createTables(local, config);
    await subscribe(local, config, [['ada@example.com'], ['bob@example.com']]);
    await upload(local, config, 'north-korea.txt', ARTICLE_A);
    const sendDigest = createSendDigestHandler(() => createEditionServices(config, local.endpoints));

    // Act
    const result = (await sendDigest(
      scheduledEvent(new Date(Date.now() - 60_000)),
      lambdaContext(),
    )) as Record<string, unknown>;

    // Assess
    expect(result).toMatchObject({ status: 'sent', articles: 1, outcome: 'complete' });
    expect(result.notes).toEqual([
      expect.stringMatching(
        /^feed not read, left out of this edition: could not fetch https:\/\/news\.digest-feed\.invalid\/rss\.xml: host news\.digest-feed\.invalid not found/,
      ),
    ]);
    expect((await inbox(local)).map((m) => m.to).sort()).toEqual(['ada@example.com', 'bob@example.com']);
  });

  it('fault 17: the same articles and date under a new idempotency key are not queued again, and it says so', async () => {
    // Prepare: a list large enough to fan out (threshold 2).
    const config = deployment(local, 'requeue', { directSendThreshold: 2, recipientsPerBatch: 2 });
    await createTables(local, config);
    await subscribe(
      local,
      config,
      ['q1', 'q2', 'q3', 'q4', 'q5'].map((n) => [`${n}@example.com`] as [string]),
    );
    await upload(local, config, 'harbor-bridge.md', ARTICLE_B);
    const sendDigest = createSendDigestHandler(() => createEditionServices(config, local.endpoints));
    const request = (key: string) => ({
      source: 'remote',
      idempotencyKey: key,
      articles: ['harbor-bridge.md'],
      date: '2026-12-01',
    });
    const first = (await sendDigest(request('manual-1'), lambdaContext())) as Record<string, unknown>;
    expect(first).toMatchObject({ status: 'enqueued', recipients: 5, messages: 3 });
    local.queued.length = 0;

    // Act
    const again = (await sendDigest(request('manual-2'), lambdaContext())) as Record<string, unknown>;

    // Assess
    expect(again).toMatchObject({ status: 'already-sent', digestId: first.digestId, date: '2026-12-01' });
    expect((again.notes as string[]).at(-1)).toMatch(
      new RegExp(
        `^edition ${first.digestId} of 2026-12-01 \\(the same articles\\) was already sent or queued at `,
      ),
    );
    expect(local.queued).toEqual([]);
    expect(await inbox(local)).toEqual([]);
  });

  it('fault 17: force: true runs an already-sent edition again on purpose (a reader who subscribed since gets it; the ledger still skips everyone who has it)', async () => {
    // Prepare: the edition of 2026-12-01 went to ada and bob; carol subscribed afterwards.
    const config = deployment(local, 'force-again');
    await createTables(local, config);
    await subscribe(local, config, [['ada@example.com'], ['bob@example.com']]);
    await upload(local, config, 'harbor-bridge.md', ARTICLE_B);
    const sendDigest = createSendDigestHandler(() => createEditionServices(config, local.endpoints));
    const request = (key: string, extra: Record<string, unknown> = {}) => ({
      source: 'remote',
      idempotencyKey: key,
      articles: ['harbor-bridge.md'],
      date: '2026-12-01',
      ...extra,
    });
    const first = (await sendDigest(request('manual-1'), lambdaContext())) as Record<string, unknown>;
    expect(first).toMatchObject({ status: 'sent', counts: { sent: 2 } });
    await subscribe(local, config, [['carol@example.com']]);
    expect(await sendDigest(request('manual-2'), lambdaContext())).toMatchObject({ status: 'already-sent' });

    // Act
    const forced = (await sendDigest(request('manual-3', { force: true }), lambdaContext())) as Record<
      string,
      unknown
    >;

    // Assess
    expect(forced).toMatchObject({
      status: 'sent',
      digestId: first.digestId,
      counts: { sent: 1, skipped: 2 },
      outcome: 'complete',
    });
    expect((await inbox(local)).map((m) => m.to).sort()).toEqual([
      'ada@example.com',
      'bob@example.com',
      'carol@example.com',
    ]);
  });

  it('fault 9: a request resumed on another day (a new digest id) after the edition partly went out sends and queues nothing, says so, and logs the line the alarm counts; newEdition: true sends it', async () => {
    // Prepare: a fanned-out edition of 2026-12-01 of which one batch went out (two of five readers) and the
    // rest was lost (dead-lettered), then the operator asks for the same article again on 2026-12-02.
    const config = deployment(local, 'next-day', { directSendThreshold: 2, recipientsPerBatch: 2 });
    await createTables(local, config);
    await subscribe(
      local,
      config,
      ['n1', 'n2', 'n3', 'n4', 'n5'].map((n) => [`${n}@example.com`] as [string]),
    );
    await upload(local, config, 'harbor-bridge.md', ARTICLE_B);
    const sendDigest = createSendDigestHandler(() => createEditionServices(config, local.endpoints));
    const sendBatch = createSendBatchHandler(() => createBatchServices(config, local.endpoints));
    const request = (key: string, date: string, extra: Record<string, unknown> = {}) => ({
      source: 'remote',
      idempotencyKey: key,
      articles: ['harbor-bridge.md'],
      date,
      ...extra,
    });
    const first = (await sendDigest(request('day-1', '2026-12-01'), lambdaContext())) as Record<
      string,
      unknown
    >;
    expect(first).toMatchObject({ status: 'enqueued', recipients: 5, messages: 3 });
    expect(await sendBatch(sqsEvent([local.queued[0]!]), lambdaContext())).toEqual({ batchItemFailures: [] });
    expect(await inbox(local)).toHaveLength(2);
    local.queued.length = 0;
    const logged: string[] = [];
    const capture = (chunk: unknown) => {
      logged.push(String(chunk));
      return true;
    };
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    sendDigestLogger.setLogLevel('WARN');

    // Act
    let again: Record<string, unknown>;
    try {
      again = (await sendDigest(request('day-2', '2026-12-02'), lambdaContext())) as Record<string, unknown>;
    } finally {
      sendDigestLogger.setLogLevel('SILENT');
      out.mockRestore();
      err.mockRestore();
    }

    // Assess: nothing sent or queued; the result and the log say which edition and how far it got
    expect(again).toMatchObject({
      status: SENT_AS_ANOTHER_EDITION,
      date: '2026-12-02',
      earlier: { digestId: first.digestId, date: '2026-12-01', reached: 2 },
    });
    expect(again.digestId).not.toBe(first.digestId);
    const why = `these articles already went out as digest ${first.digestId} (edition 2026-12-01, 2 reader(s) reached)`;
    expect((again.notes as string[]).at(-1)).toContain(why);
    expect((again.notes as string[]).at(-1)).toMatch(/"newEdition": true/);
    expect(local.queued).toEqual([]);
    expect(await inbox(local)).toHaveLength(2);
    const lines = logged.flatMap((chunk) => chunk.split('\n')).filter((line) => line.startsWith('{'));
    const warning = lines.map((line) => JSON.parse(line)).find((line) => line.level === 'WARN');
    expect(warning).toMatchObject({ [REFUSAL_LOG_FIELD.name]: REFUSAL_LOG_FIELD.value });
    expect(warning.message).toContain(why);

    // And when asked, it is a new edition to everyone.
    const asked = (await sendDigest(
      request('day-2-asked', '2026-12-02', { newEdition: true }),
      lambdaContext(),
    )) as Record<string, unknown>;
    expect(asked).toMatchObject({ status: 'enqueued', digestId: again.digestId, recipients: 5 });
  });

  // A scheduled run meeting the same text under a new name: 'scheduled runs with a duplicate upload' below.

  it('mutation survivor: send-digest refuses a subscriber display name that would inject a header in the DynamoDB store, sending nothing', async () => {
    // Prepare: the store holds a name with CR/LF (written by hand or by another tool).
    const config = deployment(local, 'badname-direct');
    await createTables(local, config);
    await subscribe(local, config, [
      ['ok@example.com'],
      ['eve@example.com', 'active', 'Eve\r\nBcc: everyone@example.com'],
    ]);
    await upload(local, config, 'north-korea.txt', ARTICLE_A);
    const sendDigest = createSendDigestHandler(() => createEditionServices(config, local.endpoints));

    // Act
    const run = sendDigest(scheduledEvent(new Date(Date.now() - 60_000)), lambdaContext());

    // Assess: refused (not silently cleaned and sent), naming the reader
    await expect(run).rejects.toThrow(/refusing to send: 1 of 2 recipients are unsafe: .*eve@example\.com/);
    expect(await inbox(local)).toEqual([]);
  });
});

describe('send-batch', () => {
  /** Fans an edition out over the SQS stand-in and returns the queued message bodies. */
  async function fanOut(name: string, people: string[], perMessage: number) {
    const config = deployment(local, name, { directSendThreshold: 1, recipientsPerBatch: perMessage });
    await createTables(local, config);
    await subscribe(
      local,
      config,
      people.map((email) => [email] as [string]),
    );
    await upload(local, config, 'north-korea.txt', ARTICLE_A);
    const result = await createSendDigestHandler(() => createEditionServices(config, local.endpoints))(
      scheduledEvent(new Date(Date.now() - 60_000)),
      lambdaContext(),
    );
    expect(result).toMatchObject({ status: 'enqueued', recipients: people.length });
    return { config, bodies: [...local.queued] };
  }

  it('mutation survivor: run-batch re-reads each status: a reader who unsubscribed (or was removed) after the fan-out does not get the edition', async () => {
    // Prepare
    const people = ['s1', 's2', 's3'].map((n) => `${n}@example.com`);
    const { config, bodies } = await fanOut('late-unsub', people, 10);
    const store = new DynamoSubscriberStore(local.dynamodb, config.tables.subscribers);
    await store.setStatus('s2@example.com', 'unsubscribed');
    await store.remove('s3@example.com');
    const sendBatch = createSendBatchHandler(() => createBatchServices(config, local.endpoints));

    // Act
    const response = await sendBatch(sqsEvent(bodies), lambdaContext());

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect((await inbox(local)).map((m) => m.to)).toEqual(['s1@example.com']);
  });

  it('fault 16: reads each recipient status once: four DynamoDB requests per recipient', async () => {
    // Prepare
    const people = ['c1', 'c2', 'c3', 'c4', 'c5'].map((n) => `${n}@example.com`);
    const { config, bodies } = await fanOut('reads-once', people, 2);
    const sendBatch = createSendBatchHandler(() => createBatchServices(config, local.endpoints));
    local.requests.reset();

    // Act
    const response = await sendBatch(sqsEvent(bodies), lambdaContext());

    // Assess: per recipient one subscriber GetItem, one ledger GetItem, the claim and the sent mark.
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await inbox(local)).toHaveLength(5);
    expect(local.requests.count('GetItem', config.tables.subscribers)).toBe(5);
    expect(local.requests.count('GetItem', config.tables.ledger)).toBe(5);
    expect(local.requests.count('UpdateItem', config.tables.ledger)).toBe(10);
    expect(local.requests.seen).toHaveLength(20);
  });

  it('mutation survivor: send-batch refuses a display name that would inject a header instead of sending a cleaned one', async () => {
    const people = ['n1@example.com', 'n2@example.com'];
    const { config, bodies } = await fanOut('badname-batch', people, 10);
    await subscribe(local, config, [['n2@example.com', 'active', 'N2\nBcc: everyone@example.com']]);
    const event = sqsEvent(bodies);
    const sendBatch = createSendBatchHandler(() => createBatchServices(config, local.endpoints));

    const response = sendBatch(event, lambdaContext());

    // One message, and it failed: Lambda reports the whole invocation failed, SQS redelivers, then dead-letters.
    await expect(response).rejects.toThrow('All records failed processing');
    expect(await inbox(local)).toEqual([]);
  });

  it('fault 15: a worker killed between claim and record leaves no reader pending for good: unknown, reported, settled by the SES events', async () => {
    // Prepare: fan out three readers in one message.
    const people = ['k1', 'k2', 'k3'].map((n) => `${n}@example.com`);
    const { config, bodies } = await fanOut('killed-worker', people, 10);
    const real = createBatchServices(config, local.endpoints);
    // Faults no local server can produce: the process dies mid-send. Its mailer never returns, after
    // SES accepted k1's message and before SES saw k2's; the dead worker's claims get a 300 ms lease
    // (instead of 10 minutes) so the test need not wait for it to run out.
    const never = new Promise<never>(() => {});
    const dying: Mailer = {
      sendRaw: async (input) => {
        if (input.to === 'k1@example.com') {
          await real.deps.mailer.sendRaw(input);
          return never;
        }
        if (input.to === 'k2@example.com') return never;
        return real.deps.mailer.sendRaw(input);
      },
    };
    const shortLease = new DynamoSendLedger(local.dynamodb, config.tables.ledger, { leaseMs: 300 });
    const killed = createSendBatchHandler(() =>
      createBatchServices(config, local.endpoints, { mailer: dying, ledger: shortLease }),
    );
    void killed(sqsEvent(bodies), lambdaContext());
    await sleep(150);
    const sendBatch = createSendBatchHandler(() => createBatchServices(config, local.endpoints));
    const ledger = new DynamoSendLedger(local.dynamodb, config.tables.ledger);
    const digestId = parseRecipientBatch(bodies[0]!).digestId;

    // Act 1: SQS redelivers while the dead worker's claims still look live
    const early = sendBatch(sqsEvent(bodies), lambdaContext());

    // Assess 1: not silently done; the only message fails, so SQS delivers it again later
    await expect(early).rejects.toThrow('All records failed processing');

    // Act 2: redelivered after the lease ran out
    await sleep(300);
    const late = await sendBatch(sqsEvent(bodies), lambdaContext());

    // Assess 2: done; k1 and k2 are unknown (never pending, never resent); k3 got it once
    expect(late).toEqual({ batchItemFailures: [] });
    expect((await ledger.get(digestId, 'k1@example.com'))?.status).toBe('unknown');
    expect((await ledger.get(digestId, 'k2@example.com'))?.status).toBe('unknown');
    expect((await inbox(local)).map((m) => m.to).sort()).toEqual(['k1@example.com', 'k3@example.com']);

    // Act 3: SES reports k1's delivery
    const k1Mail = (await readLocalSesStore(local.ses.endpoint)).find((m) =>
      m.destination.to.some((to) => to.includes('k1@example.com')),
    )!;
    await createSesEventsHandler(() => createCoreServices(config, local.endpoints))(
      sesEvent('Email Delivered', {
        eventType: 'Delivery',
        delivery: { recipients: ['k1@example.com'] },
        mail: {
          messageId: k1Mail.messageId,
          destination: ['k1@example.com'],
          tags: { 'digest-id': [digestId] },
        },
      }),
      lambdaContext(),
    );

    // Assess 3: settled as sent; k2 stays unknown (no event: SES never had it) and is not resent
    expect(await ledger.get(digestId, 'k1@example.com')).toMatchObject({
      status: 'sent',
      messageId: k1Mail.messageId,
    });
    const again = await sendBatch(sqsEvent(bodies), lambdaContext());
    expect(again).toEqual({ batchItemFailures: [] });
    expect((await ledger.get(digestId, 'k2@example.com'))?.status).toBe('unknown');
    expect(await inbox(local)).toHaveLength(2);
  });
});

describe('DynamoSendLedger.expireClaim', () => {
  it('fault 15: turns only a run-out claim of the named run into unknown, never a live one or a settled row', async () => {
    // Prepare
    const config = deployment(local, 'expire-claim');
    await createTables(local, config);
    let now = Date.parse('2026-12-01T08:00:00Z');
    const ledger = new DynamoSendLedger(local.dynamodb, config.tables.ledger, { now: () => now });
    const digestId = '00112233445566aa';
    await ledger.claim(digestId, 'live@example.com', 'run-dead');
    await ledger.claim(digestId, 'done@example.com', 'run-dead');
    await ledger.markSent(digestId, 'done@example.com', 'run-dead', 'ses-1');

    // Act + Assess: within the lease nothing changes
    expect(await ledger.expireClaim(digestId, 'live@example.com', 'run-dead', 'died')).toBe(false);
    now += 11 * 60_000;
    expect(await ledger.expireClaim(digestId, 'live@example.com', 'run-other', 'died')).toBe(false);
    expect(await ledger.expireClaim(digestId, 'done@example.com', 'run-dead', 'died')).toBe(false);
    expect(await ledger.expireClaim(digestId, 'live@example.com', 'run-dead', 'died')).toBe(true);

    expect(await ledger.get(digestId, 'live@example.com')).toMatchObject({
      status: 'unknown',
      reason: 'died',
    });
    expect(await ledger.get(digestId, 'done@example.com')).toMatchObject({
      status: 'sent',
      messageId: 'ses-1',
    });
    expect(await ledger.claim(digestId, 'live@example.com', 'run-new')).toBe(false);
  });
});

describe('DynamoSendLedger.claim with resendUnknown', () => {
  it('fault 6: --resend-unknown on DynamoDB takes only unknown rows and run-out claims (the canClaim rule), never sent, failed or live ones', async () => {
    // Prepare: one row in every state, on one injected clock (the lease runs out deterministically).
    const config = deployment(local, 'resend-unknown');
    await createTables(local, config);
    let now = Date.parse('2026-12-01T08:00:00Z');
    const ledger = new DynamoSendLedger(local.dynamodb, config.tables.ledger, { now: () => now });
    const d = '00112233445566bb';
    for (const who of ['sent', 'failed', 'unknown', 'expired', 'released', 'live'])
      await ledger.claim(d, `${who}@example.com`, 'run-1');
    await ledger.markSent(d, 'sent@example.com', 'run-1', 'ses-1');
    await ledger.markFailed(d, 'failed@example.com', 'run-1', 'rejected');
    await ledger.markUnknown(d, 'unknown@example.com', 'run-1', 'timed out');
    await ledger.release(d, 'released@example.com', 'run-1', 'quota');
    now += 11 * 60_000;
    await ledger.claim(d, 'live@example.com', 'run-1', { force: true }); // taken again: a live claim
    const before = new Map<string, LedgerEntry | undefined>();
    for (const who of ['sent', 'failed', 'unknown', 'expired', 'released', 'live', 'new'])
      before.set(who, await ledger.get(d, `${who}@example.com`));

    // Act
    const taken: string[] = [];
    for (const who of before.keys())
      if (await ledger.claim(d, `${who}@example.com`, 'run-2', { resendUnknown: true })) taken.push(who);

    // Assess: exactly the rows canClaim allows, and without the flag none of the unknown ones
    expect(taken).toEqual(['unknown', 'expired', 'released', 'new']);
    expect(taken).toEqual(
      [...before].filter(([, row]) => canClaim(row, now, { resendUnknown: true })).map(([who]) => who),
    );
    expect(await ledger.get(d, 'sent@example.com')).toMatchObject({ status: 'sent', messageId: 'ses-1' });
    expect(await ledger.get(d, 'live@example.com')).toMatchObject({ claimedBy: 'run-1' });
    expect(await ledger.get(d, 'unknown@example.com')).toMatchObject({
      status: 'pending',
      claimedBy: 'run-2',
    });
    const other = '00112233445566cc';
    await ledger.claim(other, 'unknown@example.com', 'run-1');
    await ledger.markUnknown(other, 'unknown@example.com', 'run-1', 'timed out');
    expect(await ledger.claim(other, 'unknown@example.com', 'run-2')).toBe(false);
  });
});

// Fault 9 on the schedule: a duplicate upload (the same text under a new name) left in the articles bucket
// must not block every later scheduled run.
type Result = Record<string, unknown>;

/** A deployment whose edition of 2026-12-01 carried article A (sent on demand to `readers`). */
async function afterFirstEdition(name: string, readers: string[]) {
  const config: RuntimeConfig = deployment(local, name);
  await createTables(local, config);
  if (readers.length > 0)
    await subscribe(
      local,
      config,
      readers.map((r) => [r] as [string]),
    );
  await upload(local, config, 'north-korea.txt', ARTICLE_A);
  const sendDigest = createSendDigestHandler(() => createEditionServices(config, local.endpoints));
  const first = (await sendDigest(
    { source: 'remote', idempotencyKey: 'day-1', articles: ['north-korea.txt'], date: '2026-12-01' },
    lambdaContext(),
  )) as Result;
  expect(first).toMatchObject({ status: 'sent', outcome: 'complete' });
  /** One scheduled run `minutesAgo` minutes after its slot, with what it logged at WARN. */
  const scheduled = (minutesAgo: number) =>
    captureLog(sendDigestLogger, 'WARN', async () => {
      const event = scheduledEvent(new Date(Date.now() - minutesAgo * 60_000));
      return (await sendDigest(event, lambdaContext())) as Result;
    });
  return { config, sendDigest, first, scheduled };
}

const refusals = (lines: Record<string, unknown>[]) =>
  lines.filter((line) => line[REFUSAL_LOG_FIELD.name] === REFUSAL_LOG_FIELD.value);
const leftOutLines = (lines: Record<string, unknown>[]) =>
  lines.filter((line) => line[LEFT_OUT_LOG_FIELD.name] === LEFT_OUT_LOG_FIELD.value);

describe('scheduled runs with a duplicate upload left in the bucket', () => {
  it('a duplicate alone: the first run leaves it out and says so once (no refusal, no alarm line); the next run skips quietly; nobody gets it twice', async () => {
    const { config, first, scheduled } = await afterFirstEdition('dup-alone', [
      'ada@example.com',
      'bob@example.com',
    ]);
    await upload(local, config, 'north-korea-final.txt', ARTICLE_A);

    const run1 = await scheduled(10);
    const run2 = await scheduled(5);

    expect(run1.result).toMatchObject({
      status: 'nothing-new',
      leftOut: [
        {
          itemKey: `s3:${config.articles.prefix}north-korea-final.txt`,
          digestId: first.digestId,
          date: '2026-12-01',
        },
      ],
    });
    expect((run1.result.notes as string[]).join('\n')).toContain(
      `s3:${config.articles.prefix}north-korea-final.txt: left out, its text already went out as digest ${first.digestId} (edition 2026-12-01, 2 reader(s) reached)`,
    );
    expect(leftOutLines(run1.lines)).toHaveLength(1);
    expect(refusals(run1.lines)).toEqual([]);
    // The second run does not find the duplicate again: nothing to say, nothing to alarm on.
    expect(run2.result).toEqual({ status: 'nothing-new', notes: [] });
    expect(run2.lines).toEqual([]);
    expect(await inbox(local)).toHaveLength(2);
  });

  it('a duplicate next to a new article: the new article goes out to everyone, the duplicate does not; the next run sends nothing', async () => {
    const { config, first, scheduled } = await afterFirstEdition('dup-and-new', [
      'ada@example.com',
      'bob@example.com',
    ]);
    await upload(local, config, 'north-korea-final.txt', ARTICLE_A);
    await upload(local, config, 'harbor-bridge.md', ARTICLE_B);

    const run1 = await scheduled(10);
    const run2 = await scheduled(5);

    expect(run1.result).toMatchObject({
      status: 'sent',
      articles: 1,
      outcome: 'complete',
      counts: { sent: 2 },
      leftOut: [{ itemKey: `s3:${config.articles.prefix}north-korea-final.txt`, digestId: first.digestId }],
    });
    expect(run1.result.digestId).not.toBe(first.digestId);
    expect(leftOutLines(run1.lines)).toHaveLength(1);
    expect(refusals(run1.lines)).toEqual([]);
    const mails = await inbox(local);
    expect(mails).toHaveLength(4);
    const today = mails.slice(2);
    expect(today.map((m) => m.to).sort()).toEqual(['ada@example.com', 'bob@example.com']);
    for (const mail of today) {
      expect(mail.html).toContain('Harbor Bridge');
      expect(mail.html).not.toContain('Lefkowitz');
    }
    expect(run2.result).toEqual({ status: 'nothing-new', notes: [] });
    expect(run2.lines).toEqual([]);
    expect(await inbox(local)).toHaveLength(4);
  });

  it('an earlier edition that reached nobody does not hold the text back: the scheduled run sends it', async () => {
    const { config, scheduled } = await afterFirstEdition('dup-reached-nobody', []);
    await subscribe(local, config, [['ada@example.com']]);
    await upload(local, config, 'north-korea-final.txt', ARTICLE_A);

    const run = await scheduled(5);

    expect(run.result).toMatchObject({ status: 'sent', articles: 1, counts: { sent: 1 } });
    expect(run.result.leftOut).toBeUndefined();
    expect(await inbox(local)).toHaveLength(1);
  });

  it('an on-demand request naming the duplicate is still refused (the alarm line), and newEdition: true sends it', async () => {
    const { config, sendDigest, first, scheduled } = await afterFirstEdition('dup-on-demand', [
      'ada@example.com',
    ]);
    await upload(local, config, 'north-korea-final.txt', ARTICLE_A);
    expect((await scheduled(5)).result).toMatchObject({ status: 'nothing-new' });
    const ask = (key: string, extra: Record<string, unknown> = {}) =>
      captureLog(sendDigestLogger, 'WARN', async () => {
        const request = {
          source: 'remote',
          idempotencyKey: key,
          articles: ['north-korea-final.txt'],
          ...extra,
        };
        return (await sendDigest(request, lambdaContext())) as Result;
      });

    const refused = await ask('asked');
    const sent = await ask('asked-again', { newEdition: true });

    expect(refused.result).toMatchObject({
      status: SENT_AS_ANOTHER_EDITION,
      earlier: { digestId: first.digestId, reached: 1 },
    });
    expect(refusals(refused.lines)).toHaveLength(1);
    expect(sent.result).toMatchObject({ status: 'sent', counts: { sent: 1 } });
    expect(await inbox(local)).toHaveLength(2);
  });
});
