/**
 * Paces sends to `rate` per second with a small burst. Each `take()` reserves the next free slot, so
 * concurrent workers are spaced evenly instead of waking together. A rate of 0 or Infinity turns pacing off.
 */
export class TokenBucket {
  private next = 0;
  private readonly interval: number;
  private readonly burst: number;

  constructor(
    rate: number,
    burst = 1,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.interval = rate > 0 && Number.isFinite(rate) ? 1000 / rate : 0;
    this.burst = Math.max(1, burst);
  }

  /** Resolves when the caller may send one message. */
  async take(signal?: AbortSignal): Promise<void> {
    if (this.interval === 0) return;
    const now = this.clock();
    const at = Math.max(now - (this.burst - 1) * this.interval, this.next);
    this.next = at + this.interval;
    if (at > now) await sleep(at - now, signal);
  }

  /** Pushes every later slot back, e.g. after the provider said we were too fast. */
  slowDown(ms: number): void {
    if (this.interval === 0) return;
    this.next = Math.max(this.next, this.clock() + ms);
  }
}

/** setTimeout as a promise that resolves early (without throwing) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
