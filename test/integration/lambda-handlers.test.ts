// The four Lambda handlers in-process against local servers: DynamoDB (dynalite), S3 (s3rver) and SES
// (aws-ses-v2-local) are real emulators. No SQS, Secrets Manager or Lambda emulator is installed, so tiny
// HTTP stand-ins speak those JSON APIs to the real SDK clients; SQS events are built as Lambda delivers them.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, EventBridgeEvent, LambdaFunctionURLEvent, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBatchServices } from '../../lambdas/batch-services.js';
import type { Endpoints, RuntimeConfig } from '../../lambdas/config.js';
import { createCoreServices } from '../../lambdas/core-services.js';
import { createEditionServices } from '../../lambdas/edition-services.js';
import { createSendBatchHandler } from '../../lambdas/send-batch.js';
import { createSendDigestHandler } from '../../lambdas/send-digest.js';
import { createSesEventsHandler } from '../../lambdas/ses-events.js';
import { createUnsubscribeHandler } from '../../lambdas/unsubscribe.js';
import { createEditionsTable } from '../../src/adapters/aws/dynamo-edition-store.js';
import { createSendLedgerTable, DynamoSendLedger } from '../../src/adapters/aws/dynamo-send-ledger.js';
import {
  createSubscribersTable,
  DynamoSubscriberStore,
} from '../../src/adapters/aws/dynamo-subscriber-store.js';
import { invokeRemoteSend } from '../../src/adapters/aws/remote-send.js';
import { parseRecipientBatch, SqsBatchQueue } from '../../src/adapters/aws/sqs-batch-queue.js';
import type { HttpResponse } from '../../src/adapters/aws/unsubscribe-request.js';
import { type LocalSes, readLocalSesStore, startLocalSes } from '../../src/adapters/local/embedded-ses.js';
import type { Mailer, SubscriberStatus } from '../../src/delivery/ports.js';
import { SendFailure } from '../../src/delivery/send-failure.js';
import { createUnsubscribeToken } from '../../src/email/signed-tokens.js';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (options: { createTableMs: number }) => Server;
const S3rver = require('s3rver') as new (
  options: Record<string, unknown>,
) => {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
};

const HMAC_KEY = 'k'.repeat(48);
const LIST_ID = 'weekly.digest.example.com';
const BUCKET = 'articles';
const ARTICLE_A = readFileSync(
  new URL('../../examples/articles/north-korea-human-rights.txt', import.meta.url),
  'utf8',
);
const ARTICLE_B = readFileSync(new URL('../fixtures/articles/harbor-bridge.md', import.meta.url), 'utf8');
const ARTICLE_C = readFileSync(new URL('../fixtures/articles/port-strike.html', import.meta.url), 'utf8');

// --- local servers -------------------------------------------------------------------------------------

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', ...headers });
  response.end(JSON.stringify(body));
}

