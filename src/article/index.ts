import { InputError } from '../errors.js';
import { buildArticle, label, type ParsedParts } from './build-article.js';
import { decodeUtf8 } from './decode.js';
import { detectFormat } from './detect-format.js';
import { normalizeText } from './normalize.js';
import { parseHtml } from './parse-html.js';
import { parseMarkdown } from './parse-markdown.js';
import { parsePlainText } from './parse-text.js';
import { readInputBytes } from './read-input.js';
import { loadSources, type SourceOptions } from './sources.js';
import type { Article, ArticleFormat } from './types.js';

export { detectFormat } from './detect-format.js';
export { DEFAULT_MAX_BYTES } from './read-input.js';
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
export function parseArticle(content: string, options: { source: string; format?: ArticleFormat }): Article {
  const format = options.format ?? detectFormat(options.source, content);
  try {
    return buildArticle(parseParts(content, format, options.source), options.source, format);
  } catch (error) {
    // Pathological nesting can exhaust the stack inside the Markdown or HTML parser.
    if (error instanceof RangeError) {
      throw new InputError(`${label(options.source)}: is nested too deeply to read as ${format}`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** Reads one article from a file path or `-` (stdin). Throws InputError naming the input on bad input. */
export async function loadArticle(input: string, options: LoadOptions = {}): Promise<Article> {
  const bytes = await readInputBytes(input, options);
  const content = decodeUtf8(bytes, input);
  return parseArticle(content, { source: input, ...(options.format ? { format: options.format } : {}) });
}

/** Reads every input: files, `-`, article URLs and feeds (a feed expands into its new items). */
export async function loadArticles(inputs: string[], options: SourceOptions = {}): Promise<Article[]> {
  return (await loadSources(inputs, options)).articles;
}

function parseParts(content: string, format: ArticleFormat, source: string): ParsedParts {
  switch (format) {
    case 'markdown':
      return parseMarkdown(normalizeText(content), source);
    case 'html':
      // The DOM parser handles line ends and entities; buildArticle normalises the extracted text.
      return parseHtml(content, source);
    case 'text':
      return parsePlainText(normalizeText(content));
  }
}
