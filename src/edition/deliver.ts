import { digestMessages } from '../delivery/digest-messages.js';
import { MemorySendLedger } from '../delivery/memory-send-ledger.js';
import type { Mailer, SendLedger, SubscriberStore } from '../delivery/ports.js';
import { progressPrinter } from '../delivery/progress.js';
import { type SendRecipient, sendDigest } from '../delivery/send-digest.js';
import type { SendReport } from '../delivery/send-report.js';
import type { PersonalizeContext } from '../email/index.js';
import type { SenderIdentity } from '../email/mime.js';
import type { Rendered } from '../email/types.js';
import { markTest } from './test-send.js';

export interface DeliverOptions {
  rendered: Rendered;
  config: { sender: SenderIdentity; personalize: PersonalizeContext };
  mailer: Mailer;
  /** The list; read at send time (unsubscribed, bounced and complained readers are skipped). */
  subscribers: SubscriberStore;
  /** Test addresses: sent a "[Test]" copy through an in-memory ledger, so the real send still reaches them. */
  to?: string[];
  ledger: SendLedger;
  rate?: number;
  concurrency?: number;
  dryRun?: boolean;
  force?: boolean;
  resendUnknown?: boolean;
  signal?: AbortSignal;
  progress?: NodeJS.WritableStream & { isTTY?: boolean };
}

async function* fromStore(store: SubscriberStore): AsyncIterable<SendRecipient> {
  for await (const s of store.list())
    yield { email: s.email, status: s.status, ...(s.name ? { name: s.name } : {}) };
}

async function* fromAddresses(addresses: string[]): AsyncIterable<SendRecipient> {
  for (const email of addresses) yield { email };
}

/**
 * The deliver step of the edition flow: sends a rendered edition to the list (or a marked test copy to
 * the test addresses) through the Mailer, paced and recorded in the ledger, and returns the report.
 */
export async function deliverEdition(options: DeliverOptions): Promise<SendReport> {
  const test = options.to !== undefined && options.to.length > 0;
  const rendered = test ? markTest(options.rendered) : options.rendered;
  const messages = digestMessages(rendered, options.config.sender, options.config.personalize);
  const ledger = test ? new MemorySendLedger() : options.ledger;
  const printer = options.progress
    ? progressPrinter(options.progress, { dryRun: options.dryRun ?? false })
    : undefined;
  try {
    return await sendDigest(
      {
        digestId: options.rendered.digestId,
        recipients: () => (test ? fromAddresses(options.to!) : fromStore(options.subscribers)),
        ...messages,
      },
      {
        mailer: options.mailer,
        ledger,
        ...(options.rate === undefined ? {} : { rate: options.rate }),
        ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
        dryRun: options.dryRun ?? false,
        force: options.force ?? false,
        resendUnknown: options.resendUnknown ?? false,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(printer ? { onEvent: printer.onEvent } : {}),
      },
    );
  } finally {
    printer?.done();
  }
}
