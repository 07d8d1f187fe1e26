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

/** True when a pending row is held by a run whose lease ran out: it died after claiming, maybe after sending. */
export function isExpiredClaim(entry: LedgerEntry, now: number): boolean {
  return entry.status === 'pending' && entry.claimedBy !== undefined && !isLiveClaim(entry, now);
}

/**
 * The claim rule every ledger implements: a row may be claimed when it does not exist or is pending
 * and unclaimed (released). A claim whose lease ran out belongs to a run that died mid-send: its outcome
 * is unknown, so only `force` takes it, as it takes sent, failed and unknown rows. A live claim never.
 */
export function canClaim(entry: LedgerEntry | undefined, now: number, force = false): boolean {
  if (!entry) return true;
  if (isLiveClaim(entry, now)) return false;
  if (force) return true;
  return entry.status === 'pending' && entry.claimedBy === undefined;
}

/** Why a row could not be claimed, in the report's words and category. */
export function unclaimableReason(
  entry: LedgerEntry,
  now: number,
): { category: 'skipped' | 'failed' | 'unknown'; reason: string } {
  if (isLiveClaim(entry, now))
    return { category: 'skipped', reason: `being sent by another run (${entry.claimedBy})` };
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
        reason: `outcome unknown from an earlier run: ${entry.reason ?? ''} (--force resends)`.replace(
          ': (',
          ' (',
        ),
      };
    default:
      return {
        category: 'unknown',
        reason: `run ${entry.claimedBy} claimed it and never finished; it may have been sent (--force resends)`,
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
