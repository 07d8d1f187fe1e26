import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { parseArticle } from '../../src/article/index.js';
import { type SelectOptions, selectArticle } from '../../src/selection/index.js';

/**
 * The follow-ups the email shows for an article body, and the reasons for those it leaves out. The
 * summary is left empty: these short bodies would otherwise be summarised whole.
 */
function shown(body: string, options: SelectOptions = {}) {
  const article = parseArticle(`Harbour board weighs ferry plan\n\n${body}`, {
    source: 't.txt',
    format: 'text',
  });
  const selection = selectArticle(article, { ...analyze(article), summary: [] }, options);
  return {
    texts: selection.followUps.map((f) => f.text),
    left: selection.notShown.filter((n) => n.what === 'follow-up'),
  };
}

describe('follow-ups say who (issue 10)', () => {
  it('names the person the previous sentence introduced after a leading "he", in brackets', () => {
    const { texts } = shown(
      'The ferry crossing has lost money for six years.\n\n' +
        'Harbour master Tobias Lindgren said the old pier was no longer safe. ' +
        'He urged the county to replace it before the winter storms.',
    );
    expect(texts).toContain('He [Tobias Lindgren] urged the county to replace it before the winter storms.');
  });

  it('names the source after "According to him"', () => {
    const { texts } = shown(
      'The ferry crossing has lost money for six years.\n\n' +
        'Harbour master Tobias Lindgren said the old pier was no longer safe.\n\n' +
        'According to him, the tender for a new pier will be published on December 15.',
    );
    expect(texts).toContain(
      'According to him [Tobias Lindgren], the tender for a new pier will be published on December 15.',
    );
  });

  it('takes the speaker of a quote in the same sentence for "she said"', () => {
    const { texts } = shown(
      'Ferry fares rose twice this year.\n\n' +
        'Councillor Maren Dahl and the port director Olaf Brekke toured the pier on Monday.\n\n' +
        '"We cannot keep patching it," Maren Dahl said. ' +
        'The board would consider a new contract case by case, she said, but "only with a proper survey."',
    );
    expect(texts.some((t) => t.includes('she [Maren Dahl] said'))).toBe(true);
  });

  it('adds nothing when the clause names the person before the pronoun', () => {
    const { texts } = shown(
      'The ferry crossing has lost money for six years.\n\n' +
        'Ingrid Solberg, the chairwoman, said she expected the final vote on Thursday.',
    );
    expect(texts.join(' ')).not.toContain('[');
  });

  it('names the thing a leading "it" stands for when the previous sentence opens with it', () => {
    const { texts } = shown(
      'The ferry crossing has lost money for six years.\n\n' +
        'The plan, drafted over two winters, moves the terminal to the north quay. ' +
        'It must still be approved by the county assembly before work can start.',
    );
    expect(texts).toContain(
      'It [the plan] must still be approved by the county assembly before work can start.',
    );
  });

  it('leaves out an item whose pronoun nobody in the article accounts for, and says why', () => {
    const { texts, left } = shown(
      'The ferry crossing has lost money for six years.\n\n' +
        'Ingrid Solberg met Tobias Lindgren at the pier. He will present the new timetable on Friday.',
    );
    expect(texts.some((t) => /timetable/.test(t))).toBe(false);
    expect(left.some((n) => /timetable/.test(n.text) && /does not make clear who/.test(n.reason))).toBe(true);
  });

  it('shows a step said only inside a quote as that clause with its speaker, never as "he added"', () => {
    const { texts } = shown(
      'The ferry crossing has lost money for six years.\n\n' +
        '"Nobody here wants to lose the boat," said Harbour master Tobias Lindgren. ' +
        'As the losses mount, he added, "the county government needs to decide whether the crossing is a public service."',
      // Not shown as a key quote, so the follow-up is the only place it could appear.
      { quotesPerArticle: 0 },
    );
    expect(texts).toContain(
      'Tobias Lindgren: \u201cthe county government needs to decide whether the crossing is a public service.\u201d',
    );
    expect(texts.some((t) => /he added/.test(t))).toBe(false);
  });

  it('shows the speaker\'s own "We urge ..." with the speaker, after every step the writer states', () => {
    const body =
      'The ferry crossing has lost money for six years.\n\n' +
      'The county assembly will vote on the ferry budget on March 4.\n\n' +
      '"We urge everyone who uses the ferry to answer the county survey before the vote," said Harbour master Tobias Lindgren.';
    const { texts } = shown(body, { quotesPerArticle: 0 });
    expect(texts).toEqual([
      'The county assembly will vote on the ferry budget on March 4.',
      'Tobias Lindgren: \u201cWe urge everyone who uses the ferry to answer the county survey before the vote\u201d',
    ]);
    // The writer's call to action goes before a quoted date, though a date usually ranks first.
    const one = shown(
      'The ferry crossing has lost money for six years.\n\n' +
        'The harbour board urged ferry users to answer the county survey.\n\n' +
        '"We will vote on the ferry budget on March 4," said assembly chair Ingrid Solberg.',
      { quotesPerArticle: 0, followUpsPerArticle: 1 },
    );
    expect(one.texts).toEqual(['The harbour board urged ferry users to answer the county survey.']);
  });

  it('leaves a quote that names nobody who must act to the key quotes', () => {
    const { texts, left } = shown(
      'The ferry crossing has lost money for six years.\n\n' +
        '"We agreed that the money has to come before the summer season," said Harbour master Tobias Lindgren.',
    );
    expect(texts.some((t) => /summer season/.test(t))).toBe(false);
    expect(left.some((n) => /summer season/.test(n.text))).toBe(true);
  });
});

describe('nothing done is pending (issue 10)', () => {
  it('does not list a decision already taken as pending', () => {
    const { texts } = shown(
      'The ferry crossing has lost money for six years.\n\n' +
        'In October, the county transport committee approved a draft budget for the crossing.',
    );
    expect(texts.some((t) => /approved a draft budget/.test(t))).toBe(false);
  });

  it('shows what remains when the same sentence says it', () => {
    const { texts } = shown(
      'The ferry crossing has lost money for six years.\n\n' +
        'The transport committee approved the draft budget in October, but the full county assembly has yet to vote on it.',
    );
    expect(texts).toContain('The full county assembly has yet to vote on it.');
  });
});