/** Stand-in for Secrets Manager GetSecretValue (the one call the handlers make). */
function secretsServer(): Server {
  return createServer(async (request, response) => {
    const body = JSON.parse(await readBody(request)) as { SecretId: string };
    if (request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') return json(response, 400, {});
    json(response, 200, { ARN: body.SecretId, Name: 'key', SecretString: HMAC_KEY });
  });
}

/** Stand-in for SQS SendMessageBatch (JSON protocol): keeps the message bodies for the test to deliver. */
function sqsServer(sent: string[], callBytes: number[]): Server {
  return createServer(async (request, response) => {
    const raw = await readBody(request);
    callBytes.push(Buffer.byteLength(raw));
    const body = JSON.parse(raw) as { Entries: Array<{ Id: string; MessageBody: string }> };
    if (request.headers['x-amz-target'] !== 'AmazonSQS.SendMessageBatch') return json(response, 400, {});
    const successful = body.Entries.map((entry) => {
      sent.push(entry.MessageBody);
      return {
        Id: entry.Id,
        MessageId: randomUUID(),
        MD5OfMessageBody: createHash('md5').update(entry.MessageBody).digest('hex'),
      };
    });
    json(response, 200, { Successful: successful, Failed: [] });
  });
}

// --- events as Lambda delivers them --------------------------------------------------------------------

const context = (): Context =>
  ({
    awsRequestId: randomUUID(),
    functionName: 'test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:test',
    memoryLimitInMB: '512',
    logGroupName: '/aws/lambda/test',
    logStreamName: 'test',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 120_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  }) as Context;

const scheduledEvent = (scheduledTime: Date) => ({
  source: 'schedule',
  idempotencyKey: `schedule:${scheduledTime.toISOString()}`,
  scheduledTime: scheduledTime.toISOString(),
});

function sqsEvent(bodies: string[]): SQSEvent {
  return {
    Records: bodies.map((body, index) => ({
      messageId: `msg-${index}-${randomUUID()}`,
      receiptHandle: `handle-${index}`,
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(Date.now()),
        SenderId: 'AROAEXAMPLE',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:BatchQueue',
      awsRegion: 'us-east-1',
    })),
  };
}

function urlEvent(
  method: string,
  token: string | undefined,
  body?: string,
  base64 = false,
): LambdaFunctionURLEvent {
  const query = token === undefined ? '' : `token=${encodeURIComponent(token)}`;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: query,
    headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'abc.lambda-url.us-east-1.on.aws' },
    ...(token === undefined ? {} : { queryStringParameters: { token } }),
    requestContext: {
      accountId: 'anonymous',
      apiId: 'abc',
      domainName: 'abc.lambda-url.us-east-1.on.aws',
      domainPrefix: 'abc',
      http: { method, path: '/', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'mail-client' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(body === undefined
      ? { isBase64Encoded: false }
      : { body: base64 ? Buffer.from(body).toString('base64') : body, isBase64Encoded: base64 }),
  } as LambdaFunctionURLEvent;
}

function sesEvent(detailType: string, detail: Record<string, unknown>): EventBridgeEvent<string, unknown> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source: 'aws.ses',
    account: '123456789012',
    time: new Date().toISOString(),
    region: 'us-east-1',
    resources: [],
    detail,
  };
}

// --- the deployment under test ---------------------------------------------------------------------------

let ses: LocalSes;
let endpoints: Endpoints;
const closers: Array<() => Promise<void>> = [];
const queued: string[] = [];
const sqsCalls: number[] = [];
let dynamodb: DynamoDBClient;
let s3: S3Client;

/** One deployment's config: its own tables and article prefix so that scenarios do not see each other. */
function deployment(name: string, overrides: Partial<RuntimeConfig['sending']> = {}): RuntimeConfig {
  return {
    stage: 'test',
    tables: {
      subscribers: `${name}-subscribers`,
      ledger: `${name}-ledger`,
      editions: `${name}-editions`,
      idempotency: `${name}-idempotency`,
    },
    articles: { bucket: BUCKET, prefix: `${name}/articles/`, maxPerEdition: 10 },
    webArchive: {
      bucket: BUCKET,
      prefix: `${name}/editions/`,
      baseUrl: 'https://digest.example.com/editions',
    },
    batchQueueUrl: `${endpoints.sqs}/123456789012/batch`,
    sender: { fromAddress: 'digest@example.com', fromName: 'The Weekly Digest', listId: LIST_ID },
    publication: { name: 'The Weekly Digest', postalAddress: '1 Example Street, Berlin' },
    configurationSet: 'digest-test',
    unsubscribeUrl: 'https://abc.lambda-url.us-east-1.on.aws/',
    hmacSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:unsubscribe',
    sending: {
      directRate: 1000,
      workerRate: 1000,
      directSendThreshold: 100,
      recipientsPerBatch: 50,
      ...overrides,
    },
    digest: { summarySentences: 3, quotesPerArticle: 2 },
    scheduleMaxAgeSeconds: 3600,
  };
}

