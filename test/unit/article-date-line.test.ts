import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { dateLineDate } from '../../src/article/date-line.js';
import { parseArticle } from '../../src/article/index.js';

describe('a plain-text article whose first paragraph is only its date', () => {
  it.each([
    ['April 6, 2027 5:48 pm ET', '2027-04-06'],
    ['Updated - March 22, 2027 09:14 pm IST', '2027-03-22'],
    ['Tue 16 Mar 2027 07.00 GMT', '2027-03-16'],
    ['Apr - 08 - 2027 , 06:55', '2027-04-08'],
    ['Published 11:48 p.m. ET March 13, 2027', '2027-03-13'],
    ['Published 6:05 a.m. CT March 31, 2027 | Updated 10:42 a.m. CT April 1, 2027', '2027-03-31'],
    ['Friday, 19 Mar 2027 7:12 AM MYT', '2027-03-19'],
  ])('reads %j as the date %s', (line, date) => {
    // Prepare + Act + Assess
    expect(dateLineDate(line)).toBe(date);
  });

  it.each([
    'The vote is on March 3, 2027.',
    'March 3, 2027: the council met',
    'May 2027 be better',
    '31 February 2027',
    'Seoul, March 3',
  ])('does not read %j as a date line', (line) => {
    // Prepare + Act + Assess
    expect(dateLineDate(line)).toBeNull();
  });

  it('takes the date line out of the body and keeps it as the publication date', () => {
    // Prepare
    const raw = [
      'Freight firm cuts jobs',
      '',
      'April 6, 2027 5:48 pm ET',
      '',
      'Acme Freight said it would cut about 1,200 jobs and close nine of its 41 terminals.',
      '',
      'The cuts take effect on Monday, the company said in a filing with regulators.',
    ].join('\n');
    // Act
    const article = parseArticle(raw, { source: 'freight.txt', format: 'text' });
    const summary = analyze(article).summary;
    // Assess
    expect(article.publishedAt).toBe('2027-04-06');
    expect(article.paragraphs[0]).toMatch(/^Acme Freight said/);
    expect(summary[0]).toMatch(/^Acme Freight said/);
  });
});
