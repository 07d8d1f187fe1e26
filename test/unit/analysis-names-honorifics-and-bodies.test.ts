import { describe, expect, it } from 'vitest';
import { analyze, attributionCandidates } from '../../src/analysis/index.js';
import { articleFrom, nameIndexOf } from './analysis-helpers.js';

/** Quote text prefixes and speakers, in order. */
function speakers(quotes: Array<{ text: string; speaker: string | null }>): Array<[string, string | null]> {
  return quotes.map((q) => [q.text.slice(0, 24), q.speaker]);
}

describe('names an analyzer had not met before', () => {
  it('reads a person after an honorific written without a full stop, whatever the given name', () => {
    // Prepare
    const article = articleFrom('Hotel plan', [
      'When contacted, trust general manager Dr Zarqa Ain Hasbullah confirmed that the study was ready.',
      '"We are looking at the whole row, not just the front," she said.',
    ]);
    // Act
    const { quotes } = analyze(article);
    const people = nameIndexOf(article).people;
    // Assess
    expect(speakers(quotes)).toEqual([['We are looking at the wh', 'Zarqa Ain Hasbullah']]);
    expect(people.map((p) => [p.name, p.gender])).toEqual([['Zarqa Ain Hasbullah', null]]);
  });

  it('takes the gender an honorific without a full stop gives', () => {
    // Prepare
    const article = articleFrom('Water', ['Ms Wanjiru Kamau confirmed that the pumps would run again.']);
    // Act
    const people = nameIndexOf(article).people;
    // Assess
    expect(people.map((p) => [p.name, p.gender])).toEqual([['Wanjiru Kamau', 'f']]);
  });

  it('keeps a party or nationality word that ends the name of a body', () => {
    // Prepare
    const article = articleFrom('Strike', [
      'A spokesperson for the Ministry of Labour said the province "encourages both parties to keep talking" this week.',
    ]);
    // Act
    const index = nameIndexOf(article);
    const { quotes } = analyze(article);
    // Assess
    expect(index.organizations).toEqual(['Ministry of Labour']);
    expect(speakers(quotes)).toEqual([['encourages both parties ', 'Ministry of Labour']]);
  });

  it('reads an acronym and the word after it as one body', () => {
    // Prepare
    const article = articleFrom('Corals', [
      'NOAA Fisheries is reviewing the protections, according to an agency statement.',
      'The statement says the agency "welcomes new science about these long-lived habitats."',
    ]);
    // Act
    const index = nameIndexOf(article);
    // Assess
    expect(index.organizations).toEqual(['NOAA Fisheries']);
    expect(index.people).toEqual([]);
  });

  it('never takes one unknown word after "in" for a person', () => {
    // Prepare
    const article = articleFrom('Strike', [
      'A deli clerk at a store in Hamilton, who asked not to be named, told reporters about second jobs. "Half the people in my department are tired," she said.',
    ]);
    // Act
    const { quotes } = analyze(article);
    // Assess
    expect(nameIndexOf(article).people).toEqual([]);
    expect(speakers(quotes)).toEqual([['Half the people in my de', null]]);
  });

  it('links a shorter form of a name to the full name that ends in a generational suffix', () => {
    // Prepare
    const article = articleFrom('River', [
      'Nana Kwaku Amoako Ababio II, the chief of the area, said the river was ruined.',
      '"We cannot drink from it any more," Nana Amoako Ababio said.',
    ]);
    // Act
    const { quotes } = analyze(article);
    // Assess
    expect(nameIndexOf(article).people.map((p) => [p.name, p.role])).toEqual([
      ['Kwaku Amoako Ababio II', 'chief of the area'],
    ]);
    expect(speakers(quotes)).toEqual([['We cannot drink from it ', 'Kwaku Amoako Ababio II']]);
  });

  it('reads a company named with "Limited" as a body, not as a person called Limited', () => {
    // Prepare
    const article = articleFrom('Water', [
      'The plant is run by Ghana Water Limited, which said output had halved.',
      'Kenya Power Limited said on Monday that it "will restore supply by Friday evening."',
    ]);
    // Act
    const index = nameIndexOf(article);
    // Assess
    expect(index.people).toEqual([]);
    expect(index.organizations).toEqual(['Ghana Water Limited', 'Kenya Power Limited']);
  });
});