async function createTables(config: RuntimeConfig): Promise<void> {
  await createSubscribersTable(dynamodb, config.tables.subscribers);
  await createSendLedgerTable(dynamodb, config.tables.ledger);
  await createEditionsTable(dynamodb, config.tables.editions);
  await dynamodb.send(
    new CreateTableCommand({
      TableName: config.tables.idempotency,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }),
  );
}

async function subscribe(config: RuntimeConfig, people: Array<[string, SubscriberStatus?]>): Promise<void> {
  const store = new DynamoSubscriberStore(dynamodb, config.tables.subscribers);
  for (const [email, status] of people) {
    await store.put({
      email,
      name: email.split('@')[0],
      status: status ?? 'active',
      subscribedAt: '2026-01-01T00:00:00Z',
    });
  }
}

async function upload(config: RuntimeConfig, name: string, body: string): Promise<void> {
  await s3.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: `${config.articles.prefix}${name}`, Body: body }),
  );
}

async function inbox(): Promise<Array<{ to: string; subject: string; html: string }>> {
  return (await readLocalSesStore(ses.endpoint)).map((email) => ({
    to: email.destination.to.map((to) => /<([^>]+)>/.exec(to)?.[1] ?? to).join(','),
    subject: email.subject,
    html: email.body.html ?? '',
  }));
}

const statusOf = async (config: RuntimeConfig, email: string) =>
  (await new DynamoSubscriberStore(dynamodb, config.tables.subscribers).get(email))?.status;

beforeAll(async () => {
  process.env.AWS_REGION = 'us-east-1';
  // s3rver checks signatures against its fixed credentials; the other servers accept any.
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
  const dynamo = dynalite({ createTableMs: 0 });
  const s3Dir = await mkdtemp(join(tmpdir(), 'digest-s3rver-'));
  const s3rver = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: s3Dir,
    configureBuckets: [{ name: BUCKET }],
  });
  const s3Address = await s3rver.run();
  const secrets = secretsServer();
  const sqs = sqsServer(queued, sqsCalls);
  ses = await startLocalSes();
  endpoints = {
    dynamodb: await listen(dynamo),
    s3: `http://127.0.0.1:${s3Address.port}`,
    ses: ses.endpoint,
    sqs: await listen(sqs),
    secretsManager: await listen(secrets),
  };
  closers.push(
    () => ses.close(),
    () => s3rver.close(),
    () => rm(s3Dir, { recursive: true, force: true }),
    ...[dynamo, secrets, sqs].map(
      (server) => () => new Promise<void>((resolve) => server.close(() => resolve())),
    ),
  );
  dynamodb = new DynamoDBClient({ endpoint: endpoints.dynamodb });
  s3 = new S3Client({ endpoint: endpoints.s3, forcePathStyle: true });
});

afterAll(async () => {
  for (const close of closers) await close();
});

beforeEach(async () => {
  await ses.clear();
});

// --- scenarios -------------------------------------------------------------------------------------------

