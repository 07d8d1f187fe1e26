import type { ParsedParts } from './build-article.js';

// A line that ends a sentence: . ! ? or an ellipsis, maybe followed by closing quotes or brackets.
const SENTENCE_END = /[.!?\u2026]["'\u201d\u2019)\]]*$/;

/**
 * Parses normalised plain text: the first non-empty line is the headline, the rest is split into
 * paragraphs at blank lines. Inside a block, lines are hard-wrapped text and joined with a space,
 * unless every line but the last ends a sentence: then the text was written one paragraph per line.
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
  return { title: first, paragraphs };
}
