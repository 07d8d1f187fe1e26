import { quickBoundaries } from './quick-boundaries.js';
import type { FollowUpKind } from './types.js';

const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH =
  '(?:Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|March|Mar\\.|April|Apr\\.|May|June?|July?|Aug(?:ust|\\.)?|Sept?(?:ember|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)';
const COUNT = '(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a\\s+few|\\d+)';
/** A stretch of time to come, not a point: "within a year". What lies within it is pending. */
const SPAN = new RegExp(`\\bwithin\\s+${COUNT}\\s+(?:days?|weeks?|months?|years?)\\b`, 'i');
/** A point in time the sentence places something at: a weekday, a date, a clock time, a span from now. */
const WHEN = new RegExp(
  [
    `\\b(?:on|by|from|until|till|before|this|next|early|late)\\s+${WEEKDAY}`,
    `\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?\\b`,
    `\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b`,
    `\\b(?:this|next|later\\s+this|early\\s+next|the\\s+coming)\\s+(?:week|weekend|month|year|spring|summer|autumn|fall|winter|season|term|session)\\b`,
    `\\bin\\s+(?:the\\s+)?(?:spring|summer|autumn|fall|winter|new\\s+year)\\b`,
    `\\bin\\s+${COUNT}\\s+(?:days?|weeks?|months?|years?)(?:'|\\u2019)?(?:\\s+time)?\\b`,
    '\\bat\\s+\\d{1,2}(?::\\d{2})?\\s*(?:a\\.m\\.|p\\.m\\.|am\\b|pm\\b|GMT|UTC|local\\s+time)',
    '\\b(?:tomorrow|tonight|by\\s+the\\s+end\\s+of|by\\s+(?:early|mid|late)[-\\s]\\w+)\\b',
  ].join('|'),
  'i',
);
// Something that has not happened yet: a future or scheduling marker.
const FUTURE =
  /\b(?:will|shall|(?:is|are)\s+to|(?:is|are|was|were)\s+(?:due|set|scheduled|expected|slated|poised|planning|going)\s+to|(?:is|are)\s+(?:due|set|scheduled|slated)\b|scheduled\s+(?:for|on)|plans?\s+to|intends?\s+to|aims?\s+to|would\s+(?:be|then|next)|(?:has|have|had)\s+until|can\s+\w+(?:\s+\w+){0,6}?\s+until|\bwould(?<=\b(?:said|says|told|expects?|expected|added|announced)\b[^.;"\u201c]{0,80}?\bwould))\b/i;
// Present-tense verbs of a scheduled happening: "the trial begins on Oct. 3", "voting opens on Monday".
const SCHEDULED_PRESENT =
  /\b(?:adjourn(?:s|ed)?\s+(?:[a-z-]+\s+){0,3}?(?:till|until|to)|begins|starts|opens|closes|(?:open|close)\s+(?=(?:on|at|from)\b)|ends|resumes|reopens|meets|convenes|sits|runs|expires|lapses|takes\s+effect|comes\s+into\s+force|goes\s+(?:back\s+)?(?:out|on|to|before)|go\s+(?:back\s+)?out\s+to\s+tender|returns|departs|leaves|arrives|lands|launches|kicks\s+off|gets\s+under\s+way|travels?\s+to|hosts?|faces?|next\s+(?:[a-z-]+\s+){0,4}?(?:is|are))\b/i;
// An invitation with a deadline: "residents can submit written comments through Dec. 12".
const INVITATION =
  /\bcan\s+(?:\w+\s+){0,3}?(?:submit|comment|apply|register|send|contact|call|email|write|sign|vote|book|enter|respond|object|nominate|file)\b(?:[^.;]|\.(?=\S)){0,120}?\b(?:until|through|by|before)\b/i;
// A past reference: what already happened is reported, not followed.
const PAST =
  /\b(?:last\s+(?:week|month|year|night|weekend|\w+day)|yesterday|ago|earlier\s+(?:this|today)|so\s+far)\b/i;
// "The company expects the regulator's answer by February": an outcome awaited, with its time.
const EXPECTS =
  /(?<!\b(?:than|as|can|could|may|might|should|to)\s+)\bexpect(?:s|ed|ing)?\b(?=[^.;]{0,80}?\b(?:decision|ruling|verdict|findings|report|results|observations|approval|response|answer|recommendations|to\s+(?:close|complete|be\s+completed|release|publish|announce|decide|rule|finish|issue|deliver|file|submit|be\s+(?:introduced|approved|signed|published|released|completed|finished|decided))))/i;
// A month or a quarter an awaited outcome is placed in: "by February", "in the second quarter".
const IN_A_MONTH =
  /\b(?:(?:by|before|in|until|early|late|mid-?)\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)|(?:in|by|before|during|until)\s+the\s+(?:first|second|third|fourth|final|last)\s+(?:quarter|half))\b/;
// "Investigations are ongoing", "an audit was already under way": work whose outcome is still to come.
const ONGOING =
  /\b(?:investigations?|inquiry|inquiries|probe|audit|review|search|talks|negotiations)\b[^.;]{0,100}?\b(?:is|are|was|were|remains?|remained)\s+(?:still\s+|already\s+|now\s+)?(?:ongoing|under\s*way|continuing|in\s+progress)\b/i;
// "The recount begins Monday", "The freeze takes effect Monday": a present-tense start on a bare weekday.
const STARTS_ON_DAY = new RegExp(
  `\\b(begins|starts|opens|resumes|reopens|convenes|kicks\\s+off|gets\\s+under\\s*way|takes\\s+effect|comes\\s+into\\s+force)\\s+(?:on\\s+)?${WEEKDAY}\\b`,
  'i',
);
// A choice still open.
const DECISION =
  /\b(?:decide|decision|vote|votes|voting|ballot|ruling|rule\s+on|verdict|approve|approval|review|consider|tender|bid|bids|referendum|election|hearing)\b/i;

// Who readers are, as an article addresses them: "Anyone who ...", "Residents", "Written comments".
const READER_NOUNS =
  'anyone|everyone|residents|members\\s+of\\s+the\\s+public|the\\s+public|voters|parents|readers|customers|applicants|passengers|patients|visitors|objections|applications|submissions';
const MODAL_FOR_READERS = 'can|may|must|should|need\\s+to';

// "Anyone who wants to speak must sign up", "Residents can email the council by Friday": what a reader
// can do, the most useful kind of call to action.
const READERS = new RegExp(
  `\\b(?:${READER_NOUNS}|people|those|fans|comments)\\b(?:\\s+who\\s+[^.;]{1,60}?)?\\s+(?:${MODAL_FOR_READERS}|are\\s+(?:asked|urged|encouraged)\\s+to)\\b`,
  'i',
);

// What readers are told to do, in so many words: "Anyone who wants to testify must register by noon",
// "Written comments can be emailed to the commission".
const READER_DEED = quickBoundaries(
  new RegExp(
    `\\b(?:${READER_NOUNS}|(?:written\\s+)?comments|tickets)\\b(?:\\s+who\\s+[^.;]{1,60}?|(?:\\s+[\\p{L}'\\u2019,-]+){1,8}?)?\\s+(?:${MODAL_FOR_READERS}|are\\s+(?:advised|asked|urged|encouraged)\\s+to)\\s+(?:also\\s+)?(?:be\\s+(?:emailed|submitted|sent|lodged|filed|made|ordered|booked|bought)|email|write|submit|register|sign\\s+up|apply|call|contact|attend|comment|testify|vote|order|book|buy|reset|change|choose|check|turn\\s+on|report|seek|see\\s+a\\s+doctor)\\b`,
    'iu',
  ),
);

/** The sentence with each quotation replaced by a space: what the writer says, not what is quoted. */
export function outsideQuotes(sentence: string): string {
  return sentence.replace(/["\u201c][^"\u201d]*["\u201d]/g, ' ');
}

/** Whether a sentence, outside its quotations, tells readers in so many words what to do. */
export function tellsReadersToAct(sentence: string): boolean {
  return READER_DEED.test(outsideQuotes(sentence));
}

/** Whether a sentence tells readers what they can do (sign up, comment, apply), not what others will. */
export function addressesReaders(sentence: string): boolean {
  const unquoted = outsideQuotes(sentence);
  return READERS.test(unquoted) || INVITATION.test(unquoted);
}

/** Whether a sentence places what it says at a point in time (a date, a weekday, a clock time). */
export function placedInTime(sentence: string): boolean {
  return WHEN.test(outsideQuotes(sentence));
}

/**
 * The general test for what lies ahead, applied when none of the specific patterns matched: a future or
 * scheduling marker, or a present-tense scheduling verb, together with a point in time ("will depart at
 * 9:15 a.m. on Friday", "the trial begins on Oct. 3", "have until Friday to file") is a dated event; a
 * future marker with a decision still open is pending; a future commitment without a date is an
 * announced plan (action). Sentences that report the past ("last week", "ago") are not follow-ups.
 */
export function aheadKind(sentence: string): FollowUpKind | null {
  const unquoted = outsideQuotes(sentence);
  if (PAST.test(unquoted)) return null;
  if (INVITATION.test(unquoted) && WHEN.test(unquoted)) return 'action';
  const future = FUTURE.test(unquoted);
  // The time belongs to what lies ahead when the marker comes first, in the same clause: "will depart at
  // 9:15 on Friday", but not "on Friday elected X, ... he will become".
  const marker = [FUTURE.exec(unquoted), SCHEDULED_PRESENT.exec(unquoted)].filter((m) => m !== null);
  const timed = marker.some((m) => {
    const after = unquoted.slice(m.index, m.index + 120).split(/;|:\s/)[0] ?? '';
    return WHEN.test(after);
  });
  if (timed) return 'event';
  const starts = STARTS_ON_DAY.exec(unquoted);
  if (starts) return /effect|force/i.test(starts[1]!) ? 'action' : 'event';
  const expects = EXPECTS.exec(unquoted);
  const expected = expects ? unquoted.slice(expects.index, expects.index + 160) : '';
  if (expects && (WHEN.test(expected) || IN_A_MONTH.test(expected))) return 'pending';
  const ongoing = ONGOING.exec(unquoted);
  // "... because talks were ongoing": a reason given in passing, not the news to follow.
  if (ongoing && !/\b(?:because|while|since|as)\b[^,;]*$/i.test(unquoted.slice(0, ongoing.index)))
    return 'pending';
  if (future && SPAN.test(unquoted)) return 'pending';
  if (future && DECISION.test(unquoted)) return 'pending';
  if (/\bgo(?:es)?\s+back\s+out\s+to\s+tender\b/i.test(unquoted)) return 'pending';
  return null;
}
