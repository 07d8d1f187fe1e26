import { digestMessages } from '../../delivery/digest-messages.js';
import type { Mailer, SendLedger, SubscriberStore } from '../../delivery/ports.js';
import { type SendRecipient, sendDigest } from '../../delivery/send-digest.js';
import type { SendReport } from '../../delivery/send-report.js';
import type { SenderIdentity } from '../../email/mime.js';
import type { Rendered } from '../../email/types.js';
import { DigestError } from '../../errors.js';
import type { RecipientBatch } from './sqs-batch-queue.js';

export interface BatchDependencies {
  loadRendered(digestId: string): Promise<Rendered>;
  subscribers: SubscriberStore;
  ledger: SendLedger;
  mailer: Mailer;
  hmacKey: () => Promise<string>;
}

export interface BatchSettings {
  sender: SenderIdentity;
  unsubscribeUrl: string;
  /** This worker's share of the SES rate. */
  workerRate: number;
}

/** A batch that must be retried: some recipients are still pending (throttled, quota, timeout). */
export class BatchIncompleteError extends DigestError {
  constructor(message: string) {
    super(message, { expose: false });
    this.name = 'BatchIncompleteError';
  }
}

/**
 * Sends one recipient batch of an edition. Each recipient's current status is read again (someone may
 * have unsubscribed since the batch was queued); the ledger makes a retried batch skip everyone already
 * sent. Throws BatchIncompleteError when recipients are left pending so that SQS delivers it again.
 */
export async function runBatch(
  batch: RecipientBatch,
  deps: BatchDependencies,
  settings: BatchSettings,
  options: { signal?: AbortSignal; runId?: string } = {},
): Promise<SendReport> {
  const rendered = await deps.loadRendered(batch.digestId);
  const messages = digestMessages(rendered, settings.sender, {
    unsubscribeBaseUrl: settings.unsubscribeUrl,
    hmacKey: await deps.hmacKey(),
    listId: settings.sender.listId,
  });
  async function* recipients(): AsyncIterable<SendRecipient> {
    for (const recipient of batch.recipients) {
      const current = await deps.subscribers.get(recipient.email);
      yield {
        email: recipient.email,
        name: current?.name ?? recipient.name,
        status: current?.status ?? 'unsubscribed',
      };
    }
  }
  const report = await sendDigest(
    { digestId: batch.digestId, recipients, ...messages },
    {
      mailer: deps.mailer,
      ledger: deps.ledger,
      rate: settings.workerRate,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.runId ? { runId: options.runId } : {}),
    },
  );
  if (report.counts.pending > 0) {
    throw new BatchIncompleteError(
      `digest ${batch.digestId}: ${report.counts.pending} of ${report.counts.total} recipients still pending (${report.stopReason ?? 'not sent'})`,
    );
  }
  return report;
}
