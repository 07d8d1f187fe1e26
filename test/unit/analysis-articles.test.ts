import { describe, expect, it } from 'vitest';
import type { FollowUpKind } from '../../src/analysis/types.js';
import { analyzeExample, exampleNames, RULES } from './analysis-helpers.js';

/** [first words of the quote, speaker, kind, index of the quote it continues]. */
type Expected = [string, string | null, 'direct' | 'partial', number?];

// Expectations written by hand from reading each article, not from the analyzer's output.
const EXPECTED_QUOTES: Record<string, Expected[]> = {
  'split-quote.txt': [
    ['We are prepared to maintain', 'Jerome Powell', 'direct'],
    ['We will be careful', 'Jerome Powell', 'direct', 0],
    ['The labor market remains strong', 'Jerome Powell', 'direct'],
    ['and that gives us the ability', 'Jerome Powell', 'direct', 2],
  ],
  'colon-attribution.txt': [
    ['We have moved more than 40,000 families', 'Maria Santos', 'direct'],
    ['Nobody should stay near the shore. The waves could reach four metres.', 'Ramon Velasco', 'direct'],
  ],
  'pronoun-intervening-person.txt': [
    ['These numbers do not add up', 'Robert Diaz', 'direct'],
    ['It is a whitewash', 'Robert Diaz', 'direct'],
    ['Every dollar in this budget', 'Linda Harper', 'direct'],
    ['The alderman knows that.', 'Linda Harper', 'direct', 2],
  ],
  'multi-paragraph-quote.txt': [
    ['I heard a sound like thunder', 'Ahmed Salem', 'direct'],
    ['The water came up the stairs', 'Ahmed Salem', 'direct', 0],
    ['We stayed on the roof', 'Ahmed Salem', 'direct', 1],
    ['Our neighbours were not so lucky.', 'Ahmed Salem', 'direct', 2],
  ],
  'curly-quotes.txt': [
    ['We regret the disruption', 'Carsten Lang', 'direct'],
    ['Management has left us no choice', 'Markus Weber', 'direct'],
    ['We are ready to sit down at any time', 'Markus Weber', 'direct'],
  ],
  'nested-quotes.txt': [
    ["He looked at me and said, 'Keep quiet about this", 'Jennifer Cole', 'direct'],
    ["I was told the complaint was 'under review,' and then I heard nothing", 'Jennifer Cole', 'direct'],
  ],
  'no-quotes-nickname.txt': [],
  'document-quotes.txt': [
    ['inconsistent and poorly documented', null, 'partial'],
    ['did not consistently follow its own guidance', 'Government Accountability Office', 'partial'],
    ['The FDA lacks reliable data', 'Government Accountability Office', 'direct'],
    ['We take these findings seriously', 'Robert Califf', 'direct'],
    ['examine every one of these cases', 'House Energy and Commerce Committee', 'partial'],
  ],
  'unnamed-spokesman.txt': [
    ['The security situation remains volatile', null, 'direct'],
    ['We believe the same group carried out', null, 'direct'],
  ],
  'korean-names.txt': [
    ['Dialogue is the only way', 'Moon Jae-in', 'direct'],
    ['no interest', 'Kim Yo Jong', 'partial'],
    ['Separated families cannot wait', 'Lee In-young', 'direct'],
    ['Peace on the peninsula', 'Ban Ki-moon', 'direct'],
  ],
  'according-to.txt': [
    ['The exits were locked from the outside', 'Rahim Uddin', 'direct'],
    ['this factory failed two safety inspections', 'Nasreen Akter', 'direct'],
  ],
  'told-reporters.txt': [
    ['non-negotiable', 'Rachel Morton', 'partial'],
    ['There will be no emergency budget, full stop', 'Rachel Morton', 'direct'],
    ['Markets will get the clarity', 'Rachel Morton', 'direct'],
    ['in denial', 'David Price', 'partial'],
    ['She has lost control of the public finances', 'David Price', 'direct'],
  ],
  'said-x-title-inversion.txt': [
    ['Inflation expectations remain far above our target', 'Fatih Karahan', 'direct'],
    ['We will do whatever it takes', 'Fatih Karahan', 'direct'],
    ['The tightening cycle is nearly complete', 'Haluk Burumcekci', 'direct'],
    ['One more hike in March would be enough.', 'Haluk Burumcekci', 'direct', 2],
  ],
  'scare-quotes-and-titles.txt': [
    ['I wanted to make a film about people', 'Paolo Renzi', 'direct'],
    ['a late masterpiece.', null, 'partial'],
  ],
  'markdown-briefing.md': [
    ['This is a hard-won victory', 'Tedros Adhanom Ghebreyesus', 'direct'],
    ['Uganda showed the world', 'Tedros Adhanom Ghebreyesus', 'direct', 0],
  ],
  'british-single-quotes.txt': [
    ['Passengers have been let down time and again', 'Stephanie Clarke', 'direct'],
    ['This penalty should send a clear message', 'Stephanie Clarke', 'direct', 0],
    ['disappointing', 'Martin Doyle', 'partial'],
    ['We are sorry. We have recruited 200 new drivers', 'Martin Doyle', 'direct'],
  ],
  'descriptions-and-colons.txt': [
    ['Everything we planted this spring is gone.', 'Gary Lindholm', 'direct'],
    ['Do you know what it feels like', 'Gary Lindholm', 'direct'],
    ['I have never seen anything like it', 'Gary Lindholm', 'direct', 1],
    ['We will survive this year', 'Karen Whitfield', 'direct'],
    ['I am not sure about the next one.', 'Karen Whitfield', 'direct', 3],
    ['The state will do everything it can', 'Mike Naig', 'direct'],
    ['Nobody should have to face this alone', null, 'direct'],
  ],
  'company-statement.txt': [['We are not aware of any injuries', 'Ford Motor Co', 'direct']],
  'congress-titles-and-affiliations.txt': [
    ['the responsible thing to do', 'Mike Johnson', 'partial'],
    ['We are not going to shut the government down', 'Mike Johnson', 'direct'],
    ['But we are also not going to write a blank check.', 'Mike Johnson', 'direct', 1],
    ['a stopgap built on a stopgap.', 'Rosa DeLauro', 'partial'],
    ['Families deserve better than governing by crisis', 'Rosa DeLauro', 'direct'],
    ["We'll see. I want to read it first.", 'Chuck Schumer', 'direct'],
    ['The president has been clear', 'Karine Jean-Pierre', 'direct'],
    ['This is more of the same', 'Chip Roy', 'direct'],
    ['We keep kicking the can down the road.', 'Chip Roy', 'direct', 7],
  ],
  'japanese-leadership-vote.txt': [
    ['I will do my utmost to regain the trust', 'Shigeru Ishiba', 'direct'],
    ['as early as possible.', 'Shigeru Ishiba', 'partial'],
    ['We lost because we did not listen', 'Sanae Takaichi', 'direct'],
    ['He knows the security environment', 'Fumio Kishida', 'direct'],
    ['The market is pricing in', 'Naomi Fink', 'direct'],
  ],
  'state-department-titles.txt': [
    ['real progress', 'Christopher Hill', 'partial'],
    ['I think we are closer than we have been', 'Christopher Hill', 'direct'],
    ['useful', 'Christopher Hill', 'partial'],
    ['substantive.', 'Christopher Hill', 'partial'],
    ['We will not accept a deal that cannot be checked', 'R. Nicholas Burns', 'direct'],
    ['The North Koreans know our position.', 'R. Nicholas Burns', 'direct', 4],
    ['abandoning all nuclear weapons', null, 'partial'],
  ],
  'ministry-statements.txt': [
    ['resolute and forceful measures', 'China', 'partial'],
    ['seriously violates the one-China principle', 'Chinese Foreign Ministry', 'partial'],
    ['wrong signal', 'Chinese Foreign Ministry', 'partial'],
    ['immediately stop arming Taiwan.', 'Chinese Foreign Ministry', 'partial'],
    ['China will firmly safeguard', 'Chinese Foreign Ministry', 'direct'],
    ['The arms sale will help Taiwan', 'Karen Kuo', 'direct'],
    ['a provocation that will only backfire.', 'Xinhua', 'partial'],
  ],
  'nurses-strike-pronouns.txt': [
    ['We are not striking for ourselves', 'Oluwaseun Adeyemi', 'direct'],
    ['We are striking because our patients', 'Oluwaseun Adeyemi', 'direct', 0],
    ['bargained in good faith', 'Lucia Lee', 'partial'],
    ['We are ready to go back to the table', 'Nancy Hagans', 'direct'],
    ['But we will not settle', 'Nancy Hagans', 'direct', 3],
    ['Every day this strike goes on, patients suffer', 'Eric Adams', 'direct'],
  ],
  'lawsuit-possessives.txt': [
    ['This is about every artist', 'Tom Brown', 'direct'],
    ['The contracts were designed to confuse.', 'Tom Brown', 'direct', 0],
    ['without merit', 'Silverline Records', 'partial'],
    ['vigorously defend', 'Silverline Records', 'partial'],
    ['We have paid every cent we owe', 'Silverline Records', 'direct'],
  ],
  'indirect-speech-then-quote.txt': [
    ['This is the biggest investment in our west side', 'Jamie Torres', 'direct'],
    ['We are handing a billionaire a blank check', 'Candi CdeBaca', 'direct'],
  ],
  'british-nested-double-quotes.txt': [
    ['People told me \u201cenough is enough\u201d, and they were right', 'Louise Haigh', 'direct'],
    ['We will publish the timetable in the spring', 'Louise Haigh', 'direct'],
    ['a fantasy', null, 'partial'],
    ['It doesn\u2019t add up', 'Tom Brake', 'direct'],
  ],
  'multi-paragraph-after-colon.txt': [
    ['We will not stand by while this company', 'Shawn Fain', 'direct'],
    ['They made record profits.', 'Shawn Fain', 'direct', 0],
    ['We have to adjust production to demand', 'Jodi Tinson', 'direct'],
    ['These decisions are never easy.', 'Jodi Tinson', 'direct', 2],
    ['More plants are going to face the same pressure', 'Rod Lache', 'direct'],
  ],
  'html-press-release.html': [
    ['Our members have won a fair raise', 'Niek Stam', 'direct'],
    ['Nobody wanted this strike to last', 'Niek Stam', 'direct', 0],
    ['This is good news for the whole supply chain', 'Boudewijn Siemons', 'direct'],
  ],
};

