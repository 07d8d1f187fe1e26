import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { type EarlierEdition, earlierEditions } from '../../delivery/earlier-edition.js';
import {
  type ClaimOptions,
  canClaim,
  canExpireClaim,
  claimedEntry,
  DEFAULT_LEASE_MS,
  expiredEntry,
  isLiveClaim,
  notHeld,
} from '../../delivery/ledger-rules.js';
import { LedgerTransitions } from '../../delivery/ledger-transitions.js';
import type { LedgerEntry, SendLedger } from '../../delivery/ports.js';
import { DigestError, InputError } from '../../errors.js';
import { HeldFileLock } from './file-lock.js';
import { type EditionNote, parseLedgerLine, sealOf, tornKey } from './ledger-lines.js';

/** Where the CLI keeps its send ledger, relative to the working directory. */
export const DEFAULT_LEDGER_FILE = '.digest/send-ledger.jsonl';

const HOST = hostname();
const OWNER = `${HOST} ${process.pid}`;

/** A journal line could not be written whole (disk full, file size limit, I/O error). */
export class LedgerWriteError extends DigestError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, exitCode: 1 });
    this.name = 'LedgerWriteError';
  }
}

/** A row as the journal stores it: the claiming process (`host pid`) lets a later run see it died. */
type Row = LedgerEntry & { owner?: string };

/**
 * The SendLedger as a local append-only journal (JSON Lines): every transition appends the row's new
 * state, and the last line for a (digest, recipient) wins. Appending keeps each write O(1) — rewriting a
 * whole JSON file per transition would make a 10,000-recipient run quadratic — and an O_APPEND write of one
 * line is never interleaved with another process's line. Each read-check-append runs under a lock file,
 * so two processes on this machine never both claim a row.
 *
 * Damage is never guessed around: a write that does not land whole throws (a claim that fails this way
 * fails before anything is sent); a torn last line is tolerated, and when it follows a claim that row reads
 * `unknown` (the send may have happened); the next writer seals it with a `{"sealed":N}` line. Any other
 * unreadable line stops the ledger with its line number. A claim of a process that is gone from this host
 * reads `unknown` at once, without waiting for its lease.
 */
export class JsonSendLedger extends LedgerTransitions implements SendLedger {
  private readonly rows = new Map<string, Row>();
  private readonly editions = new Map<string, EditionNote>();
  private fd: number | undefined;
  private offset = 0;
  private partial = '';
  /** Complete lines read so far (the line number of the last one). */
  private lines = 0;
  /** A garbled complete line not yet followed by its seal: tolerated only as the last line. */
  private unsealed: { line: number; text: string } | undefined;
  private corrupt: InputError | undefined;
  /** A write of ours failed part-way: what is on disk is unknown until we catch up under the lock. */
  private damaged = false;
  private readonly deadPids = new Set<number>();
  private readonly lock: HeldFileLock;

