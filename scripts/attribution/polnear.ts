/**
 * Reads the PolNeAR train split (../shared/eval/polnear-train) into training examples: for each gold
 * quote the analyzer also found, the candidate speakers the model scores and which of them are right.
 * The texts stay in memory: nothing here prints or writes them (the corpus's licence).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SpeakerCandidate } from '../../src/analysis/attribution/candidates.js';
import { attributionCandidates } from '../../src/analysis/index.js';
import { parseArticle } from '../../src/article/index.js';

export type Category = 'named' | 'coref' | 'unnamed' | 'unresolvedPronoun' | 'badSource';

export interface GoldQuote {
  category: Category;
  key: string | null;
}

/** One gold quote with the analyzer quote that matched it (if any) and that quote's candidates. */
export interface Example {
  article: string;
  fold: number;
  gold: GoldQuote;
  /** null when the analyzer found no quote matching the gold span (a recall miss). */
  candidates: SpeakerCandidate[] | null;
  /** The rule-based speaker of the matched quote (the baseline). */
  ruleSpeaker: string | null;
  /** Another judge than the PolNeAR key (the project's own annotations judge by full name and aliases). */
  matches?: (speaker: string | null) => boolean;
  /** Training weight of this quote (default 1). */
  weight?: number;
}

/** Whether a speaker is right for this example, by its own judge. */
export function right(e: Example, speaker: string | null): boolean {
  return e.matches ? e.matches(speaker) : isRight(speaker, e.gold.key);
}

interface GoldItem {
  article: string;
  category: Category;
  key: string | null;
  quotes: Array<{ start: number; end: number }>;
}

export const FOLDS = 5;

export function polnearDir(projectRoot: string): string | null {
  const dir = join(projectRoot, '..', 'shared', 'eval', 'polnear-train');
  return existsSync(join(dir, 'gold.json')) ? dir : null;
}

/** Loads every article, runs the analyzer's candidate step and aligns gold quotes to analyzer quotes. */
export function loadExamples(dir: string, onProgress?: (done: number, total: number) => void): Example[] {
  const gold = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as {
    articles: string[];
    items: GoldItem[];
  };
  const ids = [...gold.articles].sort();
  const byArticle = new Map<string, GoldItem[]>();
  for (const it of gold.items) {
    const list = byArticle.get(it.article) ?? [];
    list.push(it);
    byArticle.set(it.article, list);
  }
  const examples: Example[] = [];
  ids.forEach((id, position) => {
    const raw = readFileSync(join(dir, 'articles', `${id}.txt`), 'utf8');
    const article = parseArticle(raw, { source: `${id}.txt`, format: 'text' });
    const { quotes, candidates } = attributionCandidates(article);
    const rawMap = squeeze(raw);
    const normMap = squeeze(article.text);
    // Analyzer quotes as spans over the squeezed text both sides share.
    const spans = quotes.map((q) => ({ from: rawIndex(normMap, q.start), to: rawIndex(normMap, q.end) }));
    for (const it of byArticle.get(id) ?? []) {
      for (const gq of it.quotes) {
        const g = { from: rawIndex(rawMap, gq.start), to: rawIndex(rawMap, gq.end) };
        let best = -1;
        let bestOverlap = 0;
        spans.forEach((s, k) => {
          const overlap = Math.min(s.to, g.to) - Math.max(s.from, g.from);
          if (overlap <= 0) return;
          const contains = (s.from <= g.from && s.to >= g.to) || (g.from <= s.from && g.to >= s.to);
          const shorter = Math.min(s.to - s.from, g.to - g.from);
          if (!contains && overlap < 0.6 * shorter) return;
          if (overlap > bestOverlap) {
            best = k;
            bestOverlap = overlap;
          }
        });
        examples.push({
          article: id,
          fold: position % FOLDS,
          gold: { category: it.category, key: it.key },
          candidates: best >= 0 ? candidates[best]! : null,
          ruleSpeaker: best >= 0 ? quotes[best]!.speaker : null,
        });
      }
    }
    onProgress?.(position + 1, ids.length);
  });
  return examples;
}

/** Offsets of the characters that survive normalisation (no whitespace, control or zero-width). */
function squeeze(text: string): Int32Array {
  const kept = new Int32Array(text.length + 1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    kept[i] = n;
    if (!dropped(text.charCodeAt(i))) n++;
  }
  kept[text.length] = n;
  return kept;
}

/** Whitespace, control and zero-width characters: what the scorer's comparison ignores. */
function dropped(code: number): boolean {
  return (
    code <= 0x20 ||
    (code >= 0x7f && code <= 0xa0) ||
    (code >= 0x200b && code <= 0x200d) ||
    code === 0x2060 ||
    code === 0xfeff ||
    /\s/u.test(String.fromCharCode(code))
  );
}

function rawIndex(map: Int32Array, offset: number): number {
  return map[Math.min(Math.max(0, offset), map.length - 1)]!;
}

const norm = (s: string): string =>
  s
    .toLowerCase()
    .replace(/['\u2019]s$|['\u2019]$/, '')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

function tokensOf(speaker: string): string[] {
  return speaker
    .replace(/\([^)]*\)/g, ' ')
    .split(',')[0]!
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

/** The scorer's judgement: the last token (or the first) of the name equals the gold key; null for null. */
export function isRight(speaker: string | null, key: string | null): boolean {
  if (key === null) return speaker === null || speaker === '';
  if (!speaker) return false;
  const toks = tokensOf(speaker);
  if (toks.length === 0) return false;
  const k = norm(key);
  return norm(toks[toks.length - 1]!) === k || norm(toks[0]!) === k;
}

/** Quotes the scorer judges (the rest count for recall only). */
export function judged(e: Example): boolean {
  return e.gold.category === 'named' || e.gold.category === 'coref' || e.gold.category === 'unnamed';
}
