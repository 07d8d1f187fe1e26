import { FRAMING_VERBS, SPEECH_VERBS } from './lexicon.js';
import type { QuoteMarkSpan } from './quote-marks.js';
import type { Paragraph, Sentence } from './sentences.js';

/** A quotation found in the body, before attribution. */
export interface QuoteCandidate {
  span: QuoteMarkSpan;
  paragraph: number;
  sentence: number;
  kind: 'direct' | 'partial';
  /** Text of the sentence before the opening mark (from the previous quote's close when nearer). */
  beforeStart: number;
  /** Text of the sentence after the closing mark (to the next quote's opening when nearer). */
  afterEnd: number;
  /** The quote opens its paragraph. */
  opensParagraph: boolean;
}

const WORD = /[\p{L}\p{N}'\u2019-]+/gu;

/** True when a speech or framing verb occurs in the string. */
export function hasSpeechVerb(s: string, framing = false): boolean {
  for (const m of s.toLowerCase().matchAll(WORD)) {
    if (SPEECH_VERBS.has(m[0]) || (framing && FRAMING_VERBS.has(m[0]))) return true;
  }
  return /\baccording to\b/i.test(s);
}

// A work, a nickname or a term is named, not quoted.
const NAMING_CUE =
  /\b(?:so-called|nicknamed|dubbed|(?:known|referred\s+to)\s+(?:[A-Za-z-]+\s+){0,4}?as|simply\s+as|titled|entitled|headlined|code-?named|billed\s+as|the\s+(?:word|words|term|phrase|slogan|hashtag|motto|label|name|acronym)|(?:book|film|movie|song|album|show|series|play|novel|documentary|exhibition|column|op-ed|essay|poem|program|programme|campaign|operation|magazine|newspaper|brand|banner|banners|sign|signs|placard|placards|headline|motto|word|words|term|phrase|slogan|hashtag|nickname|autobiography|memoir|biography|report\s+titled|podcast|app|game|page|webpage|website|site|guide|leaflet|booklet|chapter|section|episode|tagline|painting|sculpture|musical|opera|ballet|sitcom)|read|reading|marked|stamped)\s*$/i;
// "called the film 'a late masterpiece'": a framing verb makes the quote someone's words.
const FRAMED =
  /\b(?:called|calling|calls|described\s+(?:\S+\s+){1,3}as|termed|labell?ed|branded)\s+(?:\S+\s+){1,3}$/i;
const CALLED_CUE = /\b(\p{L}+)\s+(?:call|calls|called|named)\s+(?:(?:it|them|the|a|an)\s+)?$/u;
const FUNCTION_WORDS = new Set(
  `and or but nor to in for of on at with by because as when after before that which while since if over
  about from into than then so yet until unless though although whereas where who whom whose despite
  against among between during without within under he she they it we i you is was were are be been
  had has have would will could should said says told added itself himself herself themselves them us me
  the a an its their his her our this these those any all some every no not`.split(/\s+/),
);
const SUBJECT_WORDS = new Set(['he', 'she', 'they', 'we', 'i', 'you', 'it', 'who', 'what', 'which', 'that']);

const OUTSIDE_WINDOW = 400;

/** Finds every quotation in the body and tells direct quotes from partial ones; drops scare quotes and titles. */
export function findQuotes(text: string, paragraphs: Paragraph[], sentences: Sentence[]): QuoteCandidate[] {
  const found: QuoteCandidate[] = [];
  let s = 0;
  for (const paragraph of paragraphs) {
    const spans = paragraph.quoteSpans;
    for (let k = 0; k < spans.length; k++) {
      const span = spans[k]!;
      if (span.innerEnd <= span.innerStart) continue;
      while (s < sentences.length - 1 && sentences[s]!.end <= span.open) s++;
      const sentence = sentences[s]!;
      const prev = spans[k - 1];
      const next = spans[k + 1];
      const beforeStart = Math.max(sentence.start, prev ? prev.close : paragraph.start);
      const sentenceEnd = sentenceEndAfter(sentences, s, span.close);
      const afterEnd = Math.min(sentenceEnd, next ? next.open : paragraph.end);
      const before = text.slice(beforeStart, span.open);
      const after = span.unclosed ? '' : text.slice(span.close, Math.max(span.close, afterEnd));
      const inner = text.slice(span.innerStart, span.innerEnd);
      // Bounded windows keep a sentence packed with quotes linear: a speech verb that frames a short
      // quote stands near it.
      const outside = `${text.slice(Math.max(sentence.start, span.open - OUTSIDE_WINDOW), span.open)} ${after.slice(0, OUTSIDE_WINDOW)}`;
      if (!isQuotation(text, span, inner, before, after, outside)) continue;
      found.push({
        span,
        paragraph: paragraph.index,
        sentence: sentence.index,
        kind: quoteKind(before, span, paragraph, inner),
        beforeStart,
        afterEnd: Math.max(span.close, afterEnd),
        opensParagraph: span.open === paragraph.start,
      });
    }
  }
  return found;
}

function sentenceEndAfter(sentences: Sentence[], from: number, offset: number): number {
  let i = from;
  while (i < sentences.length - 1 && sentences[i]!.end < offset) i++;
  return sentences[i]!.end;
}

function isQuotation(
  text: string,
  span: QuoteMarkSpan,
  inner: string,
  before: string,
  after: string,
  outside: string,
): boolean {
  const words = inner.split(/\s+/).filter(Boolean).length;
  const closingPunct = span.unclosed ? '' : (text[span.close - 2] ?? '');
  const terminal = /[.?!\u2026,]/.test(closingPunct) || /[.?!\u2026]$/.test(inner);
  const attributedAfter =
    /^[\s,\u2014\u2013-]*(?:\S+\s+){0,6}?(?:said|says|added|told|asked|wrote|according)\b/i.test(after);
  const called = CALLED_CUE.exec(before);
  const namingCue =
    NAMING_CUE.test(before) ||
    (!!called && !SUBJECT_WORDS.has(called[1]!.toLowerCase()) && !/^\p{Lu}/u.test(called[1]!));
  const framed = FRAMED.test(before);
  const sentenceEnd = /[.?!\u2026]/.test(closingPunct) || /[.?!\u2026]$/.test(inner);
  if (namingCue && !framed && (words <= 8 || !terminal) && !attributedAfter) return false;
  if (isTitleCase(inner) && words >= 2 && words <= 10 && !sentenceEnd && !attributedAfter) return false;
  // `see the committee's report, "Colonial Collections and Injustice."`: a work named after its noun,
  // with the sentence's full stop inside the marks.
  if (isTitleCase(inner) && words >= 2 && words <= 12 && !attributedAfter && WORK_BEFORE.test(before))
    return false;
  if (words <= 3 && !terminal && !hasSpeechVerb(outside, true)) return false;
  // `Jose "Joey" Mercado`: a nickname between a given name and a surname.
  if (
    words <= 2 &&
    !terminal &&
    /\p{Lu}[\p{L}.'\u2019-]*[ \t]+$/u.test(before) &&
    /^[ \t]+\p{Lu}/u.test(after)
  )
    return false;
  // `the project "Tower."`: one or two words are a label or a scare quote unless a speech verb frames them.
  if (words <= 2 && !attributedAfter && !hasSpeechVerb(outside, true) && !/:\s*$/.test(before)) return false;
  // "the 'temporary' watering limits": one or two words modifying the noun that follows are a scare quote.
  const nextWord = /^\s+(\p{Ll}[\p{L}-]*)/u.exec(after)?.[1];
  if (words <= 2 && !terminal && nextWord && !FUNCTION_WORDS.has(nextWord)) return false;
  // `offer "buy now, pay later" plans`: a short phrase used as a modifier between a determiner or verb and its noun.
  if (
    words <= 5 &&
    !terminal &&
    /^\p{Ll}/u.test(inner) &&
    nextWord &&
    !FUNCTION_WORDS.has(nextWord) &&
    /\b(?:a|an|the|its|their|his|her|our|this|these|those|offer|offers|offered|offering|sell|sells|sold|selling)\s*$/i.test(
      before,
    )
  )
    return false;
  return true;
}

const WORK_BEFORE =
  /\b(?:report|study|paper|book|article|essay|review|survey|film|documentary|album|series|exhibition|guide|strategy|white\s+paper|document|plan)\s*[,:]?\s*$/i;

const SMALL_WORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'and',
  'or',
  'in',
  'on',
  'at',
  'to',
  'for',
  'by',
  'with',
  'from',
  'is',
]);

