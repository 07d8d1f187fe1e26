import { describe, expect, it } from 'vitest';
import { analysisOfText } from '../helpers/analyse-text.js';

const analysisOf = (body: string) => analysisOfText('Business news', body);

describe('a body that was told something is the listener, not a speaker (session 14, sentences written for the tests)', () => {
  it('"the company said" points back past the newspaper that was told, to the company', () => {
    const a = analysisOf(
      [
        'Brightwell Foods will close two of its bakeries in the spring, the company confirmed on Tuesday.',
        'About 140 jobs will go, chief executive Dana Morrow told KLTV News on Tuesday.',
        'The company said in a statement that the closures were "painful but necessary to keep the other sites open".',
      ].join('\n\n'),
    );
    const quote = a.quotes.find((q) => q.text.startsWith('painful'));
    expect(quote?.speaker).toBe('Brightwell Foods');
  });

  it('a role or a measure in capitals (CEO, IPO, FY) is no organisation', () => {
    const a = analysisOf(
      'The CEO said the IPO would wait until FY27, after the SEC finishes its review of the filing.',
    );
    expect(a.entities.organizations).toContain('SEC');
    for (const acronym of ['CEO', 'IPO', 'FY']) expect(a.entities.organizations).not.toContain(acronym);
  });
});

describe('later references to a person named in full (session 14, sentences written for the tests)', () => {
  it.each([
    {
      why: 'the given names alone ("Ahmad Fadzil" after "Ahmad Fadzil Karim") are the same person',
      intro: 'Ahmad Fadzil Karim, the district police chief, said 40 people had lost money to the scheme.',
      quote: '"Many of them put in their life savings," Ahmad Fadzil said.',
      person: 'Ahmad Fadzil Karim',
    },
    {
      why: 'an honorific before a two-word surname ("Mr Ó Máille") keeps the person when no namesake exists',
      intro: 'Residents led by Dara Ó Máille, a sheep farmer, opposed the wind farm for three years.',
      quote: '"We were told this region would be at the heart of the transition," said Mr Ó Máille.',
      person: 'Dara Ó Máille',
    },
  ])('$why', ({ intro, quote, person }) => {
    const a = analysisOf(`${intro}\n\n${quote}`);
    expect(a.quotes[0]?.speaker).toBe(person);
    expect(a.entities.people.map((p) => p.name)).toEqual([person]);
  });
});
