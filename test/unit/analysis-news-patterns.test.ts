import { describe, expect, it } from 'vitest';
import type { FollowUpKind } from '../../src/analysis/types.js';
import { analyzeExample, RULES } from './analysis-helpers.js';

// One short wire-style article per pattern; expectations written by hand before the fix.
const quotesOf = (name: string) =>
  analyzeExample(name, RULES).analysis.quotes.map((q) => ({
    text: q.text,
    speaker: q.speaker,
    kind: q.kind,
    continues: q.continues,
  }));

describe('speaker salience', () => {
  it('gives "he said" to the last speaker, not to a man merely mentioned in between', () => {
    // Prepare + Act
    const quotes = quotesOf('pronoun-last-speaker.txt');
    // Assess
    expect(quotes.map((q) => [q.text.slice(0, 24), q.speaker])).toEqual([
      ['We are not going to acce', 'Paul Whitmore'],
      ['There is nothing left in', 'Mark Hendry'],
    ]);
  });
});

describe('names first given alone', () => {
  it('takes a surname opening a sentence for a person and a one-word company for an organisation', () => {
    // Prepare + Act
    const { analysis } = analyzeExample('surname-first-mention.txt', RULES);
    // Assess
    expect(analysis.quotes.map((q) => [q.text, q.speaker])).toEqual([
      ['completely unnecessary', 'Lufthansa'],
      ['Our patience has run out', 'Okonkwo'],
      ['I will never fly with them again', 'Ingeborg Vasquez'],
    ]);
    expect(analysis.entities.organizations).toContain('Lufthansa');
    expect(analysis.entities.people.map((p) => p.name)).toContain('Okonkwo');
    expect(analysis.entities.people.map((p) => p.name)).not.toContain('Lufthansa');
  });
});

describe('scare quotes', () => {
  it('drops one- and two-word scare quotes even in a sentence with a speech verb', () => {
    // Prepare + Act
    const quotes = quotesOf('scare-quotes-with-speech-verb.txt');
    // Assess
    expect(quotes.map((q) => [q.text, q.speaker, q.kind])).toEqual([
      ['We have to plan for this as the new normal', 'Karen Moss', 'direct'],
    ]);
  });
});

describe('roles', () => {
  it('prefers the fuller description to a title abbreviation and keeps a "who heads" clause verbatim', () => {
    // Prepare + Act
    const { analysis } = analyzeExample('roles-who-heads.txt', RULES);
    const role = (name: string) => analysis.entities.people.find((p) => p.name === name)?.role;
    // Assess
    expect(role('Rosa Delgado')).toBe('top Democrat on the Appropriations Committee');
    expect(role('Tom Cole')).toBe('who heads the Appropriations Committee');
    expect(analysis.quotes.map((q) => [q.speaker, q.role])).toEqual([
      ['Rosa Delgado', 'top Democrat on the Appropriations Committee'],
      ['Tom Cole', 'who heads the Appropriations Committee'],
    ]);
  });
});

