import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quickBoundaries } from '../../src/analysis/quick-boundaries.js';

const NO_WORD_BEFORE = '(?<![0-9A-Z_a-z])';

// Texts that probe the edges of a word boundary: digits, underscores, accented and non-Latin letters,
// and the two characters that fold to a word character under the `iu` flags (long s, Kelvin sign).
const EDGES = [
  'appeal for calm',
  'They appealed for calm',
  'reappeal for it',
  '_appeal for',
  '9appeal for',
  'éappeal for',
  '\u017fappeal for',
  '\u212aappeal for',
  'APPEAL FOR',
  'appeal fork',
  'x ſtate will vote',
  'The \u212aelvin will vote on it',
  'will\u017f vote',
  'is due to vote',
  'Ministry of Health',
  'they will-not',
  '',
];

const PATTERNS = [
  /\bappeal(?:s|ed|ing)?\s+for\b/iu,
  /\b(?:will|shall|is\s+due)\s+\p{L}+/iu,
  /\b(?:(?:is|are)\s+due|will)\b/giu,
  /\bs?tate\b/iu,
  /\b(?:k|s)\w*/iu,
  /\b\p{Lu}\p{Ll}+\s+of\s+\bHealth\b/iu,
  /(?:\b(?:how|whether)|(?<=\b(?:decide|know)\s+)(?:who|which))\s+will\b/iu,
  /[\b]\bwill/iu,
  /\b(?:will|)vote/iu,
  /\b(?:will)?vote/iu,
];

function allMatches(pattern: RegExp, text: string): Array<[number, string]> {
  const global = new RegExp(
    pattern.source,
    pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
  );
  return [...text.matchAll(global)].map((m) => [m.index, m[0]]);
}

describe('quickBoundaries', () => {
  it('rewrites a \\b only where a word character must follow, under the iu flags', () => {
    expect(quickBoundaries(/\bappeal\b/iu).source).toBe(`${NO_WORD_BEFORE}appeal\\b`);
    expect(quickBoundaries(/\b(?:is|are)\b/iu).source).toBe(`${NO_WORD_BEFORE}(?:is|are)\\b`);
    // What follows may be empty, optional or a non-word character: the boundary stays.
    expect(quickBoundaries(/\bs?tate/iu).source).toBe('\\bs?tate');
    expect(quickBoundaries(/\b(?:will|)vote/iu).source).toBe('\\b(?:will|)vote');
    expect(quickBoundaries(/\b(?:will)?vote/iu).source).toBe('\\b(?:will)?vote');
    expect(quickBoundaries(/\b\p{L}+/iu).source).toBe('\\b\\p{L}+');
    expect(quickBoundaries(/[\b]x/iu).source).toBe('[\\b]x');
  });

  it('leaves a pattern without both flags as it is, and keeps the flags', () => {
    const plain = /\bappeal/i;
    expect(quickBoundaries(plain)).toBe(plain);
    const unicode = /\bappeal/u;
    expect(quickBoundaries(unicode)).toBe(unicode);
    expect(quickBoundaries(/\bappeal/giu).flags).toBe('giu');
  });

  it('matches exactly what the original pattern matches, at the same places', () => {
    for (const pattern of PATTERNS) {
      const quick = quickBoundaries(pattern);
      for (const text of EDGES)
        expect(allMatches(quick, text), `${pattern} on ${text}`).toEqual(allMatches(pattern, text));
    }
  });

  it('agrees with the original on every sentence of the example articles', () => {
    const dir = join(__dirname, '../../examples/articles');
    const text = readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const sentences = text.split(/(?<=[.!?])\s+/);
    expect(sentences.length).toBeGreaterThan(100);
    let matched = 0;
    for (const pattern of PATTERNS) {
      const quick = quickBoundaries(pattern);
      for (const s of sentences) {
        const expected = allMatches(pattern, s);
        matched += expected.length;
        expect(allMatches(quick, s)).toEqual(expected);
      }
    }
    expect(matched).toBeGreaterThan(50);
  });
});
