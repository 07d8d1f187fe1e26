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
  /^(?:["\u201c(]?\s*)(?:he|she|they|it|his|her|their|its|this|these|those|such|that|there|him|them|both|the\s+(?:two|three|latter|former))\b/i;

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
    const eligible =
      length >= 5 &&
      !readingPointer(s.text) &&
      !DANGLING_START.test(s.text) &&
      quoted[i]! / s.text.length < 0.5;
    let central = 0;
    for (const w of ws) central += Math.log(tf.get(w) ?? 1);
    const titleHits = [...ws].filter((w) => titleWords.has(w)).length;
    const facts = (s.text.match(/\b\d[\d,.]*\b|\b\p{Lu}[\p{L}.-]+/gu) ?? []).length;
    const score =
      central / Math.sqrt(Math.max(length, 8)) +
      titleHits * 0.6 +
      Math.min(facts, 8) * 0.15 +
      1.5 / (1 + i * 0.5) -
      (quoted[i]! / s.text.length) * 3;
    return { i, score, eligible, ws };
  });

  const chosen: typeof scored = [];
  const firstEligible = scored.find((s) => s.eligible);
  if (firstEligible && firstEligible.i < 3) chosen.push(firstEligible);
  const ranked = scored
    .filter((s) => s.eligible && !chosen.includes(s))
    .sort((a, b) => b.score - a.score || a.i - b.i);
  for (const candidate of ranked) {
    if (chosen.length >= n) break;
    if (chosen.some((c) => overlap(c.ws, candidate.ws) > 0.6)) continue;
    chosen.push(candidate);
  }
  // Short articles: fall back to the remaining sentences in order rather than return too few.
  for (const s of scored) {
    if (chosen.length >= Math.min(n, sentences.length)) break;
    if (!chosen.includes(s) && !readingPointer(sentences[s.i]!.text)) chosen.push(s);
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
