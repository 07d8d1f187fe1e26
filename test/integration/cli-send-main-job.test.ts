// `npm start`'s main job in process: renders the sample, delivers it to examples/subscribers.json through
// the embedded aws-ses-v2-local, and serves the preview with a working "send test".
import { describe, expect, it } from 'vitest';
import { readLocalSesStore } from '../../src/adapters/local/embedded-ses.js';
import type { CliIO } from '../../src/cli/io.js';
import { runMainJob } from '../../src/cli/main-job.js';

function captureIO(): CliIO & { out: () => string } {
  let out = '';
  const sink = {
    write: (chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  return { stdout: sink, stderr: sink, stdin: process.stdin, cwd: process.cwd(), env: {}, out: () => out };
}

describe('main job (npm start)', () => {
  it('survivor: delivers the sample digest to the active sample subscribers, serves the preview (its failure fails this test), and sends a test on demand', async () => {
    // Prepare
    const io = captureIO();
    // Act
    const job = await runMainJob(io, { previewPort: 0 });
    try {
      const delivered = await readLocalSesStore(job.inboxUrl);
      const test = await job.onSendTest('tester@example.net', []);
      const afterTest = await readLocalSesStore(job.inboxUrl);
      const inbox = await fetch(job.inboxUrl);
      const preview = job.previewUrl ? await fetch(job.previewUrl) : undefined;
      // Assess
      expect(job.exitCode, io.out()).toBe(0);
      expect(io.out()).toMatch(/sent 4, skipped 1, failed 0, pending 0, unknown 0 \(of 5\)/);
      expect(io.out()).toContain(`SES inbox:  ${job.inboxUrl}`);
      expect(delivered.map((e) => e.destination.to[0]).join(' ')).not.toContain('claude@example.com');
      expect(delivered).toHaveLength(4);
      expect(test.messageId).toMatch(/^ses-/);
      expect(afterTest.at(-1)?.destination.to[0]).toContain('tester@example.net');
      expect(inbox.status).toBe(200);
      // The preview is half of `npm start`: a preview that fails to start fails this test.
      expect(job.previewUrl, io.out()).toBeDefined();
      expect(preview?.status).toBe(200);
      expect(await preview?.text()).toMatch(/<html/i);
      expect(io.out()).toContain(`preview:    ${job.previewUrl}`);
      expect(io.out()).not.toMatch(/preview: not started/);
    } finally {
      await job.stop();
    }
  }, 60_000);
});
