import { describe, expect, it } from 'vitest';
import { followUpKind } from '../../src/analysis/follow-ups.js';
import { analyze } from '../../src/analysis/index.js';
import { readingPointer } from '../../src/analysis/reading.js';
import { splitParagraphs, splitSentences } from '../../src/analysis/sentences.js';
import { parseArticle } from '../../src/article/index.js';
import { selectArticle } from '../../src/selection/index.js';
import { DEFAULT_FOLLOW_UPS_PER_ARTICLE } from '../../src/selection/types.js';

// Patterns a blind set written after the first follow-up work showed missing (eval-set/blind-3); every
// sentence here is written for this test.

function sentencesOf(paragraph: string): string[] {
  const text = `Title\n\n${paragraph}`;
  const paragraphs = splitParagraphs(text, 'Title');
  return splitSentences(text, paragraphs).map((s) => s.text);
}

function shownFollowUps(body: string): string[] {
  const article = parseArticle(`Quarry plan goes to a vote\n\n${body}`, { source: 't.txt', format: 'text' });
  return selectArticle(article, { ...analyze(article), summary: [] }, {}).followUps.map((f) => f.text);
}

describe('follow-ups on unseen news', () => {
  it('keeps a clock time with the day that follows it, and ends a sentence after a street address', () => {
    expect(
      sentencesOf('Objections can be lodged online until 4 p.m. Nov. 21. The board meets later.'),
    ).toEqual(['Objections can be lodged online until 4 p.m. Nov. 21.', 'The board meets later.']);
    expect(sentencesOf('The hearing is at the depot, 12 Quay St. The fee is waived.')).toHaveLength(2);
    expect(sentencesOf('The parade passes St. Louis Cathedral at noon.')).toHaveLength(1);
  });

  it('takes what readers can do by a deadline as a call to action, also after "who wants to"', () => {
    expect(
      followUpKind('Anyone who wants to address the board must register with the clerk by noon on Friday.'),
    ).toBe('action');
    expect(
      followUpKind(
        'Neighbours who want a say can email the board at quarry@harbourton.gov or call the office by 5 p.m. Thursday, Oct. 9.',
      ),
    ).toBe('action');
  });

  it('reads a present-tense fixture with its date as an event', () => {
    expect(followUpKind('Rovers then travel to Dunmore on Wednesday, 12 March (7.30pm).')).toBe('event');
  });

  it('takes a decision "not expected until" later as still pending', () => {
    expect(followUpKind('A ruling on the licence is not expected until early next year.')).toBe('pending');
  });

  it('takes talks that "would continue" as still open, and a finding "that ... would" as no plan', () => {
    expect(followUpKind('The envoy said negotiations on the water treaty would continue next month.')).toBe(
      'pending',
    );
    expect(followUpKind('The study estimates that a new dam would cut floods by a third.')).toBeNull();
  });

  it('takes what readers are told to do as a call to action, and questions left open as pending', () => {
    expect(followUpKind('Written objections can be emailed to the inspector until the inquiry closes.')).toBe(
      'action',
    );
    expect(followUpKind('Residents can expect delays on Monday.')).toBeNull();
    expect(followUpKind('The Greens have not said whether they will back the budget.')).toBe('pending');
    expect(followUpKind('The shire is in talks with two ferry operators about a winter timetable.')).toBe(
      'pending',
    );
    expect(followUpKind('Police warned drivers to avoid the coast road until Thursday.')).toBe('action');
    // A relative clause says what a thing is for; nobody pledges anything.
    expect(followUpKind('Fishing is central to the region’s plan, which aims to double exports.')).toBeNull();
    expect(followUpKind('The council aims to halve landfill waste.')).toBe('action');
  });

  it('takes a decision on whether to do something as pending, also when it has a date', () => {
    expect(
      followUpKind(
        'The licensing board will decide whether to renew the permit at its meeting on Friday, Dec. 5.',
      ),
    ).toBe('pending');
  });

  it('reads instructions, adjournments and open inquiries', () => {
    expect(followUpKind('Deputies told residents to sign up for the county text alerts.')).toBe('action');
    expect(
      followUpKind('Passengers unsure whether their train runs are advised to check the timetable online.'),
    ).toBe('action');
    expect(followUpKind('He told reporters to expect a long night.')).toBeNull();
    expect(followUpKind('The council adjourned the sitting till Tuesday, March 3.')).toBe('event');
    expect(followUpKind('The cause of the blaze is under investigation.')).toBe('pending');
    expect(followUpKind('She declined to say whether the port would appeal.')).toBe('pending');
  });

  it('does not take a report "called" something for an announcement', () => {
    expect(
      followUpKind(
        'The warning came after a charity published a report called "Dust in the Valley" on Monday.',
      ),
    ).not.toBe('event');
  });

  it('finds reading pointers by their title or their address without https://', () => {
    expect(readingPointer('READ MORE | How the valley learned to live with its quarry')).toEqual({
      target: 'How the valley learned to live with its quarry',
    });
    expect(readingPointer('The full survey is posted at harbourton.gov/quarry-survey.')).toEqual({
      url: 'https://harbourton.gov/quarry-survey',
      target: 'https://harbourton.gov/quarry-survey',
    });
    expect(readingPointer('Write to quarry@harbourton.gov with questions.')).toBeNull();
    expect(readingPointer('Tickets can be booked at www.harbourton-arts.no/dust.')).toEqual({
      url: 'https://www.harbourton-arts.no/dust',
      target: 'https://www.harbourton-arts.no/dust',
    });
    expect(readingPointer('The U.S. and the E.U. met at the port.')).toBeNull();
  });

  it('resolves "it" to the company a sentence opens with, and "she" past a sentence naming nobody', () => {
    const texts = shownFollowUps(
      'Kellerby Quarrying Co said on Tuesday it had lost the contract.\n\n' +
        'Kellerby said it would appeal the decision within weeks. It will publish its annual results on March 3.\n\n' +
        'Planning chief Ilse Varga said the board would rule on the new licence. A ruling is not expected before spring.\n\n' +
        'She urged residents to attend the hearings.',
    );
    expect(texts).toContain('It [Kellerby] will publish its annual results on March 3.');
    expect(texts).toContain('She [Ilse Varga] urged residents to attend the hearings.');
  });

  it('resolves "it" to a name the sentence before called "it" itself', () => {
    const texts = shownFollowUps(
      'Kestrel Home said it had locked every customer account overnight. It also urged customers to change their passwords.',
    );
    expect(texts).toContain('It [Kestrel Home] also urged customers to change their passwords.');
  });

  it('keeps "said the board would ..." whole: only ", said the mayor." is an attribution to cut', () => {
    const texts = shownFollowUps('Planning chief Ilse Varga said the board would rule on the licence.');
    expect(texts).toEqual(['Planning chief Ilse Varga said the board would rule on the licence.']);
  });

  it('ranks an appeal above an undated plan of the same kind', () => {
    const plans = Array.from(
      { length: DEFAULT_FOLLOW_UPS_PER_ARTICLE },
      (_, i) => `The firm would also expand site ${i + 1} and hire more drivers for it.`,
    ).join(' ');
    const texts = shownFollowUps(`${plans}\n\nMayor Odile Brandt urged neighbours to attend the hearing.`);
    expect(texts).toContain('Mayor Odile Brandt urged neighbours to attend the hearing.');
  });

  it('shows eight follow-ups of a story by default (one annotated story in five carries more than six)', () => {
    const steps = Array.from(
      { length: 10 },
      (_, i) => `The board will meet on March ${i + 3} to discuss site ${i + 1}.`,
    ).join(' ');
    expect(shownFollowUps(steps)).toHaveLength(8);
  });

  it('ranks what readers can do above dated events and open questions', () => {
    const events = Array.from(
      { length: DEFAULT_FOLLOW_UPS_PER_ARTICLE },
      (_, i) => `The board will meet on March ${i + 3} to discuss site ${i + 1}.`,
    ).join(' ');
    const texts = shownFollowUps(
      `${events}\n\nAnyone who wants to speak at the hearing must register with the clerk by noon on March 2.`,
    );
    expect(texts).toHaveLength(DEFAULT_FOLLOW_UPS_PER_ARTICLE);
    expect(texts.some((t) => t.startsWith('Anyone who wants to speak at the hearing must register'))).toBe(
      true,
    );
  });

  it('ranks what readers can do above an undated plan of the same kind', () => {
    const plans = Array.from(
      { length: DEFAULT_FOLLOW_UPS_PER_ARTICLE },
      (_, i) => `The firm would also expand site ${i + 1} and hire more drivers for it.`,
    ).join(' ');
    const texts = shownFollowUps(
      `${plans}\n\nAnyone who wants to speak at the hearing must sign up with the clerk by noon on the day.`,
    );
    expect(texts).toContain(
      'Anyone who wants to speak at the hearing must sign up with the clerk by noon on the day.',
    );
  });
});

