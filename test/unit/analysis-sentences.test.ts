import { describe, expect, it } from 'vitest';
import { splitParagraphs, splitSentences } from '../../src/analysis/sentences.js';
import { loadExample, SAMPLE } from './analysis-helpers.js';

function sentencesOf(body: string): string[] {
  const text = `Title\n\n${body}`;
  return splitSentences(text, splitParagraphs(text, 'Title')).map((s) => s.text);
}

describe('sentence splitting', () => {
  it.each([
    [
      'The U.N. Security Council met on Jan. 5 at 10 a.m. in Washington D.C. to discuss the crisis. Dr. Smith and Gen. Jones attended.',
      2,
    ],
    ['He arrived at 3 p.m. The meeting began an hour later.', 2],
    ['The vote is at 3 p.m. Eastern time on Tuesday.', 1],
    ['U.S. President Barack Obama said the U.S. economy was recovering. He spoke in Ohio.', 2],
    ['John F. Kennedy was born in 1917. He was elected in 1960.', 2],
    ['Prices rose in the U.S. The euro zone saw a decline.', 2],
    ['The company, Acme Inc., reported earnings. Shares rose 4 percent.', 2],
    ["She met Mr. Lee and Mrs. Park at St. Mary's on Dec. 3. They talked for an hour.", 2],
    ['The council will impose fines of Rs. 500 on households. Builders were warned.', 2],
    ['Traders paid Ksh. 2,000 at the border last week. Some paid more.', 2],
  ])('splits %j into %i sentences', (body, count) => {
    // Prepare + Act
    const sentences = sentencesOf(body);
    // Assess
    expect(sentences).toHaveLength(count);
    expect(sentences.join(' ')).toBe(body);
  });

  it('keeps an ellipsis and a question inside a quotation within one sentence', () => {
    const sentences = sentencesOf(
      '"We will not give up \u2026 We will win," she said. "Is this the end?" he asked. Nobody answered.',
    );
    expect(sentences).toEqual([
      '"We will not give up \u2026 We will win," she said.',
      '"Is this the end?" he asked.',
      'Nobody answered.',
    ]);
  });

  it('keeps "Why now?" Smith asked together but splits "Why now?" Nobody answered', () => {
    expect(sentencesOf('"Why now?" Smith asked. He asked, "Why now?" Nobody answered.')).toEqual([
      '"Why now?" Smith asked.',
      'He asked, "Why now?"',
      'Nobody answered.',
    ]);
  });

  it('after a quote closed by a full stop, "X asked the committee to ..." is a new sentence, "X said on Monday" is not', () => {
    expect(
      sentencesOf(
        'Pike urged members to "look at the formula programs first." Sorensen asked the committee to release its list. "It is over." Smith said on Monday.',
      ),
    ).toEqual([
      'Pike urged members to "look at the formula programs first."',
      'Sorensen asked the committee to release its list.',
      '"It is over." Smith said on Monday.',
    ]);
  });

  it.each([
    ['Apple Inc. said revenue rose 4.5% to $1.2 billion. The No. 2 player lagged.', 2],
    [
      'The U.S.-led coalition, e.g. Britain and France, met at 9 a.m. on Jan. 5. Talks ended at 6 p.m. Officials left.',
      3,
    ],
    [
      'Dr. Jane Smith, Ph.D., spoke first. Sen. Elizabeth Warren (D-Mass.) spoke next. Then the vote came.',
      3,
    ],
  ])('handles abbreviations in %j', (body, count) => {
    expect(sentencesOf(body)).toHaveLength(count);
  });

  it('never splits inside a closed quotation and splits after punctuation inside closing quotes', () => {
    const sentences = sentencesOf('She said: "We are ready. We have trained for years." Then she left.');
    expect(sentences).toEqual(['She said: "We are ready. We have trained for years."', 'Then she left.']);
  });

  it('keeps a dateline with the first sentence', () => {
    const sentences = sentencesOf('United Nations - The council voted 13-0. China abstained.');
    expect(sentences).toEqual(['United Nations - The council voted 13-0.', 'China abstained.']);
  });

  it('splits the sample article into its 19 whole body sentences with exact offsets', () => {
    // Prepare
    const article = loadExample(SAMPLE);
    // Act
    const sentences = splitSentences(article.text, splitParagraphs(article.text, article.title));
    // Assess
    expect(sentences).toHaveLength(19);
    for (const s of sentences) expect(article.text.slice(s.start, s.end)).toBe(s.text);
    const texts = sentences.map((s) => s.text);
    expect(texts[0]).toMatch(/^United Nations - China and South Korea .* Jay Lefkowitz\.$/);
    expect(texts[1]).toBe(
      'Lefkowitz participated in a panel discussion on North Korean human rights abuses at U.N. headquarters December 7.',
    );
    expect(texts[3]).toBe(
      '"In different respects, they could benefit the most by the right changes in North Korea."',
    );
    expect(texts[4]).toMatch(/^The panel, organized by the U\.S\. Mission to the United Nations, included/);
    expect(texts[7]).toMatch(/^As its economic power .* does not tolerate brutal dictatorship\."$/);
    expect(texts[13]).toBe('(See related article.)');
    expect(texts[14]).toMatch(
      /^The resolution would have .* to the U\.N\. special rapporteur on .* in North Korea\.$/,
    );
    expect(texts[18]).toBe('For more information on U.S. policy, see The U.S. and the Korean Peninsula.');
  });

  it('leaves bylines, update stamps and wire credits out of the body, but not sentences opening with "By"', () => {
    const text =
      'Title\n\nBy JANE DOE and JOHN ROE, Associated Press\n\nUpdated 3:45 p.m. ET Nov. 3, 2024\n\n' +
      'By the end of the year, prices had risen 5 percent, officials said.\n\nReporting by Jane Doe; Editing by Bill Roe';
    const paragraphs = splitParagraphs(text, 'Title');
    expect(paragraphs.map((p) => p.text)).toEqual([
      'By the end of the year, prices had risen 5 percent, officials said.',
    ]);
  });

  it('skips the title and reports paragraph offsets into the text', () => {
    const text = 'Headline\n\nFirst paragraph.\n\n\nSecond paragraph.';
    const paragraphs = splitParagraphs(text, 'Headline');
    expect(paragraphs.map((p) => p.text)).toEqual(['First paragraph.', 'Second paragraph.']);
    for (const p of paragraphs) expect(text.slice(p.start, p.end)).toBe(p.text);
  });
});
