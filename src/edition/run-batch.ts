import { digestMessages } from '../delivery/digest-messages.js';
import type { Mailer, SendLedger, SubscriberStore } from '../delivery/ports.js';
import { type SendRecipient, sendDigest } from '../delivery/send-digest.js';
import type { SendReport } from '../delivery/send-report.js';
import type { SenderIdentity } from '../email/mime.js';
import type { Rendered } from '../email/types.js';
import { DigestError } from '../errors.js';
import type { RecipientBatch } from './ports.js';

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
 * Sends one recipient batch of an edition. Each recipient's current status is read again, once (someone
 * may have unsubscribed since the batch was queued); the ledger makes a retried batch skip everyone already
 * sent. Throws BatchIncompleteError when recipients are left pending, or held by another live run, so
 * that SQS delivers it again. A claim whose run died (lease over) becomes `unknown`: reported, and
 * settled by the SES events, never sent again.
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
  // The send loop walks the recipients twice (preflight, then the send pass); each status is read from
  // the table once, at the first walk, and the second walk reuses it (one GetItem per recipient).
  const current = new Map<string, SendRecipient>();
  async function* recipients(): AsyncIterable<SendRecipient> {
    for (const recipient of batch.recipients) {
      let known = current.get(recipient.email);
      if (!known) {
        const subscriber = await deps.subscribers.get(recipient.email);
        known = {
          email: recipient.email,
          name: subscriber?.name ?? recipient.name,
          // Not in the table any more: removed since the fan-out, so not mailed.
          status: subscriber?.status ?? 'unsubscribed',
        };
        current.set(recipient.email, known);
      }
      yield known;
    }
  }
  // A row another worker holds right now is not settled: that worker may die before recording it.
  let heldElsewhere = 0;
  const report = await sendDigest(
    { digestId: batch.digestId, recipients, ...messages },
    {
      mailer: deps.mailer,
      ledger: deps.ledger,
      rate: settings.workerRate,
      onEvent: (event) => {
        if (event.type === 'result' && event.reason?.startsWith('being sent by another run')) heldElsewhere++;
      },
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.runId ? { runId: options.runId } : {}),
    },
  );
  if (report.counts.pending > 0) {
    throw new BatchIncompleteError(
      `digest ${batch.digestId}: ${report.counts.pending} of ${report.counts.total} recipients still pending (${report.stopReason ?? 'not sent'})`,
    );
  }
  if (heldElsewhere > 0) {
    // Redelivered after the visibility timeout (longer than the lease): by then the row is sent, or
    // its claim has run out and the next delivery records it as unknown.
    throw new BatchIncompleteError(
      `digest ${batch.digestId}: ${heldElsewhere} of ${report.counts.total} recipients are being sent by another run; checked again on redelivery`,
    );
  }
  return report;
}