// Forms blind-6 showed missing (its first run is on record in eval-set/blind-6/README.md); sentences
// written for this test.
describe('follow-ups: scheduling, deadlines and outcomes still open, as reporters write them', () => {
  it('a meeting set for a clock time and weekday, and a hearing "listed for" a date, are events', () => {
    expect(
      followUpKind(
        'The department has scheduled a public meeting for 7 p.m. Wednesday at the Riverton library.',
      ),
    ).toBe('event');
    expect(followUpKind("Dunne's sentencing hearing is listed for March 4 in the district court.")).toBe(
      'event',
    );
    // A sentence is a ruling: a decision ahead, pending (eval-set/README.md's convention for kinds).
    expect(followUpKind('The mayor is due to be sentenced in April.')).toBe('pending');
  });

  // These two assert the hand-written cascade's convention; the trained kind model weighs it with the words.
  it('someone who "has until" a date to act has a deadline: a call to action', () => {
    expect(
      followUpKind('Current permit holders would have until March 1 to register their homes.', 'rules'),
    ).toBe('action');
    expect(
      followUpKind('Riverton has until Friday to submit a recovery plan to the province.', 'rules'),
    ).toBe('action');
  });

  it('outcomes that may yet come and decisions still ahead are pending', () => {
    expect(followUpKind('The contractor could face a penalty once the inspectors have finished.')).toBe(
      'pending',
    );
    expect(followUpKind("The residents' group could sue if the council approves the detour.")).toBe(
      'pending',
    );
    expect(followUpKind("A decision on the bridge's future is expected after the budget is passed.")).toBe(
      'pending',
    );
    expect(followUpKind('The opposition said it would back the bill only if the cap was cut to $300.')).toBe(
      'pending',
    );
    expect(
      followUpKind('"We will be looking at whether the firm told customers in time," the commissioner said.'),
    ).toBe('pending');
    expect(
      followUpKind("The panel's recommendation will then go to the county board, which has the final say."),
    ).toBe('pending');
  });

  it('a project "due to be completed" is an announced plan; a judgement "would be X unless" is not a follow-up', () => {
    expect(
      followUpKind(
        'The water company said it had begun a £20m upgrade of the plant, due to be completed in 2029.',
      ),
    ).toBe('action');
    expect(
      followUpKind(
        'She said the fine would be pointless unless it came out of the dividends of shareholders.',
      ),
    ).toBeNull();
  });
});

