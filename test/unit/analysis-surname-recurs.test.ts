import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { articleFrom, nameIndexOf } from './analysis-helpers.js';

function people(paragraphs: string[]) {
  return nameIndexOf(articleFrom('Surnames', paragraphs)).people;
}

describe('a full name whose surname the article later uses alone', () => {
  it('is a person, though neither word is a known given name', () => {
    // Neither "Tavish" nor "Okonkwo-Brandt" is in any list of given names, and no title or verb is near.
    const found = people([
      'The inquiry compared the case with that of Tavish Okonkwo-Brandt, shipowner and donor.',
      'In 2019, Okonkwo-Brandt settled with regulators.',
    ]);
    expect(found.map((p) => p.name)).toEqual(['Tavish Okonkwo-Brandt']);
  });

  it('lets a later "he said" reach that person', () => {
    const article = articleFrom('Shipping donor', [
      'The inquiry compared the case with that of Tavish Okonkwo-Brandt, shipowner and donor.',
      'In 2019, Okonkwo-Brandt settled with regulators, and he had been candid about it.',
      '"Money opens doors in this town, and everybody who says otherwise is lying," he said at the time.',
    ]);
    const { quotes } = analyze(article);
    expect(quotes.map((q) => q.speaker)).toEqual(['Tavish Okonkwo-Brandt']);
  });

  it('does not make a place or an organisation of two words a person', () => {
    const found = people([
      'Floods reached Lower Saxony on Monday, and the Red Cross opened shelters.',
      'In Saxony, volunteers filled sandbags while the Cross sent tents.',
    ]);
    expect(found.map((p) => p.name)).toEqual([]);
  });
});
