import type { Quote } from '../analysis/types.js';
import { capText, contentWords, flat, overlapShare, wordCount } from './cap.js';
import type { NotShown, ShownQuote } from './types.js';
import { MAX_QUOTE_CHARS } from './types.js';

/** A quote under this many words is never a key quote ("very serious", a nickname). */
export const MIN_QUOTE_WORDS = 4;
// Lead-ins longer than this are not a subject but a whole clause; the quote then stands alone.
const MAX_LEAD_IN_WORDS = 14;
// A quote opening with one of these already carries its own subject.
const SELF_STANDING =
  /^(?:the|a|an|this|that|these|those|there|it|its|we|i|you|he|she|they|our|my|their|his|her|in|on|at|for|if|when|as|while|after|before|with|without|by|from|all|every|no|some|many|most)\b/i;
const SPEECH_VERB = /\b(?:said|says|say|told|tells|added|adds|stated|states|noted|notes|insisted|warned)\b/i;

/** A quote as the trained speaker model delivers it: with a calibrated confidence (0-1). */
type ScoredQuote = Quote & { confidence?: number };

interface Group {
  indices: number[];
  quotes: Quote[];
}

/** Joins each quote with the quotes that continue it (split around the attribution). */
function groupQuotes(quotes: Quote[]): Group[] {
  const groups: Group[] = [];
  const groupOf = new Map<number, Group>();
  quotes.forEach((quote, index) => {
    const parent = quote.continues === undefined ? undefined : groupOf.get(quote.continues);
    if (parent) {
      parent.indices.push(index);
      parent.quotes.push(quote);
      groupOf.set(index, parent);
      return;
    }
    const group = { indices: [index], quotes: [quote] };
    groups.push(group);
    groupOf.set(index, group);
  });
  return groups;
}

