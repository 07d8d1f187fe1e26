import { describe, expect, it } from 'vitest';
import { wrapText } from '../../src/email/text-wrap.js';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('wrapText', () => {
  it('leaves short lines and blank lines alone', () => {
    expect(wrapText('short line\n\nanother', 72)).toBe('short line\n\nanother');
  });

  it('wraps at the width without losing or reordering words', () => {
    const input = words(40);
    const out = wrapText(input, 40);
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(40);
    expect(out.replace(/\n/g, ' ')).toBe(input);
  });

  it('gives list items a hanging indent and repeats the quote marker', () => {
    const list = wrapText(`- ${words(12)}`, 30).split('\n');
    expect(list[0]).toMatch(/^- word0/);
    expect(list.slice(1).every((line) => /^ {2}\S/.test(line))).toBe(true);
    const quote = wrapText(`> ${words(12)}`, 30).split('\n');
    expect(quote.length).toBeGreaterThan(1);
    expect(quote.every((line) => line.startsWith('> '))).toBe(true);
  });

  it('never breaks a long URL: it gets a line of its own', () => {
    const url = `https://example.com/${'a'.repeat(90)}`;
    const out = wrapText(`Read it at ${url} today`, 72).split('\n');
    expect(out).toEqual(['Read it at', url, 'today']);
  });

  it('measures words with the given function (placeholders that will be replaced)', () => {
    const marker = 'SLOT-FOR-A-NAME-THAT-IS-LONG';
    const line = `Hello ${marker}, here is the story of the week.`;
    expect(wrapText(line, 45, (w) => (w.includes(marker) ? w.length - marker.length + 4 : w.length))).toBe(
      line,
    );
    expect(wrapText(line, 45)).not.toBe(line);
  });
});
