import type { SendEvent } from './send-digest.js';

/**
 * Prints send progress: a redrawn bar on a terminal, otherwise a line every `everyMs` (and at the end),
 * so a CI log stays readable. `total` is optional (a streamed list may not know its size); a dry run
 * counts what it would send, as its report does.
 */
export function progressPrinter(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  options: { total?: number; everyMs?: number; dryRun?: boolean } = {},
): { onEvent: (event: SendEvent) => void; done: () => void } {
  const tty = stream.isTTY === true;
  const everyMs = options.everyMs ?? 5_000;
  let last = 0;
  let line = '';
  let drawn = false;
  let total = options.total;
  const describe = (c: Extract<SendEvent, { type: 'result' }>['counts']) =>
    `${c.sent} ${options.dryRun ? 'would send' : 'sent'}, ${c.skipped} skipped, ${c.failed} failed, ${c.pending} pending, ${c.unknown} unknown`;
  return {
    onEvent(event) {
      if (event.type === 'start') {
        total = event.total;
        return;
      }
      if (event.type === 'stop') {
        stream.write(`${drawn ? '\n' : ''}stopping: ${event.reason}\n`);
        drawn = false;
        return;
      }
      if (event.type === 'retry') {
        if (!tty)
          stream.write(`retry ${event.attempt} for ${event.email} in ${event.delayMs} ms: ${event.reason}\n`);
        return;
      }
      if (event.type !== 'result') return;
      const c = event.counts;
      if (tty) {
        const width = 30;
        const filled = total ? Math.min(width, Math.round((c.total / total) * width)) : 0;
        const bar = total
          ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${c.total}/${total} `
          : `${c.total} `;
        line = `\r${bar}${describe(c)}`;
        stream.write(line);
        drawn = true;
        return;
      }
      const now = Date.now();
      if (now - last >= everyMs) {
        last = now;
        stream.write(`progress: ${c.total}${total ? `/${total}` : ''} done: ${describe(c)}\n`);
      }
    },
    done() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