// Forms blind-7 showed missing after its first run; sentences written for this test.
describe('follow-ups: ultimatums, appeals in a speaker own words, ordinal dates, consultations', () => {
  it('an ultimatum, a first-person appeal and a promise to hand something back are calls to action', () => {
    expect(
      followUpKind(
        '"If by Friday we have not seen the money, not a single kilo will leave our farms," he warned.',
      ),
    ).toBe('action');
    expect(
      followUpKind('"I would ask everyone who cares about this library to write to the council," she said.'),
    ).toBe('action');
    expect(
      followUpKind('He said his client would hand his share of the money back to the co-operative.'),
    ).toBe('action');
  });

  it('an adjournment to an ordinal date is a decision ahead; a consultation that opens and closes on dates is an event', () => {
    expect(
      followUpKind('The judge adjourned sentencing to March 3rd and remanded Doyle on continuing bail.'),
    ).toBe('pending');
    expect(followUpKind('Submissions open on Monday and close at 5pm on March 5.')).toBe('event');
  });

  it('a body "yet to respond" and an outcome that "will not be known until" are pending', () => {
    expect(followUpKind('The regulator is yet to respond to the request for an inspection.')).toBe('pending');
    expect(
      followUpKind('Whether the risk rises or falls will not be known until the new measurements are in.'),
    ).toBe('pending');
  });

  it('an open letter is not a consultation that opens', () => {
    expect(followUpKind('Residents sent an open letter to the council last month.')).toBeNull();
  });
});

