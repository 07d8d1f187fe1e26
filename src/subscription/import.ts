import { randomBytes } from 'node:crypto';
import type { Subscriber } from '../delivery/ports.js';
import { sleep } from '../delivery/token-bucket.js';
import type { SubscriptionStore } from './ports.js';

export interface ImportOptions {
  /** Conditional puts in flight at once. */
  concurrency: number;
  /** `pending` with a confirmation nonce and TTL instead of `active` (the caller then sends confirmations). */
  confirm?: { ttlSeconds: number };
  /** True for errors worth retrying after a pause (throttling); the adapter's vocabulary, by name. */
  isRetryable: (error: unknown) => boolean;
  maxAttempts?: number;
  baseDelayMs?: number;
  now?: () => Date;
  /** Called after every row settles, with the running counts. */
  onProgress?: (done: number, counts: ImportCounts) => void;
}

export interface ImportCounts {
  added: number;
  /** Already on the list in any status: left exactly as they were. */
  existing: number;
}

/** A row added as pending, with what its confirmation link needs. */
export interface PendingImport {
  email: string;
  name?: string;
  nonce: string;
  expiresAt: number;
}

/**
 * Adds each subscriber that is not on the list yet, with one conditional put per address
 * (`attribute_not_exists`): batch writes cannot be conditional, and a blind write could turn an
 * `unsubscribed`, `bounced` or `complained` reader back into `active`. At most `concurrency` puts are in
 * flight; throttled puts are retried with exponential backoff and jitter.
 */
export async function importSubscribers(
  rows: Subscriber[],
  store: SubscriptionStore,
  options: ImportOptions,
): Promise<ImportCounts & { pending: PendingImport[] }> {
  const now = options.now ?? (() => new Date());
  const counts: ImportCounts = { added: 0, existing: 0 };
  const pending: PendingImport[] = [];
  const maxAttempts = options.maxAttempts ?? 8;
  const base = options.baseDelayMs ?? 50;
  let next = 0;
  let done = 0;

  const putOne = async (row: Subscriber): Promise<void> => {
    const at = now();
    const record: Subscriber = {
      ...row,
      email: row.email.toLowerCase(),
      status: options.confirm ? 'pending' : 'active',
      subscribedAt: at.toISOString(),
      consent: { signedUpAt: at.toISOString(), source: 'import' },
    };
    let nonce: string | undefined;
    if (options.confirm) {
      nonce = randomBytes(12).toString('base64url');
      record.confirmNonce = nonce;
      record.expiresAt = Math.floor(at.getTime() / 1000) + options.confirm.ttlSeconds;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        if (await store.putIf(record, { absent: true })) {
          counts.added++;
          if (nonce)
            pending.push({
              email: record.email,
              ...(record.name ? { name: record.name } : {}),
              nonce,
              expiresAt: record.expiresAt!,
            });
        } else counts.existing++;
        return;
      } catch (error) {
        if (attempt >= maxAttempts || !options.isRetryable(error)) throw error;
        await sleep(Math.min(5000, base * 2 ** (attempt - 1)) * (0.5 + Math.random()));
      }
    }
  };

  const worker = async (): Promise<void> => {
    while (next < rows.length) {
      const row = rows[next++]!;
      await putOne(row);
      done++;
      options.onProgress?.(done, counts);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, rows.length)) }, worker));
  return { ...counts, pending };
}

/** A CSV field, quoted when needed; a leading = + - @ is defused so spreadsheets do not run it. */
export function csvField(value: string | undefined): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The export's CSV header and one line per subscriber (statuses and the consent record). */
export const EXPORT_HEADER = 'email,name,status,subscribedAt,signedUpAt,source,confirmedAt';
export function exportLine(s: Subscriber): string {
  return [
    s.email,
    s.name,
    s.status,
    s.subscribedAt,
    s.consent?.signedUpAt,
    s.consent?.source,
    s.consent?.confirmedAt,
  ]
    .map(csvField)
    .join(',');
}
