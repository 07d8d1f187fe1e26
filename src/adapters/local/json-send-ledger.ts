import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { canClaim, claimedEntry, DEFAULT_LEASE_MS, notHeld } from '../../delivery/ledger-rules.js';
import { LedgerTransitions } from '../../delivery/ledger-transitions.js';
import type { LedgerEntry, SendLedger } from '../../delivery/ports.js';
import { HeldFileLock } from './file-lock.js';

/** Where the CLI keeps its send ledger, relative to the working directory. */
export const DEFAULT_LEDGER_FILE = '.digest/send-ledger.jsonl';

/**
 * The SendLedger as a local append-only journal (JSON Lines): every transition appends the row's new
 * state, and the last line for a (digest, recipient) wins. Appending keeps each write O(1) — rewriting a
 * whole JSON file per transition would make a 10,000-recipient run quadratic — and an O_APPEND write of one
 * line is never interleaved with another process's line. Each read-check-append runs under a lock file,
 * so two processes on this machine never both claim a row. A torn last line (power loss) is ignored.
 */
export class JsonSendLedger extends LedgerTransitions implements SendLedger {
  private readonly rows = new Map<string, LedgerEntry>();
  private fd: number | undefined;
  private offset = 0;
  private partial = '';
  private readonly lock: HeldFileLock;

  constructor(
    readonly path: string,
    private readonly options: { leaseMs?: number; now?: () => number; lockHoldMs?: number } = {},
  ) {
    super();
    this.lock = new HeldFileLock(`${path}.lock`, { holdMs: options.lockHoldMs ?? 10 });
  }

  private now = () => (this.options.now ?? Date.now)();
  private key = (digestId: string, recipient: string) => `${digestId}\u0000${recipient}`;

  private file(): number {
    if (this.fd === undefined) {
      mkdirSync(dirname(this.path), { recursive: true });
      this.fd = openSync(this.path, 'a+');
    }
    return this.fd;
  }

  /** Reads whatever other processes appended since the last look. */
  private catchUp(): void {
    // Reading never creates the journal: a dry run must leave no trace.
    if (this.fd === undefined && !existsSync(this.path)) return;
    const fd = this.file();
    const size = fstatSync(fd).size;
    if (size <= this.offset) return;
    const buffer = Buffer.allocUnsafe(size - this.offset);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, this.offset + read);
      if (n === 0) break;
      read += n;
    }
    this.offset += read;
    const lines = (this.partial + buffer.subarray(0, read).toString('utf8')).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        const entry = JSON.parse(line) as LedgerEntry;
        this.rows.set(this.key(entry.digestId, entry.recipient), entry);
      } catch {
        // A torn line from a crash mid-write: that transition never happened.
      }
    }
  }

  private append(entry: LedgerEntry): void {
    // A torn line left by a crash must not glue itself to ours.
    const prefix = this.partial ? '\n' : '';
    writeSync(this.file(), Buffer.from(`${prefix}${JSON.stringify(entry)}\n`));
    // The offset is not advanced: another process may append (lock-free, see finish) at the same time, so
    // the next catch-up reads our own line back rather than guessing where it landed.
    this.rows.set(this.key(entry.digestId, entry.recipient), entry);
  }

  private locked<T>(fn: () => T): T {
    this.file(); // creates the folder (and the journal) the lock file lives in
    return this.lock.run(() => {
      this.catchUp();
      return fn();
    });
  }

  async get(digestId: string, recipient: string): Promise<LedgerEntry | undefined> {
    this.catchUp();
    const row = this.rows.get(this.key(digestId, recipient));
    return row && { ...row };
  }

  async claim(digestId: string, recipient: string, runId: string, options: { force?: boolean } = {}) {
    return this.locked(() => {
      const previous = this.rows.get(this.key(digestId, recipient));
      if (!canClaim(previous, this.now(), options.force)) return false;
      const leaseMs = this.options.leaseMs ?? DEFAULT_LEASE_MS;
      this.append(claimedEntry(previous, digestId, recipient, runId, this.now(), leaseMs));
      return true;
    });
  }

  protected finish(digestId: string, recipient: string, runId: string, change: Partial<LedgerEntry>): void {
    const write = () => {
      const row = this.rows.get(this.key(digestId, recipient));
      if (row?.status !== 'pending' || row.claimedBy !== runId) throw notHeld(digestId, recipient, runId);
      const next: LedgerEntry = { ...row, ...change, updatedAt: new Date(this.now()).toISOString() };
      delete next.leaseUntil;
      if (change.status === 'pending') delete next.claimedBy;
      this.append(next);
    };
    // While our claim's lease is live no other run may touch the row (not even with force), so our view
    // of it is current and one O_APPEND write suffices; once it has (nearly) run out, check under the lock.
    const mine = this.rows.get(this.key(digestId, recipient));
    const live =
      mine?.claimedBy === runId &&
      mine.leaseUntil !== undefined &&
      Date.parse(mine.leaseUntil) > this.now() + 5_000;
    if (live && !this.partial) write();
    else this.locked(write);
  }

  async *list(digestId: string): AsyncIterable<LedgerEntry> {
    this.catchUp();
    for (const row of [...this.rows.values()]) if (row.digestId === digestId) yield { ...row };
  }

  /** Closes the journal file. */
  close(): void {
    this.lock.release();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
