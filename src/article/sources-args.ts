import { join } from 'node:path';
import type { EditionStore } from '../edition/ports.js';
import { InputError } from '../errors.js';
import { DEFAULT_HTTP_CACHE_DIR } from './fetch-cache.js';
import type { SourceOptions } from './sources.js';

/** The parseArgs option definitions for feeds and URLs; spread them into a command's `options`. */
export const sourceArgOptions = {
  feed: { type: 'string', multiple: true },
  follow: { type: 'boolean' },
  since: { type: 'string' },
  'allow-loopback': { type: 'boolean' },
} as const;

/** The parsed values of `sourceArgOptions`. */
export interface SourceArgValues {
  feed?: string[];
  follow?: boolean;
  since?: string;
  'allow-loopback'?: boolean;
}

const RELATIVE = /^(\d+)\s*(h|d|w)$/i;
const UNIT_MS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/**
 * Reads `--since`: an ISO 8601 date or time (`2026-11-01`, `2026-11-01T08:00:00Z`) or a span back
 * from now (`36h`, `7d`, `2w`). Throws InputError naming the flag.
 */
export function parseSince(value: string, now: Date = new Date()): Date {
  const relative = RELATIVE.exec(value.trim());
  if (relative) {
    return new Date(now.getTime() - Number(relative[1]) * UNIT_MS[relative[2]!.toLowerCase()]!);
  }
  const time = /^\d{4}-\d{2}-\d{2}/.test(value.trim()) ? Date.parse(value.trim()) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new InputError(`--since ${value}: not a date (use YYYY-MM-DD, an ISO 8601 time, or 7d / 36h / 2w)`);
  }
  return new Date(time);
}

/**
 * SourceOptions from a command's parsed values. The caller adds what only it knows: the editions
 * record (send), stdin.
 */
export function sourceOptionsFromArgs(
  values: SourceArgValues,
  context: { cwd?: string; editionStore?: EditionStore; stdin?: NodeJS.ReadableStream } = {},
): SourceOptions {
  const cwd = context.cwd ?? process.cwd();
  return {
    cwd,
    cacheDir: join(cwd, DEFAULT_HTTP_CACHE_DIR),
    allowLoopback: values['allow-loopback'] === true,
    follow: values.follow === true,
    ...(values.feed?.length ? { feeds: values.feed } : {}),
    ...(values.since ? { since: parseSince(values.since) } : {}),
    ...(context.editionStore ? { editionStore: context.editionStore } : {}),
    ...(context.stdin ? { stdin: context.stdin } : {}),
  };
}
