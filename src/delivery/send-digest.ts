import { randomBytes } from 'node:crypto';
import { MessageError } from '../errors.js';
import { canClaim, isExpiredClaim, ledgerKey, unclaimableReason } from './ledger-rules.js';
import type { Mailer, SendLedger, SubscriberStatus } from './ports.js';
import { failureKind } from './send-failure.js';
import { ReportBuilder, type ReportCategory, type SendReport } from './send-report.js';
import { sleep, TokenBucket } from './token-bucket.js';

/** A recipient as the loop sees it: subscribers carry a status, `--to` addresses do not. */
export interface SendRecipient {
  email: string;
  name?: string;
  status?: SubscriberStatus;
}

/** One message ready to hand to the Mailer. */
export interface PreparedMessage {
  raw: Uint8Array;
  from: string;
  to: string;
  tags?: Record<string, string>;
}

/** What is sent to whom: the digest id, a re-iterable recipient stream and a per-recipient builder. */
export interface SendJob {
  digestId: string;
  /** Called once for the preflight and once for the send pass; streamed, never materialised. */
  recipients: () => AsyncIterable<SendRecipient>;
  /** Builds one recipient's message (personalize + MIME). Throws MessageError for unsafe input. */
  prepare: (recipient: SendRecipient) => Promise<PreparedMessage>;
  /** Cheap per-recipient header checks for the preflight (address, display name); throws MessageError. */
  check?: (recipient: SendRecipient) => void;
}

export type SendEvent =
  | { type: 'start'; digestId: string; runId: string; dryRun: boolean; total: number }
  | { type: 'result'; email: string; category: ReportCategory; reason?: string; counts: SendReport['counts'] }
  | { type: 'retry'; email: string; attempt: number; delayMs: number; reason: string }
  | { type: 'stop'; reason: string };

export interface SendOptions {
  mailer: Mailer;
  ledger: SendLedger;
  runId?: string;
  /** Messages per second; 0 or Infinity turns pacing off. Default 14 (the usual starting SES quota). */
  rate?: number;
  /** Sends in flight at once. Default 4. */
  concurrency?: number;
  /** Resend to recipients already sent, failed or unknown. */
  force?: boolean;
  /** Resend only to recipients whose outcome is unknown (after checking they did not get it). */
  resendUnknown?: boolean;
  /** Build and check every message, send nothing, write nothing. */
  dryRun?: boolean;
  /** Give up on one send after this long and record its outcome as unknown. Default 30 s. */
  sendTimeoutMs?: number;
  /** Retries of a throttled or unreachable send before it is left pending. Default 8. */
  maxRetries?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** Stops the run like a quota stop (in-flight sends finish, the rest stay pending). */
  signal?: AbortSignal;
  onEvent?: (event: SendEvent) => void;
  random?: () => number;
}

const DEFAULTS = { rate: 14, concurrency: 4, sendTimeoutMs: 30_000, maxRetries: 8 };

/** A run id unique enough to tell two runs (and two machines) apart in the ledger. */
export const newRunId = (): string =>
  `run-${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${process.pid}-${randomBytes(3).toString('hex')}`;

class Timeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  if (!Number.isFinite(ms) || ms <= 0) return promise;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Checks everything that would make the whole run unsafe before anything is claimed or sent: every
 * recipient's address and display name, and one fully built message (subject, sender, List-* headers).
 * Throws one MessageError listing the first problems.
 */
