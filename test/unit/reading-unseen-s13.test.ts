import { describe, expect, it } from 'vitest';
import { readingPointer } from '../../src/analysis/reading.js';

describe('reading pointers seen missed on unseen news (session 13, sentences written for the tests)', () => {
  it.each([
    [
      'Week-by-week case counts are posted on the health district\u2019s respiratory illness dashboard.',
      'Week-by-week case counts (the health district\u2019s respiratory illness dashboard)',
    ],
    [
      'Polling-place addresses are listed on the county clerk\u2019s website.',
      'Polling-place addresses (the county clerk\u2019s website)',
    ],
    [
      'The ruling and both briefs are available on the commission\u2019s online docket under Case No. 22-0417.',
      'the ruling and both briefs (the commission\u2019s online docket)',
    ],
    [
      'The utility has posted its list of planned outages and a map that shows which streets are affected on its website.',
      'its list of planned outages and a map that shows which streets are affected (its website)',
    ],
    ['Readers can see how rents rose street by street in our interactive map.', 'our interactive map'],
  ])('%s', (sentence, target) => {
    expect(readingPointer(sentence)?.target).toBe(target);
  });

  it('a dashboard or docket nobody owns is not a site', () => {
    expect(readingPointer('A warning was posted on the dashboard of every bus.')).toBeNull();
    expect(readingPointer('Drivers can see the savings in the long run.')).toBeNull();
  });
});
