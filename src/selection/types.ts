import type { FollowUp } from '../analysis/types.js';

/**
 * How much of a story the email shows. `full` is the normal layout; the others are the steps the
 * budget fit takes for later stories when an edition would pass the clip limit.
 */
export type CompactLevel = 'full' | 'reduced' | 'brief' | 'headline';

export const COMPACT_LEVELS: readonly CompactLevel[] = ['full', 'reduced', 'brief', 'headline'];

/** A key quote as shown: the parts of one (possibly split) quotation, with its lead-in when partial. */
export interface ShownQuote {
  /** The quote and the parts that continue it, in article order, each verbatim (capped). */
  parts: string[];
  /** Words of the same sentence before the quote mark, verbatim, when the quote alone is no statement. */
  leadIn: string | null;
  speaker: string | null;
  /** The speaker's role; for an unnamed source, the article's description of them. */
  role: string | null;
  /** Indices into `analysis.quotes` of the parts. */
  indices: number[];
}

/** A follow-up as shown: the relevant clause, dates resolved; `sentence` stays the source sentence. */
export interface ShownFollowUp extends FollowUp {
  /** ISO date (YYYY-MM-DD) of a dated event, resolved against the article's date. */
  date?: string;
  /** Local time (HH:MM, 24 h) when the sentence gives one ("at 6 p.m."). */
  time?: string;
}

export type NotShownKind = 'quote' | 'follow-up' | 'summary' | 'story';

/** Something the analysis found that the email leaves out, and why (listed by the preview). */
export interface NotShown {
  what: NotShownKind;
  text: string;
  reason: string;
}

/** What the email shows of one article. */
export interface Selection {
  level: CompactLevel;
  summary: string[];
  quotes: ShownQuote[];
  followUps: ShownFollowUp[];
  notShown: NotShown[];
  /** Dated events (resolved against the article's date) for the edition's calendar attachment. */
  events: ShownFollowUp[];
}

/** Knobs of the selection; the defaults are the documented ones. */
export interface SelectOptions {
  /** At most this many key quotes per article (default 3). */
  quotesPerArticle?: number;
  /** At most this many follow-ups per article at the full level (default 8), reading pointers apart. */
  followUpsPerArticle?: number;
  level?: CompactLevel;
}

export const DEFAULT_QUOTES_PER_ARTICLE = 3;
export const DEFAULT_FOLLOW_UPS_PER_ARTICLE = 8;
/** What one summary sentence may contribute to the email (issue 11, item 2). */
export const MAX_SENTENCE_CHARS = 600;
/** What one quote part may contribute. */
export const MAX_QUOTE_CHARS = 400;
/** What a title may contribute. */
export const MAX_TITLE_CHARS = 200;
