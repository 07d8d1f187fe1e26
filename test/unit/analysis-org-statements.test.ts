import { describe, expect, it } from 'vitest';
import { speakerMatches } from '../../scripts/eval-metrics.js';
import { analyze } from '../../src/analysis/index.js';
import { articleFrom } from './analysis-helpers.js';

// Sentences written for these tests (fictional bodies and people); the trained model decides.

/** Quote text prefixes and speakers, in order. */
function speakers(quotes: Array<{ text: string; speaker: string | null }>): Array<[string, string | null]> {
  return quotes.map((q) => [q.text.slice(0, 28), q.speaker]);
}

describe('an organisation speaking through a description of itself', () => {
  it('"the company said in a statement", then "the statement said" and a second quote, go to the company', () => {
    const { quotes } = analyze(
      articleFrom('Mine to idle', [
        'Larkspur Mining Corp reported a quarterly loss on Thursday and said it would idle its Redfern mine in the spring.',
        'Its shares fell 6% in early trading, the steepest drop in two years.',
        'About 300 workers will lose their jobs, the company said in a statement, adding that some would be offered posts at other sites.',
        '"This was a painful choice for everyone who works at Redfern," the statement said. "We will stand by each of them through the change."',
      ]),
    );
    expect(speakers(quotes)).toEqual([
      ['This was a painful choice fo', 'Larkspur Mining Corp'],
      ['We will stand by each of the', 'Larkspur Mining Corp'],
    ]);
  });

  it('"the office said in a statement" and the second half of its split quote', () => {
    const { quotes } = analyze(
      articleFrom('Fraud verdict', [
        'A jury convicted the former treasurer of the Millbank Rowing Association on Tuesday of taking $400,000 from its accounts.',
        'The Marlow County Prosecutor\u2019s Office praised the jurors for their patience.',
        '"The verdict tells every volunteer treasurer that the books are not a piggy bank," the office said in a statement. "We will ask for a term that reflects the harm."',
      ]),
    );
    const names = quotes.map((q) => q.speaker);
    expect(names).toHaveLength(2);
    for (const n of names)
      expect(
        speakerMatches('Marlow County Prosecutor\u2019s Office', n, [
          'Marlow County Prosecutor\u2019s Office',
        ]),
      ).toBe(true);
  });

  it('"the spokesperson wrote" after "a <body> spokesperson said" names the body', () => {
    const { quotes } = analyze(
      articleFrom('Water rates', [
        'Regulators will hold hearings on the rate increase in March.',
        'A Glenmoor Water spokesperson said in an email that the utility "understands the pressure on households" and would publish a breakdown of costs.',
        '"Most of the increase pays for pipes that were laid before the Second World War," the spokesperson wrote.',
      ]),
    );
    expect(quotes.map((q) => q.speaker)).toEqual(['Glenmoor Water', 'Glenmoor Water']);
  });
});

describe("an article is no part of a body's name", () => {
  it('"A <Body> spokeswoman said:" names the body without the article', () => {
    const { quotes } = analyze(
      articleFrom('Harbour fees', [
        'The Harbour Authority proposed on Tuesday to double mooring fees for visiting yachts.',
        'Sailing clubs along the coast said the rise would drive visitors to French marinas.',
        'A Harbour Authority spokeswoman said: \u201cThe fees have not changed in twelve years. We are asking visitors to pay their share of the upkeep.\u201d',
      ]),
    );
    expect(quotes.map((q) => [q.speaker, q.role])).toEqual([['Harbour Authority', 'spokeswoman']]);
  });
});

