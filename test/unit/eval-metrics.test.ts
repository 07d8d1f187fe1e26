import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  contentWordCoverage,
  contentWords,
  f1,
  keyFactCoverage,
  keyFactCovered,
  locate,
  matchSpans,
  normalizeSpeaker,
  precisionRecall,
  quotesMatch,
  rouge1,
  spanOverlap,
  speakerMatches,
  speakerMatchesLeniently,
  tokenize,
} from '../../scripts/eval-metrics.js';

describe('quote overlap matching', () => {
  it('measures overlap as a fraction of the shorter span', () => {
    // Prepare: [0,10) and [4,24) share [4,10) = 6 chars; the shorter is 10 long.
    const a = { start: 0, end: 10 };
    const b = { start: 4, end: 24 };
    // Act / Assess
    expect(spanOverlap(a, b)).toBeCloseTo(0.6);
    expect(spanOverlap(b, a)).toBeCloseTo(0.6);
  });

  it('matches at exactly 60% and not just below it', () => {
    expect(quotesMatch({ start: 0, end: 10 }, { start: 4, end: 24 })).toBe(true);
    expect(quotesMatch({ start: 0, end: 10 }, { start: 5, end: 24 })).toBe(false);
  });

  it('gives 0 for disjoint, touching and empty spans and 1 for containment', () => {
    expect(spanOverlap({ start: 0, end: 5 }, { start: 5, end: 9 })).toBe(0);
    expect(spanOverlap({ start: 0, end: 5 }, { start: 7, end: 9 })).toBe(0);
    expect(spanOverlap({ start: 3, end: 3 }, { start: 0, end: 9 })).toBe(0);
    expect(spanOverlap({ start: 2, end: 4 }, { start: 0, end: 9 })).toBe(1);
  });

  it('pairs each side with its best partner, many-to-one, and -1 for no partner', () => {
    // Prepare: one found quote spans two annotated paragraphs; a second found quote is spurious.
    const expected = [
      { start: 0, end: 20 },
      { start: 22, end: 40 },
      { start: 100, end: 120 },
    ];
    const found = [
      { start: 0, end: 40 },
      { start: 60, end: 70 },
    ];
    // Act
    const { expectedToFound, foundToExpected } = matchSpans(expected, found);
    // Assess: found[0] covers both annotated paragraphs; its best partner is the longer one (expected[0]).
    expect(expectedToFound).toEqual([0, 0, -1]);
    expect(foundToExpected).toEqual([0, -1]);
  });

  it('locates annotated text exactly, or through folded quote marks and dashes', () => {
    const text = 'He said \u201cwe won \u2014 finally\u201d today.';
    expect(locate(text, 'we won \u2014 finally')).toEqual({ start: 9, end: 25 });
    expect(locate(text, 'we won - finally')).toEqual({ start: 9, end: 25 });
    expect(locate(text, 'we lost')).toBeNull();
  });
});

describe('speaker matching', () => {
  it('compares case-insensitively, ignoring a leading "the" and trailing punctuation', () => {
    expect(normalizeSpeaker('The  Court.')).toBe('court');
    expect(speakerMatches('the court', 'Court')).toBe(true);
    expect(speakerMatches('Jay Lefkowitz', 'jay lefkowitz')).toBe(true);
    expect(speakerMatches('Jay Lefkowitz', 'Lefkowitz')).toBe(false);
  });

  it('lets null match only null', () => {
    expect(speakerMatches(null, null)).toBe(true);
    expect(speakerMatches(null, 'UKHSA')).toBe(false);
    expect(speakerMatches('Rail Delivery Group', null)).toBe(false);
  });

  it('accepts listed aliases and, leniently only, a shared surname', () => {
    expect(speakerMatches('the panel', 'the court', ['the court'])).toBe(true);
    expect(speakerMatchesLeniently('Jay Lefkowitz', 'Lefkowitz')).toBe(true);
    expect(speakerMatchesLeniently('Ruth Chebet', 'Tigist Alemu')).toBe(false);
  });
});

