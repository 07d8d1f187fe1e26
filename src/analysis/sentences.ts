import {
  AMBIGUOUS_ABBREVIATIONS,
  CORE_SPEECH_VERBS,
  NON_NAME_CAPITALS,
  SENTENCE_OPENERS,
  TITLE_ABBREVIATIONS,
} from './lexicon.js';
import { quickBoundaries } from './quick-boundaries.js';
import { detectQuoteStyle, type QuoteMarkSpan, scanQuoteMarks } from './quote-marks.js';

/** A paragraph of the article body with its offsets in the article text. */
export interface Paragraph {
  index: number;
  start: number;
  end: number;
  text: string;
  quoteSpans: QuoteMarkSpan[];
}

// Wire credits and site furniture carry no content of the story.
const BOILERPLATE = quickBoundaries(
  /^\(?(?:(?:Additional\s+)?reporting\s+by|writing\s+by|editing\s+by|compiled\s+by|produced\s+by|copyright\b|\u00a9|all\s+rights\s+reserved|sign\s+up\b|subscribe\b|follow\s+us\b|share\s+this\b|(?:photo|image|video)\s*:)/iu,
);

// "By JANE DOE, Associated Press", "Updated 3:45 p.m. ET": short lines around the story, not in it.
const BYLINE =
  /^(?:(?:By|BY)\s+\p{Lu}[\p{L}.'\u2019-]*(?:\s+(?:and\s+|AND\s+)?\p{Lu}[\p{L}.'\u2019-]*){0,5}(?:\s*[,|\u2014-].*)?$|(?:Updated|Published|Posted|Last updated|UPDATED|PUBLISHED)\b)/u;

/** A sentence with its offsets in the article text. */
export interface Sentence {
  index: number;
  paragraph: number;
  start: number;
  end: number;
  text: string;
}

/**
 * Splits a normalised article text into paragraphs (blank-line separated), skipping the title line
 * when the text starts with it. Offsets index into `text`.
 */
export function splitParagraphs(text: string, title = ''): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const style = detectQuoteStyle(text);
  const separator = /\r?\n[ \t\u00a0\r]*\n\s*/g;
  let from = 0;
  const push = (rawStart: number, rawEnd: number) => {
    let start = rawStart;
    let end = rawEnd;
    while (start < end && /\s/.test(text[start]!)) start++;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end <= start) return;
    if (BOILERPLATE.test(text.slice(start, Math.min(end, start + 60)))) return;
    if (end - start < 100 && BYLINE.test(text.slice(start, end))) return;
    paragraphs.push({
      index: paragraphs.length,
      start,
      end,
      text: text.slice(start, end),
      quoteSpans: scanQuoteMarks(text, start, end, style),
    });
  };
  for (let m = separator.exec(text); m; m = separator.exec(text)) {
    push(from, m.index);
    from = m.index + m[0].length;
  }
  push(from, text.length);
  const first = paragraphs[0];
  if (first && title.trim() && first.text.trim() === title.trim()) {
    paragraphs.shift();
    paragraphs.forEach((p, i) => {
      p.index = i;
    });
  }
  return paragraphs;
}

const TERMINALS = new Set(['.', '!', '?']);
const CLOSING_MARKS = new Set(['"', '\u201d', '\u2019', "'", ')', ']', '\u00bb']);

/** Splits every paragraph into sentences. Linear in the length of the text. */
export function splitSentences(text: string, paragraphs: Paragraph[]): Sentence[] {
  const sentences: Sentence[] = [];
  for (const paragraph of paragraphs) {
    for (const [start, end] of sentenceBounds(text, paragraph)) {
      sentences.push({
        index: sentences.length,
        paragraph: paragraph.index,
        start,
        end,
        text: text.slice(start, end),
      });
    }
  }
  return sentences;
}

