// STUB: owned by the article-reader work; signatures are the contract other modules rely on.
import type { Article, ArticleFormat } from './types.js';

export type { Article, ArticleFormat, ArticleLink } from './types.js';

export interface LoadOptions {
  /** Overrides detection from the extension or content. */
  format?: ArticleFormat;
  /** Maximum input size in bytes (default 5 MB). */
  maxBytes?: number;
  /** Stream read for input `-` (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
}

/** Parses already-read content (a string) into a normalised Article. Throws InputError on bad input. */
export function parseArticle(
  _content: string,
  _options: { source: string; format?: ArticleFormat },
): Article {
  throw new Error('not implemented');
}

/** Reads one article from a file path or `-` (stdin). Throws InputError naming the input on bad input. */
export async function loadArticle(_input: string, _options: LoadOptions = {}): Promise<Article> {
  throw new Error('not implemented');
}

/** Reads every input (files, `-`; later URLs and feeds, which may expand into several articles). */
export async function loadArticles(inputs: string[], options: LoadOptions = {}): Promise<Article[]> {
  const articles: Article[] = [];
  for (const input of inputs) articles.push(await loadArticle(input, options));
  return articles;
}
