import {
  type ClaimOptions,
  canClaim,
  canExpireClaim,
  claimedEntry,
  DEFAULT_LEASE_MS,
  expiredEntry,
  notHeld,
} from './ledger-rules.js';
import { LedgerTransitions } from './ledger-transitions.js';
import type { LedgerEntry, SendLedger } from './ports.js';

/** An in-process ledger: for test sends (`--to`) and as the reference the persistent ledgers follow. */
export class MemorySendLedger extends LedgerTransitions implements SendLedger {
  private readonly rows = new Map<string, LedgerEntry>();
  constructor(private readonly options: { leaseMs?: number; now?: () => number } = {}) {
    super();
  }

  private key = (digestId: string, recipient: string) => `${digestId}\u0000${recipient}`;
  private now = () => (this.options.now ?? Date.now)();

  async get(digestId: string, recipient: string): Promise<LedgerEntry | undefined> {
    const row = this.rows.get(this.key(digestId, recipient));
    return row && { ...row };
  }

  async claim(digestId: string, recipient: string, runId: string, options: ClaimOptions = {}) {
    const previous = this.rows.get(this.key(digestId, recipient));
    if (!canClaim(previous, this.now(), options)) return false;
    const entry = claimedEntry(
      previous,
      digestId,
      recipient,
      runId,
      this.now(),
      this.options.leaseMs ?? DEFAULT_LEASE_MS,
    );
    this.rows.set(this.key(digestId, recipient), entry);
    return true;
  }

  protected finish(digestId: string, recipient: string, runId: string, change: Partial<LedgerEntry>): void {
    const row = this.rows.get(this.key(digestId, recipient));
    if (row?.status !== 'pending' || row.claimedBy !== runId) throw notHeld(digestId, recipient, runId);
    const next: LedgerEntry = { ...row, ...change, updatedAt: new Date(this.now()).toISOString() };
    delete next.leaseUntil;
    if (change.status === 'pending') delete next.claimedBy;
    this.rows.set(this.key(digestId, recipient), next);
  }

  async expireClaim(digestId: string, recipient: string, claimedBy: string, reason: string) {
    const row = this.rows.get(this.key(digestId, recipient));
    if (!row || !canExpireClaim(row, claimedBy, this.now())) return false;
    this.rows.set(this.key(digestId, recipient), expiredEntry(row, reason, this.now()));
    return true;
  }

  async *list(digestId: string): AsyncIterable<LedgerEntry> {
    for (const row of this.rows.values()) if (row.digestId === digestId) yield { ...row };
  }
}
