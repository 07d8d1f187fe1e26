/** The input formats the reader understands. */
export type ArticleFormat = 'text' | 'markdown' | 'html';

/** A link found in the article body (Markdown or HTML), kept so the email can show it. */
export interface ArticleLink {
  text: string;
  href: string;
}

/**
 * A normalised article. `text` is the normalised full text: the title line, a blank line, then the
 * paragraphs separated by blank lines. Quote offsets from the analyzer index into `text`.
 */
export interface Article {
  /** Deterministic: sha256 of `text`, first 16 hex characters. */
  id: string;
  title: string;
  paragraphs: string[];
  text: string;
  /** Where it came from: a file path, `-` for stdin, a URL, or an S3 key. */
  source: string;
  format: ArticleFormat;
  links: ArticleLink[];
  /** The canonical URL of the article when known (feeds, web pages). */
  url?: string;
  publishedAt?: string;
}