describe('number words and determiners are never a speaker', () => {
  it('"One said" and "Another told" after a group leave the speaker unnamed', () => {
    const { quotes } = analyze(
      articleFrom('Depot plan', [
        'Several Green councillors oppose the depot plan. One said the scheme was "a gift to developers dressed up as a bus station" and promised to vote against it.',
        'Another told the Gazette the consultation had been "a box-ticking exercise from start to finish."',
      ]),
    );
    expect(quotes.map((q) => q.speaker)).toEqual([null, null]);
  });

  it('"One <party> councillor said" leaves the speaker unnamed with the description as role', () => {
    const { quotes } = analyze(
      articleFrom('Depot plan', [
        'One Green councillor said the plan was "rushed through before anyone could read it."',
      ]),
    );
    expect(quotes.map((q) => q.speaker)).toEqual([null]);
    expect(quotes[0]!.role).toMatch(/Green councillor/);
  });
});

describe('a quote-only paragraph after a paragraph that introduces a person', () => {
  it('goes to the person introduced, across both paragraphs of the quote', () => {
    const { quotes } = analyze(
      articleFrom('Depot hearing', [
        'The council will vote on the depot plan next month.',
        '“We have waited two years for this,” said Nadia Osterberg, who chairs the transport committee.',
        'Marcus Bellweather, whose bakery backs onto the old tram shed, sat through both hearings. His daughter runs the shop on weekends.',
        '\u201cI know the council needs somewhere to park its buses. I have never argued otherwise.',
        '\u201cBut nobody has told us where the lorries will turn, and my ovens start at four in the morning.\u201d',
      ]),
    );
    expect(quotes.map((q) => q.speaker)).toEqual([
      'Nadia Osterberg',
      'Marcus Bellweather',
      'Marcus Bellweather',
    ]);
  });
});

describe('a ruling quoted as a document', () => {
  it('goes to the judge or the court, not to a court named later', () => {
    const { quotes } = analyze(
      articleFrom('Zoning appeal', [
        'Circuit Judge Olivia Granger on Friday upheld the county\u2019s zoning decision.',
        'She rejected the developer\u2019s claim that the hearing had been unfair. The court\u2019s ruling described that argument as "an attempt to relitigate a vote the developer lost."',
        'A lawyer for the developer said it would take the case to the Court of Appeals.',
      ]),
      { evidence: true },
    );
    expect(quotes).toHaveLength(1);
    // The judge and the court both answer; the model may split between them and then print no name.
    const [first, second] = quotes[0]!.evidence!.candidates;
    expect(speakerMatches('Olivia Granger', first!.name, ['the court'])).toBe(true);
    expect(speakerMatches('Olivia Granger', second!.name, ['the court'])).toBe(true);
    if (quotes[0]!.speaker !== null)
      expect(speakerMatches('Olivia Granger', quotes[0]!.speaker, ['the court'])).toBe(true);
  });
});

describe('a description of a named body is a speaker the model does not shy away from', () => {
  it('gives "the bank said in its statement" to the bank the article named', () => {
    const { quotes } = analyze(
      articleFrom('Rates', [
        'Valmora Bank cut its main interest rate by a quarter point on Thursday, its second cut this year.',
        '"Inflation is falling faster than we expected in the summer, and the labour market has cooled," the bank said in its statement.',
      ]),
    );
    expect(quotes.map((q) => q.speaker)).toEqual(['Valmora Bank']);
  });
});

describe('titles and seats that are no part of a name', () => {
  it('drops a police rank or "Comrade" before a name', () => {
    const { quotes } = analyze(
      articleFrom('Assembly row', [
        'The police spokesman, SP Tolu Arowolo, said officers would stay at the gate "until calm returns to the complex."',
        'The coalition chair, Comrade Funmi Odebiyi, urged both camps to "put the people first" and return to work.',
      ]),
    );
    expect(quotes.map((q) => q.speaker)).toEqual(['Tolu Arowolo', 'Funmi Odebiyi']);
  });

  it('leaves the city a body sits in out of its name', () => {
    const { quotes } = analyze(
      articleFrom('River ruling', [
        'A spokesman for the Saxony Water Ministry in Dresden said the ministry would "study the ruling line by line" before deciding on an appeal.',
      ]),
    );
    expect(quotes.map((q) => q.speaker)).toEqual(['Saxony Water Ministry']);
  });
});