describe('who speaks after an honorific without a full stop, or an unnamed source', () => {
  it('takes "she said" two paragraphs on back to a person named after "Mrs"', () => {
    // Prepare
    const article = articleFrom('Water plant', [
      'The plant supplies about 120,000 residents and now runs at half its capacity.',
      'The regional manager of the utility, Mrs Philomena Ansah-Darko, disclosed this on Tuesday.',
      'According to her, the water reaching the plant is far dirtier than it was built to treat.',
      '"We are spending three times what we spent last year, and still we cannot produce enough," she said.',
    ]);
    // Act
    const { quotes } = analyze(article);
    // Assess
    expect(speakers(quotes)).toEqual([['We are spending three ti', 'Philomena Ansah-Darko']]);
  });

  it('keeps a source who asked not to be named unnamed in the sentence after', () => {
    // Prepare
    const article = articleFrom('Strike vote', [
      'Teresa Almeida, the union local president, said members were angry about the offer.',
      'A deli clerk, who asked not to be named because she fears being disciplined, told reporters that many co-workers hold second jobs. "Half the people in my department are tired all the time," she said.',
    ]);
    // Act
    const { quotes } = analyze(article);
    // Assess
    expect(speakers(quotes)).toEqual([['Half the people in my de', null]]);
  });
});

describe('"the company" is weighed against every body it may stand for', () => {
  it('offers the body named most so far beside the one named last', () => {
    // Prepare
    const article = articleFrom('Freight', [
      'Acme Freight said on Tuesday it would cut 900 jobs. Acme Freight also plans to close 14 terminals.',
      'Its board hired Harbour Partners to look at a sale, the carrier said.',
      'The company said it "will tell affected employees this week."',
    ]);
    // Act
    const { candidates } = attributionCandidates(article);
    const bodies = candidates[0]!
      .filter((c) => c.features.has('kind=desc'))
      .map((c) => [c.name, c.features.has('desc&recentBody'), c.features.has('desc&mostNamedBody')]);
    // Assess
    expect(bodies).toEqual([
      ['Harbour Partners', true, false],
      ['Acme Freight', false, true],
    ]);
  });
});

describe('a title followed by no name', () => {
  it('takes neither an acronym nor a further title word after a title for a person', () => {
    // Prepare
    const article = articleFrom('Water', [
      'The Eastern Regional Chief Manager of GWL, Mrs Philomena Ansah-Darko, disclosed this on Tuesday.',
      'The Municipal Chief Executive, Daniel Boateng, led the visit.',
      'Rep. King said he would vote against the bill.',
    ]);
    // Act
    const people = nameIndexOf(article).people.map((p) => p.name);
    // Assess
    expect(people).toEqual(['Philomena Ansah-Darko', 'Daniel Boateng', 'King']);
  });
});

describe('an honorific is no role', () => {
  it('drops a traditional honorific from the role the email would show', () => {
    // Prepare
    const article = articleFrom('River', ['Nana Kwaku Boateng said on Monday that the river was ruined.']);
    // Act
    const people = nameIndexOf(article).people.map((p) => [p.name, p.role]);
    // Assess
    expect(people).toEqual([['Kwaku Boateng', null]]);
  });
});

