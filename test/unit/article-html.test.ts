import { describe, expect, it } from 'vitest';
import { loadArticle, parseArticle } from '../../src/article/index.js';
import { InputError } from '../../src/errors.js';

const PAGE = 'test/fixtures/articles/port-strike.html';

describe('HTML articles', () => {
  it('extracts the title and the main text without nav, sidebar, footer, scripts or styles', async () => {
    // Act
    const article = await loadArticle(PAGE);

    // Assess
    expect(article.format).toBe('html');
    expect(article.title).toBe('Dock Workers End Strike After Pay Deal');
    expect(article.paragraphs).toHaveLength(5);
    expect(article.paragraphs[0]).toMatch(
      /^Dock workers at the port of Westhaven returned to work on Friday/,
    );
    expect(article.paragraphs[1]).toBe(
      '\u201cThis agreement recognises the work our members do every night,\u201d union leader Carlos Mendes said. The deal raises wages by 6 percent this year and 4 percent next year.',
    );
    expect(article.paragraphs.at(-1)).toBe('\u201cNobody wins a strike,\u201d she said.');
    expect(article.text).not.toMatch(/LEAK-MARKER|tracking|font-family|Most read|All rights reserved/);
    expect(article.text).not.toMatch(/[<>]|&\w+;|\u00a0/);
  });

  it('keeps http(s) links of the main content, resolved against the canonical URL, and the page metadata', async () => {
    // Act
    const article = await loadArticle(PAGE);

    // Assess
    expect(article.links).toEqual([
      { text: 'port traffic data', href: 'https://data.example.org/vessels' },
      { text: 'holiday rush', href: 'https://courier.example.com/2026/04/holiday-rush' },
    ]);
    expect(article.text).toContain('Readers can write to the desk.');
    expect(article.url).toBe('https://courier.example.com/2026/05/dock-strike-ends');
    expect(article.publishedAt).toBe('2026-05-02T09:30:00.000Z');
  });

  it('never keeps javascript: or data: links and never leaks inline event handlers', () => {
    // Prepare
    const html = `<!doctype html><html><head><title>Hostile Page</title></head><body><article>
      <h1>Hostile Page</h1>
      <p>First paragraph with <a href="javascript:alert(1)">a script link</a> and
        <a href="data:text/html,hi">a data link</a> and <img src="x" onerror="alert('IMG-LEAK')">.</p>
      <p>Second paragraph with <a href="http://ok.example/x">a fine link</a>.</p>
    </article></body></html>`;

    // Act
    const article = parseArticle(html, { source: 'hostile.html' });

    // Assess
    expect(article.title).toBe('Hostile Page');
    expect(article.links).toEqual([{ text: 'a fine link', href: 'http://ok.example/x' }]);
    expect(article.text).not.toContain('IMG-LEAK');
    expect(article.paragraphs[0]).toBe('First paragraph with a script link and a data link and .');
  });

  it('leaves out elements hidden with display:none, visibility:hidden, hidden and aria-hidden', () => {
    // Prepare
    const body = [
      '<p>The central bank raised rates for the third time, officials said on Thursday in a statement.</p>',
      '<p style="display: none">STYLE-HIDDEN</p><p hidden>ATTR-HIDDEN</p>',
      '<p aria-hidden="true">ARIA-HIDDEN</p><p style="visibility:hidden">VIS-HIDDEN</p>',
      '<p>Analysts had expected the move after inflation data surprised on the upside last month.</p>',
      '<p>A third paragraph makes the article long enough for Readability to trust its first pass.</p>',
    ].join('');

    // Act
    const article = parseArticle(
      `<html><head><title>Rates</title></head><body><article><h1>Rates</h1>${body}</article></body></html>`,
      { source: 'hidden.html' },
    );

    // Assess
    expect(article.paragraphs).toHaveLength(3);
    expect(article.text).not.toContain('HIDDEN');
  });

  it('reads a bare fragment (no html/body) with its h1 as the title', () => {
    // Act
    const article = parseArticle('<h1>Fragment Title</h1><p>Body of a fragment.</p><p>Second.</p>', {
      source: 'fragment.html',
    });

    // Assess
    expect(article.title).toBe('Fragment Title');
    expect(article.paragraphs).toEqual(['Body of a fragment.', 'Second.']);
  });

  it('refuses pathologically deep nesting quickly, before and after parsing (Readability is superlinear in depth)', () => {
    // Prepare
    const nest = (depth: number): string =>
      `<html><head><title>Deep</title></head><body>${'<div>'.repeat(depth)}<p>Deep text here.</p>${'</div>'.repeat(depth)}</body></html>`;
    const implied = `<html><head><title>Lists</title></head><body>${'<ul><li>item '.repeat(300)}</body></html>`;
    const started = performance.now();

    // Act
    const fiveMegabytes = (): unknown => parseArticle('<div>'.repeat(1_000_000), { source: 'deep.html' });
    const impliedNesting = (): unknown => parseArticle(implied, { source: 'lists.html' });
    const fine = parseArticle(nest(60), { source: 'fine.html' });

    // Assess
    expect(fiveMegabytes).toThrow(new InputError('deep.html: HTML is nested too deeply (over 256 levels)'));
    expect(impliedNesting).toThrow(new InputError('lists.html: HTML is nested too deeply (over 256 levels)'));
    expect(fine.paragraphs).toEqual(['Deep text here.']);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('refuses more elements than Readability can handle in reasonable time', () => {
    // Prepare
    const html = `<title>Many</title>${'<p>x</p><script>var a = "<div><div>";</script>'.repeat(50_000)}`;
    const started = performance.now();

    // Act
    const attempt = (): unknown => parseArticle(html, { source: 'many.html' });

    // Assess
    expect(attempt).toThrow(new InputError('many.html: HTML has too many elements (over 40,000)'));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
