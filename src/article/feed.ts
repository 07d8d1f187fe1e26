import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { InputError } from '../errors.js';
import { feedHtmlText, textToHtml } from './feed-html.js';

/** One entry of an RSS or Atom feed. */
export interface FeedItem {
  /**
   * Stable identity: guid (RSS) or id (Atom), else the link, else a hash of title and body. A guid that
   * is not an absolute URI is prefixed with the feed's URL so two feeds' "42" do not collide.
   */
  key: string;
  title: string;
  link?: string;
  /** ISO 8601; published (pubDate, dc:date) when given, else updated. */
  publishedAt?: string;
  updatedAt?: string;
  /** The body as HTML: content:encoded / Atom content, else description / summary. Empty when none. */
  html: string;
  /** Words in the body's text. */
  words: number;
  /** True when the body is only an excerpt: short, or ends like "…", "[...]", "Read more". */
  excerpt: boolean;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf';
  title: string;
  link?: string;
  items: FeedItem[];
}

/** Below this many words a feed body counts as an excerpt. */
export const EXCERPT_WORDS = 80;
const EXCERPT_ENDING =
  /(…|\.\.\.|\[\s*(…|\.\.\.)\s*\]|read more|continue reading|read the full (story|article|post))[\s\W]*$/i;

type XmlNode = Record<string, unknown>;

const ARRAY_TAGS = new Set(['item', 'entry', 'link']);

function parser(stopNodes: string[] = []): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    // guid "0042" must stay a string, not become the number 42.
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => ARRAY_TAGS.has(name),
    stopNodes,
  });
}

function text(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return text(node[0]);
  if (typeof node === 'object') return text((node as XmlNode)['#text']);
  return '';
}

function attr(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const value = (node as XmlNode)[`@_${name}`];
  return typeof value === 'string' ? value : undefined;
}

