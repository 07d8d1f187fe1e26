import { ledgerKey } from '../../delivery/ledger-rules.js';
import type { SendLedger, SubscriberStatus, SubscriberStore } from '../../delivery/ports.js';
import { InputError } from '../../errors.js';

/** The part of an SES sending event (EventBridge `detail`) this project uses. */
export interface SesEventDetail {
  eventType: 'Bounce' | 'Complaint' | 'Reject' | 'Delivery' | string;
  mail: { messageId: string; destination: string[]; tags?: Record<string, string[]> };
  bounce?: { bounceType: string; bouncedRecipients: Array<{ emailAddress: string }> };
  complaint?: { complainedRecipients: Array<{ emailAddress: string }> };
}

/** What an event changed, for the log. */
export interface SesEventOutcome {
  eventType: string;
  subscribers: Array<{ email: string; status: SubscriberStatus }>;
  reconciled: Array<{ email: string; status: 'sent' | 'failed' }>;
}

/** Checks the shape of an SES event detail; throws InputError for anything else. */
export function parseSesEventDetail(detail: unknown): SesEventDetail {
  const d = detail as Partial<SesEventDetail> | null;
  if (
    !d ||
    typeof d.eventType !== 'string' ||
    !d.mail ||
    typeof d.mail.messageId !== 'string' ||
    !Array.isArray(d.mail.destination)
  ) {
    throw new InputError('SES event: detail lacks eventType, mail.messageId or mail.destination');
  }
  return d as SesEventDetail;
}

/**
 * Applies one SES event: a permanent bounce marks the subscriber bounced, a complaint marks them
 * complained (only subscribers active or pending change: a confirmation that bounced marks the address
 * too, so the signup form cannot mail it again), and a ledger row left `unknown` by a send whose
 * outcome was not seen becomes `sent` (bounce, complaint, delivery: SES accepted it) or `failed` (reject).
 */
export async function applySesEvent(
  detail: SesEventDetail,
  deps: { subscribers: SubscriberStore; ledger: SendLedger; runId: string },
): Promise<SesEventOutcome> {
  const outcome: SesEventOutcome = { eventType: detail.eventType, subscribers: [], reconciled: [] };
  const mark = async (email: string, status: SubscriberStatus) => {
    const current = await deps.subscribers.get(email);
    if (current?.status !== 'active' && current?.status !== 'pending') return;
    await deps.subscribers.setStatus(email, status);
    outcome.subscribers.push({ email: ledgerKey(email), status });
  };
  if (detail.eventType === 'Bounce' && detail.bounce?.bounceType === 'Permanent') {
    for (const r of detail.bounce.bouncedRecipients ?? []) await mark(r.emailAddress, 'bounced');
  }
  if (detail.eventType === 'Complaint') {
    for (const r of detail.complaint?.complainedRecipients ?? []) await mark(r.emailAddress, 'complained');
  }

  // The send path tags each message with its digest id (sanitised for SES tags: digest ids are hex already).
  const digestId = detail.mail.tags?.['digest-id']?.[0];
  if (!digestId) return outcome;
  const final = detail.eventType === 'Reject' ? 'failed' : 'sent';
  if (!['Bounce', 'Complaint', 'Delivery', 'Reject'].includes(detail.eventType)) return outcome;
  for (const destination of detail.mail.destination) {
    const recipient = ledgerKey(destination);
    const row = await deps.ledger.get(digestId, recipient);
    if (row?.status !== 'unknown') continue;
    if (!(await deps.ledger.claim(digestId, recipient, deps.runId, { force: true }))) continue;
    if (final === 'sent') await deps.ledger.markSent(digestId, recipient, deps.runId, detail.mail.messageId);
    else
      await deps.ledger.markFailed(
        digestId,
        recipient,
        deps.runId,
        'rejected by SES (reported by the event)',
      );
    outcome.reconciled.push({ email: recipient, status: final });
  }
  return outcome;
}