describe('send-digest on schedule (direct send)', () => {
  let config: RuntimeConfig;
  let sendDigest: ReturnType<typeof createSendDigestHandler>;

  beforeAll(async () => {
    config = deployment('direct');
    await createTables(config);
    await subscribe(config, [
      ['ada@example.com'],
      ['bob@example.com'],
      ['cy@example.com'],
      ['gone@example.com', 'unsubscribed'],
    ]);
    const services = createEditionServices(config, endpoints);
    sendDigest = createSendDigestHandler(() => services);
  });

  it('sends one digest with both new articles to every active subscriber, and archives the web version', async () => {
    // Prepare
    await upload(config, 'north-korea.txt', ARTICLE_A);
    await upload(config, 'harbor-bridge.md', ARTICLE_B);
    const event = scheduledEvent(new Date(Date.now() - 60_000));

    // Act
    const result = (await sendDigest(event, context())) as Record<string, unknown>;

    // Assess
    expect(result).toMatchObject({ status: 'sent', articles: 2, outcome: 'complete' });
    expect(result.counts).toMatchObject({ sent: 3, failed: 0, pending: 0, unknown: 0 });
    const mails = await inbox();
    expect(mails.map((m) => m.to).sort()).toEqual(['ada@example.com', 'bob@example.com', 'cy@example.com']);
    expect(new Set(mails.map((m) => m.subject)).size).toBe(1);
    for (const mail of mails) {
      expect(mail.html).toContain('China, South Korea Urged To Press North Korea on Human Rights');
      expect(mail.html).toMatch(/Harbor Bridge/i);
    }
    const date = new Date(event.scheduledTime).toISOString().slice(0, 10);
    const web = await s3.send(
      new GetObjectCommand({
        Bucket: BUCKET,
        Key: `${config.webArchive.prefix}${date}-${result.digestId}.html`,
      }),
    );
    expect(await web.Body?.transformToString()).toContain('China, South Korea Urged');
  });

  it('sends nothing when the same scheduled event is delivered again', async () => {
    const event = scheduledEvent(new Date(Date.now() - 60_000));
    const first = await sendDigest(event, context());
    await ses.clear();

    const again = await sendDigest(event, context());

    expect(again).toEqual(first);
    expect(await inbox()).toEqual([]);
  });

  it('sends nothing at the next slot when no article is new', async () => {
    const result = await sendDigest(scheduledEvent(new Date(Date.now() - 1_000)), context());

    expect(result).toMatchObject({ status: 'nothing-new' });
    expect(await inbox()).toEqual([]);
  });

  it('rejects a stale scheduled event without sending', async () => {
    await upload(config, 'port-strike.html', ARTICLE_C);

    const result = await sendDigest(scheduledEvent(new Date(Date.now() - 3 * 3600_000)), context());

    expect(result).toMatchObject({ status: 'stale' });
    expect(await inbox()).toEqual([]);
  });

  it('answers a request without an idempotency key with an error and sends nothing', async () => {
    const result = await sendDigest({ source: 'remote', to: ['ada@example.com'] }, context());

    expect(result).toEqual({ error: expect.stringContaining('"idempotencyKey" is required') });
    expect(await inbox()).toEqual([]);
  });

  it('test-sends named articles to --to addresses only, through the Lambda Invoke API (digest send --remote)', async () => {
    // Prepare: a stand-in for the Lambda Invoke API that runs the handler in this process.
    const lambda = createServer(async (request, response) => {
      const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(request.url ?? '');
      if (request.method !== 'POST' || !match) return json(response, 404, { message: 'not found' });
      try {
        const output = await sendDigest(JSON.parse(await readBody(request)), context());
        json(response, 200, output, { 'x-amz-executed-version': '$LATEST' });
      } catch (error) {
        json(
          response,
          200,
          { errorType: 'Error', errorMessage: (error as Error).message },
          { 'x-amz-function-error': 'Unhandled' },
        );
      }
    });
    const endpoint = await listen(lambda);
    try {
      // Act
      const result = await invokeRemoteSend({
        functionName: 'Digest-test-SendDigest',
        region: 'us-east-1',
        endpoint,
        payload: { articles: ['port-strike.html'], to: ['editor@example.com'] },
      });

      // Assess
      expect(result).toMatchObject({
        status: 'sent',
        articles: 1,
        counts: expect.objectContaining({ sent: 1 }),
      });
      expect((await inbox()).map((m) => m.to)).toEqual(['editor@example.com']);
      // A test send does not use the article up: the next scheduled edition still carries it.
      const next = await sendDigest(scheduledEvent(new Date(Date.now() - 500)), context());
      expect(next).toMatchObject({ status: 'sent', articles: 1 });
    } finally {
      await new Promise<void>((resolve) => lambda.close(() => resolve()));
    }
  });

  it('answers the IAM Function URL: a dry run as JSON 200, a malformed body as 400, sending nothing', async () => {
    const post = (body: string) => ({
      ...urlEvent('POST', undefined, body),
      headers: { 'content-type': 'application/json' },
    });

    const dry = (await sendDigest(
      post(
        JSON.stringify({
          idempotencyKey: `url-${randomUUID()}`,
          articles: ['port-strike.html'],
          dryRun: true,
        }),
      ),
      context(),
    )) as HttpResponse;
    const bad = (await sendDigest(post('{"idempotencyKey": 5'), context())) as HttpResponse;
    const get = (await sendDigest(urlEvent('GET', undefined), context())) as HttpResponse;

    expect(dry.statusCode).toBe(200);
    expect(JSON.parse(dry.body)).toMatchObject({ status: 'sent', articles: 1 });
    expect([bad.statusCode, get.statusCode]).toEqual([400, 400]);
    expect(JSON.parse(bad.body)).toEqual({ error: 'send-digest: the body is not JSON' });
    expect(await inbox()).toEqual([]);
  });

  it('reports a function error from the Invoke API as a DigestError naming the function', async () => {
    const lambda = createServer((_request, response) =>
      json(
        response,
        200,
        { errorType: 'Error', errorMessage: 'boom' },
        { 'x-amz-function-error': 'Unhandled' },
      ),
    );
    const endpoint = await listen(lambda);
    try {
      await expect(
        invokeRemoteSend({
          functionName: 'Digest-test-SendDigest',
          region: 'us-east-1',
          endpoint,
          payload: { dryRun: true },
        }),
      ).rejects.toThrow('send --remote: Digest-test-SendDigest failed: boom');
    } finally {
      await new Promise<void>((resolve) => lambda.close(() => resolve()));
    }
  });
});

