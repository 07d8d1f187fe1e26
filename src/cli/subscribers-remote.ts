import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoSubscriberStore } from '../adapters/aws/dynamo-subscriber-store.js';
import { validSubscriber } from '../adapters/local/json-subscriber-store.js';
import type { Subscriber, SubscriberStore } from '../delivery/ports.js';
import { TokenBucket } from '../delivery/token-bucket.js';
import { builtTheme } from '../email/built-templates.js';
import { ConfigError, InputError } from '../errors.js';
import { loadDeliveryConfig } from '../settings/local.js';
import { EXPORT_HEADER, exportLine, importSubscribers } from '../subscription/import.js';
import { sendConfirmation } from '../subscription/notices.js';
import type { SubscriptionStore } from '../subscription/ports.js';
import { CONFIRM_TTL_SECONDS } from '../subscription/subscribe-request.js';
import type { CliIO } from './io.js';
import { openMailer } from './open-mailer.js';
import { stackOutput } from './stack-outputs.js';

/** Flags of `digest subscribers ... --remote`. */
export interface RemoteFlags {
  table?: string | undefined;
  region?: string | undefined;
  endpoint?: string | undefined;
  outputs?: string | undefined;
  stack?: string | undefined;
}

/** The deployed subscribers table: --table, DIGEST_SUBSCRIBERS_TABLE, or the stack outputs file. */
export function remoteStore(
  io: CliIO,
  flags: RemoteFlags,
): { store: DynamoSubscriberStore; table: string; close(): void } {
  const table =
    flags.table ||
    io.env['DIGEST_SUBSCRIBERS_TABLE'] ||
    stackOutput(io.cwd, 'SubscribersTableName', { file: flags.outputs, stack: flags.stack });
  if (!table)
    throw new ConfigError(
      'no subscribers table: pass --table NAME, set DIGEST_SUBSCRIBERS_TABLE, or deploy with `npx cdk deploy --outputs-file cdk-outputs.json`',
    );
  const endpoint = flags.endpoint || io.env['DIGEST_DYNAMODB_ENDPOINT'] || undefined;
  const region =
    flags.region ||
    io.env['DIGEST_AWS_REGION'] ||
    io.env['AWS_REGION'] ||
    (endpoint ? 'us-east-1' : undefined);
  if (!region) throw new ConfigError('no AWS region: pass --region R or set AWS_REGION');
  const local = endpoint !== undefined && /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(endpoint);
  const client = new DynamoDBClient({
    region,
    // Throttling is retried by the importer with its own backoff, over the SDK's few quick retries.
    maxAttempts: 3,
    ...(endpoint ? { endpoint } : {}),
    ...(local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return { store: new DynamoSubscriberStore(client, table), table, close: () => client.destroy() };
}

const RETRYABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
]);
/** Throttling and transient server errors, by the SDK's error names. */
export const isRetryableDynamoError = (error: unknown): boolean =>
  RETRYABLE.has((error as { name?: string })?.name ?? '') ||
  (error as { $retryable?: unknown })?.$retryable !== undefined;

/** `subscribers count`: totals by status. */
export async function countByStatus(store: SubscriberStore, io: CliIO): Promise<number> {
  const totals: Record<string, number> = {
    active: 0,
    pending: 0,
    unsubscribed: 0,
    bounced: 0,
    complained: 0,
  };
  let all = 0;
  for await (const s of store.list()) {
    totals[s.status] = (totals[s.status] ?? 0) + 1;
    all++;
  }
  for (const [status, n] of Object.entries(totals)) io.stdout.write(`${status}\t${n}\n`);
  io.stdout.write(`total\t${all}\n`);
  return 0;
}

/** `subscribers export`: CSV with statuses and the consent record, to stdout. */
export async function exportCsv(store: SubscriberStore, io: CliIO): Promise<number> {
  io.stdout.write(`${EXPORT_HEADER}\n`);
  let n = 0;
  for await (const s of store.list()) {
    io.stdout.write(`${exportLine(s)}\n`);
    n++;
  }
  io.stderr.write(`exported ${n} subscribers\n`);
  return 0;
}

/** `subscribers add --remote`: a conditional put; never re-adds someone who left. */
export async function addRemote(
  store: SubscriberStore & SubscriptionStore,
  subscriber: Subscriber,
  io: CliIO,
): Promise<number> {
  const record: Subscriber = {
    ...subscriber,
    email: subscriber.email.toLowerCase(),
    status: 'active',
    consent: { signedUpAt: new Date().toISOString(), source: 'cli' },
  };
  if (await store.putIf(record, { absent: true })) {
    io.stdout.write(`added ${record.email}\n`);
    return 0;
  }
  const existing = await store.get(record.email);
  if (existing && existing.status !== 'active')
    throw new InputError(
      `${existing.email} is ${existing.status}; not re-adding someone who left the list (remove them first if they asked to come back)`,
    );
  io.stdout.write(`${record.email} is already subscribed\n`);
  return 0;
}

export interface RemoteImportOptions {
  concurrency: number;
  confirm: boolean;
  rate: number;
  subscribeUrl?: string | undefined;
  sesEndpoint?: string | undefined;
  sesRegion?: string | undefined;
}

/**
 * `subscribers import --remote`: conditional puts with bounded parallelism and progress on stderr;
 * with `confirm`, new addresses are `pending` and get a confirmation email at a paced rate.
 */
export async function importRemote(
  store: SubscriptionStore,
  rows: Subscriber[],
  io: CliIO,
  options: RemoteImportOptions,
): Promise<{ added: number; existing: number; confirmationsSent: number; seconds: number }> {
  let subscribeUrl: string | undefined;
  if (options.confirm) {
    subscribeUrl =
      options.subscribeUrl || io.env['DIGEST_SUBSCRIBE_URL'] || stackOutput(io.cwd, 'SubscribeUrl');
    if (!subscribeUrl)
      throw new ConfigError(
        '--confirm needs the subscribe URL: --subscribe-url, DIGEST_SUBSCRIBE_URL or cdk-outputs.json',
      );
  }
  const started = performance.now();
  let lastReport = started;
  const result = await importSubscribers(
    rows.map((r) => validSubscriber(r, 'row')),
    store,
    {
      concurrency: options.concurrency,
      isRetryable: isRetryableDynamoError,
      ...(options.confirm ? { confirm: { ttlSeconds: CONFIRM_TTL_SECONDS } } : {}),
      onProgress: (done, counts) => {
        const now = performance.now();
        if (done !== rows.length && now - lastReport < 1000 && done % 1000 !== 0) return;
        lastReport = now;
        const rate = Math.round(done / ((now - started) / 1000));
        io.stderr.write(
          `import: ${done}/${rows.length} rows (${counts.added} added, ${counts.existing} already listed), ${rate} rows/s\n`,
        );
      },
    },
  );
  let confirmationsSent = 0;
  if (options.confirm && result.pending.length > 0) {
    const config = loadDeliveryConfig(io.env, io.cwd, {
      ...(options.sesEndpoint ? { sesEndpoint: options.sesEndpoint } : {}),
      ...(options.sesRegion ? { region: options.sesRegion } : {}),
    });
    const opened = await openMailer(config);
    const bucket = new TokenBucket(options.rate);
    const theme = builtTheme();
    try {
      for (const p of result.pending) {
        await bucket.take();
        await sendConfirmation(
          { mailer: opened.mailer, hmacKey: config.personalize.hmacKey },
          {
            listId: config.sender.listId,
            publication: { name: theme.publicationName, postalAddress: theme.postalAddress },
            sender: config.sender,
            unsubscribeUrl: config.personalize.unsubscribeBaseUrl,
            nextEdition: '',
          },
          p,
          subscribeUrl!,
        );
        confirmationsSent++;
        if (confirmationsSent % 100 === 0)
          io.stderr.write(`import: ${confirmationsSent}/${result.pending.length} confirmations sent\n`);
      }
    } finally {
      await opened.close();
    }
  }
  return {
    added: result.added,
    existing: result.existing,
    confirmationsSent,
    seconds: (performance.now() - started) / 1000,
  };
}
