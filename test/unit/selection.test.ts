import { describe, expect, it } from 'vitest';
import type { Analysis, FollowUp, Quote } from '../../src/analysis/types.js';
import { parseArticle } from '../../src/article/index.js';
import type { Article } from '../../src/article/types.js';
import {
  capText,
  cutDateline,
  followUpClause,
  presentSummary,
  resolveDate,
  selectArticle,
} from '../../src/selection/index.js';

/** An article from text, with every quoted span found by its words (offsets computed, not guessed). */
function fixture(body: string, quotes: (Partial<Quote> & { text: string })[], extra: Partial<Analysis> = {}) {
  const article: Article = parseArticle(`Council approves harbour plan\n\n${body}`, {
    source: 't.txt',
    format: 'text',
  });
  const analysis: Analysis = {
    title: article.title,
    summary: [],
    quotes: quotes.map((q) => {
      const start = article.text.indexOf(q.text);
      if (start < 0) throw new Error(`fixture: "${q.text}" not in the text`);
      return { speaker: null, role: null, kind: 'direct', ...q, start, end: start + q.text.length };
    }),
    followUps: [],
    entities: { people: [], organizations: [], places: [], dates: [] },
    stats: { words: 100, readingMinutes: 1 },
    ...extra,
  };
  return { article, analysis };
}

const followUp = (article: Article, sentence: string, kind: FollowUp['kind']): FollowUp => {
  const start = article.text.indexOf(sentence);
  if (start < 0) throw new Error(`fixture: "${sentence}" not in the text`);
  return { text: sentence, sentence, kind, start, end: start + sentence.length };
};

describe('capText (issue 11, item 2)', () => {
  it('cuts at a word boundary with an ellipsis', () => {
    expect(capText('one two three four five six', 14)).toBe('one two three\u2026');
  });

  it('cuts an unpunctuated run without spaces where it reaches the limit', () => {
    const capped = capText('x'.repeat(90_000), 600);
    expect(capped).toHaveLength(600);
    expect(capped.endsWith('\u2026')).toBe(true);
  });

  it('leaves short text alone and refuses a nonsense limit', () => {
    expect(capText('short', 600)).toBe('short');
    expect(() => capText('text', 1)).toThrow(RangeError);
  });
});

