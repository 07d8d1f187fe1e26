import type { Stats } from './types.js';

/** Average adult silent reading speed for news prose, in words per minute. */
const WORDS_PER_MINUTE = 230;

/** Word count of the article (title and body) and reading time in whole minutes (at least 1). */
export function computeStats(text: string): Stats {
  let words = 0;
  for (const _ of text.matchAll(/[\p{L}\p{N}]+(?:['\u2019.-][\p{L}\p{N}]+)*/gu)) words++;
  return { words, readingMinutes: words === 0 ? 0 : Math.max(1, Math.ceil(words / WORDS_PER_MINUTE)) };
}
