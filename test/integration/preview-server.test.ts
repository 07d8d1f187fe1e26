import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PreviewServer, startPreview } from '../../src/preview/server.js';
import { findOnPath } from '../../src/preview/spam-check.js';

const SAMPLE = join(process.cwd(), 'examples/articles/north-korea-human-rights.txt');

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request with the path sent exactly as written (fetch and URL would normalise `..` away). */
function raw(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Resolves with the data of the first server-sent event `name` (with data `want` when given), or rejects after `ms`. */
function nextEvent(
  base: string,
  name: string,
  ms: number,
  want?: string,
): { ready: Promise<void>; event: Promise<string> } {
  let onReady!: () => void;
  const ready = new Promise<void>((r) => {
    onReady = r;
  });
  const event = new Promise<string>((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const req = request({ hostname, port, path: '/events' }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        if (buffer.includes('event: hello')) onReady();
        for (const match of buffer.matchAll(/event: (\w+)\ndata: ([^\n]*)\n/g)) {
          if (match[1] === name && (want === undefined || match[2] === want)) {
            clearTimeout(timer);
            req.destroy();
            resolve(match[2] ?? '');
            return;
          }
        }
      });
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no "${name}" event within ${ms} ms`));
    }, ms);
    req.on('error', () => {});
    req.end();
  });
  return { ready, event };
}

describe('preview server (real article reader, analyzer and renderer on a temp copy of templates/)', () => {
  let dir: string;
  let templatesDir: string;
  let hostileArticle: string;
  let preview: PreviewServer;
  const sent: { to: string; inputs: string[]; subject: string | undefined }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'preview-server-'));
    templatesDir = join(dir, 'templates');
    cpSync(join(process.cwd(), 'templates'), templatesDir, { recursive: true });
    hostileArticle = join(dir, 'hostile.txt');
    writeFileSync(
      hostileArticle,
      'Council <script>alert(1)</script> votes on budget\n\n' +
        'The council met on Monday. "We will publish the <b>figures</b> next week," said Mayor Jane Doe. ' +
        'The vote is expected in March.\n',
    );
    preview = await startPreview(
      {
        inputs: [SAMPLE, hostileArticle],
        port: 0,
        templatesDir,
        onSendTest: async (to, inputs, shown) => {
          sent.push({ to, inputs, subject: shown?.rendered.subject });
          return { messageId: 'test-message-1' };
        },
        inboxUrl: 'http://127.0.0.1:9/inbox',
      },
      // SpamAssassin has its own test below; here it would only compete for the CPU.
      { debounceMs: 50, spamassassin: null },
    );
  });

  afterAll(async () => {
    await preview?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only and refuses requests for other host names (DNS rebinding)', async () => {
    // Prepare
    const url = new URL(preview.url);
    // Act
    const rebinding = await raw(preview.url, '/', { headers: { host: `evil.example:${url.port}` } });
    const local = await raw(preview.url, '/', { headers: { host: `localhost:${url.port}` } });
    // Assess
    expect(url.hostname).toBe('127.0.0.1');
    expect(rebinding.status).toBe(421);
    expect(local.status).toBe(200);
  });

  it('cannot be reached on any other address of this machine', async () => {
    // Prepare: every other local address (the LAN one when there is one, and ::1)
    const port = Number(new URL(preview.url).port);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && a.address !== '127.0.0.1' && !a.address.startsWith('fe80'))
      .map((a) => a!.address);
    // Act
    const attempts = await Promise.all(
      others.map(
        (address) =>
          new Promise<string>((resolve) => {
            const socket = connect({ host: address, port });
            socket.once('connect', () => {
              socket.destroy();
              resolve(`${address}: connected`);
            });
            socket.once('error', (error: NodeJS.ErrnoException) => resolve(`${address}: ${error.code}`));
          }),
      ),
    );
    const control = await raw(preview.url, '/health');
    // Assess
    expect(control.status).toBe(200);
    for (const attempt of attempts) expect(attempt).toMatch(/: (ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH)$/);
  });

  it('serves the page with a strict CSP, nosniff, the article list and no inline script', async () => {
    // Act
    const res = await raw(preview.url, '/');
    // Assess
    expect(res.status).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.body).toContain('China, South Korea Urged To Press North Korea on Human Rights');
    expect(res.body).toContain('Full edition');
    expect(res.body).toMatch(/<span class="preheader">— [^<]{20,}<\/span>/);
    const sandbox = /<iframe[^>]*sandbox="([^"]*)"/.exec(res.body)?.[1];
    expect(sandbox).toBeDefined();
    expect(sandbox).not.toContain('allow-scripts');
    expect(sandbox).not.toContain('allow-same-origin');
    // Only the external script: no inline script bodies, no event-handler attributes.
    expect(res.body.match(/<script\b[^>]*>/g)).toEqual(['<script src="/assets/preview.js" defer>']);
    expect(res.body).not.toMatch(/\son[a-z]+="/i);
  });

  it('escapes article content everywhere it shows it', async () => {
    // Act
    const page = await raw(preview.url, '/?a=1&tab=json');
    // Assess
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<b>figures</b>');
  });

  it('ignores hostile query parameters and refuses other methods', async () => {
    // Act
    const hostileState = await raw(
      preview.url,
      '/?a=0&view=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&scheme=%22%3E&tab=javascript:alert(1)',
    );
    const hostileSelection = await raw(preview.url, '/?a=%3Cscript%3E');
    const deleted = await raw(preview.url, '/', { method: 'DELETE' });
    // Assess
    expect(hostileState.status).toBe(200);
    expect(hostileState.body).not.toContain('<script>alert');
    expect(hostileState.body).not.toContain('javascript:');
    expect(hostileState.body).toContain('class="stage view-desktop scheme-light"');
    expect(hostileSelection.status).toBe(404);
    expect(deleted.status).toBe(405);
  });

  it('serves each article as a one-article digest and all of them as one edition', async () => {
    // Act
    const one = await raw(preview.url, '/email/0.html');
    const all = await raw(preview.url, '/email/all.html');
    const text = await raw(preview.url, '/email/all.txt');
    // Assess
    expect(one.status).toBe(200);
    expect(one.body).toContain('Jay Lefkowitz');
    expect(one.body).not.toContain('Council');
    expect(all.body).toContain('Jay Lefkowitz');
    expect(all.body).toContain('Council');
    expect(text.body).toContain('Jay Lefkowitz');
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('serves the email with its own CSP that sandboxes it and allows no script', async () => {
    // Act
    const res = await raw(preview.url, '/email/0.html');
    // Assess
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/(^|; )sandbox( |;|$)/);
    expect(csp).not.toContain('allow-scripts');
    expect(csp).not.toContain('script-src');
  });

  it('applies the dark styles of the email for the dark-mode preview', async () => {
    // Act
    const light = await raw(preview.url, '/email/0.html?scheme=light');
    const dark = await raw(preview.url, '/email/0.html?scheme=dark');
    // Assess
    expect(light.body).not.toContain('data-preview="dark-mode"');
    expect(dark.body).toContain('data-preview="dark-mode"');
    expect(dark.body).toContain('color-scheme:dark');
  });

  it('serves the raw .eml with headers and the analysis JSON', async () => {
    // Act
    const eml = await raw(preview.url, '/email/0.eml');
    const json = await raw(preview.url, '/email/0.json');
    // Assess
    expect(eml.status).toBe(200);
    expect(eml.body).toMatch(/^Subject: /m);
    expect(eml.body).toMatch(/^List-Unsubscribe: /m);
    expect(eml.body).toContain('multipart/alternative');
    const analysis = JSON.parse(json.body) as { quotes: { speaker: string | null }[] };
    expect(analysis.quotes.map((q) => q.speaker)).toContain('Jay Lefkowitz');
  });

  it.each([
    '/assets/../server.ts',
    '/assets/..%2fserver.ts',
    '/assets/%2e%2e/server.ts',
    '/article/../../package.json',
    '/email/../../package.json',
    '/../package.json',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/article/..%2f..%2fpackage.json',
    '/templates/digest.mjml',
    '/examples/articles/north-korea-human-rights.txt',
    `/${SAMPLE}`,
    '/article/7.txt',
    '/email/7.html',
    '/email/-1.html',
  ])('answers 404 for %s (no file outside the templates and the given articles)', async (path) => {
    // Act
    const res = await raw(preview.url, path);
    // Assess
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('import ');
    expect(res.body).not.toContain('"name"');
    expect(res.body).not.toContain('root:');
  });

  it('serves a given article by its index, never by path', async () => {
    // Act
    const res = await raw(preview.url, '/article/0.txt');
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toContain('Jay Lefkowitz');
  });

  it('reports size, text-part links and image alt text in the checks panel', async () => {
    // Act
    const res = await raw(preview.url, '/checks/0');
    // Assess
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/data-check="size"[\s\S]*?KB of 102\.0 KB/);
    expect(res.body).toMatch(/data-check="text-links"[\s\S]*?links of the HTML are in the plain text/);
    expect(res.body).toContain('data-check="image-alt"');
    expect(res.body).toMatch(/data-check="mjml"[\s\S]*?templates are valid/);
  });

  it('refuses a send-test without the page token, and sends the selected article with it', async () => {
    // Prepare
    const page = await raw(preview.url, '/?a=0');
    const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    // Act
    const forged = await raw(preview.url, '/send-test', form({ to: 'a@example.com', a: '0' }));
    const badAddress = await raw(preview.url, '/send-test', form({ token, to: 'not an address', a: '0' }));
    const ok = await raw(preview.url, '/send-test', form({ token, to: 'editor@example.com', a: '0' }));
    // Assess
    expect(page.body).toContain('Send test');
    expect(page.body).toContain('href="http://127.0.0.1:9/inbox"');
    expect(forged.status).toBe(403);
    expect(badAddress.status).toBe(400);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ messageId: 'test-message-1', to: 'editor@example.com' });
    expect(sent).toEqual([
      {
        to: 'editor@example.com',
        inputs: [SAMPLE],
        subject: 'The Weekly Digest: China, South Korea Urged To Press North Korea on Human Rights',
      },
    ]);
  });

  it('shows a template error in the page without stopping, and recovers when it is fixed', async () => {
    // Prepare
    const file = join(templatesDir, 'partials', 'footer.mjml');
    const good = readFileSync(file, 'utf8');
    const broken = nextEvent(preview.url, 'reload', 5000);
    await broken.ready;
    // Act
    writeFileSync(file, `${good}\n<mj-section><mj-column><mj-bogus>x</mj-bogus></mj-column></mj-section>\n`);
    await broken.event;
    const withError = await raw(preview.url, '/?a=0');
    const emailWithError = await raw(preview.url, '/email/0.html');
    const fixed = nextEvent(preview.url, 'reload', 5000);
    await fixed.ready;
    writeFileSync(file, good);
    await fixed.event;
    const recovered = await raw(preview.url, '/?a=0');
    // Assess
    expect(withError.status).toBe(200);
    expect(withError.body).toContain('Template error');
    expect(withError.body).toContain('footer.mjml');
    expect(emailWithError.body).toContain('could not be rendered');
    expect(recovered.body).not.toContain('Template error');
    expect(recovered.body).toMatch(/data-check="mjml"[\s\S]*?templates are valid/);
  });

  it('restyles on a theme.json edit and shows a bad theme value as an error', async () => {
    // Prepare
    const file = join(templatesDir, 'theme.json');
    const original = readFileSync(file, 'utf8');
    const theme = JSON.parse(original) as Record<string, unknown>;
    const renamed = nextEvent(preview.url, 'reload', 5000);
    await renamed.ready;
    // Act
    writeFileSync(file, JSON.stringify({ ...theme, publicationName: 'The Harbour Gazette' }));
    await renamed.event;
    const restyled = await raw(preview.url, '/email/0.html');
    const broken = nextEvent(preview.url, 'reload', 5000);
    await broken.ready;
    writeFileSync(file, JSON.stringify({ ...theme, colors: { accent: 'not-a-colour' } }));
    await broken.event;
    const withError = await raw(preview.url, '/?a=0');
    const restored = nextEvent(preview.url, 'reload', 5000);
    await restored.ready;
    writeFileSync(file, original);
    await restored.event;
    // Assess
    expect(restyled.body).toContain('The Harbour Gazette');
    expect(withError.body).toContain('Template error');
    expect(withError.body).toMatch(/theme\.json[^<]*colors\.accent/);
  });

  it('pushes a reload over server-sent events when an article file changes', async () => {
    // Prepare
    const original = readFileSync(hostileArticle, 'utf8');
    const reload = nextEvent(preview.url, 'reload', 5000);
    await reload.ready;
    const started = Date.now();
    // Act
    writeFileSync(hostileArticle, original.replace('Council', 'Assembly'));
    const version = await reload.event;
    const page = await raw(preview.url, '/?a=1');
    // Assess
    expect(Date.now() - started).toBeLessThan(1000);
    expect(page.body).toContain(`data-version="${version}"`);
    expect(page.body).toContain('Assembly');
  });
});

describe('preview options, ports and SpamAssassin', () => {
  it('takes the next free port when the asked one is in use', async () => {
    // Prepare
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as { port: number }).port;
    // Act
    const preview = await startPreview({ inputs: [SAMPLE], port: taken }, { spamassassin: null });
    // Assess
    try {
      const port = Number(new URL(preview.url).port);
      expect(port).toBeGreaterThan(taken);
      expect(port).toBeLessThan(taken + 20);
    } finally {
      await preview.close();
      await new Promise((r) => blocker.close(r));
    }
  });

  it('without inputs lists every file in examples/articles/ and has no send button', async () => {
    // Act
    const preview = await startPreview({ inputs: [], port: 0 }, { spamassassin: null });
    try {
      const page = await raw(preview.url, '/');
      const send = await raw(preview.url, '/send-test', { method: 'POST', body: 'to=a@example.com' });
      // Assess
      expect(page.body).toContain('north-korea-human-rights.txt');
      // Whether the whole edition fits one email or not, the landing page shows an email.
      expect(page.body).toMatch(/<span class="label">Subject<\/span>/);
      expect(page.body).not.toContain('Send test');
      expect(send.status).toBe(404);
    } finally {
      await preview.close();
    }
  });

  it('scores the message with SpamAssassin in the background and announces the result', async (context) => {
    // Prepare
    if (!findOnPath('spamassassin')) {
      if (process.env['DIGEST_REQUIRE_SYSTEM_TOOLS'] === '1')
        throw new Error('spamassassin is not installed');
      console.warn(
        'SKIPPED: spamassassin is not on PATH (apt-get install spamassassin); SpamAssassin check not tested',
      );
      context.skip();
    }
    const preview = await startPreview({ inputs: [SAMPLE], port: 0 });
    try {
      const announced = nextEvent(preview.url, 'checks', 25_000, '0');
      await announced.ready;
      // Act
      const first = await raw(preview.url, '/checks/0');
      const selection = await announced.event;
      const later = await raw(preview.url, '/checks/0');
      // Assess
      expect(first.body).toMatch(/data-check="spamassassin"[\s\S]*?scoring the message/);
      expect(selection).toBe('0');
      expect(later.body).toMatch(/data-check="spamassassin"[\s\S]*?score -?\d+\.\d \(spam at 5\.0\)/);
    } finally {
      await preview.close();
    }
  });

  it('says how to install SpamAssassin when it is not on PATH', async () => {
    // Prepare
    const preview = await startPreview({ inputs: [SAMPLE], port: 0 }, { spamassassin: null });
    try {
      // Act
      const checks = await raw(preview.url, '/checks/0');
      // Assess
      expect(checks.body).toContain('apt-get install spamassassin');
    } finally {
      await preview.close();
    }
  });

  it('lists binary and empty article files with their error and still previews the good one', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'preview-bad-'));
    const binary = join(dir, 'binary.txt');
    const empty = join(dir, 'empty.txt');
    writeFileSync(binary, Buffer.from([0x62, 0x00, 0x01, 0xff, 0xfe]));
    writeFileSync(empty, '');
    const preview = await startPreview({ inputs: [binary, empty, SAMPLE], port: 0 }, { spamassassin: null });
    try {
      // Act
      const page = await raw(preview.url, '/');
      const broken = await raw(preview.url, '/email/0.html');
      const edition = await raw(preview.url, '/email/all.html');
      // Assess
      expect(page.status).toBe(200);
      expect(page.body).toMatch(/error-text">[^<]*binary\.txt: looks binary/);
      expect(page.body).toMatch(/error-text">[^<]*empty\.txt: is empty/);
      expect(broken.body).toContain('could not be rendered');
      expect(edition.body).toContain('Jay Lefkowitz');
    } finally {
      await preview.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fits an article with hundreds of quotes under the size limit and lists what it left out (issue 10)', async () => {
    // Prepare: an article with hundreds of quotes (it rendered far past 100 KB before the selection)
    const dir = mkdtempSync(join(tmpdir(), 'preview-big-'));
    const big = join(dir, 'big.txt');
    const quotes = Array.from(
      { length: 600 },
      (_, i) =>
        `"Statement ${i} is about the budget, the roads and the schools of the city," said Mayor Jane Doe.`,
    );
    writeFileSync(big, `Council publishes its statements\n\n${quotes.join('\n\n')}\n`);
    const preview = await startPreview({ inputs: [big], port: 0 }, { spamassassin: null });
    try {
      // Act
      const checks = await raw(preview.url, '/checks/0');
      const page = await raw(preview.url, '/');
      // Assess
      expect(page.body).not.toContain('Cannot show this email.');
      expect(checks.body).not.toContain('data-check="render"');
      expect(checks.body).toMatch(/data-check="not-shown"[\s\S]*?\d+ items left out of the email, and why/);
      expect(checks.body).toContain('Council publishes its statements: quote');
      expect(checks.body).toContain('ranked below the 3 key quotes shown');
    } finally {
      await preview.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('still previews the HTML when the message cannot be built, and says why in the .eml tab', async () => {
    // Prepare: a sender address the MIME builder refuses
    const preview = await startPreview({
      inputs: [SAMPLE],
      port: 0,
      delivery: {
        sender: { fromAddress: 'not an address', fromName: 'Digest', listId: 'digest.example.com' },
        personalize: {
          unsubscribeBaseUrl: 'https://example.com/u',
          hmacKey: 'k',
          listId: 'digest.example.com',
        },
      },
    });
    try {
      // Act
      const page = await raw(preview.url, '/?a=0&tab=eml');
      const email = await raw(preview.url, '/email/0.html');
      const eml = await raw(preview.url, '/email/0.eml');
      // Assess
      expect(email.body).toContain('Jay Lefkowitz');
      expect(eml.status).toBe(404);
      expect(page.body).toMatch(/<p class="note">Building the message failed: [^<]*not an address/);
      expect(page.body).toMatch(/data-check="spamassassin"[\s\S]*?(not run|not installed)/);
    } finally {
      await preview.close();
    }
  });

  it('lists every item of a feed file as an article of its own', async () => {
    // Prepare
    const feed = join(process.cwd(), 'test/fixtures/feeds/atom.xml');
    const preview = await startPreview({ inputs: [feed], port: 0 }, { spamassassin: null });
    try {
      // Act
      const page = await raw(preview.url, '/?a=all');
      const second = await raw(preview.url, '/email/1.html');
      // Assess
      const titles = [...page.body.matchAll(/<span class="title">([^<]+)<\/span>/g)].map((m) => m[1]);
      expect(titles.length).toBeGreaterThanOrEqual(3);
      expect(titles[0]).toBe('Full edition');
      expect(second.status).toBe(200);
      expect(second.body).toContain(titles[2]);
    } finally {
      await preview.close();
    }
  });

  it('rejects a missing article file with a one-line input error', async () => {
    // Act / Assess
    await expect(startPreview({ inputs: ['/nonexistent/article.txt'], port: 0 })).rejects.toThrow(
      /preview: \/nonexistent\/article\.txt: no such file/,
    );
  });
});
