import { addressesReaders, placedInTime } from '../analysis/ahead.js';
import { isAppeal } from '../analysis/follow-ups.js';
import type { FollowUp, FollowUpKind, Quote } from '../analysis/types.js';
import { capText, flat } from './cap.js';
import { resolveDate } from './dates.js';
import { namePronoun } from './pronouns.js';
import { quotedStep, quoteLed } from './quote-led.js';
import { clauseAfterQuotes } from './quote-remainder.js';
import type { Referents } from './referents.js';
import type { NotShown, ShownFollowUp, ShownQuote } from './types.js';
import { MAX_SENTENCE_CHARS } from './types.js';

// Which items go first when an article has more than the email shows: what readers themselves can do,
// then what happens next, then what is still open, then who must act.
const MAX_READING = 2;
const ON_CALENDAR: ReadonlySet<FollowUpKind> = new Set(['event', 'pending']);
const PRIORITY: Record<FollowUpKind, number> = { event: 0, pending: 1, action: 2, suggestion: 3, reading: 4 };
const NAME =
  "(?:he|she|they|it|[\\p{Lu}][\\p{L}.'\\u2019-]*(?:\\s+[\\p{Lu}][\\p{L}.'\\u2019-]*){0,4}|the\\s+[\\p{L}\\s'\\u2019-]{1,40}?)";
const VERB = '(?:said|says|added|told\\s+[\\p{L}\\s.]{1,30}?|stated|noted|announced|wrote)';
// ", he said." / ", Lefkowitz said on Monday." / ", said the mayor." at the end of the clause; without
// the comma "said the board would rule" reports what was said and is kept.
const TRAILING_ATTRIBUTION = new RegExp(
  `(?:,?\\s+${NAME}\\s+${VERB}|,\\s+${VERB}\\s+${NAME})(?:\\s+(?:on|in|at|late|early)\\s+[\\p{L}\\d.,\\s]{1,30}?)?\\s*([.!?])\\s*$`,
  'u',
);
// "He said that ..." / "Lefkowitz said ..." at the start.
const LEADING_ATTRIBUTION = new RegExp(`^${NAME}\\s+(?:said|says|added|noted|stated)\\s+that\\s+`, 'u');

const PRONOUN_START = /^(?:he|she|it|they|we|i|his|her|its|their)\b/i;