describe('send-digest interrupted mid-send', () => {
  it('fails the invocation, and the retry finishes the same edition without resending anyone', async () => {
    // Prepare: a fault a real SES emulator cannot produce on demand: the quota runs out at the second send.
    const config = deployment('resume');
    await createTables(config);
    const people = ['r1', 'r2', 'r3', 'r4'].map((n) => `${n}@example.com`);
    await subscribe(
      config,
      people.map((email) => [email] as [string]),
    );
    await upload(config, 'north-korea.txt', ARTICLE_A);
    const real = createEditionServices(config, endpoints);
    let sends = 0;
    const quotaAfterOne: Mailer = {
      sendRaw: async (input) => {
        if (++sends > 1) throw new SendFailure('quota', 'Daily message quota exceeded');
        return real.deps.mailer.sendRaw(input);
      },
    };
    const failing = createEditionServices(config, endpoints, { mailer: quotaAfterOne });
    const event = scheduledEvent(new Date(Date.now() - 60_000));

    // Act 1
    const first = createSendDigestHandler(() => failing)(event, context());

    // Assess 1: the invocation fails (Lambda retries it), one reader has it
    await expect(first).rejects.toThrow(/recipients not sent yet .*the next run resumes it/);
    expect((await inbox()).map((m) => m.to)).toHaveLength(1);

    // Act 2: a new article arrives, then Lambda retries the same event with the quota back
    await upload(config, 'harbor-bridge.md', ARTICLE_B);
    const retry = (await createSendDigestHandler(() => real)(event, context())) as Record<string, unknown>;

    // Assess 2: the same edition (one article) reaches everyone exactly once; the new article waits
    expect(retry).toMatchObject({
      status: 'sent',
      articles: 1,
      counts: expect.objectContaining({ sent: 3, skipped: 1 }),
    });
    const mails = await inbox();
    expect(mails.map((m) => m.to).sort()).toEqual(people);
    expect(mails.every((m) => !/Harbor Bridge/i.test(m.html))).toBe(true);
    const next = await createSendDigestHandler(() => real)(
      scheduledEvent(new Date(Date.now() - 1_000)),
      context(),
    );
    expect(next).toMatchObject({ status: 'sent', articles: 1, counts: expect.objectContaining({ sent: 4 }) });
  });
});