describe('key quotes', () => {
  it('never shows a quote under four words or a title, and says why', () => {
    // Prepare
    const { article, analysis } = fixture(
      'Residents called it "the big fix". The mayor read "Harbour Dreams Of Tomorrow" aloud. "We will build the new quay by the spring of next year," said Mayor Ana Ruiz.',
      [
        { text: 'the big fix', kind: 'partial' },
        { text: 'Harbour Dreams Of Tomorrow', kind: 'partial' },
        { text: 'We will build the new quay by the spring of next year,', speaker: 'Ana Ruiz' },
      ],
    );
    // Act
    const selection = selectArticle(article, analysis);
    // Assess
    expect(selection.quotes.map((q) => q.parts[0])).toEqual([
      'We will build the new quay by the spring of next year,',
    ]);
    expect(selection.notShown).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ what: 'quote', text: 'the big fix', reason: 'under 4 words' }),
        expect.objectContaining({
          text: 'Harbour Dreams Of Tomorrow',
          reason: 'a label, name or title, not a statement',
        }),
      ]),
    );
  });

  it('shows a partial quote with its verbatim lead-in from the same sentence', () => {
    // Prepare
    const { article, analysis } = fixture(
      'The envoy spoke at length. China "needs to understand that the port is not helping it," Lefkowitz said.',
      [
        {
          text: 'needs to understand that the port is not helping it,',
          kind: 'partial',
          speaker: 'Jay Lefkowitz',
        },
      ],
    );
    // Act
    const [quote] = selectArticle(article, analysis).quotes;
    // Assess
    expect(quote?.leadIn).toBe('China');
  });

  it('drops a fragment that cannot read as a statement', () => {
    // Prepare
    const { article, analysis } = fixture(
      'In a long report that ran to four hundred pages and eleven annexes the committee voiced concern at "continuing reports of grave violations" in the port.',
      [{ text: 'continuing reports of grave violations', kind: 'partial', speaker: 'the committee' }],
    );
    // Act
    const selection = selectArticle(article, analysis);
    // Assess
    expect(selection.quotes).toEqual([]);
    expect(selection.notShown[0]?.reason).toBe('a fragment that needs its sentence to make sense');
  });

  it('shows at most N, one per speaker before a second, in article order', () => {
    // Prepare
    const { article, analysis } = fixture(
      '"The quay will be finished on time and on budget," Ruiz said. "The budget is a real concern for every family here," Ruiz said. "We have reviewed every single line of the contract," said Tom Okafor. "Traffic will move much faster after the works are done," said Mia Chen.',
      [
        { text: 'The quay will be finished on time and on budget,', speaker: 'Ana Ruiz' },
        { text: 'The budget is a real concern for every family here,', speaker: 'Ana Ruiz' },
        { text: 'We have reviewed every single line of the contract,', speaker: 'Tom Okafor' },
        { text: 'Traffic will move much faster after the works are done,', speaker: 'Mia Chen' },
      ],
    );
    // Act
    const three = selectArticle(article, analysis).quotes;
    const two = selectArticle(article, analysis, { quotesPerArticle: 2 }).quotes;
    // Assess
    expect(three.map((q) => q.speaker)).toEqual(['Ana Ruiz', 'Tom Okafor', 'Mia Chen']);
    expect(two).toHaveLength(2);
    expect(new Set(two.map((q) => q.speaker)).size).toBe(2);
  });

  it('ranks a confident named speaker above an unsure one', () => {
    // Prepare
    const { article, analysis } = fixture(
      '"The harbour plan is the best deal this city has had in decades," Ruiz said. "The harbour plan will cost far more than anyone here admits today," someone shouted.',
      [
        { text: 'The harbour plan is the best deal this city has had in decades,', speaker: 'Ana Ruiz' },
        { text: 'The harbour plan will cost far more than anyone here admits today,', speaker: 'Tom Okafor' },
      ],
    );
    (analysis.quotes[0] as Quote & { confidence: number }).confidence = 0.95;
    (analysis.quotes[1] as Quote & { confidence: number }).confidence = 0.1;
    // Act
    const [quote] = selectArticle(article, analysis, { quotesPerArticle: 1 }).quotes;
    // Assess
    expect(quote?.speaker).toBe('Ana Ruiz');
  });

  it('shows the two halves of a split quote as one, and an unnamed source by its description', () => {
    // Prepare
    const { article, analysis } = fixture(
      '"The port will reopen," a defense ministry spokesman said, "as soon as the divers are done."',
      [
        { text: 'The port will reopen,', role: 'a defense ministry spokesman' },
        { text: 'as soon as the divers are done.', role: 'a defense ministry spokesman', continues: 0 },
      ],
    );
    // Act
    const quotes = selectArticle(article, analysis).quotes;
    // Assess
    expect(quotes).toEqual([
      {
        parts: ['The port will reopen,', 'as soon as the divers are done.'],
        leadIn: null,
        speaker: null,
        role: 'a defense ministry spokesman',
        indices: [0, 1],
      },
    ]);
  });

  it('caps what one quote may contribute', () => {
    // Prepare
    const long = `We will ${'keep building the quay '.repeat(200)}now`;
    const { article, analysis } = fixture(`"${long}," Ruiz said.`, [{ text: long, speaker: 'Ana Ruiz' }]);
    // Act
    const [quote] = selectArticle(article, analysis).quotes;
    // Assess
    const part = quote?.parts[0] ?? '';
    expect(part.length).toBeLessThanOrEqual(400);
    expect(part.endsWith('\u2026')).toBe(true);
  });
});

