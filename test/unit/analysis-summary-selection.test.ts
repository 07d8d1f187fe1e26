import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { parseArticle } from '../../src/article/index.js';

const article = (title: string, paragraphs: string[]) =>
  parseArticle(`${title}\n\n${paragraphs.join('\n\n')}`, { source: 'a.txt', format: 'text' });

describe('summary: pronouns and definite descriptions (issue 10)', () => {
  it('shows "She said ..." after the woman it refers to, even with a man named in between', () => {
    // Prepare
    const text = article('Eastbrook to buy electric buses', [
      'Mayor Clara Voss said on Monday that Eastbrook would buy 40 electric buses by 2027 to replace its diesel fleet.',
      'Transport director Omar Ruiz said the depot would need new chargers before the first electric buses arrive.',
      'She said the electric buses would cost Eastbrook 32 million euros, paid partly by a national grant.',
      'Opposition councillors questioned the timetable at a meeting in the town hall.',
      'Several neighbouring towns have ordered similar vehicles this year.',
    ]);
    // Act
    const { summary } = analyze(text, { summarySentences: 3 });
    // Assess
    expect(summary).toContain(text.paragraphs[2]);
    expect(summary[0]).toBe(text.paragraphs[0]);
  });

  it('leaves out "He said ..." when the man it refers to is not shown', () => {
    // Prepare: the pronoun sentence carries the most headline words and figures.
    const text = article('Electric buses to cost Eastbrook 32 million euros', [
      'Eastbrook will buy 40 electric buses by 2027, the city council decided on Monday.',
      'Transport director Omar Ruiz, who has run the bus company since 2019 and managed the tram network of a neighbouring city for eleven years before that, welcomed the vote.',
      'Council members from all parties backed the plan in a show of hands.',
      'He said the purchase would cost 32 million euros, with a national grant paying a third of the cost.',
      'The grant was approved in March.',
    ]);
    // Act
    const { summary } = analyze(text, { summarySentences: 2 });
    // Assess
    expect(summary).toHaveLength(2);
    expect(summary.some((s) => s.startsWith('He said'))).toBe(false);
  });

  it('shows "the levy" only with the sentence that introduced the levy', () => {
    // Prepare
    const text = article('Water board raises prices', [
      'The regional water board raised household water prices by 8 percent on Tuesday.',
      'Farmers will pay the same rate as before.',
      'The board also announced a levy on bottling plants.',
      'Water companies said the levy would raise water prices for bottled water by 12 percent next year.',
      'Consumer groups criticised the increase at a hearing in the capital.',
    ]);
    // Act
    for (const count of [2, 3]) {
      const { summary } = analyze(text, { summarySentences: count });
      // Assess
      if (summary.includes(text.paragraphs[3]!)) expect(summary).toContain(text.paragraphs[2]);
    }
  });

  it('prefers a short sentence with the same facts over a long one when the budget is spent', () => {
    // Prepare: both later sentences carry the strike dates; one wraps them in a long aside.
    const text = article('Dock workers strike over pay', [
      'Dock workers at the port of Halden walked out on Monday after pay talks with the port operator collapsed late on Sunday night, halting container traffic and leaving dozens of ships waiting at anchor outside the harbour for the first time in a decade.',
      'The union representing the dock workers, which has spent most of the past year in talks with the operator over rosters, pensions, overtime rules and automation at the container terminals, said further strikes would follow on June 3 and June 10.',
      'Further strikes are set for June 3 and June 10.',
      'The operator said it remained ready to talk about pensions and rosters.',
      'Automation at the container terminals has cut overtime for many workers.',
    ]);
    // Act
    const { summary } = analyze(text, { summarySentences: 2 });
    // Assess
    expect(summary).toEqual([text.paragraphs[0], text.paragraphs[2]]);
  });
});

describe('summary: the length budget follows the article (blind-3 key facts)', () => {
  it('keeps a long lead-area sentence with the headline figure in an article of long sentences', () => {
    // Prepare: every sentence is long, as in some wire styles; the third carries the study's result
    // (the headline's figure), a short later sentence carries other figures.
    const text = article('Night buses cut late-shift absences by 18 percent, Lindholm study finds', [
      'Hospital workers in the northern city of Lindholm who were offered a free night bus between the central station and the three main hospitals missed far fewer late shifts than colleagues without one, according to a city study published on Thursday.',
      'The study, run by the city transport office together with the regional health authority, followed about 2,400 nurses, porters and cleaners over two winters, comparing wards that the night bus served with wards that it did not.',
      'Workers on wards served by the night bus missed 18 percent fewer late shifts than workers on the other wards, even after the researchers allowed for age, distance from home, car ownership and the number of children at home.',
      'The transport office said the buses cost the city about 1.3 million euros a year to run, less than what hospitals had spent on agency staff to cover missed late shifts before the service began.',
      'Union representatives at the three hospitals said the results matched what members had been telling managers for years about how hard it was to get home after a late shift without a car.',
      'The night bus ran 14 trips a night, 7 days a week, from 2021.',
      'Several other cities in the region have asked the transport office for its timetables and its figures, and two of them are expected to decide on similar services before the end of the year.',
      'The council will vote on whether to keep the night buses running permanently when it sets next year’s budget, after a public consultation that closes at the end of the month.',
    ]);
    // Act
    const { summary } = analyze(text, { summarySentences: 3 });
    // Assess
    expect(summary).toHaveLength(3);
    expect(summary).toContain(text.paragraphs[2]);
  });
});
