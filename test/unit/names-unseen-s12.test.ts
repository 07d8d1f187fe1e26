import { describe, expect, it } from 'vitest';
import { spokespersonBody } from '../../src/analysis/attribution/spokesperson.js';
import { analyze } from '../../src/analysis/index.js';
import { parseArticle } from '../../src/article/index.js';

const analyse = (body: string) =>
  analyze(parseArticle(`County news\n\n${body}`, { source: 'unseen.txt', format: 'text' }));
const quoteOf = (body: string, quote: string) => analyse(body).quotes.find((q) => q.text.includes(quote));

describe('speakers seen failing on unseen news (session 12, sentences written for the tests)', () => {
  it('a report introduced as "released Tuesday by" a body speaks for that body paragraphs later', () => {
    const body = [
      'The county cannot account for $2.3 million in road repair grants, according to a report released Tuesday by the Office of the Regional Auditor, the third such finding in five years.',
      'The report examined the Safer Streets fund, which paid for 40 projects in 2024 and 2025 across the county\u2019s four largest towns. Auditors found that nine contractors had not filed invoices, that several payments were approved twice and that the fund\u2019s managers kept no central list of the work they had paid for.',
      'County Executive Mara Voss, who created the fund in 2023, said she had not yet read the findings in full. Her office said it would respond in writing by the end of the month, as the law requires.',
      'Road crews in the north of the county said they had seen the money arrive late or not at all, and two contractors said they were still waiting to be paid for work finished last spring.',
      '"The fund was well meant and barely supervised," the report said.',
    ].join('\n\n');
    expect(quoteOf(body, 'well meant')?.speaker).toBe('Office of the Regional Auditor');
  });

  it('a report by "a place\u2019s ... office" speaks for the office, not the place', () => {
    const body = [
      'Upper Klamath Lake could reach a record low next summer, according to a report released Monday by Oregon\u2019s Klamath Basin watermaster\u2019s office.',
      'Farm groups said the projections were too gloomy.',
      '"Waiting is a decision too," the report said.',
    ].join('\n\n');
    expect(quoteOf(body, 'Waiting is a decision')?.speaker).toBe('Klamath Basin watermaster\u2019s office');
  });

  it('"Councilmember" is a title, not part of the name the surname later stands for', () => {
    const body = [
      'The bill, introduced by Councilmember Tamika Prewitt, would require an inspection before a rental license is renewed.',
      '"Tenants should not have to be the inspectors," Prewitt said at a news conference on Monday.',
    ].join('\n\n');
    expect(quoteOf(body, 'Tenants should not')?.speaker).toBe('Tamika Prewitt');
  });

  it('"the spokesperson said" is the spokesperson of the body named paragraphs before', () => {
    const body = [
      'A City of Fairhaven spokesperson said the dispatch center had hired nine call-takers since June.',
      'Union leaders said the hires would not be enough before winter.',
      '"Please stay on the line until someone answers," the spokesperson said.',
    ].join('\n\n');
    const q = quoteOf(body, 'Please stay on the line');
    expect(q?.speaker).toBe('City of Fairhaven');
    expect(q?.role).toBe('spokesperson');
  });

  it('"a spokesperson said" is someone new, not the spokesperson of a body met before', () => {
    const text = [
      'A spokesperson for the Harbor Taxpayers League said the group would oppose the levy.',
      'The mayor has not taken a position; a spokesperson said the office is "studying the numbers."',
    ].join('\n\n');
    const quoteAt = text.indexOf('"studying');
    expect(spokespersonBody('spokesperson', text, quoteAt)).toBeNull();
    const definite = text.replace('; a spokesperson said', '; the spokesperson said');
    expect(spokespersonBody('spokesperson', definite, definite.indexOf('"studying'))?.speaker).toBe(
      'Harbor Taxpayers League',
    );
  });

  it('a spokesperson for a body named by common nouns speaks for it as the article introduced it', () => {
    const body = [
      'The Ohio state treasurer\u2019s office has frozen payments to 14 vendors pending a review.',
      'A spokesperson for the state treasurer\u2019s office said the review would finish "within a few weeks, not months."',
    ].join('\n\n');
    expect(quoteOf(body, 'within a few weeks')?.speaker).toBe('Ohio state treasurer\u2019s office');
  });

  it('a spokesman for a body named only as "the union" stays without a name', () => {
    const body = [
      'Drivers at the depot walked out on Friday over the new rosters.',
      'A spokesman for the union called the rosters "a slap in the face to every driver here."',
    ].join('\n\n');
    const q = quoteOf(body, 'a slap in the face');
    expect(q?.speaker).toBeNull();
  });

  it('a name followed by ", which" is a body, and "the company" is the body that was the subject, not the one it applied to', () => {
    const body = [
      'Water use around the lake has grown for a decade.',
      'Marrow Creek Minerals, which extracts lithium from the lake\u2019s brine, is seeking a permit from the Nevada Division of Water Resources to expand its ponds.',
      'The company said in a statement that it supports "a lake that stays healthy for everyone."',
    ].join('\n\n');
    const analysis = analyse(body);
    expect(analysis.entities.organizations).toContain('Marrow Creek Minerals');
    expect(analysis.entities.people.map((p) => p.name)).not.toContain('Marrow Creek Minerals');
    expect(quoteOf(body, 'stays healthy')?.speaker).toBe('Marrow Creek Minerals');
  });

  it('a name glossed in its own script ("Kao Chih-ming (\u9ad8\u5fd7\u660e)") keeps its role and its surname', () => {
    const body = [
      'Hsu Mei-ling (\u8a31\u7f8e\u73b2), president of Hualien Institute of Technology, said the grant was "nowhere near enough" for a merger.',
      '"You cannot move two campuses on that money," Hsu said.',
    ].join('\n\n');
    const analysis = analyse(body);
    expect(analysis.entities.people).toContainEqual({
      name: 'Hsu Mei-ling',
      role: 'president of Hualien Institute of Technology',
    });
    expect(quoteOf(body, 'nowhere near')?.speaker).toBe('Hsu Mei-ling');
    expect(quoteOf(body, 'two campuses')?.speaker).toBe('Hsu Mei-ling');
  });
});
