/** What the summary can name a thing by: the article's own names of organisations and places. */
export interface NamedThings {
  /** The article text, to tell which names come before a sentence. */
  text: string;
  names: string[];
}

// "the complex", "the agency": a common noun that may stand for a name met earlier in the article.
const DEFINITE = /\b[Tt]he\s+(\p{Ll}[\p{Ll}-]{3,})\b/gu;

/**
 * Where a summary sentence calls something by the last word of a name the article gave before it
 * ("the complex" after "the Kaesong Industrial Complex") and the summary has not shown that name, the
 * name is added in brackets after the noun: verbatim from the article and visibly an addition. The
 * nearest such name before the sentence is taken; `shown` is what the reader has read so far.
 */
export function nameThings(sentence: string, raw: string, shown: string, things: NamedThings): string {
  const at = things.text.indexOf(raw);
  if (at < 0) return sentence;
  const before = things.text.slice(0, at);
  let out = '';
  let from = 0;
  for (const m of sentence.matchAll(DEFINITE)) {
    const noun = m[1]!;
    const end = m.index + m[0].length;
    const name = nearestName(noun, before, things.names);
    const read = `${shown} ${sentence.slice(0, m.index)}`;
    if (!name || read.includes(name) || out.includes(`[${name}]`)) continue;
    out += `${sentence.slice(from, end)} [${name}]`;
    from = end;
  }
  return out + sentence.slice(from);
}

/** The multi-word name ending in `noun` (any case) whose last mention before the sentence is nearest. */
function nearestName(noun: string, before: string, names: string[]): string | null {
  let best: string | null = null;
  let bestAt = -1;
  for (const name of names) {
    const words = name.split(/\s+/);
    if (words.length < 2 || words.at(-1)!.toLowerCase() !== noun) continue;
    const at = before.lastIndexOf(name);
    if (at > bestAt) {
      bestAt = at;
      best = name;
    }
  }
  return best;
}
