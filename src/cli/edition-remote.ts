import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DEFAULT_EDITIONS_PREFIX, DynamoS3DraftStore } from '../adapters/aws/draft-store.js';
import { sqsApprovalStarter } from '../adapters/aws/sqs-approval-queue.js';
import { APPROVAL_QUEUE_GRACE_SECONDS, approveAndQueue } from '../edition/review.js';
import { loadEdition } from '../edition/store.js';
import { ConfigError, DigestError, InputError } from '../errors.js';
import type { CliIO } from './io.js';
import { stackOutput } from './stack-outputs.js';

/** Flags of `digest edition ... --remote`. */
export interface RemoteEditionFlags {
  table?: string | undefined;
  bucket?: string | undefined;
  queue?: string | undefined;
  region?: string | undefined;
  outputs?: string | undefined;
  stack?: string | undefined;
  out?: string | undefined;
}

/** A stale push: someone pushed (or approved, or cancelled) since this copy was pulled. */
export class StalePushError extends DigestError {
  constructor(message: string) {
    super(message, { expose: true, exitCode: 1 });
    this.name = 'StalePushError';
  }
}

const EDITION_ID = /^\d{4}-\d{2}-\d{2}$/;

/** Beside each pulled file: which deployed draft and version it was pulled from (the base of a push). */
const sidecar = (file: string) => join(dirname(file), `.${basename(file)}.remote.json`);

function setting(
  io: CliIO,
  flag: string | undefined,
  env: string,
  output: string,
  flags: RemoteEditionFlags,
) {
  return flag || io.env[env] || stackOutput(io.cwd, output, { file: flags.outputs, stack: flags.stack });
}

/** The deployed draft store: the editions table and the bucket from flags, environment or stack outputs. */
function remoteDrafts(io: CliIO, flags: RemoteEditionFlags) {
  const table = setting(io, flags.table, 'DIGEST_EDITIONS_TABLE', 'EditionsTableName', flags);
  const bucket = setting(io, flags.bucket, 'DIGEST_ARTICLES_BUCKET', 'ArticlesBucketName', flags);
  if (!table || !bucket)
    throw new ConfigError(
      'no deployed drafts: pass --table NAME and --bucket NAME (or DIGEST_EDITIONS_TABLE, DIGEST_ARTICLES_BUCKET), or deploy with `npx cdk deploy --outputs-file cdk-outputs.json`',
    );
  const dynamoEndpoint = io.env['DIGEST_DYNAMODB_ENDPOINT'] || undefined;
  const s3Endpoint = io.env['DIGEST_S3_ENDPOINT'] || undefined;
  const region =
    flags.region ||
    io.env['DIGEST_AWS_REGION'] ||
    io.env['AWS_REGION'] ||
    (dynamoEndpoint ? 'us-east-1' : undefined);
  if (!region) throw new ConfigError('no AWS region: pass --region R or set AWS_REGION');
  const dynamodb = new DynamoDBClient({ region, ...(dynamoEndpoint ? { endpoint: dynamoEndpoint } : {}) });
  const s3 = new S3Client({ region, ...(s3Endpoint ? { endpoint: s3Endpoint, forcePathStyle: true } : {}) });
  const drafts = new DynamoS3DraftStore(dynamodb, table, s3, bucket, DEFAULT_EDITIONS_PREFIX);
  return {
    drafts,
    region,
    close: () => {
      dynamodb.destroy();
      s3.destroy();
    },
  };
}

function editionId(action: string, value: string | undefined): string {
  if (!value || !EDITION_ID.test(value))
    throw new InputError(
      `edition ${action} --remote: name the edition by its id (YYYY-MM-DD), got ${JSON.stringify(value ?? '')}`,
    );
  return value;
}

/**
 * `digest edition pull|push|approve|cancel --remote`: a deployed draft opened and edited locally. A pull
 * writes the document and remembers its version beside it; a push is refused when the deployed draft has
 * moved on since (another push, an approval, a cancellation), never merged blindly.
 */
