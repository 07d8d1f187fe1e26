import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { articleFrom, nameIndexOf } from './analysis-helpers.js';

// Sentences written for these tests (fictional people); the trained model decides.

describe('a person named again by part of the full name', () => {
  it('indexes the compound surname as a mention of the person named in full', () => {
    const article = articleFrom('Olive harvest', [
      'The olive harvest in the south is the smallest in a decade, growers said on Monday.',
      'Beatriz Soares Quintela, who farms 60 hectares near Moura, lost half her crop to the August heat.',
      'Soares Quintela expects to pay back her loans over five years rather than two.',
    ]);
    const index = nameIndexOf(article);
    const mentions = index.mentions
      .filter((m) => m.kind === 'person')
      .map((m) => index.people[m.person]?.name);
    expect(mentions).toEqual(['Beatriz Soares Quintela', 'Beatriz Soares Quintela']);
  });

  it('a compound surname alone ("Oliveira Prado") is the person named in full earlier', () => {
    const { quotes } = analyze(
      articleFrom('Dairy prices', [
        'Milk buyers cut their prices for the third month in a row on Friday, blaming a glut of powder on world markets.',
        '"We sell below cost every single morning," said Tomás Oliveira Prado, who keeps 90 cows outside Lavras. "My father never saw a winter like this."',
        'Oliveira Prado expects to sell a third of his herd by March unless prices recover in the new year, and he has stopped buying feed on credit until the buyers at the cooperative in town say what they will pay for the spring milk. "No bank will lend against cows that might be gone by spring," he said.',
      ]),
    );
    expect(quotes.map((q) => q.speaker)).toEqual([
      'Tomás Oliveira Prado',
      'Tomás Oliveira Prado',
      'Tomás Oliveira Prado',
    ]);
  });
});

describe('"she said" after a paragraph that names two women', () => {
  it('goes to the woman who was the subject of the reporting verb, with the quote that continues it', () => {
    const { quotes } = analyze(
      articleFrom('Weaving show', [
        'The Harbour Gallery in Bodø will show forty years of tapestries by the weaver Marit Sandnes from March.',
        '"I never thought of them as art," Sandnes said at her workshop. "They were blankets first."',
        'The exhibition\u2019s designer, Lovisa Brekke, said the rooms had been planned with Sandnes over three winters, and that most pieces would hang from the ceiling.',
        '"We wanted people to walk between them," she said. "Marit made them to be used, and we tried not to forget that."',
      ]),
    );
    expect(quotes.map((q) => q.speaker)).toEqual([
      'Marit Sandnes',
      'Marit Sandnes',
      'Lovisa Brekke',
      'Lovisa Brekke',
    ]);
  });
});

describe('a body whose name joins two portfolios with "and"', () => {
  it('is one organisation, not a person named after the "and"', () => {
    const index = nameIndexOf(
      articleFrom('Care homes', [
        'The Department of Health and Social Care said on Tuesday it was watching the talks between the lenders.',
        'Officials at the Department of Labor and Industry said they would inspect the sites.',
        'Senate Majority Leader Ana Ruiz said the hearing would go ahead.',
      ]),
    );
    const named = index.mentions.map((m) => `${m.kind}:${m.name}`);
    expect(named).toContain('org:Department of Health and Social Care');
    expect(named).toContain('org:Department of Labor and Industry');
    expect(named).toContain('person:Ana Ruiz');
    expect(named.filter((n) => n.startsWith('person:'))).toEqual(['person:Ana Ruiz']);
  });

  it('takes a prefect, a coroner or a magistrate for a title before the name', () => {
    const index = nameIndexOf(
      articleFrom('Glacier', [
        'Prefect Anne-Sophie Delmas ordered the evacuation of the hamlet on Sunday.',
        'Coroner Mary Hallam opened the inquest, and Magistrate Doreen Attard granted bail.',
      ]),
    );
    expect(index.people.map((p) => p.name)).toEqual(['Anne-Sophie Delmas', 'Mary Hallam', 'Doreen Attard']);
  });
});