  constructor(
    readonly path: string,
    private readonly options: {
      leaseMs?: number;
      now?: () => number;
      lockHoldMs?: number;
      lockTimeoutMs?: number;
    } = {},
  ) {
    super();
    this.lock = new HeldFileLock(`${path}.lock`, {
      holdMs: options.lockHoldMs ?? 10,
      ...(options.lockTimeoutMs === undefined ? {} : { timeoutMs: options.lockTimeoutMs }),
    });
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

  /** Reads whatever other processes appended since the last look; throws on a garbled middle line. */
  private catchUp(): void {
    if (this.corrupt) throw this.corrupt;
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
    for (const text of lines) this.readLine(text);
    if (this.partial) this.torn(this.partial, this.lines + 1);
  }

  private readLine(text: string): void {
    const line = ++this.lines;
    if (this.unsealed) {
      if (sealOf(text) === this.unsealed.line) {
        this.unsealed = undefined;
        return;
      }
      this.corrupt = new InputError(
        `send ledger ${this.path}: line ${this.unsealed.line} is garbled (${JSON.stringify(this.unsealed.text.slice(0, 60))}); only a torn last line is expected after a crash, so the run stops rather than guess who got which digest: fix or delete that line`,
      );
      throw this.corrupt;
    }
    if (!text.trim()) return;
    const parsed = parseLedgerLine(text);
    if (parsed.kind === 'row') this.rows.set(this.key(parsed.row.digestId, parsed.row.recipient), parsed.row);
    else if (parsed.kind === 'edition') this.editions.set(parsed.digestId, parsed.note);
    else if (parsed.kind === 'garbled') {
      this.unsealed = { line, text };
      this.torn(text, line);
    }
  }

  /**
   * A line cut short (disk full, crash). If it changed a claimed row, that change came after the claim,
   * so the mail may have gone out: the row reads unknown. Anything else (a torn claim) never happened.
   */
  private torn(text: string, line: number): void {
    const key = tornKey(text);
    if (!key) return;
    const row = this.rows.get(this.key(key.digestId, key.recipient));
    if (row?.status !== 'pending' || row.claimedBy === undefined) return;
    const unknown: Row = {
      ...row,
      status: 'unknown',
      reason: `the ledger line after its claim is torn (line ${line}: disk full or a crash); it may have been sent`,
    };
    delete unknown.leaseUntil;
    this.rows.set(this.key(key.digestId, key.recipient), unknown);
  }

  /** Appends `text` whole or throws: a short write must never pass for a recorded transition. */
  private write(text: string): void {
    const bytes = Buffer.from(text);
    let written: number;
    try {
      written = writeSync(this.file(), bytes);
    } catch (error) {
      this.damaged = true;
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new LedgerWriteError(`send ledger ${this.path}: cannot write (${code})`, { cause: error });
    }
    if (written !== bytes.length) {
      this.damaged = true;
      throw new LedgerWriteError(
        `send ledger ${this.path}: short write (${written} of ${bytes.length} bytes; is the disk full?)`,
      );
    }
  }

  private append(entry: Row): void {
    this.write(`${JSON.stringify(entry)}\n`);
    // The offset is not advanced: another process may append (lock-free, see finish) at the same time, so
    // the next catch-up reads our own line back rather than guessing where it landed.
    this.rows.set(this.key(entry.digestId, entry.recipient), entry);
  }

  /** Terminates a torn tail and marks it sealed, so it stays the one tolerated bad line. */
  private seal(): void {
    if (this.partial) {
      // A lock-free append by a live run (see finish) may be landing right now: give it a moment.
      pause(20);
      this.catchUp();
    }
    if (this.partial) this.write(`\n${JSON.stringify({ sealed: this.lines + 1 })}\n`);
    else if (this.unsealed) this.write(`${JSON.stringify({ sealed: this.unsealed.line })}\n`);
    else return;
    this.catchUp();
  }

  private locked<T>(fn: () => T): T {
    this.file(); // creates the folder (and the journal) the lock file lives in
    return this.lock.run(() => {
      this.catchUp();
      this.damaged = false;
      this.seal();
      return fn();
    });
  }

  /** The row as the claim rules should see it: a claim of a process gone from this host is unknown. */
  private view(row: Row | undefined): Row | undefined {
    if (row?.status !== 'pending' || row.claimedBy === undefined || !row.owner) return row;
    if (!isLiveClaim(row, this.now())) return row;
    const [host, pidText] = row.owner.split(' ');
    const pid = Number(pidText);
    if (host !== HOST || !Number.isInteger(pid) || !this.isDead(pid)) return row;
    const unknown: Row = {
      ...row,
      status: 'unknown',
      reason: `run ${row.claimedBy} (pid ${pid} on this host) ended while holding the claim; it may have been sent`,
    };
    delete unknown.leaseUntil;
    return unknown;
  }

  private isDead(pid: number): boolean {
    if (this.deadPids.has(pid)) return true;
    try {
      process.kill(pid, 0);
      return false;
    } catch (error) {
      const dead = (error as NodeJS.ErrnoException).code === 'ESRCH';
      if (dead) this.deadPids.add(pid);
      return dead;
    }
  }

  async get(digestId: string, recipient: string): Promise<LedgerEntry | undefined> {
    this.catchUp();
    const row = this.view(this.rows.get(this.key(digestId, recipient)));
    return row && { ...row };
  }

  async claim(digestId: string, recipient: string, runId: string, options: ClaimOptions = {}) {
    return this.locked(() => {
      const previous = this.view(this.rows.get(this.key(digestId, recipient)));
      if (!canClaim(previous, this.now(), options)) return false;
      const leaseMs = this.options.leaseMs ?? DEFAULT_LEASE_MS;
      this.append({
        ...claimedEntry(previous, digestId, recipient, runId, this.now(), leaseMs),
        owner: OWNER,
      });
      return true;
    });
  }

  protected finish(digestId: string, recipient: string, runId: string, change: Partial<LedgerEntry>): void {
    const write = () => {
      const row = this.rows.get(this.key(digestId, recipient));
      if (row?.status !== 'pending' || row.claimedBy !== runId) throw notHeld(digestId, recipient, runId);
      const next: Row = { ...row, ...change, updatedAt: new Date(this.now()).toISOString() };
      delete next.leaseUntil;
      delete next.owner;
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
    if (live && !this.partial && !this.unsealed && !this.damaged) write();
    else this.locked(write);
  }

  /**
   * A claim whose lease ran out becomes `unknown` (see SendLedger.expireClaim). Locally a dead run on this
   * host already reads unknown at once (pid check); this also settles the claim of a run on another host
   * sharing the journal, or of a live process that outran its lease, so the row reads the same everywhere.
   */
  async expireClaim(digestId: string, recipient: string, claimedBy: string, reason: string) {
    return this.locked(() => {
      const row = this.rows.get(this.key(digestId, recipient));
      if (!row || !canExpireClaim(row, claimedBy, this.now())) return false;
      const next: Row = expiredEntry(row, reason, this.now());
      delete next.owner;
      this.append(next);
      return true;
    });
  }

  async *list(digestId: string): AsyncIterable<LedgerEntry> {
    this.catchUp();
    for (const row of [...this.rows.values()]) {
      if (row.digestId === digestId) yield { ...this.view(row)! };
    }
  }

  /** Reads the whole journal now: a garbled line stops the caller before anything is sent. */
  check(): void {
    this.catchUp();
  }

  /** Records which articles a digest carries (once), so a later digest of the same articles is noticed. */
  noteEdition(digestId: string, note: EditionNote): void {
    this.locked(() => {
      if (this.editions.has(digestId)) return;
      this.write(`${JSON.stringify({ edition: { digestId, ...note } })}\n`);
      this.editions.set(digestId, note);
    });
  }

  /**
   * Other digests in this journal that carried any of `articleIds` and reached at least one reader (the
   * rule of src/delivery/earlier-edition.ts, shared with send-digest).
   */
  overlapping(articleIds: string[], exceptDigestId: string): Promise<EarlierEdition[]> {
    this.catchUp();
    const candidates = [...this.editions].map(([digestId, note]) => ({ digestId, ...note }));
    const rows = [...this.rows.values()];
    return earlierEditions(candidates, { digestId: exceptDigestId, articleIds }, (digestId) =>
      rows.filter((row) => row.digestId === digestId),
    );
  }

  /** Closes the journal file. */
  close(): void {
    this.lock.release();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Busy-waits a little; the caller holds the lock for at most this long. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
