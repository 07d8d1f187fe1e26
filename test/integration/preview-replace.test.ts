import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
