import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import { normalizeInline } from './normalize.js';
import type { Article, ArticleFormat, ArticleLink } from './types.js';

/** What a format parser extracts before the article is assembled. */
export interface ParsedParts {
  title: string;
  paragraphs: string[];
  links?: ArticleLink[];
  url?: string;
  publishedAt?: string;
}

/**
 * Assembles an Article from parsed parts: the title and paragraphs are normalised to single lines,
 * empty paragraphs dropped, and `text` = title, blank line, paragraphs joined by blank lines.
 * Throws InputError when there is no title or no body.
 */
export function buildArticle(parts: ParsedParts, source: string, format: ArticleFormat): Article {
  const title = normalizeInline(parts.title);
  const paragraphs = parts.paragraphs.map(normalizeInline).filter((p) => p.length > 0);
  if (title.length === 0 && paragraphs.length === 0) throw new InputError(`${label(source)}: is empty`);
  if (title.length === 0) throw new InputError(`${label(source)}: has no title`);
  if (paragraphs.length === 0) throw new InputError(`${label(source)}: has a title but no body text`);
  const text = [title, ...paragraphs].join('\n\n');
  const article: Article = {
    id: createHash('sha256').update(text).digest('hex').slice(0, 16),
    title,
    paragraphs,
    text,
    source,
    format,
    links: dedupeLinks(parts.links ?? []),
  };
  if (parts.url) article.url = parts.url;
  if (parts.publishedAt) article.publishedAt = parts.publishedAt;
  return article;
}

/** How an input is named in error messages: `-` is shown as "stdin". */
export function label(source: string): string {
  return source === '-' ? 'stdin' : source;
}

function dedupeLinks(links: ArticleLink[]): ArticleLink[] {
  const seen = new Set<string>();
  const out: ArticleLink[] = [];
  for (const link of links) {
    const text = normalizeInline(link.text);
    const key = `${text}\u0000${link.href}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ text, href: link.href });
  }
  return out;
}
