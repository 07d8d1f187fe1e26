import { describe, expect, it } from 'vitest';
import { findFollowUps, kindCues } from '../../src/analysis/follow-ups.js';
import { shippedKindModel } from '../../src/analysis/kind-model.js';
import { splitParagraphs, splitSentences } from '../../src/analysis/sentences.js';

const sentencesOf = (body: string) => {
  const text = `Local news\n\n${body}`;
  return splitSentences(text, splitParagraphs(text, 'Local news'));
};

describe('the trained detector drops look-alikes the patterns find (session 14, sentences written for the tests)', () => {
  it('ships a veto threshold below the threshold at which it adds a sentence', () => {
    const detector = shippedKindModel().detector;
    expect(detector?.veto).toBeGreaterThan(0);
    expect(detector?.veto).toBeLessThan(detector!.threshold);
  });

  it('a pledge made years ago, or a plan that was shelved, is no step to follow', () => {
    for (const past of [
      'Two years ago the operator pledged to replace every bus in the fleet.',
      'A plan to rebuild the pier, announced in 2021, was shelved a year later.',
    ]) {
      expect(findFollowUps(sentencesOf(past), 'rules')).toHaveLength(1);
      expect(findFollowUps(sentencesOf(past))).toEqual([]);
    }
  });

  it('keeps a dated plan and a scheduled vote', () => {
    const items = findFollowUps(
      sentencesOf(
        [
          'The operator will replace every bus in the fleet by 2028, its chief executive said on Monday.',
          'The council will vote on the library budget on Tuesday, March 3.',
        ].join('\n\n'),
      ),
    );
    expect(items.map((f) => f.kind)).toEqual(['action', 'pending']);
  });
});

describe('evidence that a sentence is anchored in the past (session 14)', () => {
  it('marks "In 2019,", "two years ago", "last spring" and a shelved plan, not a future year', () => {
    for (const past of [
      'In 2019, the council promised to reopen the library.',
      'The operator pledged two years ago to replace the buses.',
      'The board approved the plan last spring.',
      'The pier project was shelved after the election.',
    ])
      expect(kindCues(past)).toContain('pastAnchor');
    expect(kindCues('The new line will open in 2028.')).not.toContain('pastAnchor');
  });
});