// Forms blind-8 showed missing after its first run; sentences written for this test.
describe('follow-ups: passive appeals, appeals for help, decisions left open', () => {
  it('"are encouraged to", "are advised to" and "appealed for" are calls to action', () => {
    expect(
      followUpKind('Consumers who have been injured are encouraged to lodge a report with the ministry.'),
    ).toBe('action');
    expect(followUpKind('Commuters are advised to check the app before they travel.')).toBe('action');
    expect(followUpKind('The Red Cross appealed for blankets, tents and cooking pots.')).toBe('action');
    expect(
      followUpKind(
        'The governor said the administration would include a school construction plan in its budget.',
      ),
    ).toBe('action');
  });

  it('an appeal not ruled out, a decision left to someone, an inquiry under way and a date now expected are pending', () => {
    expect(followUpKind('The company did not rule out an appeal.')).toBe('pending');
    expect(
      followUpKind('"That is for the regulator to decide once the investigation is complete," he said.'),
    ).toBe('pending');
    expect(
      followUpKind('"We are investigating the cause together with the operator," the authority said.'),
    ).toBe('pending');
    expect(followUpKind('The application is now expected to return to the committee on Tuesday.')).toBe(
      'pending',
    );
  });

  it('"would be better spent" proposes', () => {
    expect(followUpKind('Critics said public money would be better spent on flood defences.')).toBe(
      'suggestion',
    );
  });
});

describe('one convention where follow-up kinds overlap (eval-set/README.md)', () => {
  it('calls a call to action an action even with a date, and a decision pending even with a date', () => {
    expect(
      followUpKind(
        'The drivers union called on management to withdraw the closure plans before the vote on Friday.',
      ),
    ).toBe('action');
    expect(followUpKind('The supervisory board is due to vote on the merger on March 3.')).toBe('pending');
    expect(followUpKind('A decision on the licence is expected by Tuesday, the regulator said.')).toBe(
      'pending',
    );
    expect(followUpKind('Promulgation of the ruling is set for Jan. 19.')).toBe('pending');
  });

  it('calls an announced change with a date an action, and a dated hearing an event', () => {
    expect(
      followUpKind('Three ferry routes will be withdrawn from April 4, the operator said.', 'rules'),
    ).toBe('action');
    expect(followUpKind('The court will hold a hearing on Feb. 10, a clerk said.', 'rules')).toBe('event');
  });

  it('puts a dated decision in the calendar as well as a dated event', () => {
    const article = parseArticle(
      '---\ntitle: Quarry vote\ndate: 2026-12-07\n---\n\nThe county board is due to vote on the quarry expansion on Wednesday, Dec. 9.\n\nResidents packed the hall.\n',
      { source: 't.md', format: 'markdown' },
    );
    const selected = selectArticle(article, { ...analyze(article), summary: [] }, {});
    expect(selected.events.map((e) => [e.kind, e.date])).toEqual([['pending', '2026-12-09']]);
  });
});

