import { analyze } from '../analysis/index.js';
import type { Analysis, AnalyzeOptions } from '../analysis/types.js';
import type { Article } from '../article/types.js';
import { newsworthiness } from '../email/edition-render.js';
import { selectArticle } from '../selection/select.js';
import { DEFAULT_QUOTES_PER_ARTICLE } from '../selection/types.js';
import { refreshDerived } from './derived.js';
import { EDITION_SCHEMA_ID, type EditionDocument, type EditionQuote, type EditionStory } from './document.js';

export interface DraftOptions {
  date: string;
  /** At most this many key quotes per story (default 3). */
  quotesPerArticle?: number;
  /** `editor` keeps the given order; `newsworthy` leads with the most newsworthy story (automatic editions). */
  order?: 'editor' | 'newsworthy';
  /** Analyzer options (summary length); evidence is always kept, for the desk's speaker candidates. */
  analyze?: Pick<AnalyzeOptions, 'summarySentences' | 'speakerThreshold'>;
  now?: Date;
}

/** The names the analyzer weighed for a quote, best first, without "nobody" and duplicates. */
function candidateNames(analysis: Analysis, indices: number[]): string[] {
  const names = new Set<string>();
  for (const index of indices) {
    for (const candidate of analysis.quotes[index]?.evidence?.candidates ?? []) {
      if (candidate.name) names.add(candidate.name);
    }
  }
  return [...names];
}

/** One story as the selection shows it, before any edit. */
export function draftStory(
  article: Article,
  itemKey: string,
  analysis: Analysis,
  quotesPerArticle: number,
): EditionStory {
  const selection = selectArticle(article, analysis, { quotesPerArticle });
  const quotes: EditionQuote[] = selection.quotes.map((quote) => ({
    indices: quote.indices,
    parts: quote.parts,
    leadIn: quote.leadIn,
    speaker: quote.speaker,
    role: quote.role,
    originalSpeaker: quote.speaker,
    candidates: candidateNames(analysis, quote.indices),
    dropped: false,
  }));
  return {
    article,
    itemKey,
    analysis,
    summary: selection.summary.map((text) => ({ text, original: text })),
    quotes,
  };
}

/**
 * Drafts an edition of `articles`: analyses each (keeping the speaker evidence), records what the
 * selection shows, orders the stories and fills in the subject and preheader the templates give.
 * Without edits the draft renders exactly as `digest render` of the same articles and date.
 */
export function draftEdition(
  articles: { article: Article; itemKey: string }[],
  options: DraftOptions,
): EditionDocument {
  const quotesPerArticle = options.quotesPerArticle ?? DEFAULT_QUOTES_PER_ARTICLE;
  let stories = articles.map(({ article, itemKey }) =>
    draftStory(article, itemKey, analyze(article, { ...options.analyze, evidence: true }), quotesPerArticle),
  );
  if (options.order === 'newsworthy') {
    stories = stories
      .map((story, index) => ({ story, index, score: newsworthiness(story.analysis) }))
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .map(({ story }) => story);
  }
  const now = (options.now ?? new Date()).toISOString();
  const doc: EditionDocument = {
    $schema: EDITION_SCHEMA_ID,
    version: 0,
    status: 'draft',
    date: options.date,
    subject: '',
    preheader: '',
    note: null,
    lead: stories[0]?.article.id ?? '',
    quotesPerArticle,
    createdAt: now,
    updatedAt: now,
    draftOrder: stories.map((s) => s.article.id),
    stories,
    edits: [],
  };
  return refreshDerived(doc);
}