function isoDate(value: string): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** An absolute http(s) URL, or undefined: `javascript:` and other schemes never reach an email. */
function absolute(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function itemKey(id: string, link: string | undefined, feedUrl: string, fallback: string): string {
  const trimmed = id.trim();
  if (!trimmed && link) return link;
  // Neither id nor link: the content itself is the identity.
  if (!trimmed)
    return `${feedUrl}#sha256:${createHash('sha256').update(fallback).digest('hex').slice(0, 16)}`;
  return /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `${feedUrl}#${trimmed}`;
}

function finishItem(parts: Omit<FeedItem, 'words' | 'excerpt'>): FeedItem {
  const bodyText = feedHtmlText(parts.html);
  const words = bodyText ? bodyText.split(/\s+/).length : 0;
  return { ...parts, words, excerpt: words < EXCERPT_WORDS || EXCERPT_ENDING.test(bodyText) };
}

function atomBody(node: unknown, raw: unknown): string {
  if (node === undefined) return '';
  const type = (attr(node, 'type') ?? 'text').toLowerCase();
  if (attr(node, 'src')) return '';
  if (type === 'xhtml' || type === 'application/xhtml+xml') return text(raw);
  if (type === 'text' || type === 'text/plain') return textToHtml(text(node));
  return text(node);
}

function atomLink(links: unknown, base: string | undefined): string | undefined {
  const list = Array.isArray(links) ? links : links ? [links] : [];
  const alternate =
    list.find((link) => (attr(link, 'rel') ?? 'alternate') === 'alternate' && attr(link, 'href')) ??
    list.find((link) => attr(link, 'href'));
  return absolute(attr(alternate, 'href'), base);
}

function parseAtom(feed: XmlNode, rawEntries: XmlNode[], feedUrl: string): ParsedFeed {
  const base = attr(feed, 'xml:base') ?? feedUrl;
  const entries = (feed.entry as XmlNode[] | undefined) ?? [];
  const items = entries.map((entry, index) => {
    const raw = rawEntries[index] ?? {};
    const link = atomLink(entry.link, attr(entry, 'xml:base') ?? base);
    const content = atomBody(entry.content, raw.content);
    const html = content || atomBody(entry.summary, raw.summary);
    const updatedAt = isoDate(text(entry.updated));
    return finishItem({
      key: itemKey(text(entry.id), link, feedUrl, `${text(entry.title)}\n${html}`),
      title: feedHtmlText(text(entry.title)),
      link,
      publishedAt: isoDate(text(entry.published)) ?? updatedAt,
      updatedAt,
      html,
    });
  });
  return { format: 'atom', title: feedHtmlText(text(feed.title)), link: atomLink(feed.link, base), items };
}

function parseRssItems(itemNodes: XmlNode[], base: string | undefined, feedUrl: string): FeedItem[] {
  return itemNodes.map((item) => {
    const link = absolute(text(item.link), base);
    const guid = text(item.guid) || attr(item, 'rdf:about') || '';
    const encoded = text(item['content:encoded']);
    const description = text(item.description);
    return finishItem({
      key: itemKey(guid, link, feedUrl, `${text(item.title)}\n${encoded || description}`),
      title: feedHtmlText(text(item.title)),
      link,
      publishedAt: isoDate(text(item.pubDate)) ?? isoDate(text(item['dc:date'])),
      html: encoded || description,
    });
  });
}

/**
 * Parses an RSS 2.0, RSS 1.0 (RDF) or Atom feed with fast-xml-parser. Throws InputError naming the
 * source and the line and column for XML that is not well-formed, and for XML that is not a feed.
 */
export function parseFeed(xml: string, source: string): ParsedFeed {
  const content = xml.replace(/^\uFEFF/, '');
  if (!content.trim()) throw new InputError(`${source}: empty feed`);
  const valid = XMLValidator.validate(content);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    throw new InputError(
      `${source}: not a well-formed feed: XML error at line ${line}, column ${col}: ${msg}`,
    );
  }
  let doc: XmlNode;
  try {
    doc = parser().parse(content) as XmlNode;
  } catch (error) {
    throw new InputError(`${source}: cannot read the feed: ${(error as Error).message.split('\n')[0]}`, {
      cause: error,
    });
  }
  const rss = doc.rss as XmlNode | undefined;
  if (rss && typeof rss === 'object') {
    const channel = (rss.channel ?? {}) as XmlNode;
    const link = absolute(text(Array.isArray(channel.link) ? channel.link[0] : channel.link), source);
    return {
      format: 'rss',
      title: feedHtmlText(text(channel.title)),
      link,
      items: parseRssItems((channel.item as XmlNode[] | undefined) ?? [], link ?? source, source),
    };
  }
  const rdf = doc['rdf:RDF'] as XmlNode | undefined;
  if (rdf && typeof rdf === 'object') {
    const channel = (rdf.channel ?? {}) as XmlNode;
    const link = absolute(text(channel.link), source);
    return {
      format: 'rdf',
      title: feedHtmlText(text(channel.title)),
      link,
      items: parseRssItems((rdf.item as XmlNode[] | undefined) ?? [], link ?? source, source),
    };
  }
  const feed = doc.feed as XmlNode | undefined;
  if (feed && typeof feed === 'object') {
    // XHTML bodies lose their element order in the object form; read them again as raw markup.
    const needsRaw = /type\s*=\s*["'](xhtml|application\/xhtml\+xml)["']/i.test(content);
    const raw = needsRaw
      ? (((parser(['feed.entry.content', 'feed.entry.summary']).parse(content) as XmlNode).feed as XmlNode)
          .entry as XmlNode[] | undefined)
      : undefined;
    return parseAtom(feed, raw ?? [], source);
  }
  const root = Object.keys(doc).find((key) => !key.startsWith('?')) ?? 'none';
  throw new InputError(`${source}: XML but not an RSS or Atom feed (root element <${root}>)`);
}
