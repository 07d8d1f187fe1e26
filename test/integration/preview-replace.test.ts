import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArticle } from '../../src/article/index.js';
import type { EditionDocument } from '../../src/edition/document.js';
import { draftEdition } from '../../src/edition/draft.js';
import { saveEdition } from '../../src/edition/store.js';
import { type PreviewServer, startPreview } from '../../src/preview/server.js';

/** Replaces a file as `sed -i`, `git checkout` and safe-writing editors do: a new file renamed over it. */
function replace(file: string, content: string): void {
  writeFileSync(`${file}.new`, content);
  renameSync(`${file}.new`, file);
}

describe('preview reload when files are replaced, not rewritten (issue 12)', () => {
  let dir: string;
  let templatesDir: string;
  let article: string;
  let preview: PreviewServer;
  const email = async () => (await fetch(new URL('/email/0.html', preview.url))).text();
  const version = async () =>
    ((await (await fetch(new URL('/health', preview.url))).json()) as { version: number }).version;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'preview-replace-'));
    templatesDir = join(dir, 'templates');
    cpSync(resolve('templates'), templatesDir, { recursive: true });
    article = join(dir, 'story.txt');
    writeFileSync(article, readFileSync(resolve('examples/articles/north-korea-human-rights.txt')));
    preview = await startPreview(
      { inputs: [article], port: 0, templatesDir },
      { debounceMs: 30, spamassassin: null },
    );
  });
  afterAll(async () => {
    await preview?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sees every replacement of theme.json, a partial and the article, each one reloading the email', async () => {
    const themeFile = join(templatesDir, 'theme.json');
    const theme = JSON.parse(readFileSync(themeFile, 'utf8')) as Record<string, unknown>;
    const footer = join(templatesDir, 'partials', 'footer.mjml');
    const footerText = readFileSync(footer, 'utf8');
    const original = readFileSync(article, 'utf8');
    for (let round = 1; round <= 4; round++) {
      // Act: the theme
      const before = await version();
      replace(themeFile, JSON.stringify({ ...theme, publicationName: `Replaced Times ${round}` }, null, 2));
      // Assess
      await expect.poll(version, { timeout: 5000 }).toBeGreaterThan(before);
      await expect.poll(email, { timeout: 5000 }).toContain(`Replaced Times ${round}`);
      // Act: a partial in a subfolder
      replace(
        footer,
        footerText.replace('</mj-column>', `<mj-text>footer mark ${round}</mj-text></mj-column>`),
      );
      await expect.poll(email, { timeout: 5000 }).toContain(`footer mark ${round}`);
      // Act: the article
      replace(article, original.replace('Human Rights', `Human Rights Round ${round}`));
      await expect.poll(email, { timeout: 5000 }).toContain(`Human Rights Round ${round}`);
    }
  }, 60_000);
});

describe('the editing desk and hand edits of the edition file (issue 12)', () => {
  let dir: string;
  let preview: PreviewServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-hand-'));
  });
  afterAll(async () => {
    await preview?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reloads on a hand edit of the file, and keeps it (recorded from the file) when the desk saves next', async () => {
    // Prepare
    const file = join(dir, 'edition.json');
    const article = await loadArticle(resolve('examples/articles/north-korea-human-rights.txt'));
    saveEdition(file, draftEdition([{ article, itemKey: 'sample' }], { date: '2026-12-07' }));
    preview = await startPreview(
      { inputs: [], edition: file, port: 0 },
      { debounceMs: 30, spamassassin: null },
    );
    const page = await (await fetch(preview.url)).text();
    const token = /data-token="([^"]+)"/.exec(page)?.[1] ?? '';
    const email = async () => (await fetch(new URL('/email/0.html', preview.url))).text();
    // Act: a hand edit, replacing the file as an editor would
    const doc = JSON.parse(readFileSync(file, 'utf8')) as EditionDocument;
    doc.note = 'Written in the file by hand';
    replace(file, JSON.stringify(doc, null, 2));
    // Assess
    await expect.poll(email, { timeout: 5000 }).toContain('Written in the file by hand');
    // Act: a change in the desk
    const response = await fetch(new URL('/edition', preview.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, change: { op: 'subject', text: 'Desk subject' } }),
    });
    // Assess
    expect(response.status).toBe(200);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as EditionDocument;
    expect(saved).toMatchObject({ note: 'Written in the file by hand', subject: 'Desk subject', version: 2 });
    expect(saved.edits.map((e) => [e.path, e.via])).toEqual([
      ['/note', 'file'],
      ['/subject', 'desk'],
    ]);
    expect(await email()).toContain('Written in the file by hand');
    // A change without the page's token is refused and saves nothing.
    const forged = await fetch(new URL('/edition', preview.url), {
      method: 'POST',
      body: JSON.stringify({ token: 'x', change: { op: 'approve' } }),
    });
    expect(forged.status).toBe(403);
    expect((JSON.parse(readFileSync(file, 'utf8')) as EditionDocument).status).toBe('draft');
  }, 30_000);
});
