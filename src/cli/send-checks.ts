// Checks `digest send` makes against the local ledger before it sends anything.
import type { JsonSendLedger } from '../adapters/local/json-send-ledger.js';
import type { JsonSubscriberStore } from '../adapters/local/json-subscriber-store.js';
import { alreadyWentOut } from '../delivery/earlier-edition.js';
import { isUnknownOutcome, ledgerKey } from '../delivery/ledger-rules.js';
import type { LedgerEntry } from '../delivery/ports.js';
import { DigestError } from '../errors.js';

/**
 * Refuses to send articles that already went out (even partly) to this list under another digest id —
 * what resuming a send after midnight UTC does, since the id hashes the articles and the date — unless
 * the caller asked for a new edition.
 */
export async function assertNotSentUnderAnotherId(
  ledger: JsonSendLedger,
  digestId: string,
  articleIds: string[],
  newEdition: boolean,
): Promise<void> {
  if (newEdition) return;
  const [earlier] = await ledger.overlapping(articleIds, digestId);
  if (!earlier) return;
  throw new DigestError(
    `${alreadyWentOut(earlier)}; to finish that edition run again with --date ${earlier.date}, or pass --new-edition to send them again as a new edition`,
  );
}

/** One reader a forced run would mail again, with what the ledger says about them. */
export interface Resend {
  email: string;
  status: LedgerEntry['status'];
}

/**
 * Whom `--force` (every settled row) or `--resend-unknown` (unknown outcomes only) would mail again:
 * active subscribers whose row for this digest is not fresh. Read-only.
 */
export async function resendPlan(
  ledger: JsonSendLedger,
  store: JsonSubscriberStore,
  digestId: string,
  mode: 'force' | 'unknown',
): Promise<Resend[]> {
  const plan: Resend[] = [];
  const now = Date.now();
  for await (const subscriber of store.list()) {
    if (subscriber.status !== 'active') continue;
    const row = await ledger.get(digestId, ledgerKey(subscriber.email));
    if (!row || (row.status === 'pending' && row.claimedBy === undefined)) continue;
    const unknown = isUnknownOutcome(row, now);
    if (mode === 'unknown' ? unknown : unknown || row.status !== 'pending')
      plan.push({ email: subscriber.email, status: unknown ? 'unknown' : row.status });
  }
  return plan;
}

/** The lines printed before a forced run: exactly whom it will mail again. */
export function formatResendPlan(plan: Resend[], flag: '--force' | '--resend-unknown'): string {
  if (plan.length === 0) return `digest send ${flag}: nobody to resend to; only new recipients get it\n`;
  const lines = plan.map((r) => `  ${r.email} (${r.status})`);
  return `digest send ${flag}: will resend to ${plan.length} reader(s) already in the ledger:\n${lines.join('\n')}\n`;
}

/**
 * Everything `digest send` checks and records in the list's ledger before its first send: the whole
 * journal is readable, the articles did not already go out under another id, whom a forced run will
 * mail again (printed), and which articles this digest carries (not on a dry run).
 */
export async function beforeListSend(
  ledger: JsonSendLedger,
  store: JsonSubscriberStore,
  stderr: NodeJS.WritableStream,
  run: {
    digestId: string;
    date: string;
    articleIds: string[];
    newEdition: boolean;
    force: boolean;
    resendUnknown: boolean;
    dryRun: boolean;
  },
): Promise<void> {
  ledger.check();
  await assertNotSentUnderAnotherId(ledger, run.digestId, run.articleIds, run.newEdition);
  if (run.force || run.resendUnknown) {
    const plan = await resendPlan(ledger, store, run.digestId, run.force ? 'force' : 'unknown');
    stderr.write(formatResendPlan(plan, run.force ? '--force' : '--resend-unknown'));
  }
  if (!run.dryRun) ledger.noteEdition(run.digestId, { date: run.date, articleIds: run.articleIds });
}
