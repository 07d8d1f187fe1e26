import { followUpKind } from '../analysis/follow-ups.js';
import type { FollowUp, FollowUpKind, Quote } from '../analysis/types.js';

// A quote that opens with a bare pronoun ("It has to ...", "They will ...") names nobody who must act;
// "We will ..." and "I'd urge ..." are the speaker's own, and the speaker is shown with them.
const BARE = /^(?:you|he|she|it|they|this|that|there)\b/i;

/**
 * A follow-up sentence whose forward-looking words all lie inside quotations ("As its power grows, he
 * added, \"the government needs to recognize ...\""): what is left outside the quotes looks ahead to
 * nothing. Null when the sentence looks ahead outside its quotes, or holds no quote.
 */
export function quoteLed(item: FollowUp, quotes: Quote[]): Quote[] | null {
  // Offsets and text must agree: an analysis edited or stored apart from its article may not.
  const inner = quotes.filter(
    (q) =>
      q.start >= item.start &&
      q.end <= item.end &&
      item.sentence.slice(q.start - item.start, q.end - item.start) === q.text,
  );
  if (inner.length === 0) return null;
  let outside = item.sentence;
  for (const q of inner) {
    const from = q.start - item.start;
    outside = `${outside.slice(0, from)}${' '.repeat(q.end - q.start)}${outside.slice(q.end - item.start)}`;
  }
  return followUpKind(outside) ? null : inner;
}

/**
 * A quote-led follow-up as the email may show it: the quoted clause that looks ahead, with its speaker
 * (`Speaker: "..."`), when the speaker is known and the quote names who must act; otherwise null, and
 * the quote is left to the key quotes.
 */
export function quotedStep(inner: Quote[], quotes: Quote[]): { text: string; kind: FollowUpKind } | null {
  for (const q of inner) {
    const kind = followUpKind(q.text);
    const speaker = q.speaker ?? (q.continues !== undefined ? quotes[q.continues]?.speaker : null);
    if (!kind || kind === 'reading' || !speaker) continue;
    const text = q.text.trim().replace(/[,;:]$/, '');
    if (BARE.test(text) || text.split(/\s+/).length < 5) continue;
    return { text: `${speaker}: \u201c${text}\u201d`, kind };
  }
  return null;
}
