import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { articleFrom } from './analysis-helpers.js';

// Sentences written for these tests (fictional people and bodies). Patterns the blind-6 set showed.

describe('names as the article writes them', () => {
  it('keeps "Against" inside a body\'s name ("Commission Against Corruption")', () => {
    const { quotes, entities } = analyze(
      articleFrom('Council probe', [
        'The Coastal Commission Against Corruption, which in a report last year called the register "almost entirely empty of entries", declined to comment.',
      ]),
    );
    expect(entities.organizations).toContain('Coastal Commission Against Corruption');
    expect(quotes.map((q) => q.speaker)).toEqual(['Coastal Commission Against Corruption']);
  });

  it('reads a quoted nickname as part of the name, not as a quote, and joins the name around it', () => {
    const { quotes, entities } = analyze(
      articleFrom('Rice prices', [
        'Senator Ramon "Bong" Villaflor said at the hearing on Tuesday: "No family should pay double for the same sack of rice."',
        '"We will call the importers back next week," Villaflor said.',
      ]),
    );
    expect(entities.people.map((p) => p.name)).toEqual(['Ramon Villaflor']);
    expect(quotes.map((q) => q.text)).not.toContain('Bong');
    expect(quotes.map((q) => q.speaker)).toEqual(['Ramon Villaflor', 'Ramon Villaflor']);
  });

  it('finds the person after "said" and a lower-case role ("said senior advocate Meera Joshi, appearing for")', () => {
    const { quotes } = analyze(
      articleFrom('Land dispute', [
        'The growers asked the bench to stop the survey. "My clients want a fair price, nothing more," said senior advocate Meera Joshi, appearing for the growers.',
      ]),
    );
    expect(quotes.map((q) => q.speaker)).toEqual(['Meera Joshi']);
  });

  it('does not make a person of a speech verb opening the sentence ("Stated Dunne:")', () => {
    const { quotes, entities } = analyze(
      articleFrom('Count', [
        'Jo Dunne spoke for an hour at the rally on Saturday night.',
        'Stated Dunne: "The count will be fair, and we will watch every single vote."',
      ]),
    );
    expect(entities.people.map((p) => p.name)).toEqual(['Jo Dunne']);
    expect(quotes.map((q) => q.speaker)).toEqual(['Jo Dunne']);
  });

  it('reads a rank written without full stops ("Det Gda") as a title, and "Jan" before a surname as a given name', () => {
    const { quotes, entities } = analyze(
      articleFrom('Theft trial', [
        'Det Gda Ronan Keane told the court the accused had worked "at all hours of the night" to move the money.',
        'Jan Kerrigan-Moore, who chairs the pool trust, said the town would fight the closure.',
        '"Every child in this town learned to swim in that pool," Kerrigan-Moore said.',
      ]),
    );
    expect(entities.people.map((p) => p.name)).toEqual(['Ronan Keane', 'Jan Kerrigan-Moore']);
    expect(quotes.map((q) => q.speaker)).toEqual(['Ronan Keane', 'Jan Kerrigan-Moore']);
  });

  it('keeps a plural possessive inside a body\'s name ("Kibet Growers\' Welfare Association")', () => {
    const { entities } = analyze(
      articleFrom('Growers protest', [
        "Peter Otieno, who chairs the Kibet Growers' Welfare Association, said members were angry.",
        "The National Teachers' Union said on Monday it would strike, and Farmers' leader Ana Wanjiru agreed.",
      ]),
    );
    expect(entities.organizations).toEqual([
      "Kibet Growers' Welfare Association",
      "National Teachers' Union",
    ]);
    expect(entities.people.map((p) => p.name)).toEqual(['Peter Otieno', 'Ana Wanjiru']);
  });

  it('tells honorifics, ministries and sentence-opening descriptions from the name, and keeps double given names', () => {
    const { quotes } = analyze(
      articleFrom('Names', [
        'Its chief executive officer Datuk Lim Chee Keong said the firm was "deeply sorry" for the faults.',
        'Retiree Tan Boon Kiat, 67, said the queue "stretched past the food court" by eight.',
        'Left-hander Shiraz Baksh made 84 before lunch. "The pitch is still good for batting," he said.',
        '"We are not refusing to work," said the union\'s president, Tânia Regina Moura.',
        'The ruling "empties the right of its content", said José Luis Ferrer Gomis, the lawyer for the owners.',
        '"A delay of three hours is not acceptable," Minister for Transport Lim Kok Hwa wrote on Facebook.',
        'The head of the board, Madam Adwoa Serwaa Frimpong, said it had paid. "We have met our obligation," she said.',
      ]),
    );
    expect(quotes.map((q) => q.speaker)).toEqual([
      'Lim Chee Keong',
      'Tan Boon Kiat',
      'Shiraz Baksh',
      'Tânia Regina Moura',
      'José Luis Ferrer Gomis',
      'Lim Kok Hwa',
      'Adwoa Serwaa Frimpong',
    ]);
  });

  it('a person "of" the body they work for is the person; a title with "of State for" stays a title', () => {
    const { quotes, entities } = analyze(
      articleFrom('Snow', [
        '"Natural snow below 1,500 metres is becoming the exception," climatologist Stefano Ruggeri of the National Research Council told reporters.',
        'Senior Minister of State for Transport Lim Kok Hwa said on Monday that he understood the anger. "A three-hour delay is not acceptable," he wrote.',
      ]),
    );
    expect(entities.organizations).toContain('National Research Council');
    expect(quotes.map((q) => q.speaker)).toEqual(['Stefano Ruggeri', 'Lim Kok Hwa']);
  });

  it("reads O'Halloran-Pike, a middle initial, 'Fr', an ampersand firm and a company described before its name", () => {
    const { quotes, entities } = analyze(
      articleFrom('Names again', [
        'Retailer Harwood & Lyle said in a statement to the stock market that the closures reflected a "structural shift" in shopping.',
        'Brendan O\'Halloran-Pike, the chief executive, said the decision was "gut-wrenching" for the town.',
        'Dwayne P. Lattimore, 58, stood to address the judge. "I let my company become something I am ashamed of," he said.',
        'Fr Tomás Ó Máille, who chairs the parish board, said parents were upset. "Every one of us went to these schools," he said.',
        'The Korea Privacy Forum, a Seoul-based advocacy group, said in a statement that the launch "raises the consent questions again".',
      ]),
    );
    expect(entities.organizations).toEqual(expect.arrayContaining(['Harwood & Lyle', 'Korea Privacy Forum']));
    expect(quotes.map((q) => q.speaker)).toEqual([
      'Harwood & Lyle',
      "Brendan O'Halloran-Pike",
      'Dwayne P. Lattimore',
      'Tomás Ó Máille',
      'Korea Privacy Forum',
    ]);
  });

  it('makes no person of a group noun opening a sentence ("Workers said")', () => {
    const { quotes, entities } = analyze(
      articleFrom('Tea bonus', [
        'Workers said the factory "has not paid a single shilling since March", and left.',
      ]),
    );
    expect(entities.people).toEqual([]);
    expect(quotes.map((q) => q.speaker)).toEqual([null]);
  });
});

