import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { articleFrom, nameIndexOf } from './analysis-helpers.js';

function people(paragraphs: string[]) {
  return nameIndexOf(articleFrom('Given names', paragraphs)).people;
}

describe('given names from the public name corpus', () => {
  it('recognise a person introduced without a title, role or speech verb', () => {
    // "Bartholomew" is in the corpus list, not in the hand-written one.
    const found = people(['The plan backed by Bartholomew Quayle drew crowds to the harbour.']);
    expect(found.map((p) => p.name)).toEqual(['Bartholomew Quayle']);
  });

  it('give a gender hint that resolves a later pronoun past a person of the other gender', () => {
    // Arrange
    const article = articleFrom('Harbour plan', [
      'Rosalind Vetterli threw her weight behind the harbour plan on Tuesday.',
      'Thaddeus Ombra, the port director, had asked for a delay.',
      '"The harbour cannot wait another winter," she said.',
    ]);
    // Act
    const { quotes } = analyze(article);
    // Assert
    expect(quotes.map((q) => q.speaker)).toEqual(['Rosalind Vetterli']);
  });

  it('leave a capitalised pair that is not a person alone', () => {
    const found = people(['Imelda Street was closed on Monday while crews repaired the water main.']);
    expect(found.map((p) => p.name)).toEqual([]);
  });
});