describe('what to follow', () => {
  it('never repeats a shown quote or a summary sentence, and drops a pointer with nowhere to go', () => {
    // Prepare
    const body =
      'The council approved the harbour plan on Monday. "The city must publish the contract before the vote," said Ana Ruiz. (See related article.) The council will vote on the budget next week.';
    const { article, analysis } = fixture(body, [
      { text: 'The city must publish the contract before the vote,', speaker: 'Ana Ruiz' },
    ]);
    analysis.summary = ['The council approved the harbour plan on Monday.'];
    analysis.followUps = [
      followUp(article, 'The council approved the harbour plan on Monday.', 'pending'),
      followUp(article, '"The city must publish the contract before the vote," said Ana Ruiz.', 'action'),
      followUp(article, '(See related article.)', 'reading'),
      followUp(article, 'The council will vote on the budget next week.', 'event'),
    ];
    // Act
    const selection = selectArticle(article, analysis);
    // Assess
    expect(selection.followUps.map((f) => f.text)).toEqual([
      'The council will vote on the budget next week.',
    ]);
    expect(selection.notShown.filter((n) => n.what === 'follow-up').map((n) => n.reason)).toEqual([
      'already in the summary',
      'repeats a key quote',
      'a reading pointer with no link or title to follow',
    ]);
  });

  it('does not repeat a summary sentence that the summary shows with a bracketed addition', () => {
    // Prepare
    const body =
      'Harbour director Ana Ruiz toured the Westquay Ferry Terminal on Monday. Ferries to the islands will double from June. The terminal will open to freight in May.';
    const { article, analysis } = fixture(body, []);
    analysis.entities.places = ['Westquay Ferry Terminal'];
    analysis.summary = [
      'Ferries to the islands will double from June.',
      'The terminal will open to freight in May.',
    ];
    analysis.followUps = [followUp(article, 'The terminal will open to freight in May.', 'event')];
    // Act
    const selection = selectArticle(article, analysis);
    // Assess
    expect(selection.summary[1]).toBe('The terminal [Westquay Ferry Terminal] will open to freight in May.');
    expect(selection.followUps).toEqual([]);
    expect(selection.notShown.map((n) => n.reason)).toContain('already in the summary');
  });

  it('shows the clause after a key quote when that clause looks ahead, and the quote only once', () => {
    // Prepare
    const sentence =
      'The harbour master called the plan "a long overdue fix for the old quay" and said the port would review the ferry timetable in the spring.';
    const { article, analysis } = fixture(sentence, [
      { text: 'a long overdue fix for the old quay', speaker: 'the harbour master', kind: 'partial' },
    ]);
    analysis.followUps = [followUp(article, sentence, 'event')];
    // Act
    const selection = selectArticle(article, analysis);
    // Assess
    expect(selection.quotes).toHaveLength(1);
    expect(selection.followUps.map((f) => f.text)).toEqual([
      'The port would review the ferry timetable in the spring.',
    ]);
  });

  it('shows the clause without the attribution', () => {
    expect(followUpClause('The United States must include human rights in its agenda, he said.')).toBe(
      'The United States must include human rights in its agenda.',
    );
    expect(followUpClause('Ruiz said that the council will vote on the plan in May.')).toBe(
      'The council will vote on the plan in May.',
    );
    // Never a clause without its subject or cut mid-phrase.
    expect(
      followUpClause('The World Bank said in March that it would expand its lending by $100 billion.'),
    ).toBe('The World Bank said in March that it would expand its lending by $100 billion.');
    expect(followUpClause('The bank said that it would expand its lending by $100 billion next year.')).toBe(
      'The bank said that it would expand its lending by $100 billion next year.',
    );
  });

  it('writes dates out in full against the article date', () => {
    expect(resolveDate('The hearing is on Wednesday, Sept. 27 at 10 a.m.', '2023-09-22T00:00:00Z')).toEqual({
      iso: '2023-09-27',
      text: 'The hearing is on Wednesday, September 27, 2023 at 10 a.m.',
      time: '10:00',
    });
    expect(resolveDate('The council meets on Friday.', '2026-12-07T00:00:00Z')?.text).toBe(
      'The council meets on Friday, December 11, 2026.',
    );
    // Early January after a December article is next year's.
    expect(resolveDate('Talks resume Jan. 8.', '2026-12-20T00:00:00Z')?.iso).toBe('2027-01-08');
    expect(resolveDate('Talks resume Jan. 8.', undefined)).toBeNull();
  });
});