describe('documents introduced by the body that issued them', () => {
  it('"In a statement, the authority said" and then "the statement said": the body named earlier', () => {
    const { quotes } = analyze(
      articleFrom('Ward to close', [
        'The Riverbend Health Authority will close the overnight ward at Halton Hospital from Jan. 4.',
        'In a statement, the authority said the ward would be open from 8 a.m. to 8 p.m. daily.',
        '"This is a temporary measure, and it is not a decision we take lightly," the statement said.',
        'The Dutch Safety Board said on Thursday that a signal had been hidden for two years.',
        'In a report published on Thursday, the board said drivers had reported the problem nine times.',
        '"That the trains did not collide was a matter of luck," the report said.',
      ]),
    );
    expect(quotes.map((q) => q.speaker)).toEqual(['Riverbend Health Authority', 'Dutch Safety Board']);
  });

  it('a place the statement was posted is not its issuer ("posted to Instagram on Sunday, organiser X said")', () => {
    const { quotes } = analyze(
      articleFrom('Festival cancelled', [
        'The Tweed Shire Council said on Friday that it had not been told of any cancellation.',
        'In a statement posted to Instagram late on Sunday, organiser Saltwater Sounds Pty Ltd said it had "tried every single option" to keep the festival going.',
        '"We are absolutely gutted. This festival has been our lives for 11 years," the statement said.',
        '"I heard it from a friend on Instagram who had bought a ticket," said fan Mia Lowe.',
      ]),
    );
    expect(quotes.map((q) => q.speaker)).toEqual([
      'Saltwater Sounds Pty Ltd',
      'Saltwater Sounds Pty Ltd',
      'Mia Lowe',
    ]);
  });
});

describe('names for things are not quotes', () => {
  it('"known to residents simply as", "known among farmers as", "miners call the"', () => {
    const { quotes } = analyze(
      articleFrom('Names', [
        'The authority said the ward at Harwood Union Hospital, known to most residents simply as "the Union", would close at night.',
        'Farmers said the annual payment, known among farmers simply as "bonus", had not been paid in October.',
        'The company said it offered a payment that miners call the "bono de cierre" and that firms use to end strikes.',
        '"We will not accept this," said union leader Ana Ruiz.',
      ]),
    );
    expect(quotes.map((q) => q.text)).toEqual(['We will not accept this']);
  });
});
