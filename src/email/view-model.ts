import type { FollowUpKind } from '../analysis/types.js';
import { capText } from '../selection/cap.js';
import { selectArticle } from '../selection/select.js';
import { MAX_TITLE_CHARS, type Selection, type ShownFollowUp, type ShownQuote } from '../selection/types.js';
import { plainUrl, safeHttpUrl } from './links.js';
import type { Theme } from './theme.js';
import type { Digest, DigestItem } from './types.js';

/** Per-recipient placeholders as they appear in the rendered output. */
export interface SlotMarkers {
  unsubscribeUrl: string;
  viewInBrowserUrl: string;
  name: string;
}

export interface QuoteView {
  /** The quote and the parts that continue it (split around the attribution), in order. */
  parts: string[];
  /** Verbatim words before a partial quote that make it a statement ("China"). */
  leadIn: string | null;
  speaker: string | null;
  /** The speaker's role, or for an unnamed source the article's description of them. */
  role: string | null;
}

export interface FollowUpView {
  text: string;
  /** Validated http(s) URL (HTML-attribute safe) for reading pointers, else null. */
  url: string | null;
  /** The same URL for the text part. */
  plainUrl: string | null;
  target: string | null;
}

export interface ArticleView {
  number: number;
  anchor: string;
  title: string;
  url: string | null;
  plainUrl: string | null;
  host: string | null;
  /** The source article's length, shown only when the reader can follow a link to it. */
  readingLabel: string;
  summary: string[];
  quotes: QuoteView[];
  followUpGroups: { kind: FollowUpKind; label: string; items: FollowUpView[] }[];
  /** Shown as a headline only (compacted to fit the clip limit). */
  headlineOnly: boolean;
}

/** Everything the templates see. Strings are clean text; the HTML template escapes them. */
export interface ViewModel {
  lang: string;
  subject: string;
  preheader: string;
  /** The editor's note above the stories; empty when there is none. */
  note: string;
  publicationName: string;
  tagline: string;
  logoUrl: string | null;
  logoAlt: string;
  websiteUrl: string | null;
  websitePlainUrl: string | null;
  editionDate: string;
  editionLabel: string;
  articleCount: number;
  countLabel: string;
  readingLabel: string;
  multiple: boolean;
  toc: { number: number; anchor: string; title: string; headlineOnly: boolean }[];
  articles: ArticleView[];
  /** Stories shown as headline entries only (compacted to fit), listed together after the others. */
  headlines: ArticleView[];
  hasViewInBrowser: boolean;
  /** Whether any article links to its full text. */
  hasArticleLinks: boolean;
  whyReceiving: string;
  postalAddress: string;
  theme: Theme;
  slots: SlotMarkers;
  firstTitle: string;
  /** A one-line teaser of a single-story edition (the preheader, which never repeats the summary). */
  teaser: string;
  moreCount: number;
}

const FOLLOW_UP_ORDER: { kind: FollowUpKind; label: string }[] = [
  { kind: 'action', label: 'Calls to action' },
  { kind: 'pending', label: 'Still pending' },
  { kind: 'event', label: 'Coming up' },
  { kind: 'suggestion', label: 'Suggestions' },
  { kind: 'reading', label: 'Further reading' },
];

// C0/C1 controls, line and paragraph separators and bidi overrides: nothing a reader should get
// from an article, and CR/LF would let a title break a header line.
const UNSAFE_CHARS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Strips control characters and collapses all whitespace (CR/LF included) into single spaces. */
export function cleanText(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.replace(UNSAFE_CHARS, ' ').replace(/\s+/g, ' ').trim();
}

function quoteView(quote: ShownQuote): QuoteView | null {
  const parts = quote.parts.map(cleanText).filter((p) => p !== '');
  if (parts.length === 0) return null;
  return {
    parts,
    leadIn: cleanText(quote.leadIn) || null,
    speaker: cleanText(quote.speaker) || null,
    role: cleanText(quote.role) || null,
  };
}

function followUpView(item: ShownFollowUp): FollowUpView {
  const url = item.kind === 'reading' ? safeHttpUrl(item.url) : null;
  return {
    text: cleanText(item.text),
    url,
    plainUrl: url === null ? null : plainUrl(url),
    target: cleanText(item.target) || null,
  };
}

function hostOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(plainUrl(url)).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** The item's selection, or the default one when the caller did not choose. */
export function selectionOf(item: DigestItem): Selection {
  return item.selection ?? selectArticle(item.article, item.analysis);
}

