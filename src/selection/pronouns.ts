import { quickBoundaries } from '../analysis/quick-boundaries.js';
import type { Pronoun, Referents } from './referents.js';

// A bare subject pronoun outside quotation marks. "It" and "they" only lead a clause as its subject;
// later in a sentence they mostly stand for something the sentence itself named.
const PERSONAL = /\b(?:he|she)\b/i;
const OPENING = /^(?:it|they)\b/i;
// ", she said," in the middle of a clause, or "He said (that)" before one that names its own subject.
const MID_ATTRIBUTION = quickBoundaries(
  /,\s+(?:he|she)\s+(?:said|says|added|noted|stressed|told\s+[\p{L}.]+)\s*,\s*/iu,
);
const LEAD_ATTRIBUTION = quickBoundaries(
  /^(?:he|she)\s+(?:said|says|added|noted|stressed|told\s+[\p{L}.]+)\s+(?:that\s+)?/iu,
);
const PRONOUN_LEAD = /^(?:he|she|it|they|we|i|his|her|its|their)\b/i;

/** The text with its quotations blanked (same length), so a pronoun inside one is not taken. */
function blankQuotes(text: string): string {
  return text.replace(/["\u201c][^"\u201d]*["\u201d]?/g, (q) => ' '.repeat(q.length));
}

/**
 * Says who a follow-up's bare pronoun is: the name, verbatim from the article, in brackets after the
 * pronoun ("He [Daniel Ashworth] urged ..."), as the summary names things. Where the clause already
 * names a person before "he"/"she", it is left as it is. Where nobody can be told, the attribution is
 * cut when the clause reads without it ("..., she said, but ..."), and otherwise the item is not shown
 * (null). `start` is the offset of the item's sentence in the article.
 */
export function namePronoun(clause: string, start: number, referents: Referents): string | null {
  const blank = blankQuotes(clause);
  const found = firstBarePronoun(blank, referents);
  if (!found) return clause;
  const name = referents.resolve(found.pronoun, start);
  if (name) {
    const end = found.at + found.length;
    return `${clause.slice(0, end)} [${name}]${clause.slice(end)}`;
  }
  const mid = MID_ATTRIBUTION.exec(blank);
  if (mid) {
    const cut = `${clause.slice(0, mid.index)}, ${clause.slice(mid.index + mid[0].length)}`;
    return namePronoun(cut, start, referents);
  }
  const lead = LEAD_ATTRIBUTION.exec(blank);
  const rest = lead ? clause.slice(lead[0].length) : '';
  if (lead && !PRONOUN_LEAD.test(rest) && rest.split(/\s+/).length >= 4) {
    return namePronoun(`${rest.charAt(0).toUpperCase()}${rest.slice(1)}`, start, referents);
  }
  return null;
}

// "According to him, the notice will be published ...": the source in the object case.
const ACCORDING_TO = /^according\s+to\s+(him|her)\b/i;

/** The first pronoun a reader cannot place from the clause itself, and its length as written. */
function firstBarePronoun(
  blank: string,
  referents: Referents,
): { pronoun: Pronoun; at: number; length: number } | null {
  const opening = OPENING.exec(blank);
  if (opening) return { pronoun: opening[0].toLowerCase() as Pronoun, at: 0, length: opening[0].length };
  const according = ACCORDING_TO.exec(blank);
  if (according) {
    const word = according[1]!;
    return {
      pronoun: word.toLowerCase() === 'him' ? 'he' : 'she',
      at: according[0].length - word.length,
      length: word.length,
    };
  }
  const personal = PERSONAL.exec(blank);
  if (!personal) return null;
  const before = blank.slice(0, personal.index);
  // "Reed said he expected ...": the clause names the person itself.
  const named = referents
    .people()
    .some((p) => [p.name, ...p.tokens].some((word) => word.length > 2 && wordIn(before, word)));
  return named
    ? null
    : { pronoun: personal[0].toLowerCase() as Pronoun, at: personal.index, length: personal[0].length };
}

function wordIn(text: string, word: string): boolean {
  const at = text.indexOf(word);
  if (at < 0) return false;
  const after = text.charAt(at + word.length);
  return !/\p{L}/u.test(text.charAt(at - 1)) && !/\p{L}/u.test(after);
}