describe('ROUGE-1', () => {
  it('counts clipped unigram overlap against the reference', () => {
    // Prepare: candidate "the cat sat on the mat" (6 tokens), reference "the cat is on the mat now"
    // (7 tokens). Shared, clipped: the x2, cat, on, mat = 5.
    // Act
    const score = rouge1('The cat sat on the mat.', 'the cat is on the mat now');
    // Assess: P = 5/6, R = 5/7, F = 2PR/(P+R) = 10/13.
    expect(score.precision).toBeCloseTo(5 / 6);
    expect(score.recall).toBeCloseTo(5 / 7);
    expect(score.f1).toBeCloseTo(10 / 13);
  });

  it('clips a repeated candidate word to its count in the reference', () => {
    // "the the the" vs "the cat": overlap 1; P = 1/3, R = 1/2.
    const score = rouge1('the the the', 'the cat');
    expect(score.precision).toBeCloseTo(1 / 3);
    expect(score.recall).toBeCloseTo(1 / 2);
  });

  it('scores 0 for an empty candidate', () => {
    expect(rouge1('', 'anything at all')).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('key-fact coverage', () => {
  it('tokenizes to lowercase words and drops stopwords from content words', () => {
    expect(tokenize('Senate voted 64-35, Georgia\u2019s map')).toEqual([
      'senate',
      'voted',
      '64',
      '35',
      'georgia',
      's',
      'map',
    ]);
    expect(contentWords('The Senate voted on the bill')).toEqual(['senate', 'voted', 'bill']);
  });

  it('covers a fact when at least 70% of its content words are in the summary', () => {
    // Prepare: content words of the fact: senate, voted, advance, 12, billion, farm, aid (7).
    const fact = 'Senate voted to advance $12 billion farm aid';
    // Act / Assess: 5 of 7 = 0.714 -> covered; 4 of 7 = 0.571 -> not covered.
    expect(contentWordCoverage(fact, 'The Senate voted for $12 billion in aid')).toBeCloseTo(5 / 7);
    expect(keyFactCovered(fact, 'The Senate voted for $12 billion in aid')).toBe(true);
    expect(keyFactCovered(fact, 'The Senate voted for billion in aid')).toBe(false);
  });

  it('averages over facts', () => {
    const facts = ['glacier losing ice', 'sea levels rise', 'Leeds study'];
    expect(keyFactCoverage(facts, 'The glacier is losing ice fast, a Leeds study says.')).toBeCloseTo(2 / 3);
  });
});

describe('precision, recall and F1 from counts', () => {
  it('computes the harmonic mean and treats empty sides as perfect', () => {
    expect(f1(0.5, 1)).toBeCloseTo(2 / 3);
    expect(f1(0, 0)).toBe(0);
    const counted = precisionRecall(3, 4, 3, 6);
    expect(counted.precision).toBe(0.75);
    expect(counted.recall).toBe(0.5);
    expect(counted.f1).toBeCloseTo(0.6);
    expect(precisionRecall(0, 0, 0, 0)).toEqual({ precision: 1, recall: 1, f1: 1 });
  });
});

describe('eval-set annotations', () => {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'eval-set');
  const names = readdirSync(join(root, 'articles'))
    .filter((file) => file.endsWith('.txt'))
    .map((file) => file.replace(/\.txt$/, ''));

  it('has an annotation for every article, with every annotated quote present in its text', () => {
    // Prepare
    expect(names.length).toBeGreaterThanOrEqual(13);
    const kinds = new Set(['action', 'pending', 'suggestion', 'reading', 'event']);
    for (const name of names) {
      const text = readFileSync(join(root, 'articles', `${name}.txt`), 'utf8');
      // Act
      const annotation = JSON.parse(readFileSync(join(root, 'annotations', `${name}.json`), 'utf8')) as {
        quotes: { text: string; speaker: string | null; kind: string }[];
        keyFacts: string[];
        referenceSummary: string;
        followUps: { text: string; kind: string }[];
      };
      // Assess
      for (const quote of annotation.quotes) {
        expect(locate(text, quote.text), `${name}: ${quote.text}`).not.toBeNull();
        expect(['direct', 'partial']).toContain(quote.kind);
      }
      expect(annotation.keyFacts.length, name).toBeGreaterThanOrEqual(3);
      expect(annotation.referenceSummary.length, name).toBeGreaterThan(50);
      for (const followUp of annotation.followUps)
        expect(kinds.has(followUp.kind), `${name}: ${followUp.kind}`).toBe(true);
    }
  });
});
