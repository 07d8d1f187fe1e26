import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join } from 'node:path';
import type { EditionRecord, EditionStore } from '../edition/ports.js';
import { FetchError, InputError } from '../errors.js';
import { buildArticle } from './build-article.js';
import { type FeedItem, type ParsedFeed, parseFeed } from './feed.js';
import { discoverFeedLink, itemDocument } from './feed-html.js';
import { type ResolvedAddress, type SafeFetchOptions, safeFetch } from './fetch.js';
import { DEFAULT_HTTP_CACHE_DIR, FetchCache } from './fetch-cache.js';
import { decodeBody } from './fetch-decode.js';
import { type LoadOptions, loadArticle, parseArticle } from './index.js';
import type { Article } from './types.js';
import { isHttpUrl } from './url-policy.js';

export interface SourceOptions extends LoadOptions {
  /** Lets URLs on this machine (loopback only) be fetched; for local work and tests. Default false. */
  allowLoopback?: boolean;
  /** Fetch the page of a feed item whose body is only an excerpt. */
  follow?: boolean;
  /** Only feed items published (or updated) at or after this time. Undated items are kept. */
  since?: Date;
  /** Skips feed items whose key went out in an earlier edition. */
  editionStore?: EditionStore;
  /** Inputs that must be feeds (`--feed URL`), loaded after the positional inputs. */
  feeds?: string[];
  /** At most this many new items per feed, in feed order. */
  maxItems?: number;
  /** Per-fetch time cap in ms (default 10 s). */
  timeoutMs?: number;
  userAgent?: string;
  /** Cache directory for conditional requests; false turns the cache off. Default `.digest/http-cache`. */
  cacheDir?: string | false;
  /** Base for the default cache directory (default process.cwd()). */
  cwd?: string;
  /** Return an empty result instead of throwing InputError when nothing is new. Default false. */
  allowEmpty?: boolean;
  /** DNS resolution; injectable only for tests. */
  resolve?: (host: string) => Promise<ResolvedAddress[]>;
}

/** What one feed gave and why items were left out. */
export interface FeedReport {
  source: string;
  title: string;
  items: number;
  selected: number;
  /** Items already in an earlier edition. */
  seen: number;
  /** Items dated before `since`. */
  older: number;
  /** Selected items whose page was fetched because the feed held only an excerpt. */
  followed: number;
  /** True when the server answered 304 Not Modified and the cached copy was used. */
  notModified: boolean;
}

export interface SourceResult {
  articles: Article[];
  /** Parallel to `articles`: the stable key of each (feed item guid/id/link, URL, or file path). */
  itemKeys: string[];
  feeds: FeedReport[];
  /** Things a caller should tell the user (excerpts not followed, pages that could not be fetched). */
  notes: string[];
  /** Set when no article came out: the one line saying why. */
  empty?: string;
}

const FEED_EXTENSIONS = new Set(['.rss', '.atom', '.xml']);
const FOLLOW_CONCURRENCY = 4;

function fetchOptions(options: SourceOptions): SafeFetchOptions {
  const cacheDir =
    options.cacheDir === false
      ? undefined
      : (options.cacheDir ?? join(options.cwd ?? process.cwd(), DEFAULT_HTTP_CACHE_DIR));
  return {
    allowLoopback: options.allowLoopback ?? false,
    ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    ...(options.resolve ? { resolve: options.resolve } : {}),
    ...(cacheDir ? { cache: new FetchCache(cacheDir) } : {}),
  };
}

async function mapLimited<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function readLocalFeed(path: string, options: SourceOptions): Promise<string> {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  try {
    const info = await stat(path);
    if (info.size > maxBytes) throw new InputError(`${path}: larger than the size cap of ${maxBytes} bytes`);
    return decodeBody(await readFile(path)).text;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : (code ?? String(error));
    throw new InputError(`${path}: cannot read the feed: ${why}`, {
      cause: error,
    });
  }
}

/**
 * Turns one parsed feed into articles: keeps the new items (`since`, the editions record), follows
 * excerpt-only items to their pages when asked, and reads every body through the HTML reader.
 */
