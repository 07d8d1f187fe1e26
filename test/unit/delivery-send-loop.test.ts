// Unit tests of the send loop's rules with an in-memory ledger and a scripted Mailer (a fake: these are
// the loop's decisions in isolation; test/integration/delivery-failures.test.ts runs them against the real
// local SES and real ledgers).
import { describe, expect, it } from 'vitest';
import { MemorySendLedger } from '../../src/delivery/memory-send-ledger.js';
import type { Mailer } from '../../src/delivery/ports.js';
import { type SendJob, type SendRecipient, sendDigest } from '../../src/delivery/send-digest.js';
import { SendFailure } from '../../src/delivery/send-failure.js';
import { reportSucceeded } from '../../src/delivery/send-report.js';
import { normalizeAddress } from '../../src/email/mime.js';
import { MessageError } from '../../src/errors.js';

const people = (n: number): SendRecipient[] =>
  Array.from({ length: n }, (_, i) => ({ email: `reader${i}@example.com`, status: 'active' as const }));

function job(recipients: SendRecipient[], digestId = 'digest-1'): SendJob {
  return {
    digestId,
    recipients: async function* () {
      yield* recipients;
    },
    check: (r) => {
      normalizeAddress(r.email);
    },
    prepare: async (r) => ({
      raw: Buffer.from(`To: ${r.email}\r\n\r\nhi`),
      from: 'digest@example.com',
      to: r.email,
    }),
  };
}

/** A scripted Mailer: `script(to, call)` returns nothing to accept or throws to fail. */
function scriptedMailer(script: (to: string, call: number) => void | Promise<void> = () => {}) {
  const accepted: string[] = [];
  let calls = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const mailer: Mailer = {
    async sendRaw({ to }) {
      calls++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await new Promise((r) => setTimeout(r, 2));
        await script(to, calls);
        accepted.push(to);
        return { messageId: `msg-${accepted.length}` };
      } finally {
        inFlight--;
      }
    },
  };
  return { mailer, accepted, calls: () => calls, maxInFlight: () => maxInFlight };
}

const fast = { rate: 0, backoff: { baseMs: 1, maxMs: 4 } };