/** The relevant clause of a follow-up sentence: the attribution ("he said") cut, the rest verbatim. */
export function followUpClause(sentence: string): string {
  let clause = flat(sentence);
  if (!/["\u201c\u201d]/.test(clause)) {
    // "at 6 p.m., Ruiz said." keeps the abbreviation's own full stop.
    clause = clause.replace(TRAILING_ATTRIBUTION, (_m, stop: string, at: number, all: string) =>
      all.slice(0, at).endsWith('.') ? '' : stop,
    );
    const lead = LEADING_ATTRIBUTION.exec(clause);
    // Only when what follows names its own subject: "X said that it would ..." keeps X.
    if (lead && lead[0].length < clause.length - 20 && !PRONOUN_START.test(clause.slice(lead[0].length))) {
      const rest = clause.slice(lead[0].length);
      clause = `${rest.charAt(0).toUpperCase()}${rest.slice(1)}`;
    }
  }
  return capText(clause, MAX_SENTENCE_CHARS);
}

/** Within a kind: what readers themselves can do first, then what has a date or is an appeal, then the rest. */
function usefulness(item: ShownFollowUp): number {
  if (addressesReaders(item.text)) return 0;
  return item.date || placedInTime(item.text) || isAppeal(item.text) ? 1 : 2;
}

/**
 * Chooses the follow-ups the email shows: never a sentence already shown as a key quote or in the
 * summary, never a reading pointer without a target (a link or a title), at most `max`, forward items
 * first. Each is its clause, with dates resolved against the article's date (`articleDate`), a bare
 * pronoun followed by whom it stands for, and a step said only in a quotation shown with its speaker.
 */
export function selectFollowUps(
  items: FollowUp[],
  context: {
    quotes: Quote[];
    shown: ShownQuote[];
    summary: string[];
    referents: Referents;
    articleDate?: string;
  },
  max: number,
): { followUps: ShownFollowUp[]; notShown: NotShown[]; events: ShownFollowUp[] } {
  const notShown: NotShown[] = [];
  // Every dated event goes into the calendar, also one the summary or a quote already shows; so does a
  // dated decision ("will vote on Wednesday"), which the kinds' convention calls pending.
  const events: ShownFollowUp[] = [];
  for (const item of items) {
    if (!ON_CALENDAR.has(item.kind)) continue;
    const resolved = resolveDate(followUpClause(item.text), context.articleDate);
    if (resolved)
      events.push({
        ...item,
        text: resolved.text,
        date: resolved.iso,
        ...(resolved.time ? { time: resolved.time } : {}),
      });
  }
  const summary = context.summary.map(flat);
  const shownSpans = context.shown.flatMap((q) => q.indices.map((i) => context.quotes[i]!));
  const seen = new Set<string>();
  const kept: ShownFollowUp[] = [];
  const quotedSteps = new Set<ShownFollowUp>();
  for (const item of items) {
    const sentence = flat(item.sentence || item.text);
    const note = (reason: string) =>
      notShown.push({ what: 'follow-up', text: capText(sentence, 80), reason });
    // One item per sentence, or per clause where a sentence holds steps of two kinds.
    const key = `${sentence}\u0000${flat(item.text)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const link = item.url && /^https?:\/\//i.test(item.url) ? item.url : undefined;
    if (item.kind === 'reading' && !link && !item.target) {
      note('a reading pointer with no link or title to follow');
      continue;
    }
    if (summary.some((s) => s !== '' && (s.includes(sentence) || sentence.includes(s)))) {
      note('already in the summary');
      continue;
    }
    const quoted = shownSpans.filter(
      (q) => q.start >= item.start && q.end <= item.end && sentence.includes(flat(q.text)),
    );
    const after = quoted.length > 0 ? clauseAfterQuotes(item, quoted) : null;
    if (quoted.length > 0 && !after) {
      note('repeats a key quote');
      continue;
    }
    const led = after || item.kind === 'reading' ? null : quoteLed(item, context.quotes);
    const step = led ? quotedStep(led, context.quotes) : null;
    if (led && !step) {
      note('a quote with no step named outside it; quotes are shown as key quotes');
      continue;
    }
    const kind = step?.kind ?? after?.kind ?? item.kind;
    const named =
      kind === 'reading' || step
        ? null
        : namePronoun(followUpClause(after?.text ?? item.text), item.start, context.referents);
    if (named === null && kind !== 'reading' && !step) {
      note('says "he", "she", "it" or "they" and the article does not make clear who');
      continue;
    }
    const clause = kind === 'reading' ? flat(item.text) : (step?.text ?? named!);
    const resolved = kind === 'reading' ? null : resolveDate(clause, context.articleDate);
    const shown: ShownFollowUp = { ...item, kind, text: resolved?.text ?? clause };
    if (resolved && ON_CALENDAR.has(kind)) {
      shown.date = resolved.iso;
      if (resolved.time) shown.time = resolved.time;
    }
    kept.push(shown);
    if (step) quotedSteps.add(shown);
  }
  // A step said only in a quotation comes after every step the writer states.
  const ranked = kept
    .map((item, order) => ({ item, order, use: usefulness(item), quoted: quotedSteps.has(item) }))
    .sort(
      (a, b) =>
        Number(a.quoted) - Number(b.quoted) ||
        Number(a.use !== 0) - Number(b.use !== 0) ||
        PRIORITY[a.item.kind] - PRIORITY[b.item.kind] ||
        a.use - b.use ||
        a.order - b.order,
    );
  // Reading pointers have their own small allowance: they are links, not news to follow.
  const forward = ranked.filter((r) => r.item.kind !== 'reading');
  const reading = ranked.filter((r) => r.item.kind === 'reading');
  const keep = [...forward.slice(0, max), ...reading.slice(0, max === 0 ? 0 : MAX_READING)];
  const chosen = new Set(keep.map((r) => r.item));
  for (const { item } of ranked.filter((r) => !chosen.has(r.item))) {
    notShown.push({
      what: 'follow-up',
      text: capText(flat(item.sentence), 80),
      reason: 'over the per-story limit',
    });
  }
  return { followUps: kept.filter((item) => chosen.has(item)), notShown, events };
}
