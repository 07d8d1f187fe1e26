import { describe, expect, it } from 'vitest';
import { progressPrinter } from '../../src/delivery/progress.js';
import type { SendEvent } from '../../src/delivery/send-digest.js';
import { formatReport, ReportBuilder, reportSucceeded } from '../../src/delivery/send-report.js';

function sink(isTTY: boolean) {
  let text = '';
  const stream = {
    isTTY,
    write: (chunk: string) => {
      text += chunk;
      return true;
    },
  } as unknown as NodeJS.WritableStream & { isTTY?: boolean };
  return { stream, text: () => text };
}

const events = (n: number): SendEvent[] => [
  { type: 'start', digestId: 'd', runId: 'r', dryRun: false, total: n },
  ...Array.from({ length: n }, (_, i) => ({
    type: 'result' as const,
    email: `r${i}@example.com`,
    category: 'sent' as const,
    counts: { total: i + 1, sent: i + 1, skipped: 0, failed: 0, pending: 0, unknown: 0 },
  })),
];

describe('progressPrinter', () => {
  it('redraws one bar on a terminal', () => {
    const out = sink(true);
    const printer = progressPrinter(out.stream);
    for (const e of events(4)) printer.onEvent(e);
    printer.done();
    expect(out.text()).toContain('\r[##############################] 4/4 4 sent');
    expect(out.text().split('\n')).toHaveLength(2);
  });

  it('prints periodic lines otherwise', () => {
    const out = sink(false);
    const printer = progressPrinter(out.stream, { everyMs: 0 });
    for (const e of events(3)) printer.onEvent(e);
    expect(out.text()).toBe(
      ['1/3', '2/3', '3/3']
        .map((n, i) => `progress: ${n} done: ${i + 1} sent, 0 skipped, 0 failed, 0 pending, 0 unknown\n`)
        .join(''),
    );
  });
});

describe('report', () => {
  it('counts exactly, caps the detail lists and groups reasons', () => {
    const builder = new ReportBuilder('d', 'r', false, 2);
    for (let i = 0; i < 5; i++) builder.add('skipped', `s${i}@example.com`, 'unsubscribed');
    builder.add('sent', 'a@example.com');
    builder.add('pending', 'p@example.com', 'not sent: daily quota exceeded');
    builder.stop('daily message quota exceeded');
    const report = builder.finish();
    expect(report.counts).toEqual({ total: 7, sent: 1, skipped: 5, failed: 0, pending: 1, unknown: 0 });
    expect(report.skipped).toHaveLength(2);
    expect(report.truncated).toBe(3);
    expect(report.reasons).toEqual({
      'skipped: unsubscribed': 5,
      'pending: not sent: daily quota exceeded': 1,
    });
    expect(reportSucceeded(report)).toBe(false);
    expect(formatReport(report)).toMatch(
      /sent 1, skipped 5, failed 0, pending 1, unknown 0 \(of 7\)\nstopped: daily/,
    );
  });
});