describe('summary', () => {
  it('cuts a leading dateline and nothing else', () => {
    expect(cutDateline('United Nations - China and South Korea should act, says the envoy.')).toBe(
      'China and South Korea should act, says the envoy.',
    );
    expect(cutDateline('TOKYO, Sept 27 (Reuters) - Shares rose.')).toBe('Shares rose.');
    expect(cutDateline('The vote - a close one - passed.')).toBe('The vote - a close one - passed.');
  });

  it('introduces a person the summary names only by surname, and leaves a family name in a phrase alone', () => {
    const people = [{ name: 'Rodrigo Tavares Leal', role: "the agency's national coordinator" }];
    expect(presentSummary(['Tavares Leal explained that crews will train all year.'], people)).toEqual([
      "Tavares Leal [the agency's national coordinator] explained that crews will train all year.",
    ]);
    expect(presentSummary(['The Leal family farm burned.'], people)).toEqual([
      'The Leal family farm burned.',
    ]);
    expect(
      presentSummary(['In May, the council voted.'], [{ name: 'Theresa May', role: 'prime minister' }]),
    ).toEqual(['In May, the council voted.']);
  });

  it('cuts a dateline closed by an em dash without spaces, and keeps a dash inside the news', () => {
    expect(cutDateline('SACRAMENTO, Calif.\u2014Gov. Tomas Ardel will cut spending.')).toBe(
      'Gov. Tomas Ardel will cut spending.',
    );
    expect(cutDateline('WASHINGTON\u2014The Senate voted.')).toBe('The Senate voted.');
    expect(cutDateline('The U.S.\u2014China talks resumed.')).toBe('The U.S.\u2014China talks resumed.');
    expect(cutDateline('NATO\u2014the alliance\u2014said it would act.')).toBe(
      'NATO\u2014the alliance\u2014said it would act.',
    );
  });

  it("introduces a person the reader has not met with the article's own description, in brackets", () => {
    // Act
    const summary = presentSummary(
      ['Ana Ruiz opened the quay on Monday.', 'Ana Ruiz said the works had ended.'],
      [{ name: 'Ana Ruiz', role: 'mayor of Portsmouth' }],
    );
    // Assess
    expect(summary).toEqual([
      'Ana Ruiz [mayor of Portsmouth] opened the quay on Monday.',
      'Ana Ruiz said the works had ended.',
    ]);
  });

  it('adds no nickname as a description', () => {
    expect(
      presentSummary(
        ['The race was won by Ana Ruiz in record time.'],
        [{ name: 'Ana Ruiz', role: 'known to fans as "The Comet" for her finishing sprint' }],
      ),
    ).toEqual(['The race was won by Ana Ruiz in record time.']);
  });

  it('names a thing the sentence calls by a common noun, when the article named it before', () => {
    // Prepare
    const text =
      'The Northgate Bus Terminal closed last year. Ana Ruiz toured the Westquay Ferry Terminal on Monday. She said the city should open the terminal to freight. The terminal will open in May.';
    const things = { text, names: ['Westquay Ferry Terminal', 'Northgate Bus Terminal'] };
    // Act
    const summary = presentSummary(
      ['She said the city should open the terminal to freight.', 'The terminal will open in May.'],
      [],
      things,
    );
    // Assess: the nearest name before it, once, and not where the summary already shows it.
    expect(summary).toEqual([
      'She said the city should open the terminal [Westquay Ferry Terminal] to freight.',
      'The terminal will open in May.',
    ]);
    expect(
      presentSummary(
        ['Ana Ruiz toured the Westquay Ferry Terminal on Monday.', 'The terminal will open in May.'],
        [],
        {
          text,
          names: ['Westquay Ferry Terminal'],
        },
      ),
    ).toEqual(['Ana Ruiz toured the Westquay Ferry Terminal on Monday.', 'The terminal will open in May.']);
  });

  it('adds no description where the sentence already gives it', () => {
    expect(
      presentSummary(
        ['The mayor of Portsmouth, Ana Ruiz, opened the quay.'],
        [{ name: 'Ana Ruiz', role: 'mayor of Portsmouth' }],
      ),
    ).toEqual(['The mayor of Portsmouth, Ana Ruiz, opened the quay.']);
  });
});