describe('reading pointers to a named document on a named site', () => {
  it('are followable without an address: the document and the site are named', () => {
    expect(readingPointer('The full inspection report is available on the regulator’s website.')).toEqual({
      target: 'the full inspection report (the regulator’s website)',
    });
    expect(readingPointer('The complete letter was later posted on the union’s blog.')?.target).toBe(
      'the complete letter (the union’s blog)',
    );
    expect(
      readingPointer('The council publishes a list of closed roads on its website every morning.')?.target,
    ).toBe('a list of closed roads (its website)');
  });

  it('"For the latest X, visit Y", "freely available on", "available for review at" (session 9)', () => {
    expect(
      readingPointer('For the latest flood warnings, visit the Harbourton Water Board website.'),
    ).toEqual({
      target: 'the Harbourton Water Board website',
    });
    expect(
      readingPointer('The survey and its raw data are freely available on the society’s website.')?.target,
    ).toBe('the survey and its raw data (the society’s website)');
    expect(
      readingPointer('The draft plan is available for inspection at the town hall and on its website.')
        ?.target,
    ).toBe('the draft plan (the town hall and on its website)');
    expect(readingPointer('For the latest, nothing was certain, she said.')).toBeNull();
  });

  it('"can be read free of charge on", "can be consulted on the website of", a long document name (session 11)', () => {
    expect(
      readingPointer(
        'The paper, with photographs of every tooth, can be read free of charge on the society’s website.',
      )?.target,
    ).toBe('the paper, with photographs of every tooth (the society’s website)');
    expect(
      readingPointer(
        'The engineering review can be consulted on the website of the Loire-Atlantique department.',
      )?.target,
    ).toBe('the engineering review (the website of the Loire-Atlantique department)');
    expect(
      readingPointer(
        'Hearing papers, including the operator’s noise survey and the parish council’s formal objection, can be viewed on the inspectorate’s website.',
      )?.target,
    ).toBe(
      'Hearing papers, including the operator’s noise survey and the parish council’s formal objection (the inspectorate’s website)',
    );
  });

  it('are not a vague "it is on the website" or a publication that happened', () => {
    expect(readingPointer('It is available on the website.')).toBeNull();
    expect(readingPointer('The council said its decision was published on Monday.')).toBeNull();
  });
});

describe('plans that came to nothing', () => {
  it('are not follow-ups: "was scheduled for November and never done", "was due ... but was cancelled"', () => {
    expect(
      followUpKind('The repair was scheduled for March and never carried out, inspectors wrote.'),
    ).toBeNull();
    expect(followUpKind('A second hearing was set for June but was postponed indefinitely.')).toBeNull();
    expect(followUpKind('A second hearing is set for June 3.')).toBe('event');
  });
});

describe('dates written day first, and appeals and postings in the perfect', () => {
  it('reads "on 14 April" as a date, as "April 14" is', () => {
    expect(
      followUpKind('The inquest is due to resume at the coroner’s court in Castlebar on 14 April.'),
    ).toBe('event');
  });

  it('calls "residents have been asked to report" an action', () => {
    expect(followUpKind('Residents have been asked to report blocked drains through the helpline.')).toBe(
      'action',
    );
  });

  it('finds a study "free to read" and photos that "have been posted" on a named site', () => {
    expect(readingPointer('The paper is free to read on the journal’s website.')?.target).toBe(
      'the paper (the journal’s website)',
    );
    expect(
      readingPointer('Photos of the van have been posted on the sheriff’s office Facebook page.')?.target,
    ).toBe('Photos of the van (the sheriff’s office Facebook page)');
  });
});

describe('outcomes awaited and starts on a weekday (session 11, sentences written for the tests)', () => {
  it('an expected decision, deal closing or report placed in a month or quarter is pending', () => {
    expect(followUpKind('The port authority expects a ruling on the berth in the third quarter.')).toBe(
      'pending',
    );
    expect(followUpKind('The two lenders expect the merger to close by March.')).toBe('pending');
    expect(followUpKind('The water board expects to publish its draft tariffs next spring.')).toBe('pending');
  });

  it('a forecast, a financial guidance line or an advisory "can expect" is no follow-up', () => {
    expect(followUpKind('Forecasters expect the rain to ease by Thursday evening.')).toBeNull();
    expect(followUpKind('Drivers can expect long queues in March.')).toBeNull();
    expect(followUpKind('Sales grew faster than expected in the first quarter.')).toBeNull();
    // "demand" the noun is no demand made of anyone.
    expect(followUpKind('The chief executive said demand had held up in every region.')).toBeNull();
    expect(followUpKind('The nurses demanded a meeting with the board.')).toBe('action');
  });

  it('work under way is pending unless it is only the reason for something else', () => {
    expect(followUpKind('The harbour police said an inquiry into the collision was under way.')).toBe(
      'pending',
    );
    expect(
      followUpKind('An aide, who spoke because negotiations were ongoing, declined to comment.'),
    ).toBeNull();
  });

  it('a start on a bare weekday is an event; a rule taking effect is an announced change', () => {
    expect(followUpKind('The hand count begins Thursday at the county annex.')).toBe('event');
    expect(followUpKind('The parking ban takes effect Saturday.')).toBe('action');
  });
});
