/** A span of the text between a pair of double quotation marks (offsets into the whole text). */
export interface QuoteMarkSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just after the closing mark, or the paragraph end when the quote does not close there. */
  close: number;
  /** True when the paragraph ends before the quote closes (a multi-paragraph quote continues). */
  unclosed: boolean;
  /** The quoted words, marks excluded, surrounding spaces trimmed. */
  innerStart: number;
  innerEnd: number;
}

/** Double quotes (American and most wire copy) or single quotes (British house styles). */
export type QuoteStyle = 'double' | 'single';

const OPENERS: Record<string, string> = { '\u201c': '\u201d', '\u00ab': '\u00bb', '\u201e': '\u201d' };
const CLOSERS = new Set(['\u201d', '\u00bb']);

/**
 * Finds the double-quoted spans of one paragraph, text[from, to). Straight quotes pair in order;
 * curly quotes and guillemets pair by shape. Single quotes are left alone: they are apostrophes or
 * quotes nested inside a double-quoted passage.
 */
export function scanQuoteMarks(
  text: string,
  from: number,
  to: number,
  style: QuoteStyle = 'double',
): QuoteMarkSpan[] {
  if (style === 'single') return scanSingleQuotes(text, from, to);
  const spans: QuoteMarkSpan[] = [];
  let open = -1;
  let expected = '';
  for (let i = from; i < to; i++) {
    const ch = text[i]!;
    if (open < 0) {
      // 12" pipe: an inch mark after a number opens nothing.
      if (ch === '"' && /\d/.test(text[i - 1] ?? '') && !/[\p{L}\d]/u.test(text[i + 1] ?? ' ')) continue;
      if (ch === '"') {
        open = i;
        expected = '"';
      } else if (OPENERS[ch]) {
        open = i;
        expected = OPENERS[ch]!;
      }
      continue;
    }
    const closes = ch === expected || (expected !== '"' && CLOSERS.has(ch));
    // A straight quote after an open curly one is a typo for its closer in hand-edited copy.
    if (closes || (expected !== '"' && ch === '"')) {
      spans.push(makeSpan(text, open, i + 1, false));
      open = -1;
    }
  }
  if (open >= 0) spans.push(makeSpan(text, open, trimEnd(text, from, to), true));
  return spans;
}

function makeSpan(text: string, open: number, close: number, unclosed: boolean): QuoteMarkSpan {
  let innerStart = open + 1;
  let innerEnd = unclosed ? close : close - 1;
  while (innerStart < innerEnd && /\s/.test(text[innerStart]!)) innerStart++;
  while (innerEnd > innerStart && /[\s,;]/.test(text[innerEnd - 1]!)) innerEnd--;
  return { open, close, unclosed, innerStart, innerEnd };
}

function trimEnd(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/**
 * Chooses the quotation style of a text: single quotes when they open at a word start more often
 * than double quote marks occur at all, as British house styles write them.
 */
export function detectQuoteStyle(text: string): QuoteStyle {
  const singles = text.match(/(?:^|[\s(\u2014\u2013])[\u2018'](?=[\p{L}\d\u2026])/gu)?.length ?? 0;
  if (singles < 2) return 'double';
  const doubles = text.match(/["\u201c\u201d\u00ab\u00bb\u201e]/g)?.length ?? 0;
  // British copy nests double quotes inside single ones, so it has far fewer of them.
  return singles > doubles ? 'single' : 'double';
}

const SINGLE_OPENER_BEFORE = /[\s([\u2014\u2013:]/;

function scanSingleQuotes(text: string, from: number, to: number): QuoteMarkSpan[] {
  const spans: QuoteMarkSpan[] = [];
  let open = -1;
  for (let i = from; i < to; i++) {
    const ch = text[i]!;
    if (ch !== "'" && ch !== '\u2018' && ch !== '\u2019') continue;
    const prev = i > from ? text[i - 1]! : ' ';
    const next = i + 1 < to ? text[i + 1]! : ' ';
    if (open < 0) {
      if (
        (ch === '\u2018' || ch === "'") &&
        SINGLE_OPENER_BEFORE.test(prev) &&
        /[\p{L}\d\u2026.]/u.test(next)
      )
        open = i;
      continue;
    }
    if (ch === '\u2018' || /[\p{L}\d]/u.test(next) || /\s/.test(prev)) continue;
    // A closing mark is followed by punctuation or the end; before a space only after punctuation,
    // since "workers' union" is a plural possessive.
    const closes = /[\s]/.test(next)
      ? /[.,?!;:\u2026]/.test(prev) || (/[\p{L}\d]/u.test(prev) && !/[sSzZ]/.test(prev))
      : true;
    if (closes) {
      spans.push(makeSpan(text, open, i + 1, false));
      open = -1;
    }
  }
  // A quote running on into the next paragraph opens its paragraph; elsewhere the mark was an apostrophe.
  if (open === from) spans.push(makeSpan(text, open, trimEnd(text, from, to), true));
  return spans;
}
