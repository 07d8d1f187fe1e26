/**
 * Caps what one sentence, quote or title may contribute: at most `max` characters, cut at a word
 * boundary with an ellipsis when it was longer. A run without spaces (an unpunctuated paste) is cut
 * where it reaches the limit.
 */
export function capText(text: string, max: number): string {
  if (!Number.isInteger(max) || max < 2)
    throw new RangeError(`capText: max must be an integer >= 2, got ${max}`);
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  const kept = space > max / 2 ? cut.slice(0, space) : cut;
  return `${kept.replace(/[\s,;:.\u00b7-]+$/u, '')}\u2026`;
}

/** Words of a text, as a reader counts them. */
export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['\u2019.-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

const STOPWORDS = new Set(
  `a an the and or but of to in on at for from by with about as into than that this these those it its
  is are was were be been being has have had do does did not no he she they we i you his her their our
  my your him them us me who whom which what when where why how will would can could should may might
  must also said says say told added more most very some such other any all each many much there here
  so if then just over after before while because up out according`.split(/\s+/),
);

/** Lower-cased content words (stopwords and one-letter words dropped), for overlap measures. */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['\u2019-][\p{L}\p{N}]+)*/gu) ?? []).filter(
    (w) => (w.length > 1 || /\d/.test(w)) && !STOPWORDS.has(w),
  );
}

/** Share of `text`'s content words that also occur in `seen` (0 when it has none). */
export function overlapShare(text: string, seen: ReadonlySet<string>): number {
  const words = contentWords(text);
  if (words.length === 0) return 0;
  return words.filter((w) => seen.has(w)).length / words.length;
}

/** Whitespace-collapsed form for containment checks. */
export const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();