describe('follow-ups', () => {
  const items = analyzeExample('climate-talks-followups.txt', RULES).analysis.followUps;
  const kindOf = (pattern: RegExp): FollowUpKind | undefined => items.find((f) => pattern.test(f.text))?.kind;

  it('does not take a "should" inside a clause about what was not agreed for a call to action', () => {
    expect(kindOf(/without agreeing on how much rich nations should pay/)).toBeUndefined();
  });

  it('finds expected, due, scheduled, planned and deadline items', () => {
    expect(kindOf(/is expected to present/)).toBe('pending');
    expect(kindOf(/will vote on the bloc's position next month/)).toMatch(/^(?:pending|event)$/);
    expect(kindOf(/Plans by the Dutch government to cut/)).toBe('pending');
    expect(kindOf(/is due to debate the cuts/)).toMatch(/^(?:pending|event)$/);
    expect(kindOf(/Talks are scheduled for October/)).toBe('event');
  });

  it('finds "is due to meet next week" as a follow-up', () => {
    const other = analyzeExample('pronoun-last-speaker.txt', RULES).analysis.followUps;
    expect(other.find((f) => /is due to meet union members/.test(f.text))?.kind).toMatch(
      /^(?:pending|event)$/,
    );
  });
});

describe('continuation links', () => {
  it('does not link two separate quotes of one paragraph with a sentence between them', () => {
    // Prepare + Act
    const quotes = quotesOf('separate-quotes-one-paragraph.txt');
    // Assess
    expect(quotes.map((q) => [q.text.slice(0, 20), q.speaker, q.continues])).toEqual([
      ['It feels like coming', 'Denise Carter', undefined],
      ['I never thought I wo', 'Denise Carter', undefined],
    ]);
  });
});

describe('summary', () => {
  it('keeps the lead, no quotes, and no sentence that takes up a noun only an unshown sentence introduced', () => {
    // Prepare + Act
    const { summary } = analyzeExample('summary-key-development.txt', RULES).analysis;
    // Assess
    expect(summary[0]).toMatch(/^ANKARA \(Reuters\) - Turkey's central bank raised/);
    expect(summary.some((s) => /^"/.test(s))).toBe(false);
    // "Economists said the signal meant ..." leans on "The bank also signalled ...".
    if (summary.some((s) => /the signal meant/.test(s))) {
      expect(summary.some((s) => /The bank also signalled/.test(s))).toBe(true);
    }
  });
});

describe('attribution around partial quotes', () => {
  it('handles "called X \'Y\' and said", "told Reuters", an unnamed spokeswoman and an organisation with an appositive', () => {
    // Prepare + Act
    const quotes = quotesOf('called-and-told-reuters.txt');
    // Assess
    expect(quotes.map((q) => [q.text.slice(0, 20), q.speaker])).toEqual([
      ['a bailout for big ag', 'Paul Granger'],
      ['as soon as it reache', 'Kevin Oduya'],
      ['We can move the mone', null],
      ['long overdue.', 'Farmers Union'],
    ]);
    const spokeswoman = analyzeExample('called-and-told-reuters.txt', RULES).analysis.quotes[2];
    expect(spokeswoman?.role).toBe('spokeswoman for the Agriculture Department');
  });
});

describe('commitments', () => {
  it('takes a party committing to a deed for an action, but not a reported outcome or a quote', () => {
    // Prepare + Act
    const kinds = (name: string) =>
      analyzeExample(name, RULES).analysis.followUps.map((f) => [f.kind, f.text.slice(0, 30)] as const);
    // Assess
    expect(kinds('company-statement.txt')).toContainEqual(['action', 'DETROIT (Reuters) - Ford Motor']);
    expect(kinds('pronoun-last-speaker.txt').some(([, t]) => t.startsWith('LONDON'))).toBe(false);
    expect(kinds('scare-quotes-with-speech-verb.txt').some(([, t]) => t.startsWith('PHOENIX'))).toBe(false);
    expect(kinds('nurses-strike-pronouns.txt').some(([, t]) => t.startsWith('"But we will not settle'))).toBe(
      false,
    );
  });
});

describe('statements and blog posts', () => {
  it('gives a statement quote to the body that issued it and a blog-post quote to its writer', () => {
    // Prepare + Act
    const quotes = quotesOf('statements-and-blog-posts.txt');
    // Assess
    expect(quotes.map((q) => [q.text.slice(0, 20), q.speaker])).toEqual([
      ['widespread power out', 'National Disaster Risk Reduction and Management Council'],
      ['stand with the Filip', "China's foreign ministry"],
      ['set back years of wo', 'Philippine Electric Cooperatives Association'],
      ['hurt the poorest hou', 'Philippine Electric Cooperatives Association'],
      ['built for exactly th', 'Ramon Castillo'],
    ]);
  });
});

describe('appeals, announced dates and open questions', () => {
  it('finds an appeal as an action, announced dates as an event and "considering asking" as pending', () => {
    // Prepare + Act
    const items = analyzeExample('climate-talks-followups.txt', RULES).analysis.followUps;
    const kindOf = (pattern: RegExp) => items.find((f) => pattern.test(f.text))?.kind;
    // Assess
    expect(kindOf(/asked every delegation with proposals/)).toBe('action');
    expect(kindOf(/announced two further days of protest/)).toBe('event');
    expect(kindOf(/is considering asking the International Court/)).toBe('pending');
  });
});

describe('terms, page titles and page pointers', () => {
  it('drops a quoted compound modifier and a page title, and keeps the page as a reading pointer', () => {
    // Prepare + Act
    const { analysis } = analyzeExample('compound-terms-and-pages.txt', RULES);
    // Assess
    expect(analysis.quotes.map((q) => [q.text, q.speaker])).toEqual([
      ['what customers keep asking for', 'Alex Baldock'],
    ]);
    const pointer = analysis.followUps.find((f) => f.kind === 'reading');
    expect(pointer?.target).toBe('the Citizens Advice page "Buy now pay later schemes"');
  });
});

describe('the organisation meant by "the court"', () => {
  it('is the nearest one named, even when the quote follows a document noun', () => {
    const quotes = quotesOf('nearest-organisation.txt');
    expect(quotes.map((q) => q.speaker)).toEqual(['Fulton County Superior Court']);
  });
});

describe('acronyms', () => {
  it('takes an acronym for an organisation, so "she said" after its unnamed spokeswoman stays unnamed', () => {
    const { analysis } = analyzeExample('acronym-agency-spokeswoman.txt', RULES);
    expect(analysis.quotes.map((q) => [q.speaker, q.role])).toEqual([[null, 'spokeswoman for the UKHSA']]);
    expect(analysis.entities.organizations).toContain('UKHSA');
    expect(analysis.entities.people).toEqual([]);
  });
});

describe('possessive organisation names', () => {
  it('keeps "the FBI\'s Art Crime Team" whole as the speaker and as no person', () => {
    const { analysis } = analyzeExample('possessive-organisation.txt', RULES);
    expect(analysis.quotes.map((q) => q.speaker)).toEqual(["FBI's Art Crime Team"]);
    expect(analysis.entities.people).toEqual([]);
  });
});

describe('summary of a short article', () => {
  it('fills with a short fact sentence before a quote-led one', () => {
    const { summary } = analyzeExample('markdown-briefing.md', RULES).analysis;
    expect(summary.some((s) => /^["\u201c]/.test(s))).toBe(false);
    expect(summary).toContain('The outbreak began in September.');
  });
});

describe('a document named before a quote that a person speaks', () => {
  it('gives the quote to the person named after it, not to the document', () => {
    const quotes = quotesOf('document-then-person.txt');
    expect(quotes.map((q) => q.speaker)).toEqual(['Tomasz Nowak', 'Tomasz Nowak']);
  });
});
