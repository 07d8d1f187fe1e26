import { describe, expect, it } from 'vitest';
import { findFollowUps, followUpKind, kindCues } from '../../src/analysis/follow-ups.js';
import {
  detectorEvidence,
  detectProbability,
  type KindModel,
  kindEvidence,
  kindFeatures,
  parseKindModel,
  predictKind,
  shippedKindModel,
} from '../../src/analysis/kind-model.js';
import { splitParagraphs, splitSentences } from '../../src/analysis/sentences.js';

describe('the follow-up kind model', () => {
  it('reads its evidence from the cascade, the cues that fired and the words', () => {
    const sentence = 'The council will vote on the levy on Thursday.';
    const cues = kindCues(sentence);
    expect(cues).toContain('future');
    expect(cues).not.toContain('suggestion');
    const evidence = kindEvidence('pending', cues, sentence);
    expect(evidence).toContain('rule=pending');
    expect(evidence).toContain('rule=pending&future');
    expect(evidence).toContain('w=levy');
    expect(new Set(evidence).size).toBe(evidence.length);
  });

  it('crosses each piece of evidence with the kind it scores', () => {
    const features = kindFeatures('event', ['w=hearing', 'future']);
    expect([...features.keys()].sort()).toEqual(['event', 'event&future', 'event&w=hearing']);
  });

  it('picks the kind whose weights sum highest, the earlier kind on a tie', () => {
    const model: KindModel = {
      version: 1,
      weights: { event: 0.5, 'pending&w=vote': 2, 'action&w=vote': -1 },
    };
    expect(predictKind(model, ['w=vote'])).toBe('pending');
    expect(predictKind(model, ['w=rally'])).toBe('event');
    expect(predictKind({ version: 1, weights: {} }, ['w=vote'])).toBe('action');
  });

  it('rejects a weights file of another shape, naming it', () => {
    expect(() => parseKindModel({ version: 2, weights: {} }, 'kinds.json')).toThrow(/kinds\.json/);
    expect(() => parseKindModel({ version: 1, weights: { a: 'x' } }, 'kinds.json')).toThrow(
      /not a follow-up kind model/,
    );
  });

  it('ships weights learned from the annotated sets, with their provenance', () => {
    const model = shippedKindModel();
    expect(Object.keys(model.weights).length).toBeGreaterThan(100);
    const accuracy = (model.provenance?.accuracy ?? {}) as { rules?: number; leaveOneSetOut?: number };
    expect(accuracy.leaveOneSetOut).toBeGreaterThan(accuracy.rules ?? 1);
  });

  it('only names the kind: what is a follow-up at all stays the cascade\u2019s call', () => {
    const text = [
      'Port talks',
      'The harbour board will vote on the new tariffs on Thursday. Dockers urged the board to delay the vote. The board met last week. The new terminal will open by March.',
    ].join('\n\n');
    const paragraphs = splitParagraphs(text, 'Port talks');
    const sentences = splitSentences(text, paragraphs);
    const byModel = findFollowUps(sentences);
    const byRules = findFollowUps(sentences, 'rules');
    expect(byModel.map((f) => f.sentence)).toEqual(byRules.map((f) => f.sentence));
    expect(byModel.some((f) => /met last week/.test(f.sentence))).toBe(false);
    expect(followUpKind('The board met last week.')).toBeNull();
    // Somewhere the two readings differ, or the model would be the cascade under another name.
    expect(byModel.map((f) => f.kind)).not.toEqual(byRules.map((f) => f.kind));
  });

  it('finds with its detector what the patterns pass over, only from its threshold', () => {
    const model: KindModel = {
      version: 1,
      weights: { 'event&w=shuttle': 1 },
      detector: { weights: { bias: -2, 'w=shuttle': 3 }, threshold: 0.5 },
    };
    const evidence = detectorEvidence([], 'The shuttle leaves the yard at dawn.', false);
    expect(evidence).toContain('rule=false');
    expect(detectProbability(model, evidence)).toBeCloseTo(1 / (1 + Math.exp(-1)), 6);
    expect(detectProbability(model, detectorEvidence([], 'The yard was quiet.', false))).toBeLessThan(0.5);
    expect(detectProbability({ version: 1, weights: {} }, evidence)).toBe(0);
    expect(() =>
      parseKindModel(
        { version: 1, weights: {}, detector: { weights: { a: 'x' }, threshold: 0.5 } },
        'k.json',
      ),
    ).toThrow(/k\.json/);
  });

  it('ships a detector that, leave one set out, finds more annotated steps than the patterns at their precision', () => {
    const model = shippedKindModel();
    expect(model.detector?.threshold).toBeGreaterThan(0);
    const figures = (model.provenance?.detector as { leaveOneSetOut?: Record<string, number> } | undefined)
      ?.leaveOneSetOut;
    expect(figures?.withDetectorRecall).toBeGreaterThan(figures?.rulesRecall ?? 1);
    expect(figures?.withDetectorPrecision).toBeGreaterThanOrEqual((figures?.rulesPrecision ?? 1) - 0.01);
  });

  it('lets a sentence the patterns pass over through only when the detector is sure of it', () => {
    const model = shippedKindModel();
    for (const sentence of [
      'The mayor thanked the volunteers.',
      'Crews will work in two shifts to make up for lost time.',
      'A slightly improved offer was being drawn up, the ministry said.',
    ]) {
      if (followUpKind(sentence, 'rules') !== null) continue;
      const p = detectProbability(model, detectorEvidence(kindCues(sentence), sentence, false));
      expect(followUpKind(sentence) !== null).toBe(p >= model.detector!.threshold);
    }
    expect(followUpKind('The mayor thanked the volunteers.')).toBeNull();
  });
});