async function preflight(job: SendJob): Promise<number> {
  const problems: string[] = [];
  let first: SendRecipient | undefined;
  let count = 0;
  for await (const recipient of job.recipients()) {
    count++;
    try {
      job.check?.(recipient);
      if (!first && (recipient.status ?? 'active') === 'active') first = recipient;
    } catch (error) {
      if (!(error instanceof MessageError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) {
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
    throw new MessageError(
      `refusing to send: ${problems.length} of ${count} recipients are unsafe: ${problems.slice(0, 3).join('; ')}${more}`,
    );
  }
  if (first) await job.prepare(first);
  return count;
}

/**
 * The send loop: for each recipient, skip if not active, build the message, claim the ledger row,
 * wait for a pacing token, send, and record sent / failed / unknown. Throttling backs off with jitter;
 * a quota, account or interrupt stop leaves the rest pending for a later run. Returns the report;
 * throws only for a preflight MessageError (nothing sent).
 */
export async function sendDigest(job: SendJob, options: SendOptions): Promise<SendReport> {
  const runId = options.runId ?? newRunId();
  const rate = options.rate ?? DEFAULTS.rate;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULTS.concurrency));
  const maxRetries = options.maxRetries ?? DEFAULTS.maxRetries;
  const backoff = options.backoff ?? { baseMs: 250, maxMs: 20_000 };
  const random = options.random ?? Math.random;
  const timeoutMs = options.sendTimeoutMs ?? DEFAULTS.sendTimeoutMs;
  const dryRun = options.dryRun ?? false;
  const { ledger, mailer, signal } = options;
  const bucket = new TokenBucket(rate);
  const report = new ReportBuilder(job.digestId, runId, dryRun);
  const emit = options.onEvent ?? (() => {});
  const claimOptions = { force: options.force ?? false, resendUnknown: options.resendUnknown ?? false };

  const total = await preflight(job);
  emit({ type: 'start', digestId: job.digestId, runId, dryRun, total });

  const stop = (reason: string) => {
    if (report.stopped) return;
    report.stop(reason);
    emit({ type: 'stop', reason });
  };
  const onAbort = () => stop('interrupted');
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();

  const record = (category: ReportCategory, email: string, reason?: string) => {
    report.add(category, email, reason);
    emit({ type: 'result', email, category, reason, counts: report.counts });
  };

  const deliver = async (recipient: SendRecipient, key: string, message: PreparedMessage): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      let messageId: string;
      try {
        ({ messageId } = await withTimeout(mailer.sendRaw(message), timeoutMs));
      } catch (error) {
        const kind = error instanceof Timeout ? 'unknown' : failureKind(error);
        const why = (error as Error)?.message ?? String(error);
        if ((kind === 'throttled' || kind === 'unavailable') && attempt < maxRetries && !report.stopped) {
          const delayMs = Math.round(random() * Math.min(backoff.maxMs, backoff.baseMs * 2 ** attempt));
          bucket.slowDown(delayMs);
          emit({ type: 'retry', email: recipient.email, attempt: attempt + 1, delayMs, reason: why });
          await sleep(delayMs, signal);
          continue;
        }
        if (kind === 'rejected') {
          await ledger.markFailed(job.digestId, key, runId, `rejected: ${why}`);
          record('failed', recipient.email, `rejected: ${why}`);
        } else if (kind === 'unknown') {
          await ledger.markUnknown(job.digestId, key, runId, `outcome not seen: ${why}`);
          record('unknown', recipient.email, `outcome not seen: ${why}`);
        } else {
          // Not sent (throttled or unreachable past the retries, quota, account): give the row back.
          const reason = `not sent: ${kind === 'quota' ? 'daily quota exceeded' : kind}: ${why}`;
          await ledger.release(job.digestId, key, runId, reason);
          record('pending', recipient.email, reason);
          if (kind === 'quota') stop(`daily message quota exceeded: ${why}`);
          else if (kind === 'account') stop(`the account cannot send: ${why}`);
          else if (kind === 'unavailable') stop(`the mail service is unreachable: ${why}`);
        }
        return;
      }
      try {
        await ledger.markSent(job.digestId, key, runId, messageId);
      } catch (error) {
        // Sent, but not recorded: the worst case for "never twice". Say so and stop writing.
        record(
          'unknown',
          recipient.email,
          `sent as ${messageId} but the ledger write failed: ${(error as Error).message}`,
        );
        stop(`the send ledger failed: ${(error as Error).message}`);
        return;
      }
      record('sent', recipient.email);
      return;
    }
  };

  const handle = async (recipient: SendRecipient): Promise<void> => {
    const status = recipient.status ?? 'active';
    if (status !== 'active') return record('skipped', recipient.email, status);
    const key = ledgerKey(recipient.email);
    // A read before the claim spares a pacing token for everyone already sent on a rerun.
    const existing = await ledger.get(job.digestId, key);
    if (existing && !canClaim(existing, Date.now(), claimOptions)) {
      const { category, reason } = unclaimableReason(existing, Date.now());
      if (isExpiredClaim(existing, Date.now()) && !dryRun && ledger.expireClaim && existing.claimedBy) {
        // Settle the dead run's row as unknown, so it is reported and reconciled, never left pending.
        await ledger.expireClaim(job.digestId, key, existing.claimedBy, reason);
      }
      return record(category, recipient.email, reason);
    }
    let message: PreparedMessage;
    try {
      message = await job.prepare(recipient);
    } catch (error) {
      if (!(error instanceof MessageError)) throw error;
      return record('failed', recipient.email, error.message);
    }
    if (dryRun) return record('sent', recipient.email);
    await bucket.take(signal);
    if (report.stopped) return record('pending', recipient.email, `not attempted: ${report.stopReason}`);
    if (!(await ledger.claim(job.digestId, key, runId, claimOptions))) {
      const row = await ledger.get(job.digestId, key);
      const { category, reason } = row
        ? unclaimableReason(row, Date.now())
        : { category: 'skipped' as const, reason: 'claimed elsewhere' };
      return record(category, recipient.email, reason);
    }
    claimed.add(key);
    await deliver(recipient, key, message);
    claimed.delete(key);
  };

  // Rows this run holds right now: an unexpected error while holding one leaves its outcome unknown.
  const claimed = new Set<string>();
  const handleSafely = async (recipient: SendRecipient): Promise<void> => {
    try {
      await handle(recipient);
    } catch (error) {
      const why = `unexpected error: ${(error as Error)?.message ?? String(error)}`;
      const key = ledgerKey(recipient.email);
      record(claimed.delete(key) ? 'unknown' : 'pending', recipient.email, why);
      stop(why);
    }
  };

  const iterator = job.recipients()[Symbol.asyncIterator]();
  const worker = async () => {
    while (!report.stopped) {
      const next = await iterator.next();
      if (next.done) return;
      await handleSafely(next.value);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
    if (report.stopped) {
      // Count everyone not reached so the summary says how many are left for the next run.
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const status = next.value.status ?? 'active';
        if (status !== 'active') record('skipped', next.value.email, status);
        else record('pending', next.value.email, `not attempted: ${report.stopReason}`);
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await iterator.return?.();
  }
  return report.finish();
}
