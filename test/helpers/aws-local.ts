// The AWS side of the project on local servers, for handler tests and the scale bench: DynamoDB
// (dynalite), S3 (s3rver) and SES (aws-ses-v2-local) are real emulators. No SQS or Secrets Manager
// emulator is installed, so tiny HTTP stand-ins speak those JSON APIs to the real SDK clients. Every
// DynamoDB request passes a counting proxy, so a test can assert how many requests a handler made.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context, EventBridgeEvent, SQSEvent } from 'aws-lambda';
import type { Endpoints, RuntimeConfig } from '../../lambdas/config.js';
import { createEditionsTable } from '../../src/adapters/aws/dynamo-edition-store.js';
import { createSendLedgerTable } from '../../src/adapters/aws/dynamo-send-ledger.js';
import {
  createSubscribersTable,
  DynamoSubscriberStore,
} from '../../src/adapters/aws/dynamo-subscriber-store.js';
import { type LocalSes, readLocalSesStore, startLocalSes } from '../../src/adapters/local/embedded-ses.js';
import type { SubscriberStatus } from '../../src/delivery/ports.js';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (options: { createTableMs: number }) => Server;
const S3rver = require('s3rver') as new (
  options: Record<string, unknown>,
) => {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
};

export const HMAC_KEY = 'k'.repeat(48);
export const LIST_ID = 'weekly.digest.example.com';
export const BUCKET = 'articles';

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
  response.end(JSON.stringify(body));
}

/** DynamoDB requests seen by the counting proxy, as `Operation Table` (e.g. `GetItem t-subscribers`). */
export class RequestCounter {
  readonly seen: string[] = [];
  reset(): void {
    this.seen.length = 0;
  }
  count(operation: string, table?: string): number {
    return this.seen.filter((entry) => {
      const [op, name] = entry.split(' ');
      return op === operation && (table === undefined || name === table);
    }).length;
  }
}

/** Forwards every request to dynalite and records its operation and table. */
function countingProxy(target: string, counter: RequestCounter): Server {
  const { hostname, port } = new URL(target);
  return createServer(async (request, response) => {
    const body = await readBody(request);
    const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '?';
    let table = '';
    try {
      const parsed = JSON.parse(body.toString('utf8')) as { TableName?: string; RequestItems?: object };
      table = parsed.TableName ?? Object.keys(parsed.RequestItems ?? {})[0] ?? '';
    } catch {}
    counter.seen.push(`${operation} ${table}`);
    const forward = httpRequest(
      { hostname, port, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 500, answer.headers);
        answer.pipe(response);
      },
    );
    forward.on('error', (error) => response.destroy(error));
    forward.end(body);
  });
}

