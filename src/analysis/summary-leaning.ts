import { insideQuote } from './follow-ups.js';
import type { Gender, Mention, NameIndex } from './names.js';
import type { Sentence } from './sentences.js';

/** How a sentence leans on what came before it in the article. */
export type Leaning =
  /** Stands on its own. */
  | { kind: 'none' }
  /** Opens with "But", "However", ...: readable alone, but weaker without the sentence before. */
  | { kind: 'connective' }
  /** "He ..." or "..., she said" with nobody named before it: readable after the person it refers to. */
  | { kind: 'person'; gender: Gender; referent: number }
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

/** The people named in each sentence (outside quotations), and who a "he"/"she" in it refers to. */
export class PeopleInSentences {
  private readonly bySentence = new Map<number, Mention[]>();
  // Per sentence: the last person named before it whose gender allows "he", and "she".
  private readonly lastHe: number[];
  private readonly lastShe: number[];

  constructor(
    private readonly names: NameIndex,
    sentences: number,
  ) {
    this.lastHe = new Array<number>(sentences + 1).fill(-1);
    this.lastShe = new Array<number>(sentences + 1).fill(-1);
    const people = names.mentions.filter((m) => m.kind === 'person' && !m.inQuote);
    for (const m of people) {
      const list = this.bySentence.get(m.sentence) ?? [];
      list.push(m);
      this.bySentence.set(m.sentence, list);
    }
    let he = -1;
    let she = -1;
    let k = 0;
    for (let i = 0; i <= sentences; i++) {
      this.lastHe[i] = he;
      this.lastShe[i] = she;
      for (; k < people.length && people[k]!.sentence <= i; k++) {
        const m = people[k]!;
        const gender = this.genderOf(m.person);
        if (gender !== 'f') he = m.person;
        if (gender !== 'm') she = m.person;
      }
    }
  }

  /** People named in sentence `index`, outside quotations, in order. */
  named(index: number): readonly Mention[] {
    return this.bySentence.get(index) ?? [];
  }

  /** The person named last before sentence `index` whose gender does not contradict the pronoun. */
  referent(index: number, gender: Gender): number {
    return (gender === 'f' ? this.lastShe : this.lastHe)[index] ?? -1;
  }

  /** The person a reader of the sentences `shown`, before `index`, met last (gender permitting). */
  lastShown(shown: ReadonlySet<number>, index: number, gender: Gender): number {
    const before = [...shown].filter((i) => i < index).sort((a, b) => b - a);
    for (const i of before) {
      const named = this.named(i);
      for (let k = named.length - 1; k >= 0; k--) {
        const other = this.genderOf(named[k]!.person);
        if (other === null || gender === null || other === gender) return named[k]!.person;
      }
    }
    return -1;
  }

  private genderOf(person: number): Gender {
    return this.names.people[person]?.gender ?? null;
  }
}

/**
 * How a sentence leans on the ones before it. `firstSeen` gives, per summary term, the index of the
 * first sentence that uses it; `termOf` turns a word into its term.
 */
export function leaning(
  sentence: Sentence,
  people: PeopleInSentences,
  firstSeen: ReadonlyMap<string, number>,
  termOf: (word: string) => string | undefined,
): Leaning {
  const text = sentence.text;
  const personal = PERSONAL_START.exec(text);
  if (personal) return personLeaning(people, sentence.index, genderOf(personal[1]!));
  if (BACK_START.test(text)) return { kind: 'back' };
  if (CONNECTIVE_START.test(text)) return { kind: 'connective' };
  if (takesUpPrevious(text, sentence.index, firstSeen, termOf)) return { kind: 'back' };
  for (const m of text.matchAll(PRONOUN_SPEAKER)) {
    if (insideQuote(text, m.index)) continue;
    const at = sentence.start + m.index;
    if (!people.named(sentence.index).some((n) => n.end <= at)) {
      return personLeaning(people, sentence.index, genderOf(m[1]!));
    }
  }
  return { kind: 'none' };
}

function personLeaning(people: PeopleInSentences, index: number, gender: Gender): Leaning {
  return { kind: 'person', gender, referent: people.referent(index, gender) };
}

/** The people a sentence is about: those it names outside quotations, or the "he"/"she" it leans on. */
export function actors(people: PeopleInSentences, index: number, lean: Leaning): Set<number> {
  const found = new Set(people.named(index).map((m) => m.person));
  if (lean.kind === 'person' && lean.referent >= 0) found.add(lean.referent);
  return found;
}

/**
 * True when the sentence takes up, with "the", a noun that the sentence just before it introduced
 * (first used there): "The bank signalled ... Economists said the signal meant ...".
 */
function takesUpPrevious(
  text: string,
  index: number,
  firstSeen: ReadonlyMap<string, number>,
  termOf: (word: string) => string | undefined,
): boolean {
  if (index === 0) return false;
  for (const m of text.matchAll(DEFINITE)) {
    const term = termOf(m[1]!);
    if (!term || firstSeen.get(term) !== index - 1) continue;
    // "the levy" after "a levy" earlier in the same sentence refers inside it.
    if (!text.slice(0, m.index).toLowerCase().includes(m[1]!.slice(0, 4).toLowerCase())) return true;
  }
  return false;
}