describe('sendDigest', () => {
  it('sends to active subscribers, skips the others with their status, and a rerun sends nothing', async () => {
    const ledger = new MemorySendLedger();
    const list: SendRecipient[] = [
      ...people(3),
      { email: 'gone@example.com', status: 'unsubscribed' },
      { email: 'bounced@example.com', status: 'bounced' },
      { email: 'angry@example.com', status: 'complained' },
    ];
    const first = scriptedMailer();
    const report = await sendDigest(job(list), { mailer: first.mailer, ledger, ...fast });
    const second = scriptedMailer();
    const rerun = await sendDigest(job(list), { mailer: second.mailer, ledger, ...fast });
    expect(first.accepted.sort()).toEqual(people(3).map((p) => p.email));
    expect(report.counts).toMatchObject({ total: 6, sent: 3, skipped: 3, failed: 0, pending: 0, unknown: 0 });
    expect(report.skipped.map((s) => s.reason).sort()).toEqual(['bounced', 'complained', 'unsubscribed']);
    expect(second.calls()).toBe(0);
    expect(rerun.counts).toMatchObject({ sent: 0, skipped: 6 });
    expect(rerun.reasons['skipped: already sent']).toBe(3);
  });

  it('paces sends with the token bucket', async () => {
    const { mailer } = scriptedMailer();
    const started = performance.now();
    await sendDigest(job(people(6)), { mailer, ledger: new MemorySendLedger(), rate: 50, concurrency: 4 });
    // Six sends at 50/s need at least five intervals of 20 ms.
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
  });

  it('keeps at most `concurrency` sends in flight', async () => {
    const m = scriptedMailer(() => new Promise((r) => setTimeout(r, 5)));
    await sendDigest(job(people(20)), {
      mailer: m.mailer,
      ledger: new MemorySendLedger(),
      rate: 0,
      concurrency: 3,
    });
    expect(m.maxInFlight()).toBe(3);
  });

  it('retries a throttled send with backoff until it is accepted', async () => {
    const m = scriptedMailer((_to, call) => {
      if (call <= 3) throw new SendFailure('throttled', 'Maximum sending rate exceeded.');
    });
    const retries: number[] = [];
    const report = await sendDigest(job(people(2)), {
      mailer: m.mailer,
      ledger: new MemorySendLedger(),
      ...fast,
      concurrency: 1,
      onEvent: (e) => e.type === 'retry' && retries.push(e.attempt),
    });
    expect(report.counts.sent).toBe(2);
    expect(retries).toEqual([1, 2, 3]);
  });

  it('leaves a recipient pending (released, claimable again) when throttling outlasts the retries', async () => {
    const ledger = new MemorySendLedger();
    const m = scriptedMailer(() => {
      throw new SendFailure('throttled', 'Maximum sending rate exceeded.');
    });
    const report = await sendDigest(job(people(1)), { mailer: m.mailer, ledger, ...fast, maxRetries: 2 });
    expect(m.calls()).toBe(3);
    expect(report.counts.pending).toBe(1);
    expect(await ledger.get('digest-1', 'reader0@example.com')).toMatchObject({ status: 'pending' });
    expect(await ledger.claim('digest-1', 'reader0@example.com', 'next-run')).toBe(true);
  });

  it('stops on the daily quota and reports everyone not reached as pending', async () => {
    const m = scriptedMailer((_to, call) => {
      if (call > 2) throw new SendFailure('quota', 'Daily message quota exceeded.');
    });
    const report = await sendDigest(job(people(10)), {
      mailer: m.mailer,
      ledger: new MemorySendLedger(),
      ...fast,
      concurrency: 1,
    });
    expect(m.calls()).toBe(3);
    expect(report.outcome).toBe('stopped');
    expect(report.stopReason).toMatch(/daily message quota exceeded/);
    expect(report.counts).toMatchObject({ sent: 2, pending: 8, total: 10 });
  });

  it('survivor: with several sends in flight, no worker starts a send after a quota stop', async () => {
    // Prepare: four workers paced 20 ms apart, so three are waiting for a token when the first send
    // hits the quota (scripted: no local SES runs out of quota).
    const m = scriptedMailer((_to, call) => {
      if (call === 1) throw new SendFailure('quota', 'Daily message quota exceeded.');
    });
    // Act
    const report = await sendDigest(job(people(12)), {
      mailer: m.mailer,
      ledger: new MemorySendLedger(),
      rate: 50,
      concurrency: 4,
    });
    // Assess
    expect(m.calls()).toBe(1);
    expect(report.stopReason).toMatch(/daily message quota exceeded/);
    expect(report.counts).toMatchObject({ sent: 0, pending: 12, total: 12 });
  });

  it('stops at once on an account-level error', async () => {
    const m = scriptedMailer(() => {
      throw new SendFailure('account', 'AccountSendingPausedException: sending paused');
    });
    const report = await sendDigest(job(people(5)), {
      mailer: m.mailer,
      ledger: new MemorySendLedger(),
      ...fast,
      concurrency: 1,
    });
    expect(m.calls()).toBe(1);
    expect(report.stopReason).toMatch(/account cannot send/);
    expect(report.counts).toMatchObject({ sent: 0, pending: 5 });
  });

  it('marks a rejected recipient failed and goes on', async () => {
    const ledger = new MemorySendLedger();
    const m = scriptedMailer((to) => {
      if (to === 'reader1@example.com')
        throw new SendFailure('rejected', 'MessageRejected: address blacklisted');
    });
    const report = await sendDigest(job(people(3)), { mailer: m.mailer, ledger, ...fast });
    expect(report.counts).toMatchObject({ sent: 2, failed: 1 });
    expect(report.failed[0]).toMatchObject({ email: 'reader1@example.com' });
    expect(await ledger.get('digest-1', 'reader1@example.com')).toMatchObject({ status: 'failed' });
  });

  it('records a send that timed out as unknown, skips it on a rerun and resends it only with force', async () => {
    const ledger = new MemorySendLedger();
    const hang = scriptedMailer((to) =>
      to === 'reader0@example.com' ? new Promise((r) => setTimeout(r, 200)) : undefined,
    );
    const first = await sendDigest(job(people(2)), {
      mailer: hang.mailer,
      ledger,
      ...fast,
      sendTimeoutMs: 50,
    });
    const plain = scriptedMailer();
    const rerun = await sendDigest(job(people(2)), { mailer: plain.mailer, ledger, ...fast });
    const forced = await sendDigest(job(people(2)), { mailer: plain.mailer, ledger, ...fast, force: true });
    expect(first.counts).toMatchObject({ sent: 1, unknown: 1 });
    expect(rerun.counts).toMatchObject({ sent: 0, unknown: 1, skipped: 1 });
    expect(forced.counts.sent).toBe(2);
    expect(plain.accepted.sort()).toEqual(['reader0@example.com', 'reader1@example.com']);
  });

  it('treats a claim whose lease ran out as unknown (its run died mid-send), not as pending', async () => {
    let now = Date.parse('2026-11-30T08:00:00Z');
    const ledger = new MemorySendLedger({ leaseMs: 1000, now: () => now });
    await ledger.claim('digest-1', 'reader0@example.com', 'dead-run');
    now += 5000;
    const m = scriptedMailer();
    const report = await sendDigest(job(people(2)), { mailer: m.mailer, ledger, ...fast });
    expect(m.accepted).toEqual(['reader1@example.com']);
    expect(report.unknown[0]?.reason).toMatch(/dead-run claimed it and never finished/);
  });

  it('fault 6: a recipient another live run is sending right now is reported pending, not skipped as done', async () => {
    const ledger = new MemorySendLedger();
    await ledger.claim('digest-1', 'reader0@example.com', 'other-run');
    const m = scriptedMailer();
    const report = await sendDigest(job(people(2)), { mailer: m.mailer, ledger, ...fast, force: true });
    expect(m.accepted).toEqual(['reader1@example.com']);
    expect(report.pending[0]?.reason).toMatch(/being sent by another run \(other-run\)/);
    expect(report.counts.skipped).toBe(0);
    expect(reportSucceeded(report)).toBe(false);
  });

  it('builds every message on a dry run and sends and records nothing', async () => {
    const ledger = new MemorySendLedger();
    const m = scriptedMailer();
    let built = 0;
    const j = job(people(4));
    const prepare = j.prepare;
    const report = await sendDigest(
      {
        ...j,
        prepare: async (r) => {
          built++;
          return prepare(r);
        },
      },
      { mailer: m.mailer, ledger, ...fast, dryRun: true },
    );
    expect(m.calls()).toBe(0);
    expect(built).toBeGreaterThanOrEqual(4);
    expect(report).toMatchObject({ dryRun: true, counts: { sent: 4 } });
    expect(await ledger.get('digest-1', 'reader0@example.com')).toBeUndefined();
  });

  it('refuses the whole run before any send when one recipient address is unsafe', async () => {
    const ledger = new MemorySendLedger();
    const m = scriptedMailer();
    const list = [
      ...people(3),
      { email: 'mallory@example.com\r\nBcc: everyone@example.org', status: 'active' as const },
    ];
    await expect(sendDigest(job(list), { mailer: m.mailer, ledger, ...fast })).rejects.toThrow(MessageError);
    expect(m.calls()).toBe(0);
    expect(await ledger.get('digest-1', 'reader0@example.com')).toBeUndefined();
  });

  it('stops when interrupted and leaves the rest pending', async () => {
    const abort = new AbortController();
    const m = scriptedMailer((_to, call) => {
      if (call === 2) abort.abort();
    });
    const report = await sendDigest(job(people(6)), {
      mailer: m.mailer,
      ledger: new MemorySendLedger(),
      ...fast,
      concurrency: 1,
      signal: abort.signal,
    });
    expect(report.stopReason).toBe('interrupted');
    expect(report.counts).toMatchObject({ sent: 2, pending: 4 });
  });
});
