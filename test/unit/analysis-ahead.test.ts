import { describe, expect, it } from 'vitest';
import { aheadKind } from '../../src/analysis/ahead.js';

describe('aheadKind: what lies ahead, when no specific pattern matched (issue 10)', () => {
  it.each([
    ['A hearing on the request is scheduled this week in the district court.', 'event'],
    ['The crew will depart from the launch site at 9:15 a.m. on Friday, the agency said.', 'event'],
    ['Lawmakers have until Friday to file amendments.', 'event'],
    ['The committee meets again in two weeks to decide on the budget.', 'event'],
    ['Voting opens on Monday and closes on Dec. 12.', 'event'],
    // An invitation with a deadline is a call to action.
    ['Residents can comment on the plan until Jan. 31.', 'action'],
    ['Investigators said a final report would follow within a year.', 'pending'],
    ['The next regional derby is Westfield away on Nov. 9.', 'event'],
    ['The trial begins on Oct. 3 in Manchester.', 'event'],
    ['The cleaning contract will go back out to tender after the council rejected the only bid.', 'pending'],
    ['The board will vote on the merger.', 'pending'],
  ] as const)('%s -> %s', (sentence, kind) => {
    expect(aheadKind(sentence)).toBe(kind);
  });

  it.each([
    ['The company last week closed 12 stores and laid off 300 staff.'],
    ['The storm made landfall on Monday, three days ago.'],
    ['The museum opened in 1998 and drew a million visitors.'],
    ['She said "we will meet on Friday" and left.'],
  ])('is not fooled by the past or by words inside a quote: %s', (sentence) => {
    expect(aheadKind(sentence)).toBeNull();
  });
});
