import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLocalSesStore, startLocalSes } from '../../src/adapters/local/embedded-ses.js';
import { main } from '../../src/cli/index.js';
import { runPreview } from '../../src/cli/preview.js';
import { captureIO } from '../helpers/capture-io.js';

const SAMPLE = 'examples/articles/north-korea-human-rights.txt';

/** Waits until the command has printed its URL. */
async function printedUrl(io: { out: () => string }): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const url = /Preview: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(io.out())?.[1];
    if (url) return url;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no URL printed: ${io.out()}`);
}

const get = async (url: string) => (await fetch(url)).text();

const status = (url: string) =>
  new Promise<number>((resolve, reject) => {
    request(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });

describe('digest preview (CLI)', () => {
  it.each([
    ['--port', 'abc'],
    ['--port', '70000'],
    ['--port', '-1'],
  ])('rejects %s %s with exit 2 and one line', async (...args) => {
    // Prepare
    const io = captureIO();
    // Act
    const code = await main(['preview', ...args], io);
    // Assess
    expect(code).toBe(2);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toMatch(/^digest: /);
  });

  it('names a missing article file in one line and exits 2', async () => {
    // Prepare
    const io = captureIO();
    // Act
    const code = await main(['preview', 'no-such-article.txt', '--port', '0'], io);
    // Assess
    expect(code).toBe(2);
    expect(io.err()).toBe('digest: preview: no-such-article.txt: no such file\n');
  });

  it('prints its 127.0.0.1 URL, serves until stopped, then shuts down cleanly', async () => {
    // Prepare
    const io = captureIO();
    const stop = new AbortController();
    // Act
    const running = runPreview(
      ['examples/articles/north-korea-human-rights.txt', '--port', '0'],
      io,
      stop.signal,
    );
    let url = '';
    for (let i = 0; i < 200 && !url; i++) {
      await new Promise((r) => setTimeout(r, 25));
      url = /Preview: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(io.out())?.[1] ?? '';
    }
    const before = await status(url);
    stop.abort();
    const code = await running;
    // Assess
    expect(before).toBe(200);
    expect(code).toBe(0);
    expect(io.out()).toContain('Preview stopped.');
    await expect(status(url)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('with --ses-endpoint sends the previewed digest to a real aws-ses-v2-local from the page', async () => {
    // Prepare
    const ses = await startLocalSes({ port: 0 });
    const io = captureIO();
    const stop = new AbortController();
    const running = runPreview(
      ['examples/articles/north-korea-human-rights.txt', '--port', '0', '--ses-endpoint', ses.endpoint],
      io,
      stop.signal,
    );
    try {
      const url = await printedUrl(io);
      const page = await get(url);
      const token = /name="token" value="([^"]+)"/.exec(page)?.[1] ?? '';
      // Act
      const response = await fetch(new URL('/send-test', url), {
        method: 'POST',
        body: new URLSearchParams({ token, to: 'editor@example.com', a: '0' }),
      });
      const result = (await response.json()) as { messageId: string };
      const stored = await readLocalSesStore(ses.endpoint);
      // Assess
      expect(response.status).toBe(200);
      expect(page).toContain(`href="${ses.endpoint}/"`);
      expect(io.out()).toContain(`Send test: the SES endpoint ${ses.endpoint}`);
      const message = stored.find((m) => m.messageId === result.messageId);
      expect(message?.destination.to.join()).toContain('editor@example.com');
      // A test send is the previewed digest, marked as a test in its subject and at the top (issue 12).
      const shown = /<span class="label">Subject<\/span> ([^<]+)</.exec(page)?.[1]?.trim();
      expect(message?.subject).toBe(`[Test] ${shown}`);
      expect(message?.body.text).toMatch(/^\*\*\* TEST SEND: /);
      expect(message?.body.html).toContain('data-test-banner');
    } finally {
      stop.abort();
      await running;
      await ses.close();
    }
  });

  it('with --ses-endpoint also serves the subscribe page: a signup is pending and its confirmation reaches the inbox (issue 14)', async () => {
    // Prepare
    const ses = await startLocalSes({ port: 0 });
    const cwd = mkdtempSync(join(tmpdir(), 'preview-subscribe-'));
    const io = captureIO({ cwd });
    const stop = new AbortController();
    const sample = join(process.cwd(), 'examples/articles/north-korea-human-rights.txt');
    const running = runPreview([sample, '--port', '0', '--ses-endpoint', ses.endpoint], io, stop.signal);
    try {
      await printedUrl(io);
      const subscribe = /Subscribe: (http:\/\/127\.0\.0\.1:\d+\/subscribe)/.exec(io.out())?.[1];
      expect(subscribe, io.out()).toBeDefined();
      // Act
      const response = await fetch(subscribe!, {
        method: 'POST',
        body: new URLSearchParams({ email: 'new.reader@example.com', name: 'New Reader', website: '' }),
      });
      const stored = await readLocalSesStore(ses.endpoint);
      // Assess
      expect(response.status).toBe(202);
      expect(stored.some((m) => m.destination.to.join().includes('new.reader@example.com'))).toBe(true);
      const list = readFileSync(join(cwd, '.digest', 'subscribers.json'), 'utf8');
      expect(list).toContain('new.reader@example.com');
      expect(list).toContain('pending');
    } finally {
      stop.abort();
      await running;
      await ses.close();
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('runs as a real process until Ctrl-C (SIGINT), then exits 0 after a clean shutdown', async () => {
    // Prepare
    const child = spawn(process.execPath, ['bin/digest.js', 'preview', SAMPLE, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await printedUrl({ out: () => out });
      const before = await status(url);
      // Act
      child.kill('SIGINT');
      const code = await exited;
      // Assess
      expect(before).toBe(200);
      expect(code).toBe(0);
      expect(out).toContain('Preview stopped.');
      await expect(status(url)).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('prints help with --help', async () => {
    // Prepare
    const io = captureIO();
    // Act
    const code = await main(['preview', '--help'], io);
    // Assess
    expect(code).toBe(0);
    expect(io.out()).toContain('digest preview [FILE...] [--port N]');
  });
});
