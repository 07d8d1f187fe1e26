const STOPWORDS = new Set(
  `a an the and or but of to in on at for from by with about as into than that this these those it its
  is are was were be been being has have had do does did not no he she they we i you his her their our
  my your him them us me who whom which what when where why how will would can could should may might
  must also said says say told added more most very some such other any all each many much one two
  there here so if then just over after before while because up out according`.split(/\s+/),
);

// A crude stem: "rates"/"rate", "cutting"/"cut" meet often enough for an overlap measure.
const stem = (w: string) => w.slice(0, 6);

/** Stemmed content words of a sentence: stopwords and short words dropped, numbers kept. */
export function summaryTerms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:[.,'\u2019-][\p{L}\p{N}]+)*/gu) ?? [])
    .filter((w) => (w.length > 2 || /\d/.test(w)) && !STOPWORDS.has(w))
    .map(stem);
}

/** Term weights: a term used in one sentence only, a headline term, a figure (see `termWeights`). */
export interface TermWeights {
  singleton: number;
  headline: number;
  figure: number;
}

export const TERM_WEIGHTS: Readonly<TermWeights> = { singleton: 0.25, headline: 3, figure: 2 };

/**
 * What each term is worth to a summary: how central it is to the article (in how many sentences it
 * recurs), whether the headline uses it, and whether it is a figure (numbers carry the news).
 */
export function termWeights(
  title: string,
  sentences: string[][],
  w: Readonly<TermWeights> = TERM_WEIGHTS,
): Map<string, number> {
  const spread = new Map<string, number>();
  for (const words of sentences)
    for (const word of new Set(words)) spread.set(word, (spread.get(word) ?? 0) + 1);
  const headline = new Set(summaryTerms(title));
  const weights = new Map<string, number>();
  for (const [term, n] of spread) {
    const central = n >= 2 ? Math.log2(1 + n) : w.singleton;
    weights.set(term, central + (headline.has(term) ? w.headline : 0) + (/\d/.test(term) ? w.figure : 0));
  }
  return weights;
}
