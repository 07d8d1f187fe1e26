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
  /^(?:["\u201c(]?\s*)(?:he|she|they|it|his|her|their|its|this|these|those|such|that|him|them|both|the\s+(?:two|three|latter|former))\b/i;
const QUOTE_LED = /^["\u201c\u2018'\u00ab]/;

const stem = (w: string) => w.slice(0, 6);

function contentWords(s: string): string[] {
  return (s.toLowerCase().match(/[\p{L}\p{N}]+(?:['\u2019-][\p{L}]+)*/gu) ?? [])
    .filter((w) => w.length > 2 && !STOPWORDS.has(w))
    .map(stem);
}

/**
 * Picks `count` sentences (2..4) verbatim, in article order: the lead when it stands on its own, then
 * the sentences that carry the most facts and central words, avoiding mostly-quote sentences,
 * reading pointers and sentences opening with a pronoun the summary could not resolve.
 */
export function summarize(
  title: string,
  sentences: Sentence[],
  quotes: QuoteCandidate[],
  count = 3,
): string[] {
  const n = Math.min(4, Math.max(2, Math.round(count)));
  const tf = new Map<string, number>();
  const words = sentences.map((s) => contentWords(s.text));
  for (const ws of words) for (const w of new Set(ws)) tf.set(w, (tf.get(w) ?? 0) + 1);
  const titleWords = new Set(contentWords(title));
  const quoted = quotedLengths(sentences, quotes);

  const scored = sentences.map((s, i) => {
    const ws = new Set(words[i]);
    const length = words[i]!.length;
    const quoteShare = quoted[i]! / s.text.length;
    const eligible =
      s.text.split(/\s+/).length >= 6 &&
      !readingPointer(s.text) &&
      !DANGLING_START.test(s.text) &&
      !QUOTE_LED.test(s.text) &&
      quoteShare < 0.35;
    let central = 0;
    for (const w of ws) central += Math.log(tf.get(w) ?? 1);
    central /= Math.sqrt(Math.max(length, 10));
    const titleHits = [...ws].filter((w) => titleWords.has(w)).length / Math.max(1, titleWords.size);
    // Numbers and names mid-sentence are the facts a reader needs.
    const facts = (s.text.slice(1).match(/\b\d[\d,.]*\b|(?<=\s)\p{Lu}[\p{L}.-]+/gu) ?? []).length;
    return { i, central, titleHits, facts, quoteShare, length, eligible, ws, score: 0 };
  });
  const maxCentral = scored.reduce((max, x) => Math.max(max, x.central), 1e-9);
  for (const x of scored) {
    x.score =
      0.4 * (x.central / maxCentral) +
      0.25 * x.titleHits +
      0.2 * (Math.min(x.facts, 6) / 6) +
      0.45 / (1 + 0.3 * x.i) -
      0.8 * x.quoteShare -
      (x.length > 40 ? 0.1 : 0);
  }

  const chosen: typeof scored = [];
  const firstEligible = scored.find((x) => x.eligible);
  if (firstEligible && firstEligible.i < 3) chosen.push(firstEligible);
  // Greedy, with a penalty for repeating what is already chosen (maximal marginal relevance).
  const pool = scored.filter((x) => x.eligible && !chosen.includes(x));
  while (chosen.length < n && pool.length > 0) {
    let best = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    pool.forEach((x, k) => {
      const redundancy = Math.max(0, ...chosen.map((c) => overlap(c.ws, x.ws)));
      const value = x.score - 0.35 * redundancy;
      if (value > bestValue) {
        bestValue = value;
        best = k;
      }
    });
    chosen.push(pool.splice(best, 1)[0]!);
  }
  // Short articles: fill with the remaining sentences in order, pronoun-led ones last.
  const rest = scored.filter((x) => !chosen.includes(x) && !readingPointer(sentences[x.i]!.text));
  rest.sort(
    (a, b) =>
      Number(DANGLING_START.test(sentences[a.i]!.text)) - Number(DANGLING_START.test(sentences[b.i]!.text)) ||
      a.i - b.i,
  );
  for (const x of rest) {
    if (chosen.length >= Math.min(n, sentences.length)) break;
    chosen.push(x);
  }
  return chosen.sort((a, b) => a.i - b.i).map((c) => sentences[c.i]!.text);
}

function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of b) if (a.has(w)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
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
