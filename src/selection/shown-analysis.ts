import type { Analysis, Quote } from '../analysis/types.js';
import type { Article } from '../article/types.js';
import { selectArticle } from './select.js';
import type { NotShown, SelectOptions, ShownFollowUp } from './types.js';

/** The `digest analyze --json` object: the analysis as the digest shows it (DESIGN.md contract, extended). */
export interface ShownAnalysis extends Omit<Analysis, 'quotes' | 'followUps'> {
  /** Every quote found, each marked whether the digest shows it. */
  quotes: (Quote & { shown: boolean; leadIn?: string })[];
  /** The follow-ups the digest shows (their clause in `text`, the source sentence in `sentence`). */
  followUps: ShownFollowUp[];
  /** What the digest leaves out, and why. */
  notShown: NotShown[];
}

/**
 * Applies the digest's selection to an analysis: `summary` and `followUps` become the ones the digest
 * shows, every quote gains `shown` (and `leadIn` when the digest shows one). Pure.
 */
export function shownAnalysis(
  article: Article,
  analysis: Analysis,
  options: SelectOptions = {},
): ShownAnalysis {
  const selection = selectArticle(article, analysis, options);
  const shown = new Map<number, string | null>();
  for (const quote of selection.quotes) {
    for (const [k, i] of quote.indices.entries()) shown.set(i, k === 0 ? quote.leadIn : null);
  }
  return {
    ...analysis,
    summary: selection.summary,
    quotes: analysis.quotes.map((quote, i) => {
      const leadIn = shown.get(i);
      return { ...quote, shown: shown.has(i), ...(leadIn ? { leadIn } : {}) };
    }),
    followUps: selection.followUps,
    notShown: selection.notShown,
  };
}
