import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/analysis/index.js';
import { indexNames, type NameIndex } from '../../src/analysis/names.js';
import { splitParagraphs, splitSentences } from '../../src/analysis/sentences.js';
import type { Analysis, AnalyzeOptions } from '../../src/analysis/types.js';
import { parseArticle } from '../../src/article/index.js';
import type { Article } from '../../src/article/types.js';

export const ARTICLES_DIR = join(import.meta.dirname, '../../examples/articles');
export const SAMPLE = 'north-korea-human-rights.txt';

/** Reads an example article through the real article reader. */
export function loadExample(name: string): Article {
  const path = join(ARTICLES_DIR, name);
  return parseArticle(readFileSync(path, 'utf8'), { source: path });
}

export function analyzeExample(
  name: string,
  options: AnalyzeOptions = {},
): { article: Article; analysis: Analysis } {
  const article = loadExample(name);
  return { article, analysis: analyze(article, options) };
}

/**
 * The hand-written rule layer alone. Its answer is the strongest feature of the trained speaker
 * model, so its patterns keep their own tests; the model's behaviour is tested in analysis-model.test.ts.
 */
export const RULES: AnalyzeOptions = { attribution: 'rules' };

export function exampleNames(): string[] {
  return readdirSync(ARTICLES_DIR)
    .filter((f) => /\.(?:txt|md|html?)$/.test(f))
    .sort();
}

/** An article built from plain paragraphs, the way the reader normalises text. */
export function articleFrom(title: string, paragraphs: string[]): Article {
  const text = [title, ...paragraphs].join('\n\n');
  return { id: 'test', title, paragraphs, text, source: 'test.txt', format: 'text', links: [] };
}

/** The name index of an article, through the analyzer's own paragraph and sentence split. */
export function nameIndexOf(article: Article): NameIndex {
  const paragraphs = splitParagraphs(article.text, article.title);
  return indexNames(article.text, paragraphs, splitSentences(article.text, paragraphs));
}
