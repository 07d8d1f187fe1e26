import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { articleFrom, nameIndexOf } from './analysis-helpers.js';

function speakers(paragraphs: string[]): Array<string | null> {
  return analyze(articleFrom('Referring back', paragraphs)).quotes.map((q) => q.speaker);
}

describe('speakers referred back to by role, pronoun or long names', () => {
  it('give "the governor said" to the governor introduced earlier, though a later apposition describes him', () => {
    const found = speakers([
      'County members on Tuesday moved to impeach Governor Tobias Wekesa over the stalled clinics.',
      'But Governor Wekesa, a former banker in his second term, dismissed the motion as a witch-hunt.',
      '"I have nothing to hide and every shilling is accounted for," the governor said in a statement issued by his office.',
    ]);
    expect(found).toEqual(['Tobias Wekesa']);
  });

  it('resolve "she said" to the woman of two namesakes when the bare surname was linked to the man', () => {
    const found = speakers([
      'Margaret Okafor-Lind and her husband Robert Okafor-Lind run the ferry company together.',
      'Robert Okafor-Lind said the timetable would change in spring.',
      '"We will not cut the winter crossings," Okafor-Lind said.',
      'Asked about the fares, she said, "Prices stay where they are until the summer."',
    ]);
    expect(found[1]).toBe('Margaret Okafor-Lind');
  });

  it('give a partial quote to a body with a long Spanish name that said it in a statement', () => {
    const found = speakers([
      'Metro drivers walked out on Thursday over night pay.',
      'The Empresa de Transporte Masivo del Valle de Aburrá, which runs the trains, said in a statement that its offer was "the largest in ten years" and that it was "open to talks at any moment".',
    ]);
    expect(found).toEqual([
      'Empresa de Transporte Masivo del Valle de Aburrá',
      'Empresa de Transporte Masivo del Valle de Aburrá',
    ]);
  });
});

describe('names as the article gives them', () => {
  it('keep a first given name that only the larger name corpus knows ("Luz Marina ...")', () => {
    const people = nameIndexOf(
      articleFrom('Strike', [
        '"We did not want this," said the union\'s president, Luz Marina Cárdenas Ospina, on Monday.',
      ]),
    ).people;
    expect(people.map((p) => p.name)).toEqual(['Luz Marina Cárdenas Ospina']);
  });

  it("leave post-nominal letters (SC, KC, MP) off a person's name", () => {
    const people = nameIndexOf(
      articleFrom('Court', [
        'The defence, led by Michael Tranter SC, called the conduct "reckless but not dishonest".',
        'Local member Alison Greer MP said she would raise it in the House.',
      ]),
    ).people;
    expect(people.map((p) => p.name)).toEqual(['Michael Tranter', 'Alison Greer']);
  });
});
