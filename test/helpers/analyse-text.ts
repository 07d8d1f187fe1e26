import { type Analysis, analyze } from '../../src/analysis/index.js';
import { parseArticle } from '../../src/article/index.js';

/** The analysis of a plain-text article made of `title` and `body` (paragraphs separated by blank lines). */
export function analysisOfText(title: string, body: string): Analysis {
  return analyze(parseArticle(`${title}\n\n${body}`, { source: 'unseen.txt', format: 'text' }));
}
