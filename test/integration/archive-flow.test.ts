// The public web archive end to end, locally: `npm start`'s main job delivers the sample edition with a
// view-in-browser link into the archive it serves; the link, followed from the embedded SES store,
// opens the edition's public page. And `digest send` -> `digest archive` -> `digest analyze` of the feed.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLocalSesStore } from '../../src/adapters/local/embedded-ses.js';
import { main } from '../../src/cli/index.js';
import { runMainJob } from '../../src/cli/main-job.js';
import { captureIO } from '../helpers/capture-io.js';
import { htmlProblems } from '../helpers/html-validate.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SAMPLE = join(ROOT, 'examples/articles/north-korea-human-rights.txt');
const BRIDGE = join(ROOT, 'test/fixtures/articles/harbor-bridge.md');

describe('archive: send -> archive -> the link in the delivered email', () => {
  it('the view-in-browser link of a delivered message opens the public page of the same stories, with no personal data', async () => {
    // Prepare
    const io = captureIO();
    const job = await runMainJob(io, { previewPort: 0 });
    try {
      // Act
      const delivered = await readLocalSesStore(job.inboxUrl);
      const ada = delivered.find((email) => email.destination.to[0]?.includes('ada@example.com'));
      const link = /href="([^"]+\/archive\/editions\/[^"]+\.html)"[^>]*>View in your browser/.exec(
        ada?.body.html ?? '',
      )?.[1];
      const page = link ? await fetch(link) : undefined;
      const html = page ? await page.text() : '';
      const index = await fetch(job.archiveUrl ?? 'http://127.0.0.1:1/');
      const indexHtml = await index.text();
      // Assess
      expect(job.exitCode, io.out()).toBe(0);
      expect(link, ada?.body.html?.slice(-3000)).toBeDefined();
      expect(link?.startsWith(job.archiveUrl ?? '-')).toBe(true);
      expect(page?.status).toBe(200);
      expect(page?.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(html).toContain('China, South Korea Urged To Press North Korea on Human Rights');
      // The same summary the reader got: each of its sentences is on the page.
      const firstSentence = /China and South Korea should play a more active role[^<]*/.exec(
        ada?.body.html ?? '',
      )?.[0];
      expect(firstSentence).toBeDefined();
      expect(html).toContain(firstSentence!.slice(0, 80));
      // Nothing personal: no name, no address, no unsubscribe token, no slot left.
      expect(ada?.body.html ?? '').toContain('Ada');
      expect(html).not.toMatch(/Ada|ada@example\.com|token=|unsubscribe|digest-slot-/i);
      expect(html).toMatch(/<a [^>]*href="\.\.\/index\.html#subscribe"[^>]*>Subscribe<\/a>/);
      // A web page's footer, not the email's: whose archive, the way back to the index, no email wording.
      expect(html).toContain('From the archive of The Weekly Digest');
      expect(html).toMatch(/<a [^>]*href="\.\.\/index\.html"[^>]*>All editions<\/a>/);
      expect(ada?.body.html ?? '').toContain('You receive this email');
      expect(html).not.toMatch(/You receive this email|View in your browser|aria-roledescription="email"/);
      expect(await htmlProblems(html)).toEqual([]);
      expect(index.status).toBe(200);
      expect(indexHtml).toContain(link?.slice(job.archiveUrl?.length ?? 0));
      expect(indexHtml).toContain(`action="${job.subscribeUrl}"`);
      expect(await htmlProblems(indexHtml)).toEqual([]);
    } finally {
      await job.stop();
    }
  }, 60_000);
});

describe('archive: digest send, digest archive, digest analyze of the feed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'digest-archive-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = async (...argv: string[]) => {
    const io = captureIO({ cwd: dir, env: { DIGEST_ARCHIVE_URL: 'https://news.example.org/archive/' } });
    const code = await main(argv, io);
    return { code, out: io.out(), err: io.err() };
  };

  it('lists only editions sent to the list, newest first; the feed reads back as the editions; remove withdraws one', async () => {
    // Prepare: two list sends, one test send, one dry run
    expect((await run('subscribers', 'add', 'reader@example.com', '--name', 'Rita Reader')).code).toBe(0);
    const bridge = await run('send', BRIDGE, '--date', '2026-11-01');
    expect(bridge.code).toBe(0);
    expect(bridge.err).not.toContain('no "View in your browser" link');
    expect((await run('send', SAMPLE, '--date', '2026-11-08')).code).toBe(0);
    expect((await run('send', SAMPLE, '--date', '2026-11-15', '--to', 'tester@example.net')).code).toBe(0);
    const dry = await run(
      'send',
      join(ROOT, 'test/fixtures/articles/port-strike.html'),
      '--date',
      '2026-11-22',
      '--dry-run',
    );
    expect(dry.out + dry.err).toMatch(/dry run/i);
    // Act
    const built = await run('archive', '--out', 'site');
    const index = readFileSync(join(dir, 'site/index.html'), 'utf8');
    const pages = readdirSync(join(dir, 'site/editions')).sort();
    const analyzed = await run('analyze', join(dir, 'site/feed.xml'), '--json');
    // Assess
    expect(built.code, built.err).toBe(0);
    expect(built.out).toContain('archive: 2 editions');
    expect(pages).toHaveLength(2);
    expect(pages[0]).toMatch(/^2026-11-01-[0-9a-f]{16}\.html$/);
    expect(pages[1]).toMatch(/^2026-11-08-[0-9a-f]{16}\.html$/);
    expect(index.indexOf('Human Rights')).toBeLessThan(index.indexOf('Harbor Bridge'));
    expect(index).not.toContain('2026-11-15');
    expect(index).not.toContain('2026-11-22');
    expect(index).not.toContain('Rita');
    for (const page of pages) {
      const html = readFileSync(join(dir, 'site/editions', page), 'utf8');
      expect(html).not.toMatch(/Rita|reader@example\.com|token=/);
      // The archive's footer; no signup configured here, so no Subscribe link (the index has no form).
      expect(html).toContain('From the archive of The Weekly Digest');
      expect(html).toMatch(/<a [^>]*href="\.\.\/index\.html"[^>]*>All editions<\/a>/);
      expect(html).not.toMatch(/>Subscribe<|You receive this email|unsubscribe|View in your browser/i);
      expect(await htmlProblems(html)).toEqual([]);
    }
    expect(analyzed.code, analyzed.err).toBe(0);
    const titles = analyzed.out
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { title: string }).title);
    expect(titles).toEqual([
      'The Weekly Digest: China, South Korea Urged To Press North Korea on Human Rights',
      'The Weekly Digest: Harbor Bridge Reopens After Two-Year Repair',
    ]);
    const feed = readFileSync(join(dir, 'site/feed.xml'), 'utf8');
    expect(feed).toContain(`href="https://news.example.org/archive/editions/${pages[1]}"`);
    expect(feed + index).not.toMatch(/You receive this email|unsubscribe|View in your browser/i);
    expect(feed).toMatch(/<id>urn:digest:edition:[0-9a-f]{16}<\/id>/);

    // Act: withdraw the older edition
    const id = pages[0]!.replace(/\.html$/, '');
    const removed = await run('archive', 'remove', id, '--out', 'site');
    const unknown = await run('archive', 'remove', '2020-01-01-0000000000000000', '--out', 'site');
    // Assess
    expect(removed.code, removed.err).toBe(0);
    expect(readdirSync(join(dir, 'site/editions'))).toEqual([pages[1]]);
    expect(readFileSync(join(dir, 'site/index.html'), 'utf8')).not.toContain('Harbor Bridge');
    expect(readFileSync(join(dir, 'site/feed.xml'), 'utf8')).not.toContain(id);
    expect(unknown.code).toBe(2);
    expect(unknown.err.trim().split('\n')).toHaveLength(1);
    expect(unknown.err).toContain('no edition "2020-01-01-0000000000000000"');
  }, 60_000);

  it('bad input: one line, exit 2', async () => {
    const cases = [
      await run('archive', 'publish'),
      await run('archive', 'remove'),
      await run('archive', '--base-url', 'ftp://x'),
    ];
    for (const result of cases) {
      expect(result.code).toBe(2);
      expect(result.err.trim().split('\n')).toHaveLength(1);
    }
    expect(cases[2]?.err).toContain('--base-url: expected an http(s) URL');
  });
});
