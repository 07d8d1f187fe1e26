import { describe, expect, it } from 'vitest';
import { detectorEvidence } from '../../src/analysis/kind-model.js';

const modalVerbs = (sentence: string) =>
  detectorEvidence([], sentence, false)
    .filter((e) => e.startsWith('mv='))
    .sort();

describe('the follow-up detector reads the verb a future modal governs', () => {
  it('takes the verb after will, would, shall and a contracted will, past a negation or an adverb', () => {
    expect(modalVerbs('The crews would work in two shifts, the contractor said.')).toEqual(['mv=work']);
    expect(modalVerbs('"We\u2019ll go back in March and we will not stop," she said.')).toEqual([
      'mv=go',
      'mv=stop',
    ]);
    expect(modalVerbs('Police would also continue patrols and shall keep the road closed.')).toEqual([
      'mv=continue',
      'mv=keep',
    ]);
  });

  it('reads nothing where no modal governs a verb', () => {
    expect(modalVerbs('The council voted on Tuesday and the levy passed.')).toEqual([]);
    expect(modalVerbs('Her will was read in Willesden.')).toEqual([]);
    // A capitalised word after the modal is a name, not a deed.
    expect(modalVerbs('The award will Sandra keep?')).toEqual([]);
  });

  it('lists each verb once, after the words and cues', () => {
    const evidence = detectorEvidence(['future'], 'They will pay, and then they will pay again.', true);
    expect(evidence.filter((e) => e === 'mv=pay')).toHaveLength(1);
    expect(evidence[0]).toBe('rule=true');
    expect(evidence.indexOf('mv=pay')).toBeGreaterThan(evidence.indexOf('w=again'));
  });
});
