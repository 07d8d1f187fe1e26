import { followUpKind } from '../analysis/follow-ups.js';
import { quickBoundaries } from '../analysis/quick-boundaries.js';
import type { FollowUp, FollowUpKind, Quote } from '../analysis/types.js';

// What joins a quote to the clause after it: the closing mark and ", he said, adding that" or "and said".
const JOIN = quickBoundaries(
  /^[\s,;:.!?"'\u201d\u2019]*(?:(?:and|but)\s+)?(?:(?:he|she|they|it|we)\s+)?(?:(?:said|says|added|noted|stressed|told\s+[\p{L}.]+)\b,?\s*)?(?:adding\s+)?(?:that\s+)?/iu,
);
const MIN_WORDS = 5;
// The clause must look ahead itself, not just carry the speaker's name and role.
const AHEAD_WORD =
  /\b(?:will|would|shall|should|must|could|may|plans?|planned|expected|due|scheduled|urged|asked|called\s+on|needs?\s+to|has\s+to)\b/i;

/**
 * The part of a follow-up sentence after the key quotes it contains, when that part looks ahead on its
 * own ("... called it \"a great run\" and said organizers would review the pacing next year" gives
 * "Organizers would review the pacing next year."): the email shows the quote once, and this clause.
 * Null when nothing after the quotes is a follow-up.
 */
export function clauseAfterQuotes(
  item: FollowUp,
  quotes: Quote[],
): { text: string; kind: FollowUpKind } | null {
  const end = Math.max(...quotes.map((q) => q.end)) - item.start;
  const rest = item.sentence.slice(end).replace(JOIN, '').trim();
  if (rest.split(/\s+/).length < MIN_WORDS || /["\u201c\u201d]/.test(rest) || !AHEAD_WORD.test(rest))
    return null;
  const kind = followUpKind(rest);
  if (!kind || kind === 'reading') return null;
  return { text: `${rest.charAt(0).toUpperCase()}${rest.slice(1)}`, kind };
}
