import type { LedgerEntry, SendLedger } from './ports.js';

/**
 * The four terminal transitions every synchronous ledger shares; each ledger only says how one
 * change is applied (`finish`), so the status and field rules live in one place.
 */
export abstract class LedgerTransitions
  implements Pick<SendLedger, 'markSent' | 'markFailed' | 'markUnknown' | 'release'>
{
  protected abstract finish(
    digestId: string,
    recipient: string,
    runId: string,
    change: Partial<LedgerEntry>,
  ): void;

  async markSent(digestId: string, recipient: string, runId: string, messageId: string) {
    this.finish(digestId, recipient, runId, { status: 'sent', messageId, reason: undefined });
  }
  async markFailed(digestId: string, recipient: string, runId: string, reason: string) {
    this.finish(digestId, recipient, runId, { status: 'failed', reason });
  }
  async markUnknown(digestId: string, recipient: string, runId: string, reason: string) {
    this.finish(digestId, recipient, runId, { status: 'unknown', reason });
  }
  async release(digestId: string, recipient: string, runId: string, reason?: string) {
    this.finish(digestId, recipient, runId, { status: 'pending', reason });
  }
}
