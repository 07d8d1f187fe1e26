import type { ParsedParts } from './build-article.js';
import { dateLineDate } from './date-line.js';

// A line that ends a sentence: . ! ? or an ellipsis, maybe followed by closing quotes or brackets.
const SENTENCE_END = /[.!?\u2026]["'\u201d\u2019)\]]*$/;

/**
 * Parses normalised plain text: the first non-empty line is the headline, the rest is split into
 * paragraphs at blank lines. Inside a block, lines are hard-wrapped text and joined with a space,
 * unless every line but the last ends a sentence: then the text was written one paragraph per line.
 * A first paragraph that is only the story's date ("April 6, 2027 5:48 pm ET") is the article's date,
 * not its first sentence.
 */
export function parsePlainText(normalized: string): ParsedParts {
  const [first = '', ...rest] = normalized.split('\n');
  const paragraphs = rest
    .join('\n')
    .split(/\n\s*\n/)
    .flatMap((block) => {
      const lines = block.split('\n').filter((line) => line.trim());
      return lines.length > 1 && lines.slice(0, -1).every((line) => SENTENCE_END.test(line))
        ? lines
        : [block];
    });
  const published = paragraphs.length > 1 ? dateLineDate(paragraphs[0]!.replace(/\s+/g, ' ').trim()) : null;
  if (published) return { title: first, paragraphs: paragraphs.slice(1), publishedAt: published };
  return { title: first, paragraphs };
}
