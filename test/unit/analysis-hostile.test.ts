import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { articleFrom } from './analysis-helpers.js';

describe('analysis of hostile or degenerate input', () => {
  it('returns an empty analysis for a title without a body', () => {
    const a = analyze(articleFrom('Only A Title', []));
    expect(a.title).toBe('Only A Title');
    expect(a.summary).toEqual([]);
    expect(a.quotes).toEqual([]);
    expect(a.stats.words).toBe(3);
  });

  it('keeps a quote that never closes as one quote running to the paragraph end', () => {
    const article = articleFrom('T', ['He said "this never closes and goes on and on']);
    const { quotes } = analyze(article);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]!.text).toBe('this never closes and goes on and on');
    expect(article.text.slice(quotes[0]!.start, quotes[0]!.end)).toBe(quotes[0]!.text);
  });

  it('does not pair an inch mark with a quotation mark', () => {
    const { quotes } = analyze(
      articleFrom('T', ['A 12" pipe burst on Monday. "We were lucky," Mayor Ana Ruiz said.']),
    );
    expect(quotes.map((q) => [q.text, q.speaker])).toEqual([['We were lucky', 'Ana Ruiz']]);
  });

  it('survives runs of quote marks, periods, control characters and a huge unpunctuated sentence', () => {
    const bodies = [
      '"'.repeat(5000),
      '. '.repeat(5000),
      '\u0000\u0001 "Hi there, friends," he said.\u202e x',
      Array.from({ length: 5000 }, (_, i) => `Alpha Beta${i % 7} Gamma`).join(' and '),
      'x'.repeat(100_000),
    ];
    for (const body of bodies) {
      const article = articleFrom('T', [body]);
      const a = analyze(article);
      for (const q of a.quotes) expect(article.text.slice(q.start, q.end)).toBe(q.text);
      expect(a.summary.length).toBeLessThanOrEqual(4);
    }
  });

  it('attributes thousands of quotes without losing any', () => {
    const body = Array.from({ length: 2000 }, (_, i) => `"Point number ${i} stands," John Smith said.`).join(
      ' ',
    );
    const { quotes } = analyze(articleFrom('T', [body]));
    expect(quotes).toHaveLength(2000);
    expect(quotes.every((q) => q.speaker === 'John Smith')).toBe(true);
  });

  it('clamps the summary length to 2..4 sentences', () => {
    const article = articleFrom(
      'Council Approves Budget',
      Array.from(
        { length: 8 },
        (_, i) => `The city council approved item ${i + 1} of the budget on Tuesday after a long debate.`,
      ),
    );
    expect(analyze(article, { summarySentences: 1 }).summary).toHaveLength(2);
    expect(analyze(article, { summarySentences: 9 }).summary).toHaveLength(4);
    expect(analyze(article, { summarySentences: 3 }).summary).toHaveLength(3);
  });
});
