import { insideQuote } from './follow-ups.js';
import type { Gender, NameIndex } from './names.js';
import type { Sentence } from './sentences.js';
import { summaryTerms } from './summary-terms.js';

/** How a sentence leans on what came before it in the article. */
export type Leaning =
  /** Stands on its own. */
  | { kind: 'none' }
  /** Opens with "But", "However", ...: readable alone, but weaker without the sentence before. */
  | { kind: 'connective' }
  /** "He ..." or "..., she said" with nobody named before it: readable after the same person is named. */
  | { kind: 'person'; gender: Gender }
  /** Opens with "It", "They", "The decision", "So": needs the sentence before it. */
  | { kind: 'back' };

const PERSONAL_START = /^["\u201c(]?\s*(he|his|him|she|her)\b/i;
// "..., he said": the speaker is whoever the reader met last.
const PRONOUN_SPEAKER =
  /\b(he|she)\s+(?:said|says|added|told|noted|argued|warned|explained|insisted|wrote|suggested)\b/gi;
const BACK_START =
  /^(?:["\u201c(]?\s*)(?:they|it|their|its|this|these|those|such|that|them|both|so|thus|therefore|the\s+(?:two|three|latter|former)|the\s+(?:decision|move|announcement|ruling|deal|step|measure|change|incident|attack|remarks?|comments?|statement)\b(?!\s+(?:to|by|of|on|that)\b))\b/i;
const CONNECTIVE_START =
  /^(?:but|however|also|still|yet|and|then|meanwhile|moreover|furthermore|instead|nevertheless|nonetheless|in\s+addition|by\s+contrast|even\s+so|at\s+the\s+same\s+time|separately)\b/i;

// "the signal": a definite description whose noun the sentence before introduced.
const DEFINITE = /\bthe\s+(\p{Ll}[\p{Ll}-]{3,})\b(?!\s+(?:of|that|who|which)\b)/gu;

const genderOf = (pronoun: string): Gender => (/^(?:he|his|him)$/i.test(pronoun) ? 'm' : 'f');

export function leaning(sentence: Sentence, names: NameIndex, earlier: readonly Set<string>[] = []): Leaning {
  const text = sentence.text;
  const personal = PERSONAL_START.exec(text);
  if (personal) return { kind: 'person', gender: genderOf(personal[1]!) };
  if (BACK_START.test(text)) return { kind: 'back' };
  if (CONNECTIVE_START.test(text)) return { kind: 'connective' };
  if (earlier.length > 0 && refersToPrevious(text, earlier)) return { kind: 'back' };
  for (const m of text.matchAll(PRONOUN_SPEAKER)) {
    const at = sentence.start + m.index;
    if (insideQuote(text, m.index)) continue;
    const gender = genderOf(m[1]!);
    const namedBefore = names.mentions.some(
      (n) => n.kind === 'person' && !n.inQuote && n.sentence === sentence.index && n.end <= at,
    );
    if (!namedBefore) return { kind: 'person', gender };
  }
  return { kind: 'none' };
}

/**
 * Who a "he"/"she" in sentence `index` (not named in it) refers to: the person named last before it in
 * the article (outside quotations) whose gender does not contradict the pronoun. -1 when none.
 */
export function referent(names: NameIndex, index: number, gender: Gender): number {
  return lastPerson(names, gender, (sentence) => sentence < index);
}

/** The person a reader of the sentences `shown` (in article order, before `index`) met last. */
export function lastPersonShown(
  names: NameIndex,
  shown: ReadonlySet<number>,
  index: number,
  gender: Gender,
): number {
  return lastPerson(names, gender, (sentence) => sentence < index && shown.has(sentence));
}

/** The people a sentence is about: those it names outside quotations, or the "he"/"she" it leans on. */
export function actors(names: NameIndex, index: number, lean: Leaning): Set<number> {
  const found = new Set<number>();
  for (const m of names.mentions) {
    if (m.sentence === index && m.kind === 'person' && !m.inQuote) found.add(m.person);
  }
  if (lean.kind === 'person') {
    const person = referent(names, index, lean.gender);
    if (person >= 0) found.add(person);
  }
  return found;
}

function lastPerson(names: NameIndex, gender: Gender, within: (sentence: number) => boolean): number {
  for (let k = names.mentions.length - 1; k >= 0; k--) {
    const m = names.mentions[k]!;
    if (m.kind !== 'person' || m.inQuote || !within(m.sentence)) continue;
    const other = names.people[m.person]?.gender ?? null;
    if (other === null || gender === null || other === gender) return m.person;
  }
  return -1;
}

/**
 * True when the sentence takes up, with "the"/"this", a noun that the sentence just before it
 * introduced (its stem in no earlier sentence): "The bank signalled ... Economists said the signal ...".
 * `earlier` holds the stemmed terms of every sentence before this one, in order.
 */
function refersToPrevious(text: string, earlier: readonly Set<string>[]): boolean {
  const previous = earlier[earlier.length - 1]!;
  for (const m of text.matchAll(DEFINITE)) {
    const term = summaryTerms(m[1]!)[0];
    if (!term || !previous.has(term)) continue;
    if (summaryTerms(text.slice(0, m.index)).includes(term)) continue;
    if (!earlier.slice(0, -1).some((terms) => terms.has(term))) return true;
  }
  return false;
}
