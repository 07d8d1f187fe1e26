import { randomBytes } from 'node:crypto';
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';

export interface FileLockOptions {
  /** Give up waiting after this long. Default 10 s. */
  timeoutMs?: number;
  /** A lock older than this is taken over even if its owner looks alive. Default 30 s. */
  staleMs?: number;
}

const HOST = hostname();

function ownerIsGone(content: string, mtimeMs: number, staleMs: number): boolean {
  if (Date.now() - mtimeMs > staleMs) return true;
  const [host, pid] = content.split(' ');
  if (host !== HOST || !pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Busy-waits a little without blocking other processes (the lock is held for microseconds). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Creates the lock file with O_EXCL, waiting (and taking over stale locks) up to `timeoutMs`. */
function acquire(path: string, options: FileLockOptions): void {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  const token = `${HOST} ${process.pid} ${randomBytes(6).toString('hex')}`;
  const deadline = Date.now() + timeoutMs;
  for (let spin = 0; ; spin++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, token);
      } finally {
        closeSync(fd);
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    takeOverIfStale(path, staleMs);
    if (Date.now() > deadline)
      throw new Error(`${path}: still locked by another process after ${timeoutMs} ms`);
    pause(Math.min(20, 1 + spin));
  }
}

function release(path: string): void {
  // No read-back of the token: a lock is only taken over after `staleMs`, far longer than it is held.
  try {
    unlinkSync(path);
  } catch {
    // Already taken over as stale: nothing of ours left to remove.
  }
}

/**
 * Runs `fn` holding an exclusive lock file (`path`, created with O_EXCL) so that two processes on one
 * machine never interleave their read-check-write. Synchronous on purpose: the critical sections are a
 * few microseconds of file I/O, and a synchronous section cannot be interleaved within the process either.
 * A lock left by a killed process (its pid is gone, or it is older than `staleMs`) is taken over.
 */
export function withFileLockSync<T>(path: string, fn: () => T, options: FileLockOptions = {}): T {
  acquire(path, options);
  try {
    return fn();
  } finally {
    release(path);
  }
}

const held = new Set<HeldFileLock>();
let exitHook = false;

/**
 * A lock file kept for up to `holdMs` after it is taken, so a burst of critical sections (one ledger claim
 * per message) pays for one create/unlink instead of one each. Other processes wait at most about
 * `holdMs`. Released on `release()`, when the hold ends, and at process exit (a SIGKILL leaves it to the
 * stale-lock rule).
 */
export class HeldFileLock {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly path: string,
    private readonly options: FileLockOptions & { holdMs?: number } = {},
  ) {}

  run<T>(fn: () => T): T {
    const holdMs = this.options.holdMs ?? 10;
    if (holdMs <= 0) return withFileLockSync(this.path, fn, this.options);
    if (this.timer === undefined) {
      // Another instance in this process holding the same file: sections here are synchronous and cannot
      // interleave, so take the lock over instead of waiting on ourselves (the wait would block its timer).
      for (const other of held) if (other.path === this.path) other.release();
      acquire(this.path, this.options);
      this.timer = setTimeout(() => this.release(), holdMs);
      this.timer.unref();
      held.add(this);
      if (!exitHook) {
        exitHook = true;
        process.once('exit', () => {
          for (const lock of held) lock.release();
        });
      }
    }
    return fn();
  }

  release(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    held.delete(this);
    release(this.path);
  }
}

function takeOverIfStale(path: string, staleMs: number): void {
  let content: string;
  let mtimeMs: number;
  try {
    content = readFileSync(path, 'utf8');
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return;
  }
  // An empty file is a lock being written right now, not a stale one.
  if (content === '' || !ownerIsGone(content, mtimeMs, staleMs)) return;
  // Move the stale lock aside atomically; if what we moved is not what we judged stale, put it back.
  const aside = `${path}.stale-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  try {
    if (readFileSync(aside, 'utf8') !== content) linkSync(aside, path);
  } catch {
    // Someone else locked meanwhile; the moved lock was a fresh one we cannot restore. Rare; see note.
  } finally {
    unlinkSync(aside);
  }
}
