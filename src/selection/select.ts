import type { Analysis } from '../analysis/types.js';
import type { Article } from '../article/types.js';
import { selectFollowUps } from './follow-ups.js';
import { selectQuotes } from './quotes.js';
import { Referents } from './referents.js';
import { presentSummary } from './summary.js';
import {
  type CompactLevel,
  DEFAULT_FOLLOW_UPS_PER_ARTICLE,
  DEFAULT_QUOTES_PER_ARTICLE,
  type Selection,
  type SelectOptions,
} from './types.js';

/** How many quotes, follow-ups and summary sentences each compaction level keeps. */
function limits(level: CompactLevel, quotes: number, followUps: number) {
  switch (level) {
    case 'full':
      return { quotes, followUps, sentences: Number.POSITIVE_INFINITY };
    case 'reduced':
      return { quotes: Math.min(quotes, 1), followUps: Math.min(followUps, 2), sentences: 2 };
    case 'brief':
      return { quotes: 0, followUps: 0, sentences: 1 };
    case 'headline':
      return { quotes: 0, followUps: 0, sentences: 0 };
  }
}

function assertCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 20) {
    throw new RangeError(`${name} must be a whole number from 0 to 20, got ${value}`);
  }
}

/**
 * Decides what the email shows of one analysed article: the summary (datelines cut, people
 * introduced), the key quotes and the follow-ups, with everything left out listed in `notShown`.
 * Pure and deterministic; the CLI, the preview and the Lambdas all call it (through `renderEdition`).
 */
export function selectArticle(article: Article, analysis: Analysis, options: SelectOptions = {}): Selection {
  const quotesMax = options.quotesPerArticle ?? DEFAULT_QUOTES_PER_ARTICLE;
  const followUpsMax = options.followUpsPerArticle ?? DEFAULT_FOLLOW_UPS_PER_ARTICLE;
  assertCount(quotesMax, 'quotesPerArticle');
  assertCount(followUpsMax, 'followUpsPerArticle');
  const level = options.level ?? 'full';
  const limit = limits(level, quotesMax, followUpsMax);
  const entities = analysis.entities;
  const fullSummary = presentSummary(analysis.summary ?? [], entities?.people ?? [], {
    text: article.text,
    names: [...(entities?.organizations ?? []), ...(entities?.places ?? [])],
  });
  const summary = fullSummary.slice(0, limit.sentences);
  const notShown: Selection['notShown'] = fullSummary
    .slice(summary.length)
    .map((text) => ({ what: 'summary' as const, text, reason: `compacted to fit (${level})` }));
  const names = [
    ...(entities?.people ?? []).map((p) => p.name),
    ...(entities?.organizations ?? []),
    ...(entities?.places ?? []),
  ].filter((name) => name.length > 2);
  const quotes = selectQuotes(article.text, analysis.quotes ?? [], fullSummary, limit.quotes, names);
  const followUps = selectFollowUps(
    analysis.followUps ?? [],
    {
      quotes: analysis.quotes ?? [],
      shown: quotes.quotes,
      // The sentences as the article has them: the shown ones may carry bracketed additions.
      summary: (analysis.summary ?? []).slice(0, summary.length),
      referents: new Referents(article, analysis.quotes ?? []),
      ...(article.publishedAt ? { articleDate: article.publishedAt } : {}),
    },
    limit.followUps,
  );
  return {
    level,
    summary,
    quotes: quotes.quotes,
    followUps: followUps.followUps,
    notShown: [...notShown, ...quotes.notShown, ...followUps.notShown],
    // A headline entry carries nothing dated of its own; the full story's events stay with it otherwise.
    events: level === 'headline' ? [] : followUps.events,
  };
}