function articleView(item: DigestItem, index: number): ArticleView {
  const url = safeHttpUrl(item.article.url);
  const selection = selectionOf(item);
  const summary = selection.summary.map(cleanText).filter((s) => s !== '');
  const byKind = new Map<FollowUpKind, FollowUpView[]>();
  for (const followUp of selection.followUps) {
    const view = followUpView(followUp);
    if (view.text === '') continue;
    const list = byKind.get(followUp.kind) ?? [];
    list.push(view);
    byKind.set(followUp.kind, list);
  }
  const minutes = Math.max(1, Math.round(item.analysis.stats?.readingMinutes ?? 1));
  return {
    number: index + 1,
    anchor: `article-${index + 1}`,
    title: capText(
      cleanText(item.analysis.title) || cleanText(item.article.title) || 'Untitled',
      MAX_TITLE_CHARS,
    ),
    url,
    plainUrl: url === null ? null : plainUrl(url),
    host: hostOf(url),
    readingLabel: url === null ? '' : `${minutes}-min article`,
    summary,
    quotes: selection.quotes.map(quoteView).filter((q): q is QuoteView => q !== null),
    followUpGroups: FOLLOW_UP_ORDER.filter(({ kind }) => byKind.has(kind)).map(({ kind, label }) => ({
      kind,
      label,
      items: byKind.get(kind)!,
    })),
    headlineOnly: selection.level === 'headline',
  };
}

const WORDS_PER_MINUTE = 230;

/** "Key quotes from A, B, and 3 things to follow": what the story offers, not its first sentence. */
function teaser(voices: string[], first: ArticleView | undefined, minutes: number): string {
  const follow = (first?.followUpGroups ?? []).reduce((n, g) => n + g.items.length, 0);
  const things = follow === 0 ? '' : `${follow} ${follow === 1 ? 'thing' : 'things'} to follow`;
  if (voices.length > 0)
    return `Key quotes from ${voices.slice(0, 3).join(', ')}${things ? `, and ${things}` : ''}`;
  const reading = `about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} of reading`;
  return things ? `${things}, ${reading}` : `One story, ${reading}`;
}

/** Minutes to read what the digest itself shows (not the articles behind it). */
export function digestReadingMinutes(articles: ArticleView[]): number {
  const words = (text: string) => text.split(/\s+/).filter((w) => w !== '').length;
  let total = 0;
  for (const a of articles) {
    total += words(a.title) + a.summary.reduce((n, s) => n + words(s), 0);
    for (const q of a.quotes) total += words(`${q.leadIn ?? ''} ${q.parts.join(' ')} ${q.speaker ?? ''}`);
    for (const g of a.followUpGroups) for (const f of g.items) total += words(f.text);
  }
  return Math.max(1, Math.round(total / WORDS_PER_MINUTE));
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Formats an ISO date (YYYY-MM-DD) for the reader, in the theme's language. */
export function editionLabel(date: string, lang: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  try {
    let format = dateFormats.get(lang);
    if (!format) {
      format = new Intl.DateTimeFormat(lang, {
        weekday: 'long',
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        timeZone: 'UTC',
      });
      dateFormats.set(lang, format);
    }
    return format.format(parsed);
  } catch {
    return date;
  }
}

/** Builds the template context for a digest: cleaned text, validated URLs, grouped quotes. */
export function buildViewModel(
  digest: Pick<Digest, 'edition' | 'items'> & Partial<Pick<Digest, 'subject' | 'preheader'>>,
  theme: Theme,
  slots: SlotMarkers,
  hasViewInBrowser: boolean,
): ViewModel {
  const articles = digest.items.map(articleView);
  const websiteUrl = safeHttpUrl(theme.websiteUrl);
  const minutes = digestReadingMinutes(articles);
  const first = articles[0];
  const voices = [
    ...new Set((first?.quotes ?? []).map((q) => q.speaker ?? q.role).filter((v): v is string => Boolean(v))),
  ];
  return {
    lang: theme.lang,
    subject: cleanText(digest.subject),
    preheader: cleanText(digest.preheader),
    note: cleanText(digest.edition.note),
    publicationName: theme.publicationName,
    tagline: theme.tagline,
    logoUrl: safeHttpUrl(theme.logoUrl),
    logoAlt: theme.logoAlt,
    websiteUrl,
    websitePlainUrl: websiteUrl === null ? null : plainUrl(websiteUrl),
    editionDate: digest.edition.date,
    editionLabel: editionLabel(digest.edition.date, theme.lang),
    articleCount: articles.length,
    countLabel: articles.length === 1 ? 'one story' : `${articles.length} stories`,
    readingLabel: `about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} of reading`,
    multiple: articles.length > 1,
    toc:
      articles.length > 1
        ? articles.map(({ number, anchor, title, headlineOnly }) => ({ number, anchor, title, headlineOnly }))
        : [],
    articles,
    headlines: articles.filter((article) => article.headlineOnly),
    hasViewInBrowser,
    hasArticleLinks: articles.some((article) => article.url !== null),
    whyReceiving: theme.whyReceiving,
    postalAddress: theme.postalAddress,
    theme,
    slots,
    firstTitle: first?.title ?? '',
    teaser: teaser(voices, first, minutes),
    moreCount: Math.max(0, articles.length - 1),
  };
}