function isTitleCase(inner: string): boolean {
  const words = inner.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length === 0) return false;
  return words.every((w, i) => /^[\p{Lu}\d]/u.test(w) || (i > 0 && SMALL_WORDS.has(w.toLowerCase())));
}

/** Direct: the quote stands as its own clause; partial: it is woven into the writer's sentence. */
function quoteKind(
  before: string,
  span: QuoteMarkSpan,
  paragraph: Paragraph,
  inner: string,
): 'direct' | 'partial' {
  if (span.open === paragraph.start) return 'direct';
  const b = before.trimEnd();
  if (b === '' || /:$/.test(b) || /(?:[\u2014\u2013]|\s-)$/.test(b)) return 'direct';
  if (/[.?!]["\u201d]?$/.test(b)) return 'direct';
  // Between two halves of a split quote: ", he said, " or ", said Smith. "
  if (/^[\s,.;]*(?:\S+\s+){0,8}\S+[,.:]?$/.test(b) && hasSpeechVerb(b) && /^[\s,]/.test(before))
    return 'direct';
  // `As its power grows, he added, "the Chinese government needs ..."`: a quote opening in lower case after the
  // writer's own clause finishes the writer's sentence.
  if (/^\p{Ll}/u.test(inner) && b !== '' && !/[:.?!]$/.test(b) && !hasSpeechVerb(b.split(',')[0]!))
    return 'partial';
  if (/,$/.test(b) && hasSpeechVerb(b.slice(-80))) return 'direct';
  return 'partial';
}
