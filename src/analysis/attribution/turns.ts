import type { QuoteCandidate } from '../quotes.js';
import type { Sentence } from '../sentences.js';
import type { Quote } from '../types.js';

/**
 * A layout rather than a cue: questions and answers in paragraphs of their own (a court exchange, an
 * interview). After "A asks?" and "B answers", an unattributed question is A's and an unattributed
 * answer to A's question is B's. PolNeAR has too few such exchanges for the scorer to learn; the turn
 * decides, with a stated prior as its confidence.
 */
export const TURN_CONFIDENCE = 0.8;

/** The index of the quote whose speaker takes quote `i`'s turn, or -1 when it is not a turn. */
export function turnTakenFrom(
  i: number,
  text: string,
  candidates: QuoteCandidate[],
  sentences: Sentence[],
  quotes: Quote[],
): number {
  if (i < 2) return -1;
  const [a, b, c] = [candidates[i - 2]!, candidates[i - 1]!, candidates[i]!];
  if (b.paragraph !== a.paragraph + 1 || c.paragraph !== b.paragraph + 1) return -1;
  if (quotes[i]!.continues !== undefined) return -1;
  const asker = quotes[i - 2]!.speaker;
  const answerer = quotes[i - 1]!.speaker;
  if (!asker || !answerer || asker === answerer) return -1;
  const [qa, qb, qc] = [a, b, c].map((q) => isQuestion(text, q));
  // Question, answer, question: the asker asks again. Answer, question, answer: the answerer answers.
  const turn = (qa && !qb && qc) || (!qa && qb && !qc);
  return turn && quoteOnly(i, text, candidates, sentences) ? i - 2 : -1;
}

function isQuestion(text: string, c: QuoteCandidate): boolean {
  return /\?["'\u2019\u201d\s]*$/u.test(text.slice(c.span.innerStart, c.span.innerEnd));
}

/**
 * Quote `i`'s paragraph holds nothing but quotations (and punctuation). Quote `i` opens the paragraph
 * (the quote before it is in the paragraph before), so its quotations are `i` and those right after it.
 */
function quoteOnly(i: number, text: string, all: QuoteCandidate[], sentences: Sentence[]): boolean {
  const c = all[i]!;
  let first = c.sentence;
  let last = c.sentence;
  while (first > 0 && sentences[first - 1]!.paragraph === c.paragraph) first--;
  while (last + 1 < sentences.length && sentences[last + 1]!.paragraph === c.paragraph) last++;
  const offset = sentences[first]!.start;
  let outside = text.slice(offset, sentences[last]!.end);
  for (let k = i; k < all.length && all[k]!.paragraph === c.paragraph; k++) {
    const q = all[k]!;
    const from = q.span.open - offset;
    const to = (q.span.unclosed ? q.span.innerEnd : q.span.close) - offset;
    outside = outside.slice(0, from) + ' '.repeat(Math.max(0, to - from)) + outside.slice(to);
  }
  return !/[\p{L}\p{N}]/u.test(outside);
}