export async function remoteEditionCommand(
  action: string,
  target: string | undefined,
  flags: RemoteEditionFlags,
  by: string,
  io: CliIO,
): Promise<number> {
  const remote = remoteDrafts(io, flags);
  try {
    if (action === 'pull') {
      const id = editionId(action, target);
      const found = await remote.drafts.load(id);
      if (!found) throw new InputError(`edition pull --remote: no deployed draft ${id}`);
      const file = resolve(io.cwd, flags.out ?? `edition-${id}.json`);
      writeFileSync(
        file,
        `${JSON.stringify({ ...found.doc, status: found.state.status, version: found.state.version }, null, 2)}\n`,
      );
      writeFileSync(sidecar(file), `${JSON.stringify({ editionId: id, version: found.state.version })}\n`);
      io.stdout.write(`${file}: draft ${id}, ${found.state.status}, version ${found.state.version}\n`);
      io.stdout.write(
        `edit it (digest preview --edition ${basename(file)}), then: digest edition push --remote ${basename(file)}\n`,
      );
      return 0;
    }
    if (action === 'push') {
      if (!target) throw new InputError('edition push --remote: name the pulled FILE');
      const file = isAbsolute(target) ? target : resolve(io.cwd, target);
      let base: { editionId: string; version: number };
      try {
        base = JSON.parse(readFileSync(sidecar(file), 'utf8')) as { editionId: string; version: number };
      } catch {
        throw new InputError(
          `edition push --remote: ${target} was not pulled with \`digest edition pull --remote\``,
        );
      }
      const { doc } = loadEdition(file, by);
      if (doc.date !== base.editionId)
        throw new InputError(
          `edition push --remote: ${target} is the edition of ${doc.date}, pulled as ${base.editionId}`,
        );
      const pushed = await remote.drafts.replace(base.editionId, doc, base.version, new Date());
      if (pushed === 'stale') {
        const now = await remote.drafts.state(base.editionId);
        throw new StalePushError(
          `edition push --remote: draft ${base.editionId} is ${now ? `${now.status} at version ${now.version}` : 'gone'}, your copy was pulled at version ${base.version}; nothing pushed (pull again and redo the edits)`,
        );
      }
      writeFileSync(
        sidecar(file),
        `${JSON.stringify({ editionId: base.editionId, version: pushed.version })}\n`,
      );
      io.stdout.write(`draft ${base.editionId}: pushed as version ${pushed.version}\n`);
      return 0;
    }
    if (action === 'approve') {
      const id = editionId(action, target);
      const queue = setting(io, flags.queue, 'DIGEST_APPROVAL_QUEUE', 'ApprovalQueueUrl', flags);
      if (!queue)
        throw new ConfigError(
          'edition approve --remote: no approval queue: pass --queue URL or set DIGEST_APPROVAL_QUEUE',
        );
      const sqsEndpoint = io.env['DIGEST_SQS_ENDPOINT'] || undefined;
      const sqs = new SQSClient({ region: remote.region, ...(sqsEndpoint ? { endpoint: sqsEndpoint } : {}) });
      let approved: Awaited<ReturnType<typeof approveAndQueue>>;
      try {
        approved = await approveAndQueue(
          id,
          undefined,
          { drafts: remote.drafts, startSend: sqsApprovalStarter(sqs, queue) },
          new Date(),
        );
      } finally {
        sqs.destroy();
      }
      if (approved.queueError !== undefined)
        throw new DigestError(
          `edition approve --remote: draft ${id} is approved, but queueing its send failed (${(approved.queueError as Error).message}); the review check queues it within ${APPROVAL_QUEUE_GRACE_SECONDS / 60 + 5} minutes, or run this again`,
          { expose: true, exitCode: 1 },
        );
      if (approved.status === 'already-approved') {
        io.stdout.write(`draft ${id} is already ${approved.state.status}; nothing started\n`);
        return 0;
      }
      io.stdout.write(
        approved.status === 'requeued'
          ? `draft ${id} was approved earlier but its send had not started; queued again (nobody gets it twice)\n`
          : `draft ${id} (version ${approved.state.version}) approved by ${by}; the send has started\n`,
      );
      return 0;
    }
    const id = editionId(action, target);
    if (
      !(await remote.drafts.transition(id, ['draft', 'approved'], 'cancelled', {
        now: new Date(),
        reason: `cancelled by ${by}`,
      }))
    ) {
      const now = await remote.drafts.state(id);
      throw new InputError(
        `edition cancel --remote: draft ${id} is ${now?.status ?? 'not there'}; only a draft or approved edition can be cancelled`,
      );
    }
    io.stdout.write(`draft ${id} cancelled by ${by}\n`);
    return 0;
  } finally {
    remote.close();
  }
}
