import { describe, expect, it } from 'vitest';
import { analysisOfText } from '../helpers/analyse-text.js';

const analysisOf = (body: string) => analysisOfText('Local news', body);

describe('honorifics of other English-speaking countries are not part of a name (session 15, sentences written for the tests)', () => {
  it('"Cr Harlow" and "Cllr Harlow" after "Shire mayor Judith Harlow" are Judith Harlow', () => {
    for (const title of ['Cr', 'Cllr', 'Clr']) {
      const a = analysisOf(
        [
          'Westbrook Shire mayor Judith Harlow called on the state government to fund a second water tank.',
          `"We cannot face another dry summer with one tank and a hope," ${title} Harlow said.`,
        ].join('\n\n'),
      );
      const quote = a.quotes.find((q) => q.text.startsWith('We cannot'));
      expect(quote?.speaker, title).toBe('Judith Harlow');
      expect(a.entities.people.map((p) => p.name)).not.toContain(`${title} Harlow`);
    }
  });

  it('"Mdm Tan Bee Lian" is a woman called Tan Bee Lian, whom "she" refers back to', () => {
    const a = analysisOf(
      [
        'Mdm Tan Bee Lian, who runs a provision shop in Bedok, said the new bus route had halved her takings.',
        '"Nobody walks past any more," she said.',
      ].join('\n\n'),
    );
    expect(a.quotes.find((q) => q.text.startsWith('Nobody'))?.speaker).toBe('Tan Bee Lian');
  });

  it("a reader quote signed with an honorific is the reader's, without the honorific", () => {
    const a = analysisOf(
      [
        'We asked readers what they made of the new school-zone limits.',
        '"The drivers who speed here are parents running late, not strangers."\n\u2014 Mr Wei Jie Ong, 44, engineer, Tampines',
        '"My granddaughter crosses this road alone every morning, and I still worry."\n\u2014 Madam Rosnah Ismail, 67, retiree',
      ].join('\n\n'),
    );
    expect(a.quotes.find((q) => q.text.startsWith('The drivers'))?.speaker).toBe('Wei Jie Ong');
    expect(a.quotes.find((q) => q.text.startsWith('My granddaughter'))?.speaker).toBe('Rosnah Ismail');
  });
});

describe('a party or a seat after "the" describes someone named before (session 15, sentences written for the tests)', () => {
  it('never prints "Iowa Republican" or "Labour MP" as a speaker\'s name', () => {
    for (const [intro, description] of [
      [
        'Rep. Dale Brunner, R-Iowa, said Tuesday that he would vote against the package.',
        'the Iowa Republican',
      ],
      ['Helen Marsh, who has represented the seat since 2017, opposed the plan.', 'the Labour MP'],
    ] as const) {
      const a = analysisOf(
        [
          intro,
          'The package passed the committee on a party-line vote late on Monday.',
          `"Nobody has read the fine print, and I doubt anybody will," ${description} said.`,
        ].join('\n\n'),
      );
      const quote = a.quotes.find((q) => q.text.startsWith('Nobody'));
      expect(quote, description).toBeDefined();
      expect(quote!.speaker ?? '', description).not.toMatch(/Republican|Labour|MP$/);
    }
  });
});
