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
});
