import type { Person } from '../analysis/types.js';
import { isMonthName } from '../calendar.js';
import { capText, contentWords, flat } from './cap.js';
import { type NamedThings, nameThings } from './summary-names.js';
import { MAX_SENTENCE_CHARS } from './types.js';

// "United Nations - ", "TOKYO, Sept 27 (Reuters) - ": where the story was filed, not part of the news.
const DATELINE =
  /^[\p{Lu}][\p{Lu}\p{L}\d .,'\u2019-]{1,60}?(?:\([^)]{1,40}\))?\s+[-\u2013\u2014]+\s+(?=\p{Lu})/u;

// "SACRAMENTO, Calif.—": a city in capitals and an em dash with no spaces around it.
const CLOSED_DATELINE =
  /^\p{Lu}{2,}[\p{Lu} .'\u2019-]*(?:,\s*\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?)?\u2014(?=\p{Lu})/u;

/** Cuts a leading dateline ("United Nations - ") off a sentence; the rest stays verbatim. */
export function cutDateline(sentence: string): string {
  const match = DATELINE.exec(sentence) ?? CLOSED_DATELINE.exec(sentence);
  // A dateline is a place: a few words, no verb-like lower-case run.
  if (!match || match[0].split(/\s+/).filter((w) => /^\p{Ll}/u.test(w)).length > 1) return sentence;
  return sentence.slice(match[0].length);
}

/** Where the sentence names the person ends: the full name, else its last words ("Tavares Leal", "Leal"). */
function mentions(sentence: string, person: Person): number {
  const at = sentence.indexOf(person.name);
  if (at >= 0) return at + person.name.length;
  const words = person.name.split(/\s+/);
  for (let k = Math.min(2, words.length - 1); k >= 1; k--) {
    const tail = words
      .slice(-k)
      .join(' ')
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // A surname alone must read as the person: followed by a verb or a comma, never a month ("In May").
    const after =
      k === 1 ? String.raw`(?=\s+(?:\p{Ll}+ed|\p{Ll}+s|said|told|wrote|will|would|has|had|is|was)\b|,)` : '';
    if (k === 1 && isMonthName(words[words.length - 1]!)) continue;
    const m = new RegExp(`(?<![\\p{L}])${tail}(?![\\p{L}'\u2019])${after}`, 'u').exec(sentence);
    if (m) return m.index + m[0].length;
  }
  return -1;
}

// "known to fans as 'The Professor'": a nickname, not who the person is.
const NICKNAME = /^(?:(?:also\s+)?known\b|nicknamed\b|dubbed\b|called\b)/i;

/** True when the sentence already says who the person is (most of the role's words are in it). */
function describes(sentence: string, role: string): boolean {
  const words = contentWords(role);
  if (words.length === 0) return true;
  const present = new Set(contentWords(sentence));
  return words.filter((w) => present.has(w)).length / words.length >= 0.6;
}

/**
 * The summary as shown: each sentence verbatim (capped), a leading dateline cut, and where a sentence
 * names someone the reader has not met yet, the article's own description of them added in brackets
 * after the name — verbatim, and visibly an addition. With `things`, a thing called by a common noun
 * ("the complex") gets the name the article gave it earlier, the same way.
 */
export function presentSummary(sentences: string[], people: Person[], things?: NamedThings): string[] {
  const met = new Set<string>();
  let shown = '';
  return sentences.map((raw, index) => {
    let sentence = flat(raw);
    if (index === 0) sentence = cutDateline(sentence);
    if (things) sentence = nameThings(sentence, raw, shown, things);
    for (const person of people) {
      if (met.has(person.name)) continue;
      const end = mentions(sentence, person);
      if (end < 0) continue;
      met.add(person.name);
      if (!person.role || NICKNAME.test(person.role) || describes(sentence, person.role)) continue;
      sentence = `${sentence.slice(0, end)} [${flat(person.role)}]${sentence.slice(end)}`;
    }
    shown += ` ${sentence}`;
    return capText(sentence, MAX_SENTENCE_CHARS);
  });
}
