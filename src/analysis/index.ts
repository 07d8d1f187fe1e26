import type { Article } from '../article/types.js';
import { collectEntities } from './entities.js';
import { findFollowUps } from './follow-ups.js';
import { indexNames } from './names.js';
import { findQuotes } from './quotes.js';
import { splitParagraphs, splitSentences } from './sentences.js';
import { attributeQuotes } from './speakers.js';
import { computeStats } from './stats.js';
import { summarize } from './summary.js';
import type { Analysis, AnalyzeOptions, FollowUp } from './types.js';

export type { Analysis, AnalyzeOptions, FollowUp, FollowUpKind, Quote } from './types.js';

/** Analyses one article: pure, deterministic, no I/O. Linear in the length of the article. */
export function analyze(article: Article, options: AnalyzeOptions = {}): Analysis {
  const { text, title } = article;
  const paragraphs = splitParagraphs(text, title);
  const sentences = splitSentences(text, paragraphs);
  const names = indexNames(text, paragraphs, sentences);
  const candidates = findQuotes(text, paragraphs, sentences);
  const quotes = attributeQuotes(text, candidates, names, sentences);
  return {
    title,
    summary: summarize(title, sentences, candidates, options.summarySentences ?? 3),
    quotes,
    followUps: linkReadingPointers(findFollowUps(sentences), article.links ?? []),
    entities: collectEntities(names, sentences),
    stats: computeStats(text),
  };
}

/** A reading pointer whose words are a link in the source (Markdown, HTML) gets the link's address. */
function linkReadingPointers(items: FollowUp[], links: Article['links']): FollowUp[] {
  if (links.length === 0) return items;
  for (const item of items) {
    if (item.kind !== 'reading' || item.url) continue;
    const wanted = item.target?.trim().toLowerCase();
    const link =
      (wanted && links.find((l) => l.text.trim().toLowerCase() === wanted)) ||
      links.find((l) => l.text.trim() && item.sentence.includes(l.text.trim()));
    if (link) item.url = link.href;
  }
  return items;
}
