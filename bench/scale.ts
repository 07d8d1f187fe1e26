// Scale bench of the AWS path: the real send-digest and send-batch handlers in-process against local
// servers (dynalite behind a request-counting proxy, s3rver, aws-ses-v2-local, the SQS and Secrets
// Manager stand-ins of test/helpers/aws-local.ts). It fans an edition out to N subscribers, delivers the
// queued messages as Lambda would (10 per invocation, 2 workers), and prints what each recipient costs:
// DynamoDB requests by operation, SQS calls, invocations, SES calls in flight per worker.
// Sizes: `DIGEST_BENCH_SCALE=1000,5000,20000 npm run bench -- scale` (default 1,000 and 5,000).
// Times are local (no network latency) except the one line that adds a fixed latency to every SES call.
import { readFileSync } from 'node:fs';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Mailer } from '../src/delivery/ports.js';
import { quietAwsSdkNodeWarning } from '../src/settings/local.js';
import {
  type AwsLocal,
  createTables,
  deployment,
  lambdaContext,
  scheduledEvent,
  sqsEvent,
  startAwsLocal,
  upload,
} from '../test/helpers/aws-local.js';

// The handlers are imported once the log level is set: their loggers read it when created.
const handlers = async () => {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  return {
    ...(await import('../lambdas/batch-services.js')),
    ...(await import('../lambdas/edition-services.js')),
    ...(await import('../lambdas/send-batch.js')),
    ...(await import('../lambdas/send-digest.js')),
  };
};

const ARTICLE = readFileSync(
  new URL('../examples/articles/north-korea-human-rights.txt', import.meta.url),
  'utf8',
);
const MESSAGES_PER_INVOCATION = 10;
const WORKERS = 2;

async function seed(local: AwsLocal, table: string, n: number): Promise<void> {
  const doc = DynamoDBDocumentClient.from(local.dynamodb);
  const items = Array.from({ length: n }, (_, i) => ({
    email: `reader${i}@example.com`,
    name: `Reader ${i}`,
    status: 'active',
  }));
  const chunks: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  for (let i = 0; i < chunks.length; i += 8) {
    await Promise.all(
      chunks.slice(i, i + 8).map((chunk) =>
        doc.send(
          new BatchWriteCommand({
            RequestItems: { [table]: chunk.map((Item) => ({ PutRequest: { Item } })) },
          }),
        ),
      ),
    );
  }
}

/** Wraps a mailer to count calls and the most calls in flight at once (per worker). */
function watched(mailer: Mailer, latencyMs: number) {
  const stats = { calls: 0, inFlight: 0, maxInFlight: 0 };
  const wrapped: Mailer = {
    async sendRaw(input) {
      stats.calls++;
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      try {
        if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
        return await mailer.sendRaw(input);
      } finally {
        stats.inFlight--;
      }
    },
  };
  return { wrapped, stats };
}

/** DynamoDB requests by operation and table, as counts (n = 1) or per recipient. */
const requestsBy = (local: AwsLocal, n = 1) => {
  const byOp = new Map<string, number>();
  for (const entry of local.requests.seen) {
    const [op, table] = entry.split(' ');
    const key = `${op} ${table?.split('-').at(-1)}`;
    byOp.set(key, (byOp.get(key) ?? 0) + 1);
  }
  return [...byOp.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([key, count]) => `${key} ${n === 1 ? count : (count / n).toFixed(2)}`)
    .join(', ');
};

async function run(local: AwsLocal, n: number, sesLatencyMs: number): Promise<void> {
  const { createBatchServices, createEditionServices, createSendBatchHandler, createSendDigestHandler } =
    await handlers();
  const config = deployment(local, `scale-${n}-${sesLatencyMs}`, {
    directSendThreshold: 500,
    recipientsPerBatch: 50,
    workerRate: 1_000_000,
  });
  await createTables(local, config);
  await seed(local, config.tables.subscribers, n);
  await upload(local, config, 'north-korea.txt', ARTICLE);
  local.queued.length = 0;
  local.requests.reset();

  const t0 = performance.now();
  const result = (await createSendDigestHandler(() => createEditionServices(config, local.endpoints))(
    scheduledEvent(new Date(Date.now() - 60_000)),
    lambdaContext(),
  )) as { status: string; messages: number };
  const fanOutMs = performance.now() - t0;
  const digestRequests = local.requests.seen.length;
  const digestSummary = requestsBy(local);
  const messages = [...local.queued];
  local.requests.reset();

  const workers = Array.from({ length: WORKERS }, () => {
    const base = createBatchServices(config, local.endpoints);
    const { wrapped, stats } = watched(base.deps.mailer, sesLatencyMs);
    const handler = createSendBatchHandler(() =>
      createBatchServices(config, local.endpoints, { mailer: wrapped }),
    );
    return { handler, stats, invocations: 0 };
  });
  const t1 = performance.now();
  await Promise.all(
    workers.map(async (worker) => {
      for (;;) {
        const bodies = messages.splice(0, MESSAGES_PER_INVOCATION);
        if (bodies.length === 0) return;
        worker.invocations++;
        const response = await worker.handler(sqsEvent(bodies), lambdaContext());
        if (response.batchItemFailures.length > 0) throw new Error('a batch failed');
        await local.ses.clear();
      }
    }),
  );
  const sendMs = performance.now() - t1;
  const sent = workers.reduce((sum, w) => sum + w.stats.calls, 0);
  const invocations = workers.reduce((sum, w) => sum + w.invocations, 0);
  const label = sesLatencyMs > 0 ? ` (+${sesLatencyMs} ms per SES call)` : '';
  console.log(`\n${n.toLocaleString('en')} subscribers${label}`);
  console.log(
    `  send-digest: ${result.status}, ${result.messages} SQS messages, fan-out ${(fanOutMs / 1000).toFixed(1)} s, ${digestRequests} DynamoDB requests in all (${digestSummary})`,
  );
  console.log(
    `  send-batch:  ${invocations} invocations on ${WORKERS} workers, ${sent} SES calls, ${local.requests.seen.length} DynamoDB requests = ${(local.requests.seen.length / n).toFixed(2)} per recipient (${requestsBy(local, n)})`,
  );
  console.log(
    `               SES calls in flight per worker: at most ${Math.max(...workers.map((w) => w.stats.maxInFlight))}; unpaced: ${((sent / sendMs) * 1000).toFixed(0)} messages/s for ${WORKERS} workers, ${((sent / sendMs / WORKERS) * 1000).toFixed(0)}/s per worker, ${(sendMs / 1000).toFixed(1)} s`,
  );
  if (sent !== n) throw new Error(`sent ${sent} of ${n}`);
}

/** Prints the scale figures for each size, then one run with a fixed SES latency. */
export async function bench(): Promise<void> {
  quietAwsSdkNodeWarning();
  const sizes = (process.env.DIGEST_BENCH_SCALE ?? '1000,5000').split(',').map(Number).filter(Boolean);
  const local = await startAwsLocal();
  try {
    for (const n of sizes) await run(local, n, 0);
    // Real SendRawEmail answers take tens of milliseconds; with 4 sends in flight a worker is not
    // limited to one call after another.
    await run(local, 1000, 100);
  } finally {
    await local.close();
  }
}
