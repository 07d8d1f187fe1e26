import type { LedgerEntry, LedgerStatus } from '../../delivery/ports.js';

/** Which articles a digest carried and for which edition date (an `{"edition":...}` journal line). */
export interface EditionNote {
  date: string;
  articleIds: string[];
}

export type LedgerLine =
  | { kind: 'row'; row: LedgerEntry & { owner?: string } }
  | { kind: 'edition'; digestId: string; note: EditionNote }
  | { kind: 'seal'; line: number }
  | { kind: 'garbled' };

const STATUSES = new Set<LedgerStatus>(['pending', 'sent', 'failed', 'unknown']);

/** Reads one complete journal line; anything that is not a row, an edition note or a seal is garbled. */
export function parseLedgerLine(text: string): LedgerLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'garbled' };
  }
  if (!value || typeof value !== 'object') return { kind: 'garbled' };
  const record = value as Record<string, unknown>;
  if (typeof record['sealed'] === 'number') return { kind: 'seal', line: record['sealed'] };
  const edition = record['edition'] as Record<string, unknown> | undefined;
  if (edition && typeof edition === 'object') {
    const { digestId, date, articleIds } = edition;
    if (typeof digestId === 'string' && typeof date === 'string' && Array.isArray(articleIds))
      return { kind: 'edition', digestId, note: { date, articleIds: articleIds.map(String) } };
    return { kind: 'garbled' };
  }
  if (
    typeof record['digestId'] !== 'string' ||
    typeof record['recipient'] !== 'string' ||
    !STATUSES.has(record['status'] as LedgerStatus) ||
    typeof record['updatedAt'] !== 'string'
  )
    return { kind: 'garbled' };
  return { kind: 'row', row: value as LedgerEntry & { owner?: string } };
}

/** The line number a `{"sealed":N}` line seals, if `text` is one. */
export function sealOf(text: string): number | undefined {
  const parsed = parseLedgerLine(text);
  return parsed.kind === 'seal' ? parsed.line : undefined;
}

const JSON_STRING = '"((?:[^"\\\\]|\\\\.)*)"';
const KEY_PREFIX = new RegExp(`^\\{"digestId":${JSON_STRING},"recipient":${JSON_STRING}`);

/**
 * The row a torn line was about, when enough of it survived: every row line starts with its digest id and
 * recipient (JSON.stringify keeps the order the rows are built in).
 */
export function tornKey(text: string): { digestId: string; recipient: string } | undefined {
  const match = KEY_PREFIX.exec(text);
  if (!match) return undefined;
  try {
    return {
      digestId: JSON.parse(`"${match[1]}"`) as string,
      recipient: JSON.parse(`"${match[2]}"`) as string,
    };
  } catch {
    return undefined;
  }
}
