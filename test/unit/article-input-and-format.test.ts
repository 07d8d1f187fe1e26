import { readFileSync } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { detectFormat, loadArticle, loadArticles } from '../../src/article/index.js';
import { InputError } from '../../src/errors.js';

const SAMPLE = 'examples/articles/north-korea-human-rights.txt';

function stdinOf(...chunks: Array<string | Buffer>): Readable {
  return Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));
}

describe('stdin input (`-`)', () => {
  it('reads an article from the given stdin stream, with CRLF and a BOM split across chunks', async () => {
    // Prepare
    const bom = Buffer.from('\ufeff');
    const stdin = stdinOf(
      bom.subarray(0, 2),
      Buffer.concat([bom.subarray(2), Buffer.from('Title\r\n\r\nBo')]),
      'dy.\r\n',
    );

    // Act
    const article = await loadArticle('-', { stdin });

    // Assess
    expect(article.source).toBe('-');
    expect(article.format).toBe('text');
    expect(article.text).toBe('Title\n\nBody.');
  });

  it('gives stdin the same article as the file', async () => {
    // Prepare
    const stdin = stdinOf(readFileSync(SAMPLE));

    // Act
    const fromStdin = await loadArticle('-', { stdin });
    const fromFile = await loadArticle(SAMPLE);

    // Assess
    expect(fromStdin.text).toBe(fromFile.text);
    expect(fromStdin.id).toBe(fromFile.id);
  });

  it('sniffs HTML and Markdown on stdin, and --format overrides', async () => {
    // Prepare
    const html =
      '<!DOCTYPE html><html><head><title>Piped Page</title></head><body><p>Piped body text.</p></body></html>';

    // Act
    const sniffedHtml = await loadArticle('-', { stdin: stdinOf(html) });
    const sniffedMarkdown = await loadArticle('-', { stdin: stdinOf('# Piped *Title*\n\nBody.') });
    const forcedText = await loadArticle('-', { stdin: stdinOf('# Piped *Title*\n\nBody.'), format: 'text' });

    // Assess
    expect([sniffedHtml.format, sniffedHtml.title, sniffedHtml.paragraphs]).toEqual([
      'html',
      'Piped Page',
      ['Piped body text.'],
    ]);
    expect([sniffedMarkdown.format, sniffedMarkdown.title]).toEqual(['markdown', 'Piped Title']);
    expect([forcedText.format, forcedText.title]).toEqual(['text', '# Piped *Title*']);
  });

  it('counts stdin bytes while reading and stops at maxBytes', async () => {
    // Prepare
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 1024;
        this.push(Buffer.alloc(1024, 'a'));
      },
    });

    // Act
    const attempt = loadArticle('-', { stdin: endless, maxBytes: 64 * 1024 });

    // Assess
    await expect(attempt).rejects.toThrow(new InputError('stdin: is too large (over the 64 KB limit)'));
    expect(produced).toBeLessThan(200 * 1024);
  });

  it('refuses empty stdin and an interactive terminal with one line', async () => {
    // Prepare
    const tty = Object.assign(new PassThrough(), { isTTY: true });

    // Act
    const empty = loadArticle('-', { stdin: stdinOf() });
    const terminal = loadArticle('-', { stdin: tty });

    // Assess
    await expect(empty).rejects.toThrow(new InputError('stdin: is empty (0 bytes)'));
    await expect(terminal).rejects.toThrow(
      new InputError('stdin: is a terminal; pipe an article in or give a file name'),
    );
  });
});

describe('format detection', () => {
  it('goes by the extension first, case-insensitively', () => {
    // Act
    const formats = ['a.txt', 'b.MD', 'c.markdown', 'd.html', 'e.HTM', 'f.text'].map((n) =>
      detectFormat(n, '<html>'),
    );

    // Assess
    expect(formats).toEqual(['text', 'markdown', 'markdown', 'html', 'html', 'text']);
  });

  it('sniffs the content when the extension says nothing', () => {
    // Act
    const formats = [
      '\ufeff  <!DOCTYPE html><p>x',
      '<!-- saved page --><html lang="en">',
      '<HTML>',
      '# Heading\n\nBody',
      '---\ntitle: X\n---\nBody',
      '#hashtag is not a heading',
      'Plain title\n\nBody with <b>tags</b>',
    ].map((content) => detectFormat('article', content));

    // Assess
    expect(formats).toEqual(['html', 'html', 'html', 'markdown', 'markdown', 'text', 'text']);
  });

  it('loadArticles reads several inputs in order and stops at the first bad one', async () => {
    // Act
    const articles = await loadArticles([SAMPLE, 'test/fixtures/articles/setext.md']);
    const attempt = loadArticles([SAMPLE, 'missing.md']);

    // Assess
    expect(articles.map((a) => a.format)).toEqual(['text', 'markdown']);
    await expect(attempt).rejects.toThrow(new InputError('missing.md: file not found'));
  });
});