describe('send-digest and send-batch for a large list (fan-out over SQS)', () => {
  it('enqueues recipient batches and a batch that fails is retried alone, without resending anyone', async () => {
    // Prepare: threshold 2 and 2 recipients per message, so 5 subscribers make 3 messages.
    const config = deployment('fanout', { directSendThreshold: 2, recipientsPerBatch: 2 });
    await createTables(config);
    const people = ['a1', 'a2', 'b1', 'b2', 'c1'].map((n) => `${n}@example.com`);
    await subscribe(
      config,
      people.map((email) => [email] as [string]),
    );
    await upload(config, 'north-korea.txt', ARTICLE_A);
    queued.length = 0;
    const sendDigest = createSendDigestHandler(() => createEditionServices(config, endpoints));

    // Act 1: the edition fans out
    const result = await sendDigest(scheduledEvent(new Date(Date.now() - 60_000)), context());

    // Assess 1
    expect(result).toMatchObject({ status: 'enqueued', recipients: 5, messages: 3 });
    expect(queued).toHaveLength(3);
    expect(await inbox()).toEqual([]);

    // Prepare 2: a fault a real SES emulator cannot produce on demand: b1's first send hits the daily quota.
    const real = createBatchServices(config, endpoints);
    let faults = 0;
    const faultyMailer: Mailer = {
      sendRaw: async (input) => {
        if (input.to === 'b1@example.com' && faults++ === 0)
          throw new SendFailure('quota', 'Daily message quota exceeded');
        return real.deps.mailer.sendRaw(input);
      },
    };
    const faulty = createSendBatchHandler(() =>
      createBatchServices(config, endpoints, { mailer: faultyMailer }),
    );
    const event = sqsEvent([...queued]);

    // Act 2: Lambda delivers all three messages in one batch
    const response = await faulty(event, context());

    // Assess 2: only the message holding b1 is reported failed
    const failedMessage = event.Records.find((r) => r.body.includes('b1@example.com'))!;
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: failedMessage.messageId }] });
    // b2 shares b1's message; the send loop may have sent it in parallel before the quota stop.
    const afterFirst = (await inbox()).map((m) => m.to);
    expect(afterFirst).toEqual(
      expect.arrayContaining(['a1@example.com', 'a2@example.com', 'c1@example.com']),
    );
    expect(afterFirst).not.toContain('b1@example.com');

    // Act 3: SQS redelivers that message alone
    const retry = await faulty(sqsEvent([failedMessage.body]), context());

    // Assess 3: everyone exactly once
    expect(retry).toEqual({ batchItemFailures: [] });
    expect((await inbox()).map((m) => m.to).sort()).toEqual(people.sort());
  });

  it('splits large recipient batches over several SQS calls to stay under the payload limit', async () => {
    const queue = new SqsBatchQueue(
      new SQSClient({ endpoint: endpoints.sqs }),
      `${endpoints.sqs}/123456789012/batch`,
    );
    async function* readers() {
      for (let i = 0; i < 200; i++) yield { email: `reader${i}@example.com`, name: 'N'.repeat(1500) };
    }
    queued.length = 0;
    sqsCalls.length = 0;

    const result = await queue.enqueue('0123456789abcdef', readers(), 20);

    expect(result).toEqual({ messages: 10, recipients: 200 });
    expect(queued).toHaveLength(10);
    expect(sqsCalls.length).toBeGreaterThan(1);
    for (const bytes of sqsCalls) expect(bytes).toBeLessThan(256 * 1024);
    const delivered = queued.flatMap((body) => parseRecipientBatch(body).recipients.map((r) => r.email));
    expect(new Set(delivered).size).toBe(200);
  });

  it('fails the whole invocation when every message is malformed, so SQS redelivers and then dead-letters them', async () => {
    const config = deployment('fanout');
    const handler = createSendBatchHandler(() => createBatchServices(config, endpoints));
    const event = sqsEvent(['{not json', JSON.stringify({ digestId: 'x'.repeat(16), recipients: [] })]);

    await expect(handler(event, context())).rejects.toThrow('All records failed processing');
    expect(await inbox()).toEqual([]);
  });
});