describe('quotes and speakers in the example articles', () => {
  it.each(Object.entries(EXPECTED_QUOTES))('%s', (name, expected) => {
    // Prepare + Act
    const { analysis } = analyzeExample(name, RULES);
    // Assess
    const got = analysis.quotes.map((q) => [q.text, q.speaker, q.kind, q.continues]);
    expect(got).toHaveLength(expected.length);
    expected.forEach(([prefix, speaker, kind, continues], i) => {
      const q = analysis.quotes[i]!;
      expect(q.text.startsWith(prefix), `quote ${i}: ${q.text}`).toBe(true);
      expect(q.speaker, `speaker of quote ${i}`).toBe(speaker);
      expect(q.kind, `kind of quote ${i}`).toBe(kind);
      if (continues !== undefined) expect(q.continues, `continues of quote ${i}`).toBe(continues);
    });
  });

  it('attributes every quote of the seven-speaker article to the right person', () => {
    const { analysis } = analyzeExample('long-seven-speakers.txt', RULES);
    const bySpeaker = new Map<string | null, number>();
    for (const q of analysis.quotes) bySpeaker.set(q.speaker, (bySpeaker.get(q.speaker) ?? 0) + 1);
    expect(Object.fromEntries(bySpeaker)).toEqual({
      'Amina Diallo': 4,
      'Henrik Lindqvist': 6,
      'Liu Zhenmin': 3,
      'Simon Kofe': 6,
      // "Brazil's government has said it wants ... the 'implementation summit'": the government's phrase.
      "Brazil's government": 1,
      null: 3,
      'Maria Fernandez': 5,
      'Nicholas Stern': 5,
      'Khalid Al-Mutairi': 3,
    });
    const fernandez = analysis.quotes.find((q) => q.text.startsWith('When the rains fail'));
    expect(fernandez?.speaker).toBe('Maria Fernandez');
    const official = analysis.quotes.find((q) => q.text.startsWith('Nobody is served'));
    expect(official?.speaker).toBeNull();
  });

  it('gives roles as the article states them', () => {
    const role = (name: string, speaker: string) =>
      analyzeExample(name, RULES).analysis.quotes.find((q) => q.speaker === speaker)?.role;
    expect(role('split-quote.txt', 'Jerome Powell')).toBe('Fed Chair');
    expect(role('colon-attribution.txt', 'Maria Santos')).toBe('Disaster agency spokeswoman');
    expect(role('curly-quotes.txt', 'Carsten Lang')).toBe('airline\u2019s head of human resources');
    expect(role('curly-quotes.txt', 'Markus Weber')).toBe('union spokesman');
    expect(role('korean-names.txt', 'Lee In-young')).toBe('Unification Minister');
    expect(role('long-seven-speakers.txt', 'Simon Kofe')).toBe("Tuvalu's foreign minister");
    expect(role('long-seven-speakers.txt', 'Liu Zhenmin')).toBe("China's chief negotiator");
    expect(role('said-x-title-inversion.txt', 'Haluk Burumcekci')).toBe('founder of Burumcekci Consulting');
    expect(role('british-single-quotes.txt', 'Martin Doyle')).toBe('company\u2019s chief executive');
    expect(role('descriptions-and-colons.txt', 'Karen Whitfield')).toBe('neighbor');
    expect(role('japanese-leadership-vote.txt', 'Shigeru Ishiba')).toBe('former defence minister');
    expect(role('congress-titles-and-affiliations.txt', 'Chuck Schumer')).toBe('Senate Majority Leader');
    expect(role('congress-titles-and-affiliations.txt', 'Karine Jean-Pierre')).toBe('press secretary');
    expect(role('state-department-titles.txt', 'Christopher Hill')).toBe(
      'Assistant Secretary of State for East Asian and Pacific Affairs',
    );
    expect(role('state-department-titles.txt', 'R. Nicholas Burns')).toBe(
      'Under Secretary of State for Political Affairs',
    );
    expect(role('british-nested-double-quotes.txt', 'Louise Haigh')).toBe('transport secretary');
    expect(role('british-nested-double-quotes.txt', 'Tom Brake')).toBe('former MP');
    const unnamed = analyzeExample('unnamed-spokesman.txt', RULES).analysis.quotes[0];
    expect(unnamed?.role).toBe('embassy spokesman');
  });

  it('does not take nicknames, titles of works or scare quotes for quotations', () => {
    const nick = analyzeExample('no-quotes-nickname.txt', RULES).analysis;
    expect(nick.quotes).toEqual([]);
    const scare = analyzeExample('scare-quotes-and-titles.txt', RULES).analysis.quotes.map((q) => q.text);
    expect(scare).not.toContain('The Silent Harbour');
    expect(scare).not.toContain('comeback');
    expect(scare.some((t) => t.startsWith('years of lead'))).toBe(false);
  });
});

