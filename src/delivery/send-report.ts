/** One recipient that did not end up sent in this run, and why. */
export interface ReportEntry {
  email: string;
  reason: string;
}

export type ReportCategory = 'sent' | 'skipped' | 'failed' | 'pending' | 'unknown';

/** The outcome of one run of the send loop; `--report FILE` writes it as JSON. */
export interface SendReport {
  digestId: string;
  runId: string;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  /** `complete` when every recipient was visited; `stopped` with `stopReason` otherwise. */
  outcome: 'complete' | 'stopped';
  stopReason?: string;
  counts: Record<ReportCategory, number> & { total: number };
  /** Per-category details (not for `sent`, which the ledger holds); capped, see `truncated`. */
  skipped: ReportEntry[];
  failed: ReportEntry[];
  pending: ReportEntry[];
  unknown: ReportEntry[];
  /** Skipped/failed/... counted per reason, complete even when the lists are capped. */
  reasons: Record<string, number>;
  truncated: number;
}

/** Keeps counts exact and detail lists bounded, so a 100k-recipient run stays small in memory. */
export class ReportBuilder {
  private readonly report: SendReport;
  constructor(
    digestId: string,
    runId: string,
    dryRun: boolean,
    private readonly maxDetails = 1000,
  ) {
    this.report = {
      digestId,
      runId,
      dryRun,
      startedAt: new Date().toISOString(),
      finishedAt: '',
      outcome: 'complete',
      counts: { total: 0, sent: 0, skipped: 0, failed: 0, pending: 0, unknown: 0 },
      skipped: [],
      failed: [],
      pending: [],
      unknown: [],
      reasons: {},
      truncated: 0,
    };
  }

  add(category: ReportCategory, email: string, reason?: string): void {
    this.report.counts.total++;
    this.report.counts[category]++;
    if (category === 'sent') return;
    const why = reason ?? category;
    const general = why.replace(/\(run [^)]*\)|\([^)]*--(?:force|resend-unknown)[^)]*\)/g, '').trim();
    const key = `${category}: ${general.length > 120 ? `${general.slice(0, 120)}...` : general}`;
    this.report.reasons[key] = (this.report.reasons[key] ?? 0) + 1;
    const list = this.report[category];
    if (list.length < this.maxDetails) list.push({ email, reason: why });
    else this.report.truncated++;
  }

  stop(reason: string): void {
    if (this.report.outcome === 'stopped') return;
    this.report.outcome = 'stopped';
    this.report.stopReason = reason;
  }

  get stopped(): boolean {
    return this.report.outcome === 'stopped';
  }

  get stopReason(): string | undefined {
    return this.report.stopReason;
  }

  get counts(): SendReport['counts'] {
    return { ...this.report.counts };
  }

  finish(): SendReport {
    this.report.finishedAt = new Date().toISOString();
    return this.report;
  }
}

/** True when the run delivered everything it should have: nothing failed, pending or unknown. */
export const reportSucceeded = (report: SendReport): boolean =>
  report.outcome === 'complete' &&
  report.counts.failed === 0 &&
  report.counts.pending === 0 &&
  report.counts.unknown === 0;

/** The human summary printed at the end of `digest send`. */
export function formatReport(report: SendReport): string {
  const c = report.counts;
  const verb = report.dryRun ? 'would send' : 'sent';
  const lines = [
    `digest ${report.digestId}: ${verb} ${c.sent}, skipped ${c.skipped}, failed ${c.failed}, pending ${c.pending}, unknown ${c.unknown} (of ${c.total})`,
  ];
  if (report.stopReason) lines.push(`stopped: ${report.stopReason}`);
  for (const [reason, count] of Object.entries(report.reasons).sort((a, b) => b[1] - a[1])) {
    lines.push(`  ${count} x ${reason}`);
  }
  const shown = [...report.failed, ...report.unknown, ...report.pending].slice(0, 20);
  for (const entry of shown) lines.push(`  - ${entry.email}: ${entry.reason}`);
  return lines.join('\n');
}
