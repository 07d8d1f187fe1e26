import type { FollowUp, FollowUpKind, Quote } from '../analysis/types.js';
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
  speaker: string | null;
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
  readingLabel: string;
  summary: string[];
  quotes: QuoteView[];
  followUpGroups: { kind: FollowUpKind; label: string; items: FollowUpView[] }[];
}

/** Everything the templates see. Strings are clean text; the HTML template escapes them. */
export interface ViewModel {
  lang: string;
  subject: string;
  preheader: string;
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
  toc: { number: number; anchor: string; title: string; readingLabel: string }[];
  articles: ArticleView[];
  hasViewInBrowser: boolean;
  /** Whether any article links to its full text. */
  hasArticleLinks: boolean;
  whyReceiving: string;
  postalAddress: string;
  theme: Theme;
  slots: SlotMarkers;
  firstTitle: string;
  firstSummary: string;
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

/** Groups each quote with the quotes that continue it (`Quote.continues`). */
export function groupQuotes(quotes: Quote[]): QuoteView[] {
  const groups: QuoteView[] = [];
  const groupOf = new Map<number, QuoteView>();
  quotes.forEach((quote, index) => {
    const text = cleanText(quote.text);
    if (text === '') return;
    const parent = quote.continues === undefined ? undefined : groupOf.get(quote.continues);
    if (parent) {
      parent.parts.push(text);
      parent.speaker ??= cleanText(quote.speaker) || null;
      parent.role ??= cleanText(quote.role) || null;
      groupOf.set(index, parent);
      return;
    }
    const group: QuoteView = {
      parts: [text],
      speaker: cleanText(quote.speaker) || null,
      role: cleanText(quote.role) || null,
    };
    groups.push(group);
    groupOf.set(index, group);
  });
  return groups;
}

function followUpView(item: FollowUp): FollowUpView {
  const url = item.kind === 'reading' ? safeHttpUrl(item.url) : null;
  return {
    text: cleanText(item.text),
    url,
    plainUrl: url === null ? null : plainUrl(url),
    target: cleanText(item.target) || null,
  };
}

function readingLabel(minutes: number): string {
  const rounded = Number.isFinite(minutes) ? Math.max(1, Math.round(minutes)) : 1;
  return `${rounded} min read`;
}

function hostOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(plainUrl(url)).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

function articleView(item: DigestItem, index: number): ArticleView {
  const url = safeHttpUrl(item.article.url);
  const summary = (item.analysis.summary ?? []).map(cleanText).filter((s) => s !== '');
  const inSummary = new Set(summary);
  const byKind = new Map<FollowUpKind, FollowUpView[]>();
  for (const followUp of item.analysis.followUps ?? []) {
    const view = followUpView(followUp);
    // A follow-up that repeats a summary sentence word for word is already in front of the reader;
    // reading pointers stay, for their link.
    if (view.text === '' || (view.url === null && inSummary.has(view.text))) continue;
    const list = byKind.get(followUp.kind) ?? [];
    list.push(view);
    byKind.set(followUp.kind, list);
  }
  return {
    number: index + 1,
    anchor: `article-${index + 1}`,
    title: cleanText(item.analysis.title) || cleanText(item.article.title) || 'Untitled',
    url,
    plainUrl: url === null ? null : plainUrl(url),
    host: hostOf(url),
    readingLabel: readingLabel(item.analysis.stats?.readingMinutes ?? 1),
    summary,
    quotes: groupQuotes(item.analysis.quotes ?? []),
    followUpGroups: FOLLOW_UP_ORDER.filter(({ kind }) => byKind.has(kind)).map(({ kind, label }) => ({
      kind,
      label,
      items: byKind.get(kind)!,
    })),
  };
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
  const minutes = digest.items.reduce(
    (sum, item) => sum + Math.max(1, item.analysis.stats?.readingMinutes ?? 1),
    0,
  );
  const first = articles[0];
  return {
    lang: theme.lang,
    subject: cleanText(digest.subject),
    preheader: cleanText(digest.preheader),
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
    readingLabel: `about ${Math.round(minutes)} ${Math.round(minutes) === 1 ? 'minute' : 'minutes'} of reading`,
    multiple: articles.length > 1,
    toc:
      articles.length > 1
        ? articles.map(({ number, anchor, title, readingLabel }) => ({ number, anchor, title, readingLabel }))
        : [],
    articles,
    hasViewInBrowser,
    hasArticleLinks: articles.some((article) => article.url !== null),
    whyReceiving: theme.whyReceiving,
    postalAddress: theme.postalAddress,
    theme,
    slots,
    firstTitle: first?.title ?? '',
    firstSummary: first?.summary[0] ?? '',
    moreCount: Math.max(0, articles.length - 1),
  };
}