describe('unsubscribe (public Function URL)', () => {
  let config: RuntimeConfig;
  let unsubscribe: (event: LambdaFunctionURLEvent) => Promise<HttpResponse>;
  const token = createUnsubscribeToken(HMAC_KEY, { email: 'reader@example.com', listId: LIST_ID });

  beforeAll(async () => {
    config = deployment('unsub');
    await createTables(config);
    await subscribe(config, [['reader@example.com'], ['other@example.com']]);
    const core = createCoreServices({ ...config, unsubscribeUrl: undefined }, endpoints);
    unsubscribe = createUnsubscribeHandler(() => core);
  });

  it('GET shows a confirmation form and changes nothing', async () => {
    const response = await unsubscribe(urlEvent('GET', token));

    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<form method="post"');
    expect(response.body).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(await statusOf(config, 'reader@example.com')).toBe('active');
  });

  it('rejects a forged token and a token for another list with 403, changing nothing', async () => {
    const forged = createUnsubscribeToken('another-key-another-key-another-key', {
      email: 'reader@example.com',
      listId: LIST_ID,
    });
    const foreign = createUnsubscribeToken(HMAC_KEY, {
      email: 'reader@example.com',
      listId: 'other.list.example.com',
    });

    const responses = [
      await unsubscribe(urlEvent('POST', forged, 'List-Unsubscribe=One-Click')),
      await unsubscribe(urlEvent('POST', foreign, 'List-Unsubscribe=One-Click')),
      await unsubscribe(urlEvent('POST', `${token}x`, 'List-Unsubscribe=One-Click')),
    ];

    expect(responses.map((r) => r.statusCode)).toEqual([403, 403, 403]);
    expect(await statusOf(config, 'reader@example.com')).toBe('active');
  });

  it('refuses a POST without the one-click body or without a token', async () => {
    expect((await unsubscribe(urlEvent('POST', token, 'List-Unsubscribe=Maybe'))).statusCode).toBe(400);
    expect((await unsubscribe(urlEvent('POST', undefined, 'List-Unsubscribe=One-Click'))).statusCode).toBe(
      400,
    );
    expect((await unsubscribe(urlEvent('DELETE', token))).statusCode).toBe(405);
    expect(await statusOf(config, 'reader@example.com')).toBe('active');
  });

  it('POST List-Unsubscribe=One-Click unsubscribes exactly that reader, and a repeat is 200 too', async () => {
    const first = await unsubscribe(urlEvent('POST', token, 'List-Unsubscribe=One-Click', true));
    const repeat = await unsubscribe(urlEvent('POST', token, 'List-Unsubscribe=One-Click'));

    expect([first.statusCode, repeat.statusCode]).toEqual([200, 200]);
    expect(await statusOf(config, 'reader@example.com')).toBe('unsubscribed');
    expect(await statusOf(config, 'other@example.com')).toBe('active');
  });
});

