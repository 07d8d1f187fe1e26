import { describe, expect, it } from 'vitest';
import { type Article, loadArticle, parseArticle } from '../../src/article/index.js';
import { InputError } from '../../src/errors.js';

// Pieces that exercise normalisation: odd spaces, line ends, BOMs, quotes, dashes, ellipses, controls.
const PIECES = [
  'word',
  'Lefkowitz',
  'U.N.',
  '"quoted"',
  '\u201ccurly\u201d',
  '\u2018single\u2019',
  '-',
  '\u2013',
  '\u2014',
  '\u2026',
  '...',
  ' ',
  '  ',
  '\t',
  '\u00a0',
  '\u2003',
  '\u202f',
  '\u200b',
  '\ufeff',
  '\n',
  '\n\n',
  '\n\n\n',
  '\r\n',
  '\r',
  '\r\n\r\n',
  ' \n',
  '\u2028',
  '\x0c',
  '\x07',
  'e\u0301',
  '\u00e9',
  '#',
  '*',
  '>',
  '1.',
];

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters must not survive
const UNNORMALISED = /[\r\t\u00a0\u2003\u202f\u200b\ufeff\x07\x0c]| {2}| $|^ |\n{3}/m;

/** A small seeded PRNG (mulberry32) so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function messyText(seed: number): string {
  const next = random(seed);
  const length = 1 + Math.floor(next() * 80);
  return Array.from({ length }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
}

function expectStable(article: Article): void {
  const again = parseArticle(article.text, { source: 'again.txt', format: 'text' });
  expect(again.text).toBe(article.text);
  expect(again.title).toBe(article.title);
  expect(again.paragraphs).toEqual(article.paragraphs);
  expect(again.id).toBe(article.id);
}

describe('parseArticle is idempotent on its own text', () => {
  it('for 2,000 random messy plain-text inputs (seeds 1..2000)', () => {
    // Prepare
    let parsed = 0;

    for (let seed = 1; seed <= 2000; seed++) {
      // Act
      let article: Article;
      try {
        article = parseArticle(messyText(seed), { source: `seed-${seed}.txt` });
      } catch (error) {
        expect(error, `seed ${seed}`).toBeInstanceOf(InputError);
        continue;
      }
      parsed++;

      // Assess
      expect(article.text, `seed ${seed}`).not.toMatch(UNNORMALISED);
      expectStable(article);
    }
    expect(parsed).toBeGreaterThan(500);
  });

  it('for the sample and the Markdown and HTML fixtures (their text re-read as plain text)', async () => {
    // Prepare
    const inputs = [
      'examples/articles/north-korea-human-rights.txt',
      'test/fixtures/articles/harbor-bridge.md',
      'test/fixtures/articles/setext.md',
      'test/fixtures/articles/port-strike.html',
    ];

    // Act
    const articles = await Promise.all(inputs.map((input) => loadArticle(input)));

    // Assess
    for (const article of articles) expectStable(article);
  });
});
