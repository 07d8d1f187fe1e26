import { describe, expect, it } from 'vitest';
import { loadArticle, parseArticle } from '../../src/article/index.js';
import { InputError } from '../../src/errors.js';

const FIXTURES = 'test/fixtures/articles';

describe('Markdown articles', () => {
  it('takes the title from front matter, drops the duplicate heading and reduces markup to readable text', async () => {
    // Act
    const article = await loadArticle(`${FIXTURES}/harbor-bridge.md`);

    // Assess
    expect(article.format).toBe('markdown');
    expect(article.title).toBe('Harbor Bridge Reopens After Two-Year Repair');
    expect(article.publishedAt).toBe('2026-03-14T00:00:00.000Z');
    expect(article.paragraphs).toEqual([
      "The Harbor Bridge reopened to traffic on Monday, the city's transport office said, after a repair that ran eight months over schedule.",
      '"We owe residents an apology for the delays," said Mayor Ana Ruiz. See the full statement and the project page.',
      'What changed',
      'New steel cables replace the 1962 originals.',
      'A protected bike lane runs along the north side; details at https://bikes.example.org/harbor.',
      '"The bridge is safer than the day it opened," chief engineer Tom Okafor told reporters. He added that inspections would continue every six months.',
      'Tolls stay at $2 & the council will vote on a rise in May \u2014 the *final* word.',
    ]);
    expect(article.text).not.toMatch(/\*\*|\]\(|!\[|^#|^>|^- /m);
  });

  it('keeps absolute http(s) links with their text and drops relative ones (their text stays)', async () => {
    // Act
    const article = await loadArticle(`${FIXTURES}/harbor-bridge.md`);

    // Assess
    expect(article.links).toEqual([
      { text: 'full statement', href: 'https://city.example.gov/news/bridge?id=7&lang=en' },
      { text: 'https://bikes.example.org/harbor', href: 'https://bikes.example.org/harbor' },
    ]);
    expect(article.text).toContain('See the full statement and the project page.');
  });

  it('takes a setext heading as the title and keeps curly quotes, en dashes and symbols', async () => {
    // Act
    const article = await loadArticle(`${FIXTURES}/setext.md`);

    // Assess
    expect(article.title).toBe('Council Approves \u201cGreen Roofs\u201d Plan');
    expect(article.paragraphs).toHaveLength(2);
    expect(article.paragraphs[0]).toContain('voted 7\u20132 on Tuesday');
  });

  it('uses an ATX heading as the title and the first paragraph line when there is no heading', () => {
    // Act
    const withHeading = parseArticle('# Storm *Warning*\n\nWinds of [100 km/h](https://met.example/w).\n', {
      source: 'a.md',
    });
    const withoutHeading = parseArticle('Plain Headline\nFirst body line.\n\nSecond.', { source: 'b.md' });

    // Assess
    expect(withHeading.title).toBe('Storm Warning');
    expect(withHeading.paragraphs).toEqual(['Winds of 100 km/h.']);
    expect(withHeading.links).toEqual([{ text: '100 km/h', href: 'https://met.example/w' }]);
    expect(withoutHeading.title).toBe('Plain Headline');
    expect(withoutHeading.paragraphs).toEqual(['First body line.', 'Second.']);
  });

  it('turns list items, block quotes, tables and HTML blocks into paragraphs and drops images', () => {
    // Prepare
    const markdown = [
      '# Budget',
      '1. First **item**',
      '2. Second item',
      '> Quoted line one\n> continues.',
      '| Year | Spend |\n|---|---|\n| 2025 | 10 |',
      '<div class="note">Note <b>bold</b><script>alert(1)</script></div>',
      '![chart](c.png)',
    ].join('\n\n');

    // Act
    const article = parseArticle(markdown, { source: 'budget.md' });

    // Assess
    expect(article.paragraphs).toEqual([
      'First item',
      'Second item',
      'Quoted line one continues.',
      'Year | Spend',
      '2025 | 10',
      'Note bold',
    ]);
  });

  it('leaves out the content of inline script and style tags', () => {
    // Act
    const article = parseArticle(
      '# T\n\nHello <script>alert("LEAK")</script>world <style>p{}</style>and <b>bold</b>.',
      {
        source: 'inline.md',
      },
    );

    // Assess
    expect(article.paragraphs).toEqual(['Hello world and bold.']);
  });

  it('reads hostile Markdown fast: a flood of emphasis markers stays literal, deep quote nesting is refused', () => {
    // Prepare
    const flood = `# Flood\n\nStart ${'*a_'.repeat(30_000)} end.\n\nA *normal* paragraph.`;
    const deep = `# Deep\n\n${'>'.repeat(20_000)} too deep`;
    const started = performance.now();

    // Act
    const flooded = parseArticle(flood, { source: 'flood.md' });
    const attempt = (): unknown => parseArticle(deep, { source: 'deep.md' });

    // Assess
    expect(flooded.paragraphs[0]).toMatch(/^Start \*a_\*a_/);
    expect(flooded.paragraphs[1]).toBe('A normal paragraph.');
    expect(attempt).toThrow(new InputError('deep.md: is nested too deeply to read as markdown'));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
