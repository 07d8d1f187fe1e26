import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { RecipientBatch } from '../../edition/ports.js';
import { InputError } from '../../errors.js';

/** One SQS message of the fan-out: a slice of the recipients of one edition. */
export type { RecipientBatch } from '../../edition/ports.js';

const SQS_BATCH_LIMIT = 10;
// SQS caps one SendMessageBatch call at 256 KiB in total (1 MiB in newer regions); stay well under the old cap.
const SQS_CALL_BYTES = 200 * 1024;
const MAX_RETRY_ROUNDS = 5;

/** Parses and checks a batch message body; throws InputError (the message is then retried, then dead-lettered). */
export function parseRecipientBatch(body: string): RecipientBatch {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new InputError('recipient batch: body is not JSON', { cause: error });
  }
  const batch = value as Partial<RecipientBatch> | null;
  if (!batch || typeof batch.digestId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(batch.digestId)) {
    throw new InputError('recipient batch: digestId missing or malformed');
  }
  if (!Array.isArray(batch.recipients) || batch.recipients.length === 0) {
    throw new InputError('recipient batch: no recipients');
  }
  for (const recipient of batch.recipients) {
    if (
      !recipient ||
      typeof recipient.email !== 'string' ||
      (recipient.name !== undefined && typeof recipient.name !== 'string')
    ) {
      throw new InputError('recipient batch: a recipient lacks an email address');
    }
  }
  return { digestId: batch.digestId, recipients: batch.recipients };
}

/** Enqueues recipient batches on the fan-out queue. */
export class SqsBatchQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  /**
   * Splits the recipients into messages of `perMessage` and sends them up to ten per call, keeping each
   * call under SQS's payload limit; returns the message and recipient counts.
   */
  async enqueue(
    digestId: string,
    recipients: AsyncIterable<{ email: string; name?: string }>,
    perMessage: number,
  ): Promise<{ messages: number; recipients: number }> {
    let pending: string[] = [];
    let pendingBytes = 0;
    let current: RecipientBatch['recipients'] = [];
    let messages = 0;
    let count = 0;
    const flush = async () => {
      if (pending.length === 0) return;
      await this.sendAll(pending, messages);
      messages += pending.length;
      pending = [];
      pendingBytes = 0;
    };
    const add = async (batch: RecipientBatch) => {
      const body = JSON.stringify(batch);
      const bytes = Buffer.byteLength(body);
      if (pending.length === SQS_BATCH_LIMIT || pendingBytes + bytes > SQS_CALL_BYTES) await flush();
      pending.push(body);
      pendingBytes += bytes;
    };
    for await (const recipient of recipients) {
      current.push(
        recipient.name === undefined
          ? { email: recipient.email }
          : { email: recipient.email, name: recipient.name },
      );
      count++;
      if (current.length === perMessage) {
        await add({ digestId, recipients: current });
        current = [];
      }
    }
    if (current.length > 0) await add({ digestId, recipients: current });
    await flush();
    return { messages, recipients: count };
  }

  private async sendAll(bodies: string[], offset: number): Promise<void> {
    let entries = bodies.map((body, index) => ({
      Id: `m${offset + index}`,
      MessageBody: body,
    }));
    for (let round = 0; entries.length > 0; round++) {
      if (round >= MAX_RETRY_ROUNDS)
        throw new Error(`SQS refused ${entries.length} recipient batch message(s)`);
      const result = await this.sqs.send(
        new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }),
      );
      const failed = new Set((result.Failed ?? []).map((f) => f.Id));
      entries = entries.filter((entry) => failed.has(entry.Id));
      if (entries.length > 0) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** round));
    }
  }
}