async function feedArticles(
  feed: ParsedFeed,
  source: string,
  options: SourceOptions,
  fetching: SafeFetchOptions,
  notModified: boolean,
): Promise<{ articles: Article[]; keys: string[]; report: FeedReport; notes: string[] }> {
  const notes: string[] = [];
  const since = options.since?.getTime();
  const older = new Set(
    feed.items.filter((item) => {
      const date = item.publishedAt ?? item.updatedAt;
      return since !== undefined && date !== undefined && Date.parse(date) < since;
    }),
  );
  const dated = feed.items.filter((item) => !older.has(item));
  const seenKeys = options.editionStore
    ? await options.editionStore.seen(dated.map((item) => item.key))
    : new Set<string>();
  const keysTaken = new Set<string>();
  let fresh = dated.filter((item) => {
    if (seenKeys.has(item.key) || keysTaken.has(item.key)) return false;
    keysTaken.add(item.key);
    return true;
  });
  if (options.maxItems !== undefined) fresh = fresh.slice(0, options.maxItems);

  let followed = 0;
  const unfollowed: string[] = [];
  const built = await mapLimited(fresh, FOLLOW_CONCURRENCY, async (item) => {
    const dates = { ...(item.publishedAt ? { publishedAt: item.publishedAt } : {}) };
    if (item.excerpt && options.follow && item.link) {
      try {
        const page = await safeFetch(item.link, { ...fetching, expect: 'page' });
        const article = parseArticle(page.text, { source: page.finalUrl, format: 'html' });
        followed++;
        return withFeedTitle({ ...article, url: item.link, ...dates }, item);
      } catch (error) {
        if (!(error instanceof FetchError || error instanceof InputError)) throw error;
        notes.push(`${error.message}; used the feed's text for "${item.title}"`);
      }
    } else if (item.excerpt) {
      unfollowed.push(item.title || item.key);
    }
    const name = `${source}: item "${item.title || item.key}"`;
    if (!item.html.trim()) {
      const hint = item.link && !options.follow ? '; pass --follow to fetch its page' : '';
      notes.push(`${name} has no text; left out${hint}`);
      return undefined;
    }
    try {
      const title = item.title || feed.title || item.key;
      const article = parseArticle(itemDocument(title, item.html, item.link), {
        source: item.link ?? item.key,
        format: 'html',
      });
      return withFeedTitle({ ...article, ...(item.link ? { url: item.link } : {}), ...dates }, item);
    } catch (error) {
      // One unreadable item (only images, say) must not sink the whole feed.
      if (!(error instanceof InputError)) throw error;
      notes.push(`${name} left out: ${error.message}`);
      return undefined;
    }
  });

  if (unfollowed.length > 0 && !options.follow) {
    notes.push(
      `${source}: ${unfollowed.length} item(s) carry only an excerpt; pass --follow to fetch their pages`,
    );
  }
  const articles: Article[] = [];
  const keys: string[] = [];
  built.forEach((article, index) => {
    if (!article) return;
    articles.push(article);
    keys.push(fresh[index]!.key);
  });
  return {
    articles,
    keys,
    notes,
    report: {
      source,
      title: feed.title,
      items: feed.items.length,
      selected: articles.length,
      seen: seenKeys.size,
      older: older.size,
      followed,
      notModified,
    },
  };
}

/**
 * The feed's own headline for an item, as the article title: page titles carry site suffixes
 * ("… | Gazette") and the HTML reader's title heuristics may trim a headline. Rebuilt through the
 * article builder so `text` and `id` stay consistent with the title.
 */
function withFeedTitle(article: Article, item: FeedItem): Article {
  if (!item.title || item.title === article.title) return article;
  return buildArticle(
    {
      title: item.title,
      paragraphs: article.paragraphs,
      links: article.links,
      ...(article.url ? { url: article.url } : {}),
      ...(article.publishedAt ? { publishedAt: article.publishedAt } : {}),
    },
    article.source,
    article.format,
  );
}

/** The one line saying why a feed gave nothing new. */
export function noNewItemsMessage(report: FeedReport, since?: Date): string {
  const when = since ? ` since ${since.toISOString()}` : '';
  if (report.items === 0) return `no new items in ${report.source}: the feed has no items`;
  const reasons = [
    report.seen ? `${report.seen} already in an earlier edition` : '',
    report.older ? `${report.older} older` : '',
  ].filter(Boolean);
  return `no new items in ${report.source}${when} (${report.items} item(s)${reasons.length ? `: ${reasons.join(', ')}` : ''})`;
}

