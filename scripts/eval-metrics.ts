/**
 * Metric functions for the blind analyzer evaluation (scripts/eval-analyzer.ts).
 * Pure functions, no I/O, so they can be unit-tested with hand-computed values.
 */

/** A character range in the article text, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
}

/** Minimum overlap (fraction of the shorter quote) for a found quote to match an annotated one. */
export const QUOTE_OVERLAP_THRESHOLD = 0.6;
/** Fraction of a key fact's content words that must appear in a summary for the fact to count. */
export const KEY_FACT_THRESHOLD = 0.7;
/** Fraction of a follow-up's content words that must appear in a found follow-up to count. */
export const FOLLOW_UP_THRESHOLD = 0.5;

// Function words carry no fact; numbers and names stay.
const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he
her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
now of off on once only or other our ours ourselves out over own same she should so some such than that the
their theirs them themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves s t said says
say told`.split(/\s+/),
);

/** Lowercased word tokens (letters and digits), curly apostrophes split like straight ones. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Tokens without stopwords: the words that carry a fact. */
export function contentWords(text: string): string[] {
  return tokenize(text).filter((word) => !STOPWORDS.has(word));
}

/** Harmonic mean; 0 when both are 0. */
export function f1(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** Precision/recall/F1 from counts; an empty denominator scores 1 (nothing to find, nothing wrong). */
export function precisionRecall(
  truePositivesFound: number,
  found: number,
  truePositivesExpected: number,
  expected: number,
): PrecisionRecall {
  const precision = found === 0 ? 1 : truePositivesFound / found;
  const recall = expected === 0 ? 1 : truePositivesExpected / expected;
  return { precision, recall, f1: f1(precision, recall) };
}

function counts(tokens: string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const token of tokens) map.set(token, (map.get(token) ?? 0) + 1);
  return map;
}

/** ROUGE-1 of a candidate against a reference: clipped unigram overlap, all tokens, no stemming. */
export function rouge1(candidate: string, reference: string): PrecisionRecall {
  const cand = counts(tokenize(candidate));
  const ref = counts(tokenize(reference));
  let overlap = 0;
  for (const [token, n] of cand) overlap += Math.min(n, ref.get(token) ?? 0);
  const candTotal = [...cand.values()].reduce((a, b) => a + b, 0);
  const refTotal = [...ref.values()].reduce((a, b) => a + b, 0);
  const precision = candTotal === 0 ? 0 : overlap / candTotal;
  const recall = refTotal === 0 ? 0 : overlap / refTotal;
  return { precision, recall, f1: f1(precision, recall) };
}

/** Fraction of the distinct content words of `phrase` that occur anywhere in `text`. */
export function contentWordCoverage(phrase: string, text: string): number {
  const words = new Set(contentWords(phrase));
  if (words.size === 0) return 1;
  const present = new Set(tokenize(text));
  let hit = 0;
  for (const word of words) if (present.has(word)) hit++;
  return hit / words.size;
}

/** Whether a key fact is carried by a summary (>= 70% of its content words present). */
export function keyFactCovered(fact: string, summary: string, threshold = KEY_FACT_THRESHOLD): boolean {
  return contentWordCoverage(fact, summary) >= threshold - 1e-9;
}

/** Fraction of key facts carried by a summary. */
export function keyFactCoverage(facts: string[], summary: string, threshold = KEY_FACT_THRESHOLD): number {
  if (facts.length === 0) return 1;
  return facts.filter((fact) => keyFactCovered(fact, summary, threshold)).length / facts.length;
}

/** Overlap of two ranges as a fraction of the shorter one (0..1). */
export function spanOverlap(a: Span, b: Span): number {
  const shorter = Math.min(a.end - a.start, b.end - b.start);
  if (shorter <= 0) return 0;
  const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return shared <= 0 ? 0 : shared / shorter;
}

/** Whether a found quote matches an annotated one (overlap >= 60% of the shorter, by characters). */
export function quotesMatch(a: Span, b: Span, threshold = QUOTE_OVERLAP_THRESHOLD): boolean {
  return spanOverlap(a, b) >= threshold - 1e-9;
}

/**
 * Best partner of each item on both sides: for every expected span the found span with the highest
 * overlap at or above the threshold (or -1), and the same the other way. Many-to-one is allowed, so a
 * found quote spanning two annotated paragraphs matches both, and a split quote matches its whole.
 */
export function matchSpans(
  expected: Span[],
  found: Span[],
  threshold = QUOTE_OVERLAP_THRESHOLD,
): { expectedToFound: number[]; foundToExpected: number[] } {
  const best = (from: Span, candidates: Span[]): number => {
    let index = -1;
    let score = 0;
    candidates.forEach((candidate, i) => {
      const overlap = spanOverlap(from, candidate);
      if (overlap >= threshold - 1e-9 && overlap > score) {
        score = overlap;
        index = i;
      }
    });
    return index;
  };
  return {
    expectedToFound: expected.map((span) => best(span, found)),
    foundToExpected: found.map((span) => best(span, expected)),
  };
}

/** Canonical form of a speaker name for comparison: case, a leading "the", apostrophes, spacing. */
export function normalizeSpeaker(name: string): string {
  return name
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/^\s*the\s+/, '')
    .replace(/[\s.,;:]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Strict speaker match: case-insensitive exact name (or an accepted alias); null only matches null. */
export function speakerMatches(expected: string | null, got: string | null, aliases: string[] = []): boolean {
  if (expected === null || got === null) return expected === got;
  const target = normalizeSpeaker(got);
  return [expected, ...aliases].some((name) => normalizeSpeaker(name) === target);
}

/** Lenient speaker match for diagnosis only: same last word, or one name contains the other. */
export function speakerMatchesLeniently(
  expected: string | null,
  got: string | null,
  aliases: string[] = [],
): boolean {
  if (speakerMatches(expected, got, aliases)) return true;
  if (expected === null || got === null) return false;
  const g = normalizeSpeaker(got);
  return [expected, ...aliases].some((name) => {
    const e = normalizeSpeaker(name);
    return e.includes(g) || g.includes(e) || e.split(' ').at(-1) === g.split(' ').at(-1);
  });
}

/**
 * Finds `needle` in `text`, tolerating differences in quote marks, dashes and spacing that a reader
 * may normalise. Returns the span in `text`, or null.
 */
export function locate(text: string, needle: string, from = 0): Span | null {
  const exact = text.indexOf(needle, from);
  if (exact >= 0) return { start: exact, end: exact + needle.length };
  // Same-length character folding keeps offsets valid.
  const fold = (s: string) =>
    s
      .replace(/[\u2018\u2019\u201a\u2032]/g, "'")
      .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
      .replace(/[\u2013\u2014\u2212]/g, '-')
      .replace(/\u00a0/g, ' ');
  const folded = fold(text).indexOf(fold(needle), from);
  return folded >= 0 ? { start: folded, end: folded + needle.length } : null;
}
