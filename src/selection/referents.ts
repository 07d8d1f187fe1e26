import { outsideQuotes } from '../analysis/ahead.js';
import { indexNames, type NameIndex, type PersonRecord } from '../analysis/names.js';
import { type Sentence, splitParagraphs, splitSentences } from '../analysis/sentences.js';
import type { Quote } from '../analysis/types.js';

export type Pronoun = 'he' | 'she' | 'it' | 'they';

// "The deal, struck after ...", "The talks were ...": a thing named by a definite noun phrase, which
// ends before a comma or the first verb-like word.
const LEADING_PHRASE = /^The((?:\s+[\p{Ll}-]+){1,4})/u;
const VERB_LIKE =
  /^(?:is|are|was|were|has|have|had|will|would|can|could|must|may|might|should|shall|did|does|do|\p{Ll}+ed|\p{Ll}+[^s]s)$/u;

const SAID_IT =
  /^(?:The\s+)?(\p{Lu}[\p{L}\d&.'\u2019-]*(?:\s+\p{Lu}[\p{L}\d&.'\u2019-]*){0,4})\s+(?:also\s+)?(?:said|says|announced|added|confirmed)\s+(?:on\s+\p{Lu}\p{Ll}+\s+)?(?:that\s+)?it\b/u;

/**
 * Who a pronoun in a sentence of the article stands for, from the analyzer's own reading: the speaker
 * of the sentence's quotes, else the one person the previous sentence names (or whose quote it holds),
 * else, for "it" and "they", the thing the previous sentence opens with. The article is parsed once,
 * and only when a pronoun needs it.
 */
export class Referents {
  private parsed: { sentences: Sentence[]; names: NameIndex } | null = null;

  constructor(
    private readonly article: { text: string; title: string },
    private readonly quotes: Quote[],
  ) {}

  /** The people the article names: full names and the words a reader may know them by. */
  people(): PersonRecord[] {
    return this.parse().names.people;
  }

  /** The name `pronoun` stands for in the sentence starting at `start`, or null when it is not clear. */
  resolve(pronoun: Pronoun, start: number): string | null {
    const { sentences } = this.parse();
    const at = sentences.findIndex((s) => s.start <= start && start < s.end);
    if (at < 0) return null;
    const current = sentences[at]!;
    const previous = at > 0 ? sentences[at - 1] : undefined;
    const person = pronoun === 'he' || pronoun === 'she';
    const speaker = this.speakerIn(current, pronoun);
    if (speaker) return speaker;
    if (!previous) return null;
    if (!person)
      return (
        this.thingOpening(previous, pronoun) ??
        (pronoun === 'it' ? this.bodyOpening(previous) : null) ??
        thingNamed(previous.text, pronoun)
      );
    // Sentences that are nothing but an unattributed quotation are the same voice: look past them, and
    // past a sentence or two that names nobody ("A decision is not expected until next year.").
    let before = at - 1;
    let nameless = 0;
    while (before > 0) {
      const s = sentences[before]!;
      if (this.onlyQuoted(s) && !this.speakerIn(s, pronoun)) before--;
      else if (nameless < 2 && at - before <= 3 && !this.namesSomeone(s)) {
        nameless++;
        before--;
      } else break;
    }
    const earlier = sentences[before]!;
    return this.personIn(earlier, pronoun) ?? this.speakerIn(earlier, pronoun);
  }

  /** Whether a sentence names a person or speaks with someone's voice (a quote with a speaker). */
  private namesSomeone(sentence: Sentence): boolean {
    const { names } = this.parse();
    if (names.mentions.some((m) => m.sentence === sentence.index && m.kind === 'person')) return true;
    return this.quotes.some((q) => q.start >= sentence.start && q.end <= sentence.end && q.speaker);
  }

  /** The organisation a sentence opens with as its subject ("Holloway said it would ..."). */
  private bodyOpening(sentence: Sentence): string | null {
    // "Hearthline said it has reset ...": the sentence itself calls the name it opens with "it".
    const itSaid = SAID_IT.exec(sentence.text);
    if (itSaid) return itSaid[1]!;
    const { names } = this.parse();
    const first = names.mentions.find((m) => m.sentence === sentence.index && !m.inQuote);
    if (first?.kind !== 'org' || !first.subject) return null;
    if (/\p{L}/u.test(sentence.text.slice(0, first.start - sentence.start).replace(/^the\s+/i, '')))
      return null;
    return first.name;
  }

