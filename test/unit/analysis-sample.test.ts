import { describe, expect, it } from 'vitest';
import { analyzeExample, SAMPLE } from './analysis-helpers.js';

// The issue's quality bar, on the sample article shipped with the project.
describe('analysis of the sample article', () => {
  const { article, analysis } = analyzeExample(SAMPLE);

  it('keeps the headline as the title', () => {
    expect(analysis.title).toBe('China, South Korea Urged To Press North Korea on Human Rights');
  });

  it('finds exactly seven quoted passages, each an exact slice of the text', () => {
    expect(analysis.quotes).toHaveLength(7);
    for (const q of analysis.quotes) expect(article.text.slice(q.start, q.end)).toBe(q.text);
  });

  it('gives six quotes to Jay Lefkowitz, three of them through "he said" or "he added"', () => {
    const his = analysis.quotes.filter((q) => q.speaker === 'Jay Lefkowitz');
    expect(his).toHaveLength(6);
    const throughPronoun = his.filter(
      (q) =>
        /^[,\s"\u201d]*he (?:said|added)\b/.test(article.text.slice(q.end, q.end + 14)) ||
        /\bhe added,\s*"$/.test(article.text.slice(q.start - 12, q.start)),
    );
    expect(throughPronoun).toHaveLength(3);
    for (const q of his) expect(q.role).toMatch(/special envoy on human rights in North Korea$/);
  });

  it('gives the draft resolution quote to its issuer, never to Lefkowitz', () => {
    const q = analysis.quotes.find((x) => x.text.startsWith('continuing reports of systemic'));
    expect(q?.text).toBe('continuing reports of systemic, widespread and grave violations of human rights');
    expect(q?.speaker).not.toBe('Jay Lefkowitz');
    expect(q?.speaker).toBe("U.N. General Assembly's Third Committee");
    expect(q?.kind).toBe('partial');
  });

  it('takes the quote that finishes the writer\'s sentence after "he added" for a partial quote', () => {
    const q = analysis.quotes.find((x) => x.text.startsWith('the Chinese government needs'));
    expect(q?.kind).toBe('partial');
  });

  it('links the quote split around "he said" to its first half', () => {
    const second = analysis.quotes.findIndex((q) => q.text.startsWith('In different respects'));
    expect(analysis.quotes[second]?.continues).toBe(second - 1);
  });

  it('lists the pending resolution, the Kaesong suggestion, the call to press North Korea and the reading pointer', () => {
    const f = analysis.followUps;
    // The draft resolution is pending by the rules; the kind model reads its "call on" as a call to action.
    const byRules = analyzeExample(SAMPLE, { followUpKinds: 'rules' }).analysis.followUps;
    expect(
      byRules.some((x) => x.kind === 'pending' && /General Assembly call on North Korea/.test(x.text)),
    ).toBe(true);
    expect(f.some((x) => x.kind === 'action' && /General Assembly call on North Korea/.test(x.text))).toBe(
      true,
    );
    expect(
      f.some(
        (x) =>
          x.kind === 'suggestion' &&
          /press North Korea to open the complex to regular international inspection/.test(x.text),
      ),
    ).toBe(true);
    expect(
      f.some(
        (x) =>
          x.kind === 'action' &&
          /China and South Korea should play a more active role in pressing North Korea/.test(x.text),
      ),
    ).toBe(true);
    expect(f.find((x) => x.kind === 'reading' && x.target)?.target).toBe('The U.S. and the Korean Peninsula');
    for (const x of f) expect(article.text.slice(x.start, x.end)).toBe(x.sentence);
  });

  it('does not take a possibility modal for a follow-up', () => {
    expect(analysis.followUps.some((x) => /could benefit the most/.test(x.text))).toBe(false);
  });

  it('summarises in three verbatim sentences, in order, without pointers, dangling pronouns or quote-led sentences', () => {
    expect(analysis.summary).toHaveLength(3);
    let last = -1;
    for (const [k, s] of analysis.summary.entries()) {
      const at = article.text.indexOf(s);
      expect(at).toBeGreaterThan(last);
      last = at;
      expect(s).not.toMatch(/^(?:She|They|It|Such)\b|^\(See|^For more information|^"/);
      // "He" only after a shown sentence that names the envoy, the last person named before it.
      if (/^He\b/.test(s)) expect(analysis.summary[k - 1]).toMatch(/Lefkowitz/);
    }
    expect(analysis.summary[0]).toMatch(/^United Nations - China and South Korea should play/);
  });

  it('carries the Kaesong suggestion, the news the lead-3 sentences miss', () => {
    expect(analysis.summary.some((s) => /open the complex to regular international inspection/.test(s))).toBe(
      true,
    );
  });

  it('names the people with roles, the organisations, places and dates, and no headline fragments', () => {
    const e = analysis.entities;
    expect(e.people).toContainEqual({
      name: 'Jay Lefkowitz',
      role: "United States' special envoy on human rights in North Korea",
    });
    expect(e.people.map((p) => p.name)).not.toContain('Lefkowitz');
    expect(e.organizations).toEqual(expect.arrayContaining(['U.N. General Assembly', 'U.S. Mission']));
    expect(e.places).toEqual(expect.arrayContaining(['China', 'South Korea', 'North Korea', 'Pyongyang']));
    expect(e.dates).toContain('December 7');
    const all = [...e.people.map((p) => p.name), ...e.organizations, ...e.places];
    expect(all.some((n) => /Urged|Press North|Human Rights$/.test(n))).toBe(false);
  });

  it('counts words and reading time', () => {
    expect(analysis.stats.words).toBeGreaterThan(480);
    expect(analysis.stats.words).toBeLessThan(520);
    expect(analysis.stats.readingMinutes).toBe(3);
  });
});
