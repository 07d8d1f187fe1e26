import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { articleFrom, RULES } from './analysis-helpers.js';

/** Speakers of the quotes of a small article written inline. */
function speakersOf(...paragraphs: string[]): Array<[string, string | null]> {
  return analyze(articleFrom('A Headline', paragraphs), RULES).quotes.map((q) => [q.text, q.speaker]);
}

describe('attribution patterns of wire copy', () => {
  it('resolves an honorific surname to the full name first given', () => {
    expect(
      speakersOf('LONDON - Mr. Alan Pierce resigned on Friday. "It has been an honour," Mr. Pierce said.'),
    ).toEqual([['It has been an honour', 'Alan Pierce']]);
  });

  it('takes "said X, the ..." and "X, a spokesman for Y, said"', () => {
    expect(
      speakersOf(
        '"Prices will rise," said Anna Berg, the bank\'s chief economist.',
        '"We disagree," Tom Hale, a spokesman for the ministry, said.',
      ),
    ).toEqual([
      ['Prices will rise', 'Anna Berg'],
      ['We disagree', 'Tom Hale'],
    ]);
  });

  it('does not give a quote to the person named in a possessive', () => {
    expect(
      speakersOf(
        'Singer Dana Reyes sued her label on Tuesday.',
        '"This is about every artist," said Reyes\'s lawyer, Tom Brown.',
      ),
    ).toEqual([['This is about every artist', 'Tom Brown']]);
  });

  it('gives "the company said" to the company named earlier, not to the wire agency of the dateline', () => {
    expect(
      speakersOf(
        'DETROIT (Reuters) - Acme Motors Corp said on Monday it would recall 10,000 cars.',
        '"We are not aware of any injuries," the company said.',
      ),
    ).toEqual([['We are not aware of any injuries', 'Acme Motors Corp']]);
  });

  it('reads a quote right after the dateline as direct', () => {
    const { quotes } = analyze(
      articleFrom('A Headline', ['WASHINGTON - "We will win," Senator John Ward said on Monday.']),
    );
    expect(quotes).toMatchObject([{ text: 'We will win', speaker: 'John Ward', kind: 'direct' }]);
  });

  it('gives quotes from documents to their issuers, whichever way the sentence runs', () => {
    expect(
      speakersOf(
        'The Foreign Ministry issued a statement on Monday.',
        '"We reject the accusations," reads the statement.',
        '"Sales will recover," according to a statement from Acme Motors Corp.',
        'The report by the Government Accountability Office found gaps. "Oversight was weak," the report said.',
      ),
    ).toEqual([
      ['We reject the accusations', 'Foreign Ministry'],
      ['Sales will recover', 'Acme Motors Corp'],
      ['Oversight was weak', 'Government Accountability Office'],
    ]);
  });

  it('gives "the committee\'s report" to the committee, not to the lawmaker quoted before it, and "It added" to the same report', () => {
    expect(
      speakersOf(
        'The House Ethics Committee will take up the rules on Tuesday in the Rayburn House Office Building.',
        'Rep. Dana Holm of Oregon called it overdue. "We should have done this years ago," Holm said.',
        "The committee's staff report, released with the bill, found that 90 filings were late.",
        '"Late filing is routine," the report said. It added: "The fine has not changed since 2012."',
      ),
    ).toEqual([
      ['We should have done this years ago', 'Dana Holm'],
      ['Late filing is routine', 'House Ethics Committee'],
      ['The fine has not changed since 2012.', 'House Ethics Committee'],
    ]);
  });

  it('gives a letter read after "The letter states:" to whoever sent it, named in the sentence before', () => {
    expect(
      speakersOf(
        'The Rural Towns Coalition, a group of 30 mayors, sent senators a letter Monday urging them to keep the program. The letter states:',
        '"The program has built roads that no other grant would pay for.',
        '"Cutting it would fall hardest on the smallest towns."',
      ),
    ).toEqual([
      ['The program has built roads that no other grant would pay for.', 'Rural Towns Coalition'],
      ['Cutting it would fall hardest on the smallest towns.', 'Rural Towns Coalition'],
    ]);
  });

  it('keeps a place that opens a body name in the name ("New Mexico Ballot Watch")', () => {
    expect(
      speakersOf(
        'Clerks in rural counties have been followed home, the survey found.',
        'New Mexico Ballot Watch said in a statement that its volunteers "have never threatened anyone."',
      ),
    ).toEqual([['have never threatened anyone.', 'New Mexico Ballot Watch']]);
  });

  it('gives a quote to a one-word organisation but not to a capitalised plural', () => {
    expect(
      speakersOf(
        'FRANKFURT - Flights were cancelled on Thursday.',
        'Lufthansa said: "We regret the disruption."',
        'Critics said: "This was avoidable."',
      ),
    ).toEqual([
      ['We regret the disruption.', 'Lufthansa'],
      ['This was avoidable.', null],
    ]);
  });

  it('gives a quote-only paragraph to the person a colon introduced', () => {
    expect(
      speakersOf('Coach Maria Lopez put it this way:', '"We played without fear, and we won without fear."'),
    ).toEqual([['We played without fear, and we won without fear.', 'Maria Lopez']]);
  });

  it('keeps an unnamed official unnamed', () => {
    const { quotes } = analyze(
      articleFrom('A Headline', [
        'Minister Paul Grant visited the site on Monday.',
        '"Nobody was hurt," a senior official said, speaking on condition of anonymity.',
      ]),
    );
    expect(quotes[0]?.speaker).toBeNull();
    expect(quotes[0]?.role).toBe('senior official');
  });

  it('prefers the subject over a person named as an object for "he said"', () => {
    expect(
      speakersOf('Senator John Ward met with Governor Tom Ellis on Tuesday. "The talks went well," he said.'),
    ).toEqual([['The talks went well', 'John Ward']]);
  });

  it('matches pronouns by gender', () => {
    expect(
      speakersOf(
        'Mayor Linda Harper and Alderman Robert Diaz clashed on Tuesday.',
        '"He is wrong," she said.',
      ),
    ).toEqual([['He is wrong', 'Linda Harper']]);
  });

  it('gives the subject of "X did Y and said" the quote', () => {
    expect(
      speakersOf(
        'BEIJING (Reuters) - China on Saturday condemned the sale and said it would take "firm measures."',
      ),
    ).toEqual([['firm measures.', 'China']]);
  });

  it('carries a speaker into a quote-only paragraph, and an indirect-speech speaker into the next quote', () => {
    expect(
      speakersOf(
        '"We will rebuild," said Mayor Ana Ruiz.',
        '"It will take years, but we will do it."',
        'Council member Jamie Torres said the plan would create jobs. "This is the biggest investment in a generation."',
      ),
    ).toEqual([
      ['We will rebuild', 'Ana Ruiz'],
      ['It will take years, but we will do it.', 'Ana Ruiz'],
      ['This is the biggest investment in a generation.', 'Jamie Torres'],
    ]);
  });
});
