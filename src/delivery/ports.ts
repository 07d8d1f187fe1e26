/**
 * Send one raw RFC 5322 message; resolves with the provider's message id. Adapters reject with a
 * `SendFailure` (src/delivery/send-failure.ts) whose `kind` tells the send loop what happened.
 */
export interface Mailer {
  sendRaw(input: {
    raw: Uint8Array;
    from: string;
    to: string;
    tags?: Record<string, string>;
  }): Promise<{ messageId: string }>;
}

/** `pending`: signed up, not confirmed. Only `active` readers receive digests. */
export type SubscriberStatus = 'pending' | 'active' | 'unsubscribed' | 'bounced' | 'complained';

/** The reader's consent: when and from which form they signed up, and when they confirmed. */
export interface Consent {
  signedUpAt: string;
  /** The form or tool the signup came from (`subscribe-form`, `import`, `cli`). */
  source: string;
  confirmedAt?: string;
}

export interface Subscriber {
  email: string;
  name?: string;
  status: SubscriberStatus;
  subscribedAt?: string;
  updatedAt?: string;
  consent?: Consent;
  /** Epoch seconds: the table's TTL deletes an unconfirmed record then. Cleared on confirmation. */
  expiresAt?: number;
  /** The open signup attempt; its confirmation link carries it, so a used or superseded link is stale. */
  confirmNonce?: string;
}

export interface SubscriberStore {
  list(): AsyncIterable<Subscriber>;
  get(email: string): Promise<Subscriber | undefined>;
  put(subscriber: Subscriber): Promise<void>;
  setStatus(email: string, status: SubscriberStatus): Promise<void>;
  remove(email: string): Promise<boolean>;
}

export type LedgerStatus = 'pending' | 'sent' | 'failed' | 'unknown';

export interface LedgerEntry {
  digestId: string;
  recipient: string;
  status: LedgerStatus;
  messageId?: string;
  reason?: string;
  /** Owner token of the run that claimed the row (two runs at once must not both send). */
  claimedBy?: string;
  /** Until when the claim of a pending row is live; an expired claim means the claiming run died mid-send. */
  leaseUntil?: string;
  updatedAt: string;
  attempts: number;
}

/**
 * The send ledger. Every transition is a conditional write so that concurrent runs and reruns
 * send to each recipient at most once.
 */
export interface SendLedger {
  get(digestId: string, recipient: string): Promise<LedgerEntry | undefined>;
  /**
   * Claim a recipient for sending. False when already sent, unknown or claimed by a live run, unless
   * `force` (takes every row but a live claim) or `resendUnknown` (takes unknown outcomes only).
   */
  claim(
    digestId: string,
    recipient: string,
    runId: string,
    options?: { force?: boolean; resendUnknown?: boolean },
  ): Promise<boolean>;
  markSent(digestId: string, recipient: string, runId: string, messageId: string): Promise<void>;
  markFailed(digestId: string, recipient: string, runId: string, reason: string): Promise<void>;
  markUnknown(digestId: string, recipient: string, runId: string, reason: string): Promise<void>;
  /** Give a claimed row back as pending (quota stop, shutdown) so a later run takes it. */
  release(digestId: string, recipient: string, runId: string, reason?: string): Promise<void>;
  list(digestId: string): AsyncIterable<LedgerEntry>;
  /**
   * Turns a pending row whose claim by `claimedBy` has run out (that run died between claiming and
   * recording) into `unknown`: the message may have gone out, so the row must never be claimable again
   * without force; the SES events (or an operator) settle it. False when the row changed meanwhile.
   * Optional: a ledger without it leaves such rows as they are.
   */
  expireClaim?(digestId: string, recipient: string, claimedBy: string, reason: string): Promise<boolean>;
}
