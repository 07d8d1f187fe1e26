// The rule that stops a second edition of the same articles (issue 11, fault 9): the digest id hashes the
// articles and the date, so a send resumed after midnight UTC (or the same articles asked for again on
// another day) gets a new id and the ledger alone would mail everyone again. The CLI (local journal) and
// send-digest (DynamoDB) both ask this rule; only where they find the earlier editions differs.
import type { LedgerEntry } from './ports.js';

/** An edition that went out before, as far as the caller's records tell. */
export interface EditionCandidate {
  digestId: string;
  /** ISO date of that edition. */
  date: string;
  /** Its article ids (at least those the caller looked it up by). */
  articleIds: string[];
}

/** An earlier edition of (some of) these articles that reached readers. */
export interface EarlierEdition extends EditionCandidate {
  /** Readers that got it or may have got it (sent, unknown, or claimed). */
  reached: number;
  /** True when counting stopped at a cap: `reached` is a lower bound. */
  capped?: boolean;
}

/** True for a ledger row whose reader got, or may have got, that digest (sent, unknown, or claimed). */
export function reachedReader(row: LedgerEntry): boolean {
  if (row.status === 'failed') return false;
  return row.status !== 'pending' || row.claimedBy !== undefined;
}

/** True when `candidate` is another digest carrying any of `articleIds`. */
export function isOtherEditionOf(
  candidate: Pick<EditionCandidate, 'digestId' | 'articleIds'>,
  current: { digestId: string; articleIds: string[] },
): boolean {
  if (candidate.digestId === current.digestId) return false;
  const wanted = new Set(current.articleIds);
  return candidate.articleIds.some((id) => wanted.has(id));
}

/** Counts the readers a digest reached, stopping at `cap` (a lower bound is enough to refuse). */
export async function countReached(
  rows: AsyncIterable<LedgerEntry> | Iterable<LedgerEntry>,
  cap = Number.POSITIVE_INFINITY,
): Promise<{ reached: number; capped: boolean }> {
  let reached = 0;
  for await (const row of rows) {
    if (reachedReader(row) && ++reached >= cap) return { reached, capped: true };
  }
  return { reached, capped: false };
}

/**
 * The earlier editions (other digest ids) that carried any of the current articles and reached at least
 * one reader: while there is one, sending these articles again under the new id needs an explicit ask
 * (`--new-edition`, or `newEdition: true` in a send-digest request).
 */
export async function earlierEditions(
  candidates: Iterable<EditionCandidate>,
  current: { digestId: string; articleIds: string[] },
  rowsOf: (digestId: string) => AsyncIterable<LedgerEntry> | Iterable<LedgerEntry>,
  options: { cap?: number } = {},
): Promise<EarlierEdition[]> {
  const found: EarlierEdition[] = [];
  for (const candidate of candidates) {
    if (!isOtherEditionOf(candidate, current)) continue;
    const { reached, capped } = await countReached(rowsOf(candidate.digestId), options.cap);
    if (reached > 0) found.push({ ...candidate, reached, ...(capped ? { capped } : {}) });
  }
  return found;
}

/**
 * The one sentence both callers print (the CLI and send-digest add what to do about it); `subject` names
 * what went out (a scheduled run that leaves one upload out says "its text").
 */
export function alreadyWentOut(
  earlier: Omit<EarlierEdition, 'articleIds'>,
  subject = 'these articles',
): string {
  const reached = `${earlier.reached}${earlier.capped ? '+' : ''}`;
  return `${subject} already went out as digest ${earlier.digestId} (edition ${earlier.date}, ${reached} reader(s) reached)`;
}
