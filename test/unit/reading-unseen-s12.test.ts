import { describe, expect, it } from 'vitest';
import { findFollowUps } from '../../src/analysis/follow-ups.js';
import { readingPointer } from '../../src/analysis/reading.js';
import { splitParagraphs, splitSentences } from '../../src/analysis/sentences.js';

const followUpsOf = (body: string) => {
  const text = `Transit news\n\n${body}`;
  return findFollowUps(splitSentences(text, splitParagraphs(text, 'Transit news')));
};

describe('reading pointers seen missed on unseen news (session 12, sentences written for the tests)', () => {
  it.each([
    ['Timetables for the replacement buses are on the Metrolink website.', 'the Metrolink website'],
    [
      'The survey maps are freely available in an online atlas hosted by the University of Otago.',
      'online atlas',
    ],
    ["Guidance for applicants is available on the council's Web site.", "the council's Web site"],
    [
      'Numbers used by fraudsters can be checked on the police\u2019s ScamCheck portal, he added.',
      'ScamCheck portal',
    ],
    ["Anyone who wants to read the draft can find it on the ministry's website.", "the ministry's website"],
  ])('%s', (sentence, site) => {
    expect(readingPointer(sentence)?.target).toContain(site);
  });

  it.each([
    'About 900 workers are on the site every day.',
    'The new tablets are available in stores across the country.',
    'Residents can find the forms at the town hall.',
  ])('is no pointer: %s', (sentence) => {
    expect(readingPointer(sentence)).toBeNull();
  });

  it('splits a dated step from the pointer that ends its sentence, each its own item', () => {
    const items = followUpsOf(
      "The agency will hold public meetings in Dunmore on March 3 and 4, and the revised route map is available on the agency's website.",
    );
    expect(items.map((i) => i.kind).sort()).toEqual(['event', 'reading']);
    expect(items.find((i) => i.kind === 'reading')?.text).toBe(
      "The revised route map is available on the agency's website.",
    );
    expect(items.find((i) => i.kind === 'event')?.text).toMatch(
      /^The agency will hold public meetings .*March 3 and 4\.$/,
    );
  });
});