/** Stand-in for Secrets Manager GetSecretValue (the one call the handlers make). */
function secretsServer(): Server {
  return createServer(async (request, response) => {
    const body = JSON.parse((await readBody(request)).toString('utf8')) as { SecretId: string };
    if (request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') return json(response, 400, {});
    json(response, 200, { ARN: body.SecretId, Name: 'key', SecretString: HMAC_KEY });
  });
}

/**
 * Stand-in for SQS SendMessageBatch (JSON protocol): keeps the message bodies for the test to deliver.
 * A request arriving while `refusals` is above zero takes one and refuses every entry the way SQS reports a
 * server-side failure (`Failed`, SenderFault false, nothing kept): a queue fault on demand.
 */
function sqsServer(sent: string[], faults: { refusals: number }): Server {
  return createServer(async (request, response) => {
    const body = JSON.parse((await readBody(request)).toString('utf8')) as {
      Entries: Array<{ Id: string; MessageBody: string }>;
    };
    if (request.headers['x-amz-target'] !== 'AmazonSQS.SendMessageBatch') return json(response, 400, {});
    if (faults.refusals > 0) {
      faults.refusals -= 1;
      const failed = body.Entries.map((entry) => ({
        Id: entry.Id,
        SenderFault: false,
        Code: 'InternalError',
        Message: 'injected by the test: the queue is unavailable',
      }));
      return json(response, 200, { Successful: [], Failed: failed });
    }
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

/** The running local servers and helpers around them. */
export interface AwsLocal {
  endpoints: Endpoints;
  ses: LocalSes;
  dynamodb: DynamoDBClient;
  s3: S3Client;
  /** Bodies sent to the SQS stand-in, in order. */
  queued: string[];
  /** Faults of the SQS stand-in: `refusals` requests are refused (see sqsServer). */
  sqsFaults: { refusals: number };
  requests: RequestCounter;
  close(): Promise<void>;
}

/** Starts dynalite (behind the counting proxy), s3rver, aws-ses-v2-local and the SQS/Secrets stand-ins. */
export async function startAwsLocal(): Promise<AwsLocal> {
  process.env.AWS_REGION = 'us-east-1';
  // s3rver checks signatures against its fixed credentials; the other servers accept any.
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
  const requests = new RequestCounter();
  const queued: string[] = [];
  const dynamo = dynalite({ createTableMs: 0 });
  const proxy = countingProxy(await listen(dynamo), requests);
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
  const sqsFaults = { refusals: 0 };
  const sqs = sqsServer(queued, sqsFaults);
  const ses = await startLocalSes();
  const endpoints: Endpoints = {
    dynamodb: await listen(proxy),
    s3: `http://127.0.0.1:${s3Address.port}`,
    ses: ses.endpoint,
    sqs: await listen(sqs),
    secretsManager: await listen(secrets),
  };
  const servers = [proxy, dynamo, secrets, sqs];
  return {
    endpoints,
    ses,
    dynamodb: new DynamoDBClient({ endpoint: endpoints.dynamodb }),
    s3: new S3Client({ endpoint: endpoints.s3, forcePathStyle: true }),
    queued,
    sqsFaults,
    requests,
    async close() {
      await ses.close();
      await s3rver.close();
      await rm(s3Dir, { recursive: true, force: true });
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

/** One deployment's config: its own tables and article prefix so that scenarios do not see each other. */
export function deployment(
  local: AwsLocal,
  name: string,
  overrides: Partial<RuntimeConfig['sending']> = {},
  articles: Partial<RuntimeConfig['articles']> = {},
): RuntimeConfig {
  return {
    stage: 'test',
    tables: {
      subscribers: `${name}-subscribers`,
      ledger: `${name}-ledger`,
      editions: `${name}-editions`,
      idempotency: `${name}-idempotency`,
    },
    articles: { bucket: BUCKET, prefix: `${name}/articles/`, maxPerEdition: 10, ...articles },
    webArchive: {
      bucket: BUCKET,
      prefix: `${name}/editions/`,
      baseUrl: 'https://digest.example.com/editions',
    },
    batchQueueUrl: `${local.endpoints.sqs}/123456789012/batch`,
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

/** Creates the deployment's four tables in dynalite. */
export async function createTables(local: AwsLocal, config: RuntimeConfig): Promise<void> {
  await createSubscribersTable(local.dynamodb, config.tables.subscribers);
  await createSendLedgerTable(local.dynamodb, config.tables.ledger);
  await createEditionsTable(local.dynamodb, config.tables.editions);
  await local.dynamodb.send(
    new CreateTableCommand({
      TableName: config.tables.idempotency,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }),
  );
}

/** Puts subscribers into the deployment's table (name: the local part unless given). */
export async function subscribe(
  local: AwsLocal,
  config: RuntimeConfig,
  people: Array<[string, SubscriberStatus?, string?]>,
): Promise<void> {
  const store = new DynamoSubscriberStore(local.dynamodb, config.tables.subscribers);
  for (const [email, status, name] of people) {
    await store.put({
      email,
      name: name ?? email.split('@')[0],
      status: status ?? 'active',
      subscribedAt: '2026-01-01T00:00:00Z',
    });
  }
}

/** Uploads an article under the deployment's prefix. */
export async function upload(
  local: AwsLocal,
  config: RuntimeConfig,
  name: string,
  body: string,
): Promise<void> {
  await local.s3.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: `${config.articles.prefix}${name}`, Body: body }),
  );
}

/** What the SES emulator delivered: one entry per message. */
export async function inbox(local: AwsLocal): Promise<Array<{ to: string; subject: string; html: string }>> {
  return (await readLocalSesStore(local.ses.endpoint)).map((email) => ({
    to: email.destination.to.map((to) => /<([^>]+)>/.exec(to)?.[1] ?? to).join(','),
    subject: email.subject,
    html: email.body.html ?? '',
  }));
}

/** A Lambda context with two minutes left. */
export const lambdaContext = (): Context =>
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

/** The event EventBridge Scheduler sends for a slot. */
export const scheduledEvent = (scheduledTime: Date) => ({
  source: 'schedule',
  idempotencyKey: `schedule:${scheduledTime.toISOString()}`,
  scheduledTime: scheduledTime.toISOString(),
});

/** An SQS event as Lambda delivers it. */
export function sqsEvent(bodies: string[]): SQSEvent {
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

/** An SES sending event as EventBridge delivers it. */
export function sesEvent(
  detailType: string,
  detail: Record<string, unknown>,
): EventBridgeEvent<string, unknown> {
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