describe('bodies named with a list of portfolios, or a portfolio for a place', () => {
  it('takes "the Department for Environment, Food and Rural Affairs" whole, and "Transport for London" as a body', () => {
    const index = nameIndexOf(
      articleFrom('Water bonds', [
        'Ana Ruiz of the Department for Environment, Food and Rural Affairs said the department was watching.',
        'A spokesman for Transport for London said the scheme would start in May.',
        'Labor MP Sue Lindgren MLC said the forecasts were late.',
      ]),
    );
    const named = index.mentions.map((m) => `${m.kind}:${m.name}`);
    expect(named).toContain('org:Department for Environment, Food and Rural Affairs');
    expect(named).toContain('org:Transport for London');
    expect(index.people.map((p) => p.name)).toEqual(['Ana Ruiz', 'Sue Lindgren']);
    // In text order, the body after the person who works there.
    expect(named.indexOf('person:Ana Ruiz')).toBeLessThan(
      named.indexOf('org:Department for Environment, Food and Rural Affairs'),
    );
  });
});

describe('campaign groups named with a possessive or "for" a cause', () => {
  it('keeps "Protect Our Benefits Coalition" and "Americans for Border Integrity" whole', () => {
    const index = nameIndexOf(
      articleFrom('Border bill', [
        'The Protect Our Benefits Coalition said the panel was a trap.',
        'Americans for Border Integrity said in a statement that the bill rewarded lawbreaking.',
        'Our reporters counted the votes, and American officials said so.',
      ]),
    );
    const orgs = index.mentions.filter((m) => m.kind === 'org').map((m) => m.name);
    expect(orgs).toEqual(['Protect Our Benefits Coalition', 'Americans for Border Integrity']);
  });
});

describe('capitalised words that name no one', () => {
  it('takes no headline in capitals, sentence adverb, show, tower or "Former X" description for a person', () => {
    const index = nameIndexOf(
      articleFrom('Caucus night', [
        'LOWER THAN EXPECTED TURNOUT IN IOWA WORRIES PARTY',
        'Former Obama speechwriter Jon Favreau said the night was long.',
        'Chief Rosalie Keeshig signed the agreement, and Justice Wanjiru Mbogo ruled in her favour.',
        'Recently, Favreau told The Rachel Maddow Show that the race was open.',
        'CBS Anchor DeMarco Morgan asked him about the rally at Trump Tower Manila.',
      ]),
    );
    // A title before a name and a lowercase verb ("Chief Rosalie Keeshig signed") is still a title.
    expect(index.people.map((p) => p.name)).toEqual([
      'Jon Favreau',
      'Rosalie Keeshig',
      'Wanjiru Mbogo',
      'DeMarco Morgan',
    ]);
    const named = index.mentions.map((m) => `${m.kind}:${m.name}`);
    expect(named).toContain('org:Rachel Maddow Show');
    expect(named).toContain('place:Trump Tower Manila');
  });
});

describe('words glued to a name at the start of a question or a description', () => {
  it('takes no "Does Rubio", "Had Sanders" or "Los Angeles-area Sanders" for a person, and names a super PAC without "PAC"', () => {
    const index = nameIndexOf(
      articleFrom('Primary', [
        'Does Rubio have a path? Had Sanders won Iowa, the race would be over.',
        'Los Angeles-area Sanders supporter Ana Ruiz said the rally was full.',
        'The super PAC Priorities USA Action said it would spend more. Can Dündar wrote about it.',
      ]),
    );
    expect(index.people.map((p) => p.name)).toEqual(['Ana Ruiz', 'Can Dündar']);
    expect(index.mentions.filter((m) => m.kind === 'org').map((m) => m.name)).toEqual([
      'Priorities USA Action',
    ]);
  });
});

describe('Dutch particles and British councillors', () => {
  it('reads "Pieter van Aalst" at a sentence start, "Van Aalst" later, and "Coun Yasmin Haq"', () => {
    const index = nameIndexOf(
      articleFrom('Deposits', [
        'Pieter van Aalst, a Dutch member of the European Parliament, spoke first.',
        'Van Aalst urged the commission to act. Coun Yasmin Haq said the shops would suffer.',
        'Farmer Jan Smit said the scheme was late.',
        'The Valdosta\u2013Lowndes Restaurant Association said the ruling was unfair.',
      ]),
    );
    expect(index.organizations).toContain('Valdosta\u2013Lowndes Restaurant Association');
    const people = index.mentions.filter((m) => m.kind === 'person').map((m) => index.people[m.person]!.name);
    expect(people).toEqual(['Pieter van Aalst', 'Pieter van Aalst', 'Yasmin Haq', 'Jan Smit']);
  });
});