describe('follow-ups in the example articles', () => {
  const has = (name: string, kind: FollowUpKind, pattern: RegExp) =>
    analyzeExample(name, RULES).analysis.followUps.some((f) => f.kind === kind && pattern.test(f.text));
  const hasByRules = (name: string, kind: FollowUpKind, pattern: RegExp) =>
    analyzeExample(name, { ...RULES, followUpKinds: 'rules' }).analysis.followUps.some(
      (f) => f.kind === kind && pattern.test(f.text),
    );

  it('finds scheduled events, pending decisions, suggestions and reading pointers', () => {
    expect(has('split-quote.txt', 'event', /will meet again on July 30/)).toBe(true);
    // A dated vote is a decision still to be taken: pending (eval-set/README.md's convention for kinds).
    expect(has('pronoun-intervening-person.txt', 'pending', /scheduled to vote on the budget/)).toBe(true);
    // The rules call this outcome awaited pending; the kind model, a commitment with its deadline.
    expect(hasByRules('nested-quotes.txt', 'pending', /issue its findings by the end of the month/)).toBe(
      true,
    );
    expect(has('nested-quotes.txt', 'action', /issue its findings by the end of the month/)).toBe(true);
    expect(has('according-to.txt', 'pending', /report is due within 15 days/)).toBe(true);
    expect(
      has('long-seven-speakers.txt', 'suggestion', /suggested that governments could also tax private jets/),
    ).toBe(true);
    expect(has('long-seven-speakers.txt', 'action', /development banks should triple their lending/)).toBe(
      true,
    );
    // The cascade's reading of these three; the kind model, weighing the words as the annotated sets
    // taught it, disagrees on each (see the test below).
    expect(
      hasByRules('congress-titles-and-affiliations.txt', 'pending', /stopgap spending bill that would keep/),
    ).toBe(true);
    expect(
      hasByRules(
        'congress-titles-and-affiliations.txt',
        'event',
        /Senate would take up the bill on Thursday/,
      ),
    ).toBe(true);
    expect(hasByRules('japanese-leadership-vote.txt', 'pending', /expected to formally elect Ishiba/)).toBe(
      true,
    );
    expect(hasByRules('japanese-leadership-vote.txt', 'event', /^TOKYO/)).toBe(false);
    expect(has('state-department-titles.txt', 'event', /scheduled to resume in Beijing February 8/)).toBe(
      true,
    );
    expect(has('ministry-statements.txt', 'pending', /Congress has 30 days to object/)).toBe(true);
    expect(hasByRules('ministry-statements.txt', 'suggestion', /proposed sale/)).toBe(false);
    expect(
      has('nurses-strike-pronouns.txt', 'action', /urged both sides to accept binding arbitration/),
    ).toBe(true);
    expect(has('markdown-briefing.md', 'reading', /^For more information, see/)).toBe(true);
  });

  it('lists by the kind model only sentences the rules list (its detector may drop one), some under another kind', () => {
    const kinds = (name: string, followUpKinds: 'model' | 'rules') =>
      analyzeExample(name, { ...RULES, followUpKinds }).analysis.followUps.map((f) => [f.sentence, f.kind]);
    const names = ['congress-titles-and-affiliations.txt', 'japanese-leadership-vote.txt'];
    for (const name of names) {
      const byModel = kinds(name, 'model');
      const byRules = new Set(kinds(name, 'rules').map(([s]) => s));
      expect(byModel.length).toBeGreaterThan(0);
      for (const [sentence] of byModel) expect(byRules).toContain(sentence);
      expect(byModel).not.toEqual(kinds(name, 'rules'));
    }
  });

  it('finds a dated future step as an event and leaves wire credits out of the people', () => {
    const { analysis } = analyzeExample('company-statement.txt', RULES);
    expect(analysis.followUps.some((f) => f.kind === 'event' && /starting on Nov\. 14/.test(f.text))).toBe(
      true,
    );
    expect(analysis.entities.people).toEqual([]);
    expect(analysis.entities.organizations).toContain('Ford Motor Co');
    expect(analysis.summary.some((s) => /Reporting by/.test(s))).toBe(false);
  });

  it('keeps organisation names whole and plural nouns out of the people', () => {
    const { entities } = analyzeExample('long-seven-speakers.txt', RULES).analysis;
    expect(entities.organizations).toEqual(
      expect.arrayContaining([
        'European Union',
        'Asian Development Bank',
        'London School of Economics',
        'World Bank',
      ]),
    );
    expect(entities.organizations).not.toContain('Union');
    expect(entities.people.map((p) => p.name)).not.toContain('Gulf');
    expect(entities.people.map((p) => p.name)).not.toContain('Delegates');
    expect(analyzeExample('korean-names.txt', RULES).analysis.entities.places).toEqual(
      expect.arrayContaining(['Seoul', 'North Korea', 'Pyongyang']),
    );
    const congress = analyzeExample('congress-titles-and-affiliations.txt', RULES).analysis.entities;
    expect(congress.organizations).toContain('White House');
    expect(congress.people).toContainEqual({ name: 'Joe Biden', role: 'President' });
  });

  it('takes the link of a Markdown reading pointer as its URL', () => {
    const pointer = analyzeExample('markdown-briefing.md', RULES).analysis.followUps.find(
      (f) => f.kind === 'reading',
    );
    expect(pointer?.target).toBe('the WHO outbreak page');
    expect(pointer?.url).toBe('https://www.who.int/emergencies/disease-outbreak-news');
  });

  it('does not take possibility modals for follow-ups', () => {
    // The cascade's convention (the kind model's detector drops this quoted appeal as a look-alike).
    const { analysis } = analyzeExample('colon-attribution.txt', { ...RULES, followUpKinds: 'rules' });
    expect(analysis.followUps.some((f) => /waves could reach/.test(f.text) && f.kind !== 'action')).toBe(
      false,
    );
    expect(
      analysis.followUps.some((f) => f.kind === 'action' && /Nobody should stay near the shore/.test(f.text)),
    ).toBe(true);
  });
});

describe('every analysis of every example article', () => {
  it.each(exampleNames())(
    '%s: quote text equals its slice, summary sentences are verbatim and in order',
    (name) => {
      const { article, analysis } = analyzeExample(name, RULES);
      for (const q of analysis.quotes) {
        expect(article.text.slice(q.start, q.end)).toBe(q.text);
        expect(q.text.length).toBeGreaterThan(0);
        if (q.continues !== undefined) expect(q.continues).toBeLessThan(analysis.quotes.indexOf(q));
      }
      let last = -1;
      for (const s of analysis.summary) {
        const at = article.text.indexOf(s, last + 1);
        expect(at).toBeGreaterThan(last);
        last = at;
      }
      expect(analysis.summary.length).toBeGreaterThanOrEqual(Math.min(2, article.paragraphs.length));
      expect(analysis.summary.length).toBeLessThanOrEqual(4);
      for (const f of analysis.followUps) expect(article.text.slice(f.start, f.end)).toBe(f.sentence);
    },
  );
});