/**
 * Reads every input into articles: a file path or `-` (through the article reader), a local feed
 * file (.rss, .atom, .xml), an http(s) article page, or an RSS/Atom feed URL (told apart by content
 * type and content), plus `options.feeds`, which must be feeds. URLs are fetched under the safety
 * rules of `safeFetch`. Feed items keep only what is new (see SourceOptions.since/editionStore).
 * When the inputs give no article, throws InputError with the reason, or with `allowEmpty` returns
 * the reason in `empty`. No inputs at all give an empty result.
 */
export async function loadSources(inputs: string[], options: SourceOptions = {}): Promise<SourceResult> {
  const fetching = fetchOptions(options);
  const result: SourceResult = { articles: [], itemKeys: [], feeds: [], notes: [] };
  const all = [
    ...inputs.map((input) => ({ input, feedOnly: false })),
    ...(options.feeds ?? []).map((input) => ({ input, feedOnly: true })),
  ];
  // Nothing asked for, nothing to report (loadArticles([]) has always returned []).
  if (all.length === 0) return result;

  const seenKeys = new Set<string>();
  const add = (article: Article, key: string) => {
    if (seenKeys.has(key)) return;
    seenKeys.add(key);
    result.articles.push(article);
    result.itemKeys.push(key);
  };
  const addFeed = async (feed: ParsedFeed, source: string, notModified: boolean) => {
    const out = await feedArticles(feed, source, options, fetching, notModified);
    result.feeds.push(out.report);
    result.notes.push(...out.notes);
    for (const [index, article] of out.articles.entries()) add(article, out.keys[index]!);
  };

  for (const { input, feedOnly } of all) {
    if (isHttpUrl(input)) {
      let fetched = await safeFetch(input, fetching);
      if (feedOnly && fetched.kind === 'page') {
        const announced = discoverFeedLink(fetched.text, fetched.finalUrl);
        if (!announced) {
          throw new FetchError(
            `${input}: a web page, not a feed, and it names no feed (<link rel="alternate" type="application/rss+xml">)`,
          );
        }
        fetched = await safeFetch(announced, { ...fetching, expect: 'feed' });
      }
      if (fetched.kind === 'feed') {
        await addFeed(parseFeed(fetched.text, input), input, fetched.notModified);
      } else {
        const article = parseArticle(fetched.text, { source: input, format: 'html' });
        // A canonical link in the page wins; otherwise the address the page really came from.
        const url = article.url && article.url !== input ? article.url : fetched.finalUrl;
        add({ ...article, url }, input);
      }
    } else if (/^[a-z][a-z0-9+.-]+:\/\//i.test(input)) {
      throw new FetchError(`refused ${input}: only http and https URLs are fetched`);
    } else if (input !== '-' && (feedOnly || FEED_EXTENSIONS.has(extname(input).toLowerCase()))) {
      const path = isAbsolute(input) || !options.cwd ? input : join(options.cwd, input);
      await addFeed(parseFeed(await readLocalFeed(path, options), input), input, false);
    } else {
      const { format, maxBytes, stdin } = options;
      add(
        await loadArticle(input, {
          ...(format ? { format } : {}),
          ...(maxBytes ? { maxBytes } : {}),
          ...(stdin ? { stdin } : {}),
        }),
        input,
      );
    }
  }

  if (result.articles.length === 0) {
    const reasons = result.feeds.map((report) => noNewItemsMessage(report, options.since));
    result.empty = reasons.length > 0 ? reasons.join('; ') : 'no articles in the inputs';
    if (!options.allowEmpty) throw new InputError(result.empty);
  }
  return result;
}

/** The editions-record entry for a digest sent from these sources: record it after a successful send. */
export function editionRecordFor(
  sources: Pick<SourceResult, 'articles' | 'itemKeys'>,
  digestId: string,
  date: string,
  now: Date = new Date(),
): EditionRecord {
  return {
    digestId,
    date,
    articleIds: sources.articles.map((article) => article.id),
    itemKeys: [...sources.itemKeys],
    createdAt: now.toISOString(),
  };
}