/** Sentence boundaries inside one paragraph. A closed quotation is never split. */
function sentenceBounds(text: string, paragraph: Paragraph): Array<[number, number]> {
  const bounds: Array<[number, number]> = [];
  const spans = paragraph.quoteSpans.filter((s) => !s.unclosed);
  let spanIndex = 0;
  let start = paragraph.start;
  for (let i = paragraph.start; i < paragraph.end; i++) {
    const ch = text[i]!;
    if (!TERMINALS.has(ch)) continue;
    let j = i + 1;
    while (j < paragraph.end && (TERMINALS.has(text[j]!) || CLOSING_MARKS.has(text[j]!))) j++;
    if (j >= paragraph.end) break;
    if (!/\s/.test(text[j]!)) continue;
    let k = j;
    while (k < paragraph.end && /\s/.test(text[k]!)) k++;
    while (spanIndex < spans.length && spans[spanIndex]!.close <= j - 1) spanIndex++;
    const span = spans[spanIndex];
    if (span && span.open < i && span.close > j) continue;
    if (!isBoundary(text, i, k, paragraph.end)) continue;
    if (j > i + 1 && isQuoteMark(text[j - 1]!) && attributionFollows(text, k, paragraph.end, text[i]!))
      continue;
    bounds.push([start, j]);
    start = k;
    i = k - 1;
  }
  if (start < paragraph.end) bounds.push([start, paragraph.end]);
  return bounds;
}

/** Decides whether the terminal at `i`, followed by whitespace then `next`, ends a sentence. */
function isBoundary(text: string, i: number, next: number, end: number): boolean {
  const nextChar = text[next]!;
  if (!/[\p{Lu}\p{N}"\u201c\u2018'([\u00ab]/u.test(nextChar)) return false;
  if (text[i] !== '.') return true;
  // Ellipsis typed as dots: only a boundary before a clear sentence opener.
  if (text[i - 1] === '.' && text[i - 2] === '.') return startsWithOpener(text, next, end);
  let w = i;
  while (w > 0 && /[\p{L}.]/u.test(text[w - 1]!)) w--;
  const token = text.slice(w, i);
  if (!token) return true;
  const lower = token.toLowerCase();
  if (/^[ap]\.m$/i.test(token)) {
    const after = text.slice(next, next + 12);
    // "until 5 p.m. Dec. 10", "by 5 p.m. Monday": the time goes on with its day.
    return !TIME_ZONE.test(after) && !CALENDAR_WORD.test(after);
  }
  if (/^(?:\p{L}\.)+\p{L}$/u.test(token)) return startsWithOpener(text, next, end);
  if (/^\p{Lu}$/u.test(token)) return false;
  if (TITLE_ABBREVIATIONS.has(lower)) return false;
  if (AMBIGUOUS_ABBREVIATIONS.has(lower)) return !/\d/.test(nextChar) && startsWithOpener(text, next, end);
  return true;
}

const CALENDAR_WORD =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[\p{Ll}]*\.?(?![\p{L}])/u;
const TIME_ZONE = /^(?:Eastern|Pacific|Central|Mountain|local|[A-Z]{2,4}\b|GMT|UTC)/;

const isQuoteMark = (ch: string) =>
  ch === '"' || ch === '\u201d' || ch === '\u2019' || ch === "'" || ch === '\u00bb';

/** A word opening the verb's object ("asked the committee", "told Smith"), not a time or place. */
const OBJECT_AFTER_VERB =
  /^(?:the|a|an|his|her|its|their|our|my|your|that|to|them|him|us|me|(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b)\p{Lu}\p{L}*)$/u;

/** `"Why now?" Smith asked.`: a capitalised name and a speech verb after a closing quote continue the sentence. */
function attributionFollows(text: string, at: number, end: number, terminal: string): boolean {
  const words = text.slice(at, Math.min(end, at + 80)).split(/\s+/, 5);
  for (let n = 0; n < words.length; n++) {
    const word = words[n]!.replace(/[,.;:!?]+$/, '');
    if (CORE_SPEECH_VERBS.has(word)) {
      // '..."first." Sorensen asked the committee to ...': after a full stop, a verb with an object
      // opens a new sentence; an attribution stops at the verb ('..." Smith said.').
      if (terminal === '.' && !/[,.;:]$/.test(words[n]!) && OBJECT_AFTER_VERB.test(words[n + 1] ?? ''))
        return false;
      return n > 0 || /^(?:said|says|asked|added)$/.test(word);
    }
    if (!/^\p{Lu}[\p{L}.'\u2019-]*,?$/u.test(words[n]!)) return false;
    if (
      SENTENCE_OPENERS.has(word) ||
      NON_NAME_CAPITALS.has(word) ||
      /^(?:Nobody|Everyone|Someone|Everybody)$/.test(word)
    )
      return false;
  }
  return false;
}

function startsWithOpener(text: string, at: number, end: number): boolean {
  const match = /^[\p{L}]+/u.exec(text.slice(at, Math.min(end, at + 20)));
  if (!match) return /["\u201c(]/.test(text[at] ?? '');
  return SENTENCE_OPENERS.has(match[0]);
}
