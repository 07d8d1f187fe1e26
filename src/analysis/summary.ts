import type { QuoteCandidate } from './quotes.js';
import { readingPointer } from './reading.js';
import type { Sentence } from './sentences.js';

const STOPWORDS = new Set(
  `a an the and or but of to in on at for from by with about as into than that this these those it its
  is are was were be been being has have had do does did not no he she they we i you his her their our
  my your him them us me who whom which what when where why how will would can could should may might
  must also said says say told added more most very some such other any all each many much one two
  there here so if then just over after before while because up out said according`.split(/\s+/),
);
const DANGLING_START =
  /^(?:["\u201c(]?\s*)(?:he|she|they|it|his|her|their|its|this|these|those|such|that|him|them|both|the\s+(?:two|three|latter|former)|the\s+(?:decision|move|announcement|ruling|deal|step|measure|change|incident|attack|remarks?|comments?|statement)\b(?!\s+(?:to|by|of|on|that)\b))\b/i;
// A sentence that leans on the one before it: "But ...", "However, ...".
const CONNECTIVE_START =
  /^(?:but|however|also|still|yet|and|so|thus|therefore|then|meanwhile|moreover|furthermore|instead|nevertheless|nonetheless|in\s+addition|by\s+contrast|even\s+so|at\s+the\s+same\s+time|separately)\b/i;
const QUOTE_LED = /^["\u201c\u2018'\u00ab]/;

const stem = (w: string) => w.slice(0, 6);

function contentWords(s: string): string[] {
  return (s.toLowerCase().match(/[\p{L}\p{N}]+(?:[.,'\u2019-][\p{L}\p{N}]+)*/gu) ?? [])
    .filter((w) => (w.length > 2 || /\d/.test(w)) && !STOPWORDS.has(w))
    .map(stem);
}

interface Candidate {
  i: number;
  words: Set<string>;
  eligible: boolean;
  /** Multiplier for quotes, connectives and position. */
  factor: number;
  norm: number;
}

/**
 * Picks `count` sentences (2..4) verbatim, in article order. The lead comes first unless it is a
 * quote or too short; the others are chosen greedily by how much of the article's salient content
 * they add (words that recur across the article, headline words, numbers), so a sentence repeating
 * what is already picked gains little (maximal marginal relevance). Mostly-quote sentences, reading
 * pointers and sentences that lean on an unpicked previous sentence (a pronoun or "But" opening) lose.
 */
export function summarize(
  title: string,
  sentences: Sentence[],
  quotes: QuoteCandidate[],
  count = 3,
): string[] {
  const n = Math.min(4, Math.max(2, Math.round(count)));
  const words = sentences.map((s) => contentWords(s.text));
  const df = new Map<string, number>();
  for (const ws of words) for (const w of new Set(ws)) df.set(w, (df.get(w) ?? 0) + 1);
  const titleWords = new Set(contentWords(title));
  const weight = (w: string) => {
    const f = df.get(w) ?? 1;
    return (f >= 2 ? Math.log2(1 + f) : 0.25) + (titleWords.has(w) ? 1.5 : 0) + (/\d/.test(w) ? 0.75 : 0);
  };
  const weights = new Map<string, number>();
  for (const w of df.keys()) weights.set(w, weight(w));
  const quoted = quotedLengths(sentences, quotes);

  const candidates: Candidate[] = sentences.map((s, i) => {
    const quoteShare = quoted[i]! / Math.max(1, s.text.length);
    const eligible =
      s.text.split(/\s+/).length >= 6 &&
      !readingPointer(s.text) &&
      !QUOTE_LED.test(s.text) &&
      quoteShare < 0.5;
    const factor = (1 - quoteShare) * (1 + 1.0 / (1 + 0.3 * i));
    return { i, words: new Set(words[i]), eligible, factor, norm: Math.sqrt(Math.max(words[i]!.length, 12)) };
  });

  const chosen = new Set<number>();
  const covered = new Set<string>();
  const take = (c: Candidate) => {
    chosen.add(c.i);
    for (const w of c.words) covered.add(w);
  };
  const lead = candidates.slice(0, 2).find((c) => c.eligible && !DANGLING_START.test(sentences[c.i]!.text));
  if (lead) take(lead);

  while (chosen.size < n) {
    let best: Candidate | null = null;
    let bestValue = 0;
    for (const c of candidates) {
      if (!c.eligible || chosen.has(c.i)) continue;
      const text = sentences[c.i]!.text;
      const leansBack = DANGLING_START.test(text) || CONNECTIVE_START.test(text);
      if (leansBack && DANGLING_START.test(text) && !chosen.has(c.i - 1)) continue;
      let gain = 0;
      for (const w of c.words) if (!covered.has(w)) gain += weights.get(w) ?? 0;
      let value = (gain / c.norm) * c.factor;
      if (leansBack && !chosen.has(c.i - 1)) value *= 0.5;
      if (value > bestValue) {
        bestValue = value;
        best = c;
      }
    }
    if (!best) break;
    take(best);
  }
  // Short articles: fill with the remaining sentences.
  const rest = candidates.filter((c) => !chosen.has(c.i) && !readingPointer(sentences[c.i]!.text));
  // Short sentences first, then pronoun-led ones, then quote-led and mostly-quote ones.
  const fillCost = (c: Candidate) => {
    const text = sentences[c.i]!.text;
    if (QUOTE_LED.test(text) || c.factor < 0.6) return 2;
    return DANGLING_START.test(text) ? 1 : 0;
  };
  rest.sort((a, b) => fillCost(a) - fillCost(b) || a.i - b.i);
  for (const c of rest) {
    if (chosen.size >= Math.min(n, sentences.length)) break;
    chosen.add(c.i);
  }
  return [...chosen].sort((a, b) => a - b).map((i) => sentences[i]!.text);
}

function quotedLengths(sentences: Sentence[], quotes: QuoteCandidate[]): number[] {
  const lengths = sentences.map(() => 0);
  let q = 0;
  for (const s of sentences) {
    while (q < quotes.length && quotes[q]!.span.innerEnd <= s.start) q++;
    for (let k = q; k < quotes.length && quotes[k]!.span.innerStart < s.end; k++) {
      const from = Math.max(s.start, quotes[k]!.span.innerStart);
      const to = Math.min(s.end, quotes[k]!.span.innerEnd);
      if (to > from) lengths[s.index] = lengths[s.index]! + (to - from);
    }
  }
  return lengths;
}