/** A label, a nickname or the title of a work: short, title-cased, no sentence in it. */
export function looksLikeLabel(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length > 8 || /[.!?]["'\u201d\u2019]?$/.test(text.trim())) return false;
  const alphabetic = words.filter((w) => /^\p{L}/u.test(w));
  if (alphabetic.length === 0) return true;
  const capitalised = alphabetic.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalised / alphabetic.length >= 0.6;
}

/**
 * The words of the quote's own sentence before its opening mark, verbatim, when the quote starts
 * mid-sentence without a subject of its own ("China" for “needs to understand…”). Null when the quote
 * stands alone, or when the lead-in would be a whole clause or an attribution ("he added,").
 */
export function leadInFor(text: string, quote: Quote): string | null {
  const first = quote.text.trimStart();
  if (!/^\p{Ll}/u.test(first) || SELF_STANDING.test(first)) return null;
  const mark = quote.start - 1;
  if (mark < 0) return null;
  const before = text.slice(0, mark);
  const boundary = Math.max(
    before.lastIndexOf('\n'),
    ...[...before.matchAll(/[.!?]["'\u201d\u2019)]?\s/g)].slice(-1).map((m) => m.index + m[0].length - 1),
  );
  const lead = flat(before.slice(boundary + 1));
  if (lead === '' || wordCount(lead) > MAX_LEAD_IN_WORDS || /,$/.test(lead)) return null;
  if (SPEECH_VERB.test(lead) && !/\bthat$/i.test(lead)) return null;
  return lead;
}

interface Candidate extends ShownQuote {
  score: number;
  order: number;
}

/**
 * Chooses the key quotes: at most `max`, ranked by what a reader remembers — complete statements over
 * fragments, a named confident speaker over none, new information over what the summary already
 * says, concrete (naming the story's people, places, bodies) over abstract, one per speaker before a
 * second — and shown in article order. Halves of a split quote are one
 * quote. Never a quote under four words, a label or title, or one the summary already shows.
 */
export function selectQuotes(
  text: string,
  quotes: Quote[],
  summary: string[],
  max: number,
  names: string[] = [],
): { quotes: ShownQuote[]; notShown: NotShown[] } {
  const notShown: NotShown[] = [];
  const summaryText = flat(summary.join(' '));
  const summaryWords = new Set(contentWords(summaryText));
  const candidates: Candidate[] = [];
  groupQuotes(quotes).forEach((group, order) => {
    const parts = group.quotes.map((q) => capText(flat(q.text), MAX_QUOTE_CHARS)).filter((p) => p !== '');
    const whole = parts.join(' ');
    const shown = whole.length > 80 ? `${whole.slice(0, 79)}\u2026` : whole;
    const words = wordCount(whole);
    if (words < MIN_QUOTE_WORDS) {
      notShown.push({ what: 'quote', text: shown, reason: `under ${MIN_QUOTE_WORDS} words` });
      return;
    }
    if (group.quotes.length === 1 && looksLikeLabel(whole)) {
      notShown.push({ what: 'quote', text: shown, reason: 'a label, name or title, not a statement' });
      return;
    }
    if (parts.some((p) => summaryText.includes(p))) {
      notShown.push({ what: 'quote', text: shown, reason: 'already in the summary' });
      return;
    }
    const head = group.quotes[0]!;
    const speakerQuote = group.quotes.find((q) => q.speaker) ?? head;
    // `confidence` arrives with the trained speaker model; until then every attribution counts as sure.
    const confidence = Math.min(1, Math.max(0, (speakerQuote as ScoredQuote).confidence ?? 1));
    const leadIn = leadInFor(text, head);
    const startsMid = /^\p{Ll}/u.test(head.text.trimStart());
    if (startsMid && !leadIn && !SELF_STANDING.test(head.text.trimStart())) {
      notShown.push({
        what: 'quote',
        text: shown,
        reason: 'a fragment that needs its sentence to make sense',
      });
      return;
    }
    const complete = head.kind === 'direct' && !startsMid;
    // A lead-in makes a fragment a statement; a lower-case clause with its own subject already is one.
    const statement = complete ? 1 : leadIn ? 0.9 : 0.8;
    // Concrete beats abstract: a quote naming the story's people, places or bodies is what sticks.
    const concrete = names.some((name) => `${leadIn ?? ''} ${whole}`.includes(name)) ? 0.4 : 0;
    const named = speakerQuote.speaker ? 0.8 * confidence : speakerQuote.role ? 0.3 : 0;
    const novelty = 0.8 * (1 - overlapShare(whole, summaryWords));
    const substance = 0.4 * Math.min(1, words / 25);
    candidates.push({
      parts,
      leadIn,
      speaker: speakerQuote.speaker,
      role: speakerQuote.role,
      indices: group.indices,
      score: statement + named + novelty + substance + concrete,
      order,
    });
  });

  const chosen: Candidate[] = [];
  const speakers = new Set<string>();
  const remaining = [...candidates];
  while (chosen.length < max && remaining.length > 0) {
    // One per speaker before a second: a repeated speaker ranks below every new one.
    const value = (c: Candidate) => c.score - (c.speaker && speakers.has(c.speaker) ? 10 : 0);
    remaining.sort((a, b) => value(b) - value(a) || a.order - b.order);
    const best = remaining.shift()!;
    chosen.push(best);
    if (best.speaker) speakers.add(best.speaker);
  }
  for (const c of remaining) {
    const whole = c.parts.join(' ');
    notShown.push({
      what: 'quote',
      text: whole.length > 80 ? `${whole.slice(0, 79)}\u2026` : whole,
      reason: `ranked below the ${max} key quote${max === 1 ? '' : 's'} shown`,
    });
  }
  chosen.sort((a, b) => a.order - b.order);
  return {
    quotes: chosen.map(({ parts, leadIn, speaker, role, indices }) => ({
      parts,
      leadIn,
      speaker,
      role,
      indices,
    })),
    notShown,
  };
}
