import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { parseArticle } from '../../src/article/index.js';

const quoteOf = (body: string) =>
  analyze(parseArticle(`Regional news\n\n${body}`, { source: 'unseen.txt', format: 'text' })).quotes[0];

describe('names seen failing on unseen news (session 13, sentences written for the tests)', () => {
  it('a portfolio of several words after "for" stays in the title, not in the name', () => {
    const q = quoteOf(
      '\u201cEvery minute of warning saves lives,\u201d Secretary-General for Civil Protection Nikos Markou told reporters in Volos.',
    );
    expect(q?.speaker).toBe('Nikos Markou');
    expect(q?.role).toBe('Secretary-General for Civil Protection');
  });

  it('a provincial or national assembly title before the name is a title (MPA, MNA)', () => {
    expect(
      quoteOf('\u201cThe road has been dug up for two years,\u201d MPA Zartaj Qureshi said.')?.speaker,
    ).toBe('Zartaj Qureshi');
    expect(
      quoteOf('\u201cWe will raise it in the house,\u201d MNA Shehzad Baloch said on Monday.')?.speaker,
    ).toBe('Shehzad Baloch');
  });
});
