import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadArticle, parseArticle } from '../../src/article/index.js';

const SAMPLE = 'examples/articles/north-korea-human-rights.txt';

describe('plain-text articles', () => {
  it('reads the sample: headline, 14 body paragraphs, NBSPs gone, quotes and dashes kept', async () => {
    // Prepare
    const raw = readFileSync(SAMPLE, 'utf8');
    expect(raw.match(/\u00a0/g)).toHaveLength(8);

    // Act
    const article = await loadArticle(SAMPLE);

    // Assess
    expect(article.title).toBe('China, South Korea Urged To Press North Korea on Human Rights');
    expect(article.format).toBe('text');
    expect(article.paragraphs).toHaveLength(14);
    expect(article.paragraphs[0]).toMatch(/^United Nations - China and South Korea should/);
    expect(article.paragraphs.at(-1)).toBe(
      'For more information on U.S. policy, see The U.S. and the Korean Peninsula.',
    );
    expect(article.text).not.toMatch(/[\u00a0\t]| {2}| \n|\n{3}/);
    expect(article.text).toContain('international community \u2026 does not tolerate');
    expect(article.text).toContain('human rights can \u2026 be a means');
    expect(article.text).toContain('he said. "In different respects');
    expect(article.text).toContain('Lefkowitz said. As its economic power');
    expect(article.text).toContain('leverage with North Korea - South Korea and China - should');
    expect(article.text).toBe([article.title, ...article.paragraphs].join('\n\n'));
    expect(article.id).toMatch(/^[0-9a-f]{16}$/);
    expect(article.links).toEqual([]);
  });

  it('normalises CRLF, BOM, CR-only line ends, odd spaces, trailing whitespace and blank-line runs', () => {
    // Prepare
    const messy =
      '\ufeff\r\n  Headline\u2003here  \r\n\r\n\r\n\r\nFirst\u00a0 para\t\r\nwraps here.   \r\n\r\n\rSecond\u202fone.\r';

    // Act
    const article = parseArticle(messy, { source: 'messy.txt' });

    // Assess
    expect(article.title).toBe('Headline here');
    expect(article.paragraphs).toEqual(['First para wraps here.', 'Second one.']);
    expect(article.text).toBe('Headline here\n\nFirst para wraps here.\n\nSecond one.');
  });

  it('is idempotent: parsing its own text gives the same text, paragraphs and id', async () => {
    // Prepare
    const first = await loadArticle(SAMPLE);

    // Act
    const second = parseArticle(first.text, { source: 'again.txt' });

    // Assess
    expect(second.text).toBe(first.text);
    expect(second.paragraphs).toEqual(first.paragraphs);
    expect(second.id).toBe(first.id);
  });

  it('joins hard-wrapped lines but reads one-paragraph-per-line text as separate paragraphs', () => {
    // Prepare
    const wrapped =
      'Headline\n\nThis is hard wrapped text that goes\non to the next line. And more\ntext that ends here.';
    const perLine =
      'Headline\nFirst paragraph is a sentence.\n"Quoted," he said.\nHe added: \u201cThat is all.\u201d\nLast line';

    // Act
    const fromWrapped = parseArticle(wrapped, { source: 'wrapped.txt' });
    const fromPerLine = parseArticle(perLine, { source: 'per-line.txt' });

    // Assess
    expect(fromWrapped.paragraphs).toEqual([
      'This is hard wrapped text that goes on to the next line. And more text that ends here.',
    ]);
    expect(fromPerLine.title).toBe('Headline');
    expect(fromPerLine.paragraphs).toEqual([
      'First paragraph is a sentence.',
      '"Quoted," he said.',
      'He added: \u201cThat is all.\u201d',
      'Last line',
    ]);
  });
});
