import type { LedgerEntry } from './ports.js';

/** How long a claim stays live; longer than one send with all its throttling retries. */
export const DEFAULT_LEASE_MS = 10 * 60_000;

/** True when a pending row is held by a run that is (as far as we know) still sending it. */
export function isLiveClaim(entry: LedgerEntry, now: number): boolean {
  return (
    entry.status === 'pending' &&
    entry.claimedBy !== undefined &&
    entry.leaseUntil !== undefined &&
    Date.parse(entry.leaseUntil) > now
  );
}

/** True when a row's outcome is unknown: recorded so, or claimed by a run that died before recording. */
export function isUnknownOutcome(entry: LedgerEntry, now: number): boolean {
  if (entry.status === 'unknown') return true;
  return entry.status === 'pending' && entry.claimedBy !== undefined && !isLiveClaim(entry, now);
}

/** What a run may take besides fresh rows: everything settled (`force`) or only unknown outcomes. */
export interface ClaimOptions {
  force?: boolean;
  resendUnknown?: boolean;
}

/** True when a pending row is held by a run whose lease ran out: it died after claiming, maybe after sending. */
export function isExpiredClaim(entry: LedgerEntry, now: number): boolean {
  return entry.status === 'pending' && entry.claimedBy !== undefined && !isLiveClaim(entry, now);
}

/**
 * The claim rule every ledger implements: a row may be claimed when it does not exist or is pending
 * and unclaimed (released). A claim whose lease ran out belongs to a run that died mid-send: its outcome
 * is unknown, so only `force` or `resendUnknown` takes it; `force` also takes sent and failed rows,
 * `resendUnknown` only unknown ones. A live claim never.
 */
export function canClaim(
  entry: LedgerEntry | undefined,
  now: number,
  force: boolean | ClaimOptions = false,
): boolean {
  const options = typeof force === 'boolean' ? { force } : force;
  if (!entry) return true;
  if (isLiveClaim(entry, now)) return false;
  if (options.force) return true;
  if (options.resendUnknown && isUnknownOutcome(entry, now)) return true;
  return entry.status === 'pending' && entry.claimedBy === undefined;
}

/**
 * The `expireClaim` rule every ledger implements: only a pending row still claimed by `claimedBy`, and
 * only once its lease has run out (a live claim or a settled row never changes).
 */
export function canExpireClaim(entry: LedgerEntry | undefined, claimedBy: string, now: number): boolean {
  return (
    entry?.status === 'pending' &&
    entry.claimedBy === claimedBy &&
    entry.leaseUntil !== undefined &&
    Date.parse(entry.leaseUntil) <= now
  );
}

/** The row `expireClaim` writes: unknown (the dead run may have sent it), lease gone, claimant kept. */
export function expiredEntry(entry: LedgerEntry, reason: string, now: number): LedgerEntry {
  const next: LedgerEntry = { ...entry, status: 'unknown', reason, updatedAt: new Date(now).toISOString() };
  delete next.leaseUntil;
  return next;
}

/** Why a row could not be claimed, in the report's words and category. */
export function unclaimableReason(
  entry: LedgerEntry,
  now: number,
): { category: 'skipped' | 'failed' | 'unknown' | 'pending'; reason: string } {
  if (isLiveClaim(entry, now))
    // Not a success: this run cannot tell whether that run will finish (exit 1, see reportSucceeded).
    return { category: 'pending', reason: `being sent by another run (${entry.claimedBy})` };
  switch (entry.status) {
    case 'sent':
      return { category: 'skipped', reason: 'already sent' };
    case 'failed':
      return {
        category: 'failed',
        reason: `failed earlier: ${entry.reason ?? 'no reason recorded'} (--force retries)`,
      };
    case 'unknown':
      return {
        category: 'unknown',
        reason:
          `outcome unknown from an earlier run: ${entry.reason ?? ''} (--resend-unknown resends)`.replace(
            ': (',
            ' (',
          ),
      };
    default:
      return {
        category: 'unknown',
        reason: `run ${entry.claimedBy} claimed it and never finished; it may have been sent (--resend-unknown resends)`,
      };
  }
}

/** The ledger key of an address: addresses are compared case-insensitively. */
export const ledgerKey = (email: string): string => email.trim().toLowerCase();

/** Builds the row a successful claim writes. */
export function claimedEntry(
  previous: LedgerEntry | undefined,
  digestId: string,
  recipient: string,
  runId: string,
  now: number,
  leaseMs: number,
): LedgerEntry {
  return {
    digestId,
    recipient,
    status: 'pending',
    claimedBy: runId,
    leaseUntil: new Date(now + leaseMs).toISOString(),
    updatedAt: new Date(now).toISOString(),
    attempts: (previous?.attempts ?? 0) + 1,
  };
}

/** The message a ledger throws when a run writes a row it no longer holds. */
export const notHeld = (digestId: string, recipient: string, runId: string): Error =>
  new Error(`send ledger: ${recipient} in digest ${digestId} is not claimed by run ${runId}`);
