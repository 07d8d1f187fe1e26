import { describe, expect, it } from 'vitest';
import {
  type KindModel,
  kindFeatures,
  learnedKind,
  parseKindModel,
  shippedKindModel,
} from '../../src/analysis/follow-up-kinds.js';
import { followUpKind } from '../../src/analysis/follow-ups.js';
import type { Analysis, FollowUp } from '../../src/analysis/types.js';
import { parseArticle } from '../../src/article/index.js';
import { selectArticle } from '../../src/selection/index.js';

const EMPTY: KindModel = { version: 1, weights: {} };

describe('the learned follow-up kind step (issue 10: follow-up recall counts the kind)', () => {
  it('keeps the rules verdict when the model has nothing to say, and a reading pointer always', () => {
    // Arrange
    const sentence = 'The council urged residents to attend the hearing on March 3.';
    // Act / Assert
    for (const kind of ['action', 'pending', 'event', 'suggestion'] as const)
      expect(learnedKind(kind, sentence, sentence, EMPTY)).toBe(kind);
    expect(learnedKind('reading', sentence, sentence, { version: 1, weights: { 'event|bias': 9 } })).toBe(
      'reading',
    );
  });

  it('weighs the cues the rules use: a weight on a cue moves the kind', () => {
    // Arrange
    const sentence = 'The board will consider whether to raise the fee.';
    const model: KindModel = { version: 1, weights: { 'pending|cue=deliberation': 2 } };
    // Act
    const features = kindFeatures('action', sentence, sentence);
    // Assert
    expect(features).toContain('cue=deliberation');
    expect(features).toContain('rule=action');
    expect(features).toContain('w=whether');
    expect(learnedKind('action', sentence, sentence, model)).toBe('pending');
  });

  it('marks a clause cut from a longer sentence, and ignores words inside quotations', () => {
    const features = kindFeatures(
      'action',
      'the group would lobby lawmakers',
      'She said "the vote" was close.',
    );
    expect(features).toContain('clause');
    expect(kindFeatures('action', 'He said "whether" twice.', 'He said "whether" twice.')).not.toContain(
      'w=whether',
    );
  });

  it('the shipped model follows the kinds convention where the rules did not', () => {
    // Arrange: sentences written for this test; the rules call both of them something else.
    const taken = 'The committee is expected to take up the measure next month.';
    const open = 'Whether the governor would sign such a measure is an open question.';
    // Act / Assert: a decision ahead is pending (eval-set/README.md, "Annotation conventions").
    expect(followUpKind(taken)).toBe('event');
    expect(learnedKind('event', taken, taken)).toBe('pending');
    expect(followUpKind(open)).toBe('action');
    expect(learnedKind('action', open, open)).toBe('pending');
    // A call to action stays one.
    const urged = 'Council members urged the state to sustain the veto.';
    expect(learnedKind(followUpKind(urged)!, urged, urged)).toBe('action');
  });

  it('refuses a weights document of the wrong shape, naming it', () => {
    expect(shippedKindModel().version).toBe(1);
    expect(Object.keys(shippedKindModel().weights).length).toBeGreaterThan(50);
    expect(() => parseKindModel({ version: 1, weights: { a: 'x' } }, 'kinds.json')).toThrow(/kinds\.json/);
    expect(() => parseKindModel(null, 'kinds.json')).toThrow(/not a follow-up kind model/);
  });

  it('the digest shows the learned kind; the rules kind is an option', () => {
    // Arrange
    const open = 'Whether the governor would sign such a measure is an open question.';
    const article = parseArticle(
      `Senate passes harbour bill\n\nThe Senate passed the harbour bill on Tuesday. ${open}`,
      {
        source: 't.txt',
        format: 'text',
      },
    );
    const start = article.text.indexOf(open);
    const item: FollowUp = { text: open, sentence: open, kind: 'action', start, end: start + open.length };
    const analysis: Analysis = {
      title: article.title,
      summary: [],
      quotes: [],
      followUps: [item],
      entities: { people: [], organizations: [], places: [], dates: [] },
      stats: { words: 20, readingMinutes: 1 },
    };
    // Act
    const learned = selectArticle(article, analysis).followUps;
    const rules = selectArticle(article, analysis, { followUpKinds: 'rules' }).followUps;
    // Assert
    expect(learned.map((f) => f.kind)).toEqual(['pending']);
    expect(rules.map((f) => f.kind)).toEqual(['action']);
  });
});
