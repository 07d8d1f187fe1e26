import { describe, expect, it } from 'vitest';
import { kindCues } from '../../src/analysis/follow-ups.js';

// Evidence the learned kind model and detector weigh; the hand-written cascade does not read it.
describe('follow-up evidence for the learned models (session 13, sentences written for the tests)', () => {
  it('marks a future the article reports ("said the clinic would keep ..."), not a judgement ("would be difficult")', () => {
    expect(kindCues('Dr. Ames said the clinic would keep its night shift and add two nurses.')).toContain(
      'reportedFuture',
    );
    expect(kindCues('The mayor said a recount would be difficult to arrange.')).not.toContain(
      'reportedFuture',
    );
    expect(kindCues('She said the council would have acted sooner.')).not.toContain('reportedFuture');
  });

  it('marks hypotheticals, targets, work under way, wishes and first-person plans', () => {
    expect(kindCues('If the levy fails, the library would close on Sundays.')).toContain('hypothetical');
    expect(kindCues('The ministry has committed to planting 5,000 hectares of oak by 2031.')).toContain(
      'target',
    );
    expect(kindCues('Investigators were examining payments to two other contractors.')).toContain('underWay');
    expect(kindCues('The agency also wants pharmacies to stock the antidote.')).toContain('wantsDone');
    expect(kindCues('"We will have twice as many buses on the road next winter," she said.')).toContain(
      'ownFuture',
    );
    expect(kindCues('The bridge opened in 1998 and carries 40,000 cars a day.')).toEqual([]);
  });
});
