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
