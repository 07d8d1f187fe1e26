import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { NO_WEB_BASE_URL_NOTE } from '../../src/settings/local.js';
import { captureIO } from '../helpers/capture-io.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = join(root, 'examples/articles/north-korea-human-rights.txt');

describe('digest render', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'digest-render-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the four files for the sample and prints their sizes', async () => {
    // Prepare
    const io = captureIO({ cwd: dir });
    // Act
    const code = await main(['render', SAMPLE, '--out', 'out', '--date', '2026-11-30'], io);
    // Assess: no web address set, so no view-in-browser link (not one to a placeholder), said once
    expect(io.err()).toBe(`note: ${NO_WEB_BASE_URL_NOTE}\n`);
    expect(code).toBe(0);
    for (const name of ['digest.html', 'digest.txt']) {
      const written = readFileSync(join(dir, 'out', name), 'utf8');
      expect(written).not.toMatch(/View in your browser|example\.com\/editions|127\.0\.0\.1:3000/);
    }
    for (const name of ['digest.html', 'digest.txt', 'digest.json', 'digest.eml']) {
      expect(existsSync(join(dir, 'out', name))).toBe(true);
      expect(io.out()).toMatch(new RegExp(`wrote .*${name.replace('.', '\\.')}  \\d+\\.\\d KB`));
    }
    expect(statSync(join(dir, 'out', 'digest.html')).size).toBeLessThan(60 * 1024);
    const json = JSON.parse(readFileSync(join(dir, 'out', 'digest.json'), 'utf8'));
    expect(json.items[0].analysis.quotes.length).toBeGreaterThan(0);
    expect(json.digest.edition.date).toBe('2026-11-30');
    const parsed = await simpleParser(readFileSync(join(dir, 'out', 'digest.eml')));
    expect(parsed.subject).toBe(
      'The Weekly Digest: China, South Korea Urged To Press North Korea on Human Rights',
    );
    expect(parsed.html).toBe(readFileSync(join(dir, 'out', 'digest.html'), 'utf8'));
    expect(parsed.text?.trim()).toBe(readFileSync(join(dir, 'out', 'digest.txt'), 'utf8').trim());
    expect(parsed.to && 'text' in parsed.to ? parsed.to.text : '').toContain('reader@example.com');
  });

  it.each([
    [['render', '--out', 'out'], /name at least one article/],
    [['render', 'ftp://example.com/a.txt', '--out', 'out'], /only http and https/],
    [['render', SAMPLE], /--out DIR is required/],
    [['render', SAMPLE, '--out', 'out', '--date', '2026-13-01'], /edition date: expected YYYY-MM-DD/],
    [['render', SAMPLE, '--out', 'out', '--format', 'pdf'], /--format expects/],
    [['render', 'missing.txt', '--out', 'out'], /missing\.txt/],
    [['render', SAMPLE, '--out', 'out', '--bogus'], /bogus/],
  ])('exits 2 with one line for bad usage: %j', async (argv, message) => {
    const io = captureIO({ cwd: dir });
    expect(await main(argv, io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err().trim().split('\n')).toHaveLength(1);
  });

  it('links "View in your browser" under DIGEST_WEB_BASE_URL, else under DIGEST_ARCHIVE_URL, when one is set', async () => {
    // Prepare
    const web = captureIO({ cwd: dir, env: { DIGEST_WEB_BASE_URL: 'https://news.example.org/pages/' } });
    const archive = captureIO({ cwd: dir, env: { DIGEST_ARCHIVE_URL: 'https://news.example.org/archive/' } });
    // Act
    const webCode = await main(['render', SAMPLE, '--out', 'web', '--date', '2026-11-30'], web);
    const archiveCode = await main(['render', SAMPLE, '--out', 'archive', '--date', '2026-11-30'], archive);
    // Assess
    expect(webCode, web.err()).toBe(0);
    expect(archiveCode, archive.err()).toBe(0);
    expect(web.err() + archive.err()).not.toContain(NO_WEB_BASE_URL_NOTE);
    const page = /^https:\/\/news\.example\.org\/%s\/2026-11-30-[0-9a-f]{16}\.html$/.source;
    for (const [out, path] of [
      ['web', 'pages'],
      ['archive', 'archive\\/editions'],
    ] as const) {
      const html = readFileSync(join(dir, out, 'digest.html'), 'utf8');
      const text = readFileSync(join(dir, out, 'digest.txt'), 'utf8');
      const link = /href="([^"]+)"[^>]*>View in your browser/.exec(html)?.[1];
      expect(link, out).toMatch(new RegExp(page.replace('%s', path)));
      expect(text).toContain(`View in your browser:\n<${link}>`);
    }
  });

  it('renders an article fetched from a URL (local server, loopback allowed)', async () => {
    // Prepare
    const page = readFileSync(join(root, 'test/fixtures/articles/port-strike.html'));
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/port-strike.html`;
    const io = captureIO({ cwd: dir });
    try {
      // Act
      const code = await main(
        ['render', url, '--allow-loopback', '--out', 'out', '--date', '2026-11-30'],
        io,
      );
      // Assess
      expect(io.err()).toBe(`note: ${NO_WEB_BASE_URL_NOTE}\n`);
      expect(code).toBe(0);
      const json = JSON.parse(readFileSync(join(dir, 'out', 'digest.json'), 'utf8'));
      expect(json.items[0].article.source).toBe(url);
      expect(readFileSync(join(dir, 'out', 'digest.html'), 'utf8')).toContain('Dock Workers End Strike');
    } finally {
      server.close();
    }
  });

  it('exits 2 naming the key for an invalid theme file', async () => {
    writeFileSync(join(dir, 'theme.json'), JSON.stringify({ colors: { text: '#eeeeee' } }));
    const io = captureIO({ cwd: dir });
    expect(await main(['render', SAMPLE, '--out', 'out', '--theme', 'theme.json'], io)).toBe(2);
    expect(io.err()).toMatch(/theme\.json: theme\.colors\.text: contrast/);
  });

  it('prints usage with --help', async () => {
    const io = captureIO({ cwd: dir });
    expect(await main(['render', '--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: digest render');
  });
});