describe('ses-events', () => {
  it('a permanent bounce marks the subscriber bounced and the next edition skips them', async () => {
    // Prepare
    const config = deployment('bounce');
    await createTables(config);
    await subscribe(config, [['good@example.com'], ['bouncy@example.com'], ['angry@example.com']]);
    const sesEvents = createSesEventsHandler(() => createCoreServices(config, endpoints));
    const sendDigest = createSendDigestHandler(() => createEditionServices(config, endpoints));
    const mail = (to: string) => ({
      timestamp: new Date().toISOString(),
      source: 'digest@example.com',
      messageId: `0100-${randomUUID()}`,
      destination: [to],
      tags: { 'ses:configuration-set': ['digest-test'] },
    });

    // Act
    await sesEvents(
      sesEvent('Email Bounced', {
        eventType: 'Bounce',
        bounce: {
          bounceType: 'Permanent',
          bounceSubType: 'General',
          bouncedRecipients: [{ emailAddress: 'bouncy@example.com' }],
        },
        mail: mail('bouncy@example.com'),
      }),
      context(),
    );
    await sesEvents(
      sesEvent('Email Complaint Received', {
        eventType: 'Complaint',
        complaint: { complainedRecipients: [{ emailAddress: 'angry@example.com' }] },
        mail: mail('angry@example.com'),
      }),
      context(),
    );
    await upload(config, 'north-korea.txt', ARTICLE_A);
    const result = await sendDigest(scheduledEvent(new Date(Date.now() - 60_000)), context());

    // Assess
    expect(await statusOf(config, 'bouncy@example.com')).toBe('bounced');
    expect(await statusOf(config, 'angry@example.com')).toBe('complained');
    expect(result).toMatchObject({ status: 'sent', counts: expect.objectContaining({ sent: 1 }) });
    expect((await inbox()).map((m) => m.to)).toEqual(['good@example.com']);
  });

  it('a transient bounce changes nothing', async () => {
    const config = deployment('bounce');
    const sesEvents = createSesEventsHandler(() => createCoreServices(config, endpoints));

    await sesEvents(
      sesEvent('Email Bounced', {
        eventType: 'Bounce',
        bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'good@example.com' }] },
        mail: { messageId: 'm-1', destination: ['good@example.com'] },
      }),
      context(),
    );

    expect(await statusOf(config, 'good@example.com')).toBe('active');
  });

  it('a delivery event reconciles a ledger row left unknown to sent, with the SES message id', async () => {
    // Prepare: a row whose send outcome was never seen (the process died after SES accepted it).
    const config = deployment('bounce');
    const ledger = new DynamoSendLedger(dynamodb, config.tables.ledger);
    await ledger.claim('0123456789abcdef', 'late@example.com', 'run-1');
    await ledger.markUnknown('0123456789abcdef', 'late@example.com', 'run-1', 'timed out');
    const sesEvents = createSesEventsHandler(() => createCoreServices(config, endpoints));

    // Act
    await sesEvents(
      sesEvent('Email Delivered', {
        eventType: 'Delivery',
        delivery: { recipients: ['late@example.com'] },
        mail: {
          messageId: 'ses-message-1',
          destination: ['late@example.com'],
          tags: { 'digest-id': ['0123456789abcdef'] },
        },
      }),
      context(),
    );

    // Assess
    expect(await ledger.get('0123456789abcdef', 'late@example.com')).toMatchObject({
      status: 'sent',
      messageId: 'ses-message-1',
    });
  });

  it('a reject event settles an unknown ledger row as failed and leaves sent rows alone', async () => {
    const config = deployment('bounce');
    const ledger = new DynamoSendLedger(dynamodb, config.tables.ledger);
    await ledger.claim('fedcba9876543210', 'virus@example.com', 'run-1');
    await ledger.markUnknown('fedcba9876543210', 'virus@example.com', 'run-1', 'timed out');
    await ledger.claim('fedcba9876543210', 'fine@example.com', 'run-1');
    await ledger.markSent('fedcba9876543210', 'fine@example.com', 'run-1', 'ses-ok');
    const sesEvents = createSesEventsHandler(() => createCoreServices(config, endpoints));
    const reject = (to: string) =>
      sesEvent('Email Rejected', {
        eventType: 'Reject',
        reject: { reason: 'Bad content' },
        mail: { messageId: `ses-${to}`, destination: [to], tags: { 'digest-id': ['fedcba9876543210'] } },
      });

    await sesEvents(reject('virus@example.com'), context());
    await sesEvents(reject('fine@example.com'), context());

    expect(await ledger.get('fedcba9876543210', 'virus@example.com')).toMatchObject({ status: 'failed' });
    expect(await ledger.get('fedcba9876543210', 'fine@example.com')).toMatchObject({
      status: 'sent',
      messageId: 'ses-ok',
    });
  });

  it('ignores an event it cannot read instead of failing (no retries for garbage)', async () => {
    const sesEvents = createSesEventsHandler(() => createCoreServices(deployment('bounce'), endpoints));

    await expect(sesEvents(sesEvent('Email Bounced', { nothing: true }), context())).resolves.toBeUndefined();
  });
});
