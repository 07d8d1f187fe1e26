import type { ParsedParts } from './build-article.js';

/**
 * Parses normalised plain text: the first non-empty line is the headline, the rest is split into
 * paragraphs at blank lines; lines inside a paragraph (hard-wrapped text) are joined with a space.
 */
export function parsePlainText(normalized: string): ParsedParts {
  const [first = '', ...rest] = normalized.split('\n');
  const body = rest.join('\n');
  return { title: first, paragraphs: body.split(/\n\s*\n/) };
}
