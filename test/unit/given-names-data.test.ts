import { describe, expect, it } from 'vitest';
import { frontDecode, frontEncode } from '../../src/analysis/data/front-coding.js';
import givenNames from '../../src/analysis/data/given-names.json' with { type: 'json' };

describe('the given-name lists, front-coded to keep the render bundle small', () => {
  it('decode to exactly the sorted words they were encoded from', () => {
    const words = ['aaren', 'aarika', 'abagael', 'abagail', 'abbe', 'ab', 'zoe'].sort();
    const encoded = frontEncode(words);
    expect(encoded).toBe('0aaren3ika1b2agael5il2be0zoe');
    expect(frontDecode(encoded)).toEqual(words);
  });

  it('ship thousands of sorted, unique, lower-case names, accents and titles aside', () => {
    const female = frontDecode(givenNames.female);
    const male = frontDecode(givenNames.male);
    expect(female.length).toBeGreaterThan(4000);
    expect(male.length).toBeGreaterThan(3000);
    for (const list of [female, male]) {
      expect([...list].sort()).toEqual(list);
      expect(new Set(list).size).toBe(list.length);
      expect(list.every((n) => /^\p{Ll}+$/u.test(n))).toBe(true);
    }
    expect(female).toContain('luz');
    expect(male).toContain('bartholomew');
  });

  it("add other locales' first names without changing the gender English gives a name", () => {
    const female = new Set(frontDecode(givenNames.female));
    const male = new Set(frontDecode(givenNames.male));
    // Spanish and Ghanaian names the English lists lack; "José" is stored as the analyzer looks it up.
    expect(female.has('marisol')).toBe(true);
    expect(male.has('kwame')).toBe(true);
    expect(male.has('jose')).toBe(true);
    // "Mark" is a man's name in English news, whatever a locale's list of women's names holds.
    expect(female.has('mark')).toBe(false);
    expect(male.has('mark')).toBe(true);
  });
});
