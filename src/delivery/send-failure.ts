/**
 * What a failed send means for the loop:
 * - `throttled`: the provider refused for rate; not sent; back off and retry.
 * - `quota`: the daily quota is used up; not sent; stop the run and leave the rest pending.
 * - `rejected`: this message or recipient was refused (MessageRejected, invalid address); mark failed, go on.
 * - `account`: the account or sender cannot send (unverified domain, sending paused, bad credentials); stop at once.
 * - `unavailable`: the request never reached the provider (connection refused); not sent; retry, then stop.
 * - `unknown`: the outcome was not seen (timeout, reset after the request went out); may have been sent.
 */
export type SendFailureKind = 'throttled' | 'quota' | 'rejected' | 'account' | 'unavailable' | 'unknown';

/** A classified send error, thrown by Mailer adapters so the loop stays provider-agnostic. */
export class SendFailure extends Error {
  readonly kind: SendFailureKind;
  constructor(kind: SendFailureKind, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SendFailure';
    this.kind = kind;
  }
}

/** The kind of any error from a Mailer: unclassified errors count as `unknown` (maybe sent). */
export function failureKind(error: unknown): SendFailureKind {
  return error instanceof SendFailure ? error.kind : 'unknown';
}
