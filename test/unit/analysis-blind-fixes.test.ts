import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { analyzeExample, articleFrom, RULES } from './analysis-helpers.js';

/** Quote text prefixes and speakers, in order. */
function speakers(quotes: Array<{ text: string; speaker: string | null }>): Array<[string, string | null]> {
  return quotes.map((q) => [q.text.slice(0, 30), q.speaker]);
}

describe('a surname alone resolves to the full name given earlier', () => {
  it('names the speaker in full in the example article', () => {
    // Prepare + Act
    const { analysis } = analyzeExample('surname-after-full-name.txt', RULES);
    // Assess
    expect(speakers(analysis.quotes)).toEqual([
      ['The weather here is no worse t', 'Eirik Haugland'],
      ['You get the ferry you pay for', 'Ravindra Okoro'],
      ['This time they paid for one th', 'Ravindra Okoro'],
    ]);
  });

  it('takes the most recent full name that ends with the surname', () => {
    // Prepare
    const article = articleFrom('Two brothers', [
      'Peter Quist, an analyst at Harbour Bank, said prices would fall.',
      'His brother Daniel Quist, an economist at Lakeside University, disagreed.',
      '"They will rise," Quist said.',
    ]);
    // Act
    const { quotes } = analyze(article);
    // Assess
    expect(speakers(quotes)).toEqual([['They will rise', 'Daniel Quist']]);
  });

  it('leaves a one-word organisation speaking as it is', () => {
    // Prepare
    const article = articleFrom('Airline', ['"We regret the delays," Lufthansa said on Monday.']);
    // Act
    const { quotes } = analyze(article);
    // Assess
    expect(speakers(quotes)).toEqual([['We regret the delays', 'Lufthansa']]);
  });
});

describe('a quote from a document goes to the body that issued it', () => {
  it('attributes report, statement and authors quotes in the example article', () => {
    // Prepare + Act
    const { analysis } = analyzeExample('document-issuer.txt', RULES);
    // Assess
    expect(speakers(analysis.quotes)).toEqual([
      ['left control rooms working fro', 'Office of Rail Standards'],
      ['treated as an afterthought', 'regional transport committee'],
      ['Lessons have been learned and ', 'regional transport committee'],
      ['but trust will take longer to ', 'regional transport committee'],
      ['never properly tested at scale', "the study's authors"],
    ]);
  });

  it('gives minutes to the body whose meeting they record', () => {
    // Prepare
    const article = articleFrom('Board minutes', [
      'The minutes of the board\'s March meeting record that the plan "could not be funded this year."',
    ]);
    // Act
    const { quotes } = analyze(article);
    // Assess
    expect(speakers(quotes)).toEqual([['could not be funded this year.', 'the board']]);
  });

  it('keeps null when the article does not say who issued the document', () => {
    // Prepare
    const article = articleFrom('Leak', [
      'A leaked memo seen by reporters said the cuts were "only the start."',
    ]);
    // Act
    const { quotes } = analyze(article);
    // Assess
    expect(speakers(quotes)).toEqual([['only the start.', null]]);
  });
});