describe('bodies and titles seen on the held-out sets', () => {
  it('names the body behind a spokesperson without the rest of the clause', () => {
    // Prepare
    const article = articleFrom('Mangroves', [
      'A spokesperson for Creekview Developers rejected the allegations, saying the company held "all necessary approvals" for the work.',
      'A spokesman for Wind Energy Ireland said the ruling showed the need for "proper resourcing" of the planning system.',
    ]);
    // Act
    const { quotes } = analyze(article);
    // Assess
    expect(speakers(quotes)).toEqual([
      ['all necessary approvals', 'Creekview Developers'],
      ['proper resourcing', 'Wind Energy Ireland'],
    ]);
  });

  it('reads "GP" and "Ald." as titles, not as parts of a name', () => {
    // Prepare
    const article = articleFrom('Clinic', [
      '"We turn away about 30 families a week," said GP Tomasz Wrobel, who runs a clinic in the town.',
      '"My residents hear about safety and then they see a ticket," said Ald. Gabriel Stasiak, 13th, who opposes the plan.',
    ]);
    // Act
    const { quotes } = analyze(article);
    // Assess
    expect(speakers(quotes)).toEqual([
      ['We turn away about 30 fa', 'Tomasz Wrobel'],
      ['My residents hear about ', 'Gabriel Stasiak'],
    ]);
  });
});

describe('places, numbered bodies and unnamed sources from the held-out sets', () => {
  it('reads a landform name as a place and keeps the ordinal of a numbered body', () => {
    // Prepare
    const article = articleFrom('Courts and lakes', [
      'The 9th U.S. Circuit Court of Appeals upheld the cap, and the 2nd Marine Division said it would train nearby.',
      'Lake Biwa was "an early warning for lakes all over the world," the researcher Takeshi Morimura said.',
    ]);
    // Act
    const index = nameIndexOf(article);
    // Assess
    expect(index.organizations).toEqual(['9th U.S. Circuit Court of Appeals', '2nd Marine Division']);
    expect(index.places).toContain('Lake Biwa');
    expect(index.people.map((p) => p.name)).toEqual(['Takeshi Morimura']);
  });

  it('keeps unnamed a source who asked not to be identified when the quote opens the next paragraph', () => {
    // Prepare
    const article = articleFrom('Fire crews', [
      'Rafael Costa, the regional coordinator, said the brigades had been cut from 40 to 28 this year.',
      'A brigade member from Corumbá, who asked not to be identified, said the short contracts drive out experienced crews.',
      '"We work 14 hours in the smoke, and in November they tell us the contract is over," he said.',
    ]);
    // Act
    const { quotes } = analyze(article);
    // Assess
    expect(speakers(quotes)).toEqual([['We work 14 hours in the ', null]]);
  });
});

describe('a role capitalised only because it opened the sentence', () => {
  it('is shown in lower case after the name, unless it starts with a name itself', () => {
    // Prepare
    const article = articleFrom('Cup tie', [
      'Teenager Callum Baird said: "I just hit it and hoped for the best."',
      'Club chairman Alan Rennie said the ground "has never been louder than that."',
      'Ekurhuleni metro spokesperson Lerato Dube said crews "will be out again on Monday."',
    ]);
    // Act
    const { quotes } = analyze(article);
    // Assess
    expect(quotes.map((q) => [q.speaker, q.role])).toEqual([
      ['Callum Baird', 'teenager'],
      ['Alan Rennie', 'club chairman'],
      ['Lerato Dube', 'Ekurhuleni metro spokesperson'],
    ]);
  });
});

describe('no role made of a neighbour and a bare title', () => {
  it('shows no role rather than "Stasiak and Ald."', () => {
    // Prepare
    const article = articleFrom('Cameras', [
      'Ald. Gabriel Stasiak, 13th, opposed the plan.',
      'Stasiak and Ald. Loretta Means, 34th, spoke against it.',
      '"The cameras fall hardest on the South and West Sides," Means said.',
    ]);
    // Act
    const { quotes } = analyze(article);
    // Assess
    expect(quotes.map((q) => [q.speaker, q.role])).toEqual([['Loretta Means', null]]);
  });
});

describe('a role written before the name after "stated" or "explained"', () => {
  it('takes the possessive description before the name as the role', () => {
    // Prepare
    const article = articleFrom('Fire crews', [
      '"The season starts earlier every year," stated Prevfogo\'s national coordinator, Rodrigo Tavares Leal.',
    ]);
    // Act
    const people = nameIndexOf(article).people.map((p) => [p.name, p.role]);
    // Assess
    expect(people).toEqual([['Rodrigo Tavares Leal', "Prevfogo's national coordinator"]]);
  });
});