  /** True when every word of the sentence lies inside one of the article's quotations. */
  private onlyQuoted(sentence: Sentence): boolean {
    let rest = sentence.text;
    for (const q of this.quotes) {
      const from = Math.max(q.start, sentence.start) - sentence.start;
      const to = Math.min(q.end, sentence.end) - sentence.start;
      if (to > from) rest = `${rest.slice(0, from)}${' '.repeat(to - from)}${rest.slice(to)}`;
    }
    return !/\p{L}/u.test(rest);
  }

  private parse(): { sentences: Sentence[]; names: NameIndex } {
    if (!this.parsed) {
      const { text, title } = this.article;
      const paragraphs = splitParagraphs(text, title);
      const sentences = splitSentences(text, paragraphs);
      this.parsed = { sentences, names: indexNames(text, paragraphs, sentences) };
    }
    return this.parsed;
  }

  private record(name: string): PersonRecord | undefined {
    return this.parse().names.people.find((p) => p.name === name);
  }

  /** The one speaker of the quotes in a sentence, when the pronoun fits them. */
  private speakerIn(sentence: Sentence, pronoun: Pronoun): string | null {
    const speakers = new Set(
      this.quotes
        .filter((q) => q.start >= sentence.start && q.end <= sentence.end && q.speaker)
        .map((q) => q.speaker!),
    );
    if (speakers.size !== 1) return null;
    const [speaker] = speakers as unknown as [string];
    const person = this.record(speaker);
    if (pronoun === 'he' || pronoun === 'she') return person && fits(person, pronoun) ? speaker : null;
    // "it said": an organisation speaks; a person is never "it".
    return pronoun === 'it' && !person ? speaker : null;
  }

  /** The one person a sentence names outside its quotations, when the pronoun fits them. */
  private personIn(sentence: Sentence, pronoun: Pronoun): string | null {
    const { names } = this.parse();
    const ids = new Set(
      names.mentions
        .filter((m) => m.sentence === sentence.index && m.kind === 'person' && !m.inQuote)
        .map((m) => m.person),
    );
    if (ids.size !== 1) return null;
    const [id] = ids as unknown as [number];
    const person = names.people.find((p) => p.id === id);
    return person && fits(person, pronoun) ? person.name : null;
  }

  /** The thing a sentence opens with ("The deal, ..."), when its number fits "it" or "they". */
  private thingOpening(sentence: Sentence, pronoun: Pronoun): string | null {
    const match = LEADING_PHRASE.exec(sentence.text);
    if (!match) return null;
    const words: string[] = [];
    for (const word of match[1]!.trim().split(/\s+/)) {
      if (words.length > 0 && VERB_LIKE.test(word)) break;
      words.push(word);
    }
    // A phrase that runs on, or goes on as a possessive ("The museum's ..."), may not end at its noun.
    const next = sentence.text.charAt(3 + words.join(' ').length + 1);
    if (words.length > 3 || /['\u2019]/.test(next)) return null;
    const head = words.at(-1)!;
    const plural = /[^s]s$/.test(head);
    if (VERB_LIKE.test(head) || plural !== (pronoun === 'they')) return null;
    return `the ${words.join(' ')}`;
  }
}

// "called the film \"...\"": a definite noun that ends where punctuation, a verb or a preposition follows.
const DEFINITE =
  /\bthe\s+(\p{Ll}[\p{Ll}-]+)(?=\s*[,.;:"\u201c\u201d]|\s+(?:of|in|on|at|to|for|with|by|from)\b|\s+\p{Ll}+(?:ed|[^s]s)\b|\s*$)/gu;

/** The one thing a sentence calls "the ..." outside its quotes, when its number fits the pronoun. */
function thingNamed(sentence: string, pronoun: Pronoun): string | null {
  const nouns = new Set([...outsideQuotes(sentence).matchAll(DEFINITE)].map((m) => m[1]!));
  if (nouns.size !== 1) return null;
  const [noun] = nouns as unknown as [string];
  return /[^s]s$/.test(noun) === (pronoun === 'they') && !VERB_LIKE.test(noun) ? `the ${noun}` : null;
}

function fits(person: PersonRecord, pronoun: Pronoun): boolean {
  if (pronoun === 'he') return person.gender !== 'f';
  if (pronoun === 'she') return person.gender !== 'm';
  return false;
}
