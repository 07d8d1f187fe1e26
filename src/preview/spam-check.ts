import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { CheckResult } from './checks.js';

/** One SpamAssassin rule that fired. */
export interface SpamRule {
  points: number;
  name: string;
  description: string;
}

export interface SpamReport {
  score: number;
  required: number;
  rules: SpamRule[];
}

/** Finds an executable on PATH without spawning a shell; undefined when it is not installed. */
export function findOnPath(program: string, path = process.env['PATH'] ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Parses the output of `spamassassin -L -t`: the X-Spam-Status header and the points table. */
export function parseSpamAssassinOutput(output: string): SpamReport {
  const status = /^X-Spam-Status:\s*\w+,\s*score=(-?[\d.]+)\s+required=(-?[\d.]+)/m.exec(output);
  if (!status) throw new Error('spamassassin printed no X-Spam-Status header');
  const rules: SpamRule[] = [];
  const table = output.split(/^\s*pts rule name\s+description\s*$/m)[1] ?? '';
  for (const line of table.split('\n')) {
    const row = /^\s*(-?\d+(?:\.\d+)?)\s+([A-Z0-9_]+)\s+(.*)$/.exec(line);
    if (row) rules.push({ points: Number(row[1]), name: row[2] ?? '', description: (row[3] ?? '').trim() });
    else if (rules.length > 0 && /^\s{6,}\S/.test(line)) {
      const last = rules[rules.length - 1];
      if (last) last.description += ` ${line.trim()}`;
    }
  }
  return { score: Number(status[1]), required: Number(status[2]), rules };
}

/**
 * Runs `spamassassin -L -t` (local tests only, no network) on a raw message. Bayes is off: a preview
 * must not teach the filter its own drafts, and concurrent runs would wait on the Bayes lock (10 s+).
 */
export function runSpamAssassin(
  binary: string,
  eml: Buffer,
  options: { timeoutMs?: number; onSpawn?: (child: ChildProcess) => void } = {},
): Promise<SpamReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['-L', '-t', '--cf=use_bayes 0', '--cf=bayes_auto_learn 0'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 30_000,
    });
    options.onSpawn?.(child);
    const out: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.resume();
    child.on('error', reject);
    child.stdin.on('error', () => {
      // EPIPE when spamassassin exits early; the close handler reports it.
    });
    child.on('close', (code, signal) => {
      if (signal) return reject(new Error(`spamassassin was stopped (${signal})`));
      try {
        resolve(parseSpamAssassinOutput(Buffer.concat(out).toString('utf8')));
      } catch (error) {
        reject(new Error(`spamassassin exited ${code}: ${(error as Error).message}`));
      }
    });
    child.stdin.end(eml);
  });
}

/** Turns a SpamAssassin report (or its absence) into a line of the checks panel. */
export function spamCheckResult(
  state:
    | { kind: 'missing' }
    | { kind: 'no-message'; reason: string }
    | { kind: 'pending' }
    | { kind: 'failed'; error: string }
    | { kind: 'done'; report: SpamReport },
): CheckResult {
  const base = { id: 'spamassassin', title: 'SpamAssassin' };
  switch (state.kind) {
    case 'missing':
      return {
        ...base,
        status: 'info',
        summary: 'not installed; install it with: apt-get install spamassassin',
      };
    case 'no-message':
      return { ...base, status: 'info', summary: `not run: ${state.reason}` };
    case 'pending':
      return { ...base, status: 'pending', summary: 'scoring the message…' };
    case 'failed':
      return { ...base, status: 'warn', summary: `could not score: ${state.error}` };
    case 'done': {
      const { score, required, rules } = state.report;
      const status = score >= required ? 'error' : score >= required / 2 ? 'warn' : 'ok';
      return {
        ...base,
        status,
        summary: `score ${score.toFixed(1)} (spam at ${required.toFixed(1)})`,
        details: rules
          .filter((r) => r.points !== 0)
          .map((r) => `${r.points.toFixed(1)} ${r.name}: ${r.description}`),
      };
    }
  }
}

const MAX_CACHED = 200;

/** Scores messages asynchronously, one spamassassin run per distinct content (keyed by a content hash). */
export class SpamChecker {
  private readonly cache = new Map<string, { report?: SpamReport; error?: string; done: Promise<void> }>();
  private readonly running = new Set<ChildProcess>();
  private stopped = false;
  // One run at a time: each is ~1 s of Perl start-up CPU, and parallel runs only slow each other down.
  private queue: Promise<unknown> = Promise.resolve();

  private readonly binary: string | undefined;

  /** `binary`: the spamassassin program; default: found on PATH; null: act as if it were not installed. */
  constructor(binary?: string | null) {
    this.binary = binary === null ? undefined : (binary ?? findOnPath('spamassassin'));
  }

  get installed(): boolean {
    return this.binary !== undefined;
  }

  /** The current state for `key`; starts a run (and calls `onDone` when it ends) if none exists yet. */
  check(key: string, eml: Buffer, onDone: () => void): CheckResult {
    if (!this.binary) return spamCheckResult({ kind: 'missing' });
    let entry = this.cache.get(key);
    if (!entry) {
      const created: { report?: SpamReport; error?: string; done: Promise<void> } = {
        done: Promise.resolve(),
      };
      const binary = this.binary;
      const run = this.queue.then(() => {
        if (this.stopped) throw new Error('preview stopped');
        return runSpamAssassin(binary, eml, {
          onSpawn: (child) => {
            this.running.add(child);
            child.on('close', () => this.running.delete(child));
          },
        });
      });
      this.queue = run.catch(() => undefined);
      created.done = run.then(
        (report) => {
          created.report = report;
          if (!this.stopped) onDone();
        },
        (error: Error) => {
          created.error = error.message;
          if (!this.stopped) onDone();
        },
      );
      this.cache.set(key, created);
      // Every saved edit is a new key; keep the most recent ones only.
      if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
      entry = created;
    }
    if (entry.report) return spamCheckResult({ kind: 'done', report: entry.report });
    if (entry.error) return spamCheckResult({ kind: 'failed', error: entry.error });
    return spamCheckResult({ kind: 'pending' });
  }

  /** The check line when there is no message to score. */
  unavailable(reason: string): CheckResult {
    return this.binary
      ? spamCheckResult({ kind: 'no-message', reason })
      : spamCheckResult({ kind: 'missing' });
  }

  /** Kills the runs still going (server shutdown). */
  stop(): void {
    this.stopped = true;
    for (const child of this.running) child.kill();
    this.running.clear();
  }

  /** Resolves when every run started so far has ended (used on shutdown and in tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.cache.values()].map((e) => e.done));
  }
}
