import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { articleFrom } from './analysis-helpers.js';

describe('a work named after its noun is no quotation', () => {
  it('leaves out a report title with the full stop inside the marks', () => {
    const { quotes } = analyze(
      articleFrom('Returned carvings', [
        '"These carvings belong at home," the curator, Ines Varga, said on Monday.',
        'For more information, see the restitution panel\u2019s report, "Stolen Heritage and the Duty to Return."',
      ]),
    );
    expect(quotes.map((q) => q.text)).toEqual(['These carvings belong at home']);
  });
});
