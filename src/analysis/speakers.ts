import type { RuleVerdict } from './attribution/candidates.js';
import {
  DOCUMENT_NOUNS,
  EAST_ASIAN_SURNAMES,
  FRAMING_VERBS,
  NAME_TITLES,
  NATIONALITIES,
  NON_NAME_CAPITALS,
  ORG_KEYWORDS,
  ORG_NOUNS,
  ROLE_NOUNS,
  SENTENCE_OPENERS,
  SPEECH_VERBS,
  SURNAME_FIRST_GIVEN,
} from './lexicon.js';
import type { Mention, NameIndex, PersonRecord } from './names.js';
import { quickBoundaries } from './quick-boundaries.js';
import type { QuoteCandidate } from './quotes.js';
import type { Sentence } from './sentences.js';
import type { Quote } from './types.js';

interface Attribution {
  speaker: string | null;
  role: string | null;
  person: PersonRecord | null;
  /** Found in the quote's own sentence (not inherited from a neighbour). */
  explicit: boolean;
  /** Given to the issuer of a document the quote comes from. */
  document?: boolean;
}

const NONE: Attribution = { speaker: null, role: null, person: null, explicit: false };

const VERB_ALTERNATION = [...SPEECH_VERBS].join('|');
const ADVERBS =
  '(?:also|later|then|again|further|previously|recently|repeatedly|earlier|once|often|publicly|privately|separately|simply|flatly|quietly|bluntly|angrily|has|have|had|would|will|has since|had earlier|had previously)';
// "Lefkowitz said", "a spokesman for the ministry, Tom Smith, told reporters"
const SUBJECT_VERB = new RegExp(`^(.{1,200}?)\\s+(?:${ADVERBS}\\s+){0,2}(${VERB_ALTERNATION})\\b`, 'u');
// "said Jay Lefkowitz, the envoy", "added the spokesman"
const VERB_SUBJECT = new RegExp(`^(?:${ADVERBS}\\s+)?(${VERB_ALTERNATION})\\s+(.{1,200})$`, 'u');
const VERB_ANYWHERE = new RegExp(`\\b(${VERB_ALTERNATION})\\b`, 'gu');
const FRAMING_ANYWHERE = new RegExp(`\\b(${[...FRAMING_VERBS].join('|')})\\b`, 'gu');
const VERB_TEST = new RegExp(`\\b(?:${VERB_ALTERNATION})\\b`, 'u');
const PRONOUN = /^(?:he|she|they|it|we|i)$/i;
// "the company said" points back to the last organisation named; "the opposition said" need not.
const BUSINESS_NOUNS = new Set(
  'company firm group carrier airline lender bank maker manufacturer retailer insurer automaker operator label studio network broadcaster newspaper charity club team office agency'.split(
    ' ',
  ),
);
// Periods that end no sentence: initials, initialisms and titles ("R. Nicholas Burns", "U.S.", "Mr.").
const ABBREVIATION =
  /\b(?:(?:\p{Lu}\.)+|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Cmdr|Adm|Prof|Rev|Hon|St|Jr|Sr|Messrs|Mt|Ft)\.)/gu;
const CORE_VERB = /\b(?:said|says|told|added|wrote|explained|noted|argued|insisted|warned|stressed)\b/;
const DATELINE = /^[\p{Lu}][\p{Lu}\p{L}\d .,'-]{1,60}?(?:\([^)]{1,40}\))?\s*[-\u2013\u2014]+\s+/u;

/** Attributes every quote to a speaker: names, pronouns, roles, documents and quote-only paragraphs. */
export function attributeQuotes(
  text: string,
  candidates: QuoteCandidate[],
  names: NameIndex,
  sentences: Sentence[],
  verdicts?: RuleVerdict[],
): Quote[] {
  const resolver = new SpeakerResolver(text, names, sentences);
  const quotes: Quote[] = [];
  const attributions: Attribution[] = [];
  let lastSpeakerParagraph = -1;
  let lastSpeaker: Attribution = NONE;

  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    const prev = candidates[i - 1];
    const prevAttribution = attributions[i - 1] ?? NONE;
    let attribution = resolver.ownAttribution(c);
    let continues: number | undefined;

    const samePara = prev && prev.paragraph === c.paragraph;
    const chained = prev?.span.unclosed && prev.paragraph === c.paragraph - 1 && c.opensParagraph;
    if (!attribution.explicit) {
      if (samePara || chained) {
        attribution = { ...prevAttribution, explicit: false };
      } else if (c.opensParagraph && c.kind === 'direct' && lastSpeakerParagraph >= c.paragraph - 1) {
        // A quote-only paragraph carries on the previous paragraph's speaker.
        attribution = { ...lastSpeaker, explicit: false };
      } else {
        // The indirect speech just before: `Smith said the plan would fail. "It is a disaster."`
        const previous = sentences[c.sentence - 1];
        const adjacent =
          previous && (previous.paragraph === c.paragraph || (c.opensParagraph && c.kind === 'direct'));
        const narrator = adjacent ? resolver.narratedSpeaker(previous.start, previous.end) : null;
        if (narrator) attribution = narrator;
        // "Jane Roe, whose son was hurt at the crossing, spoke at both meetings." then a quote-only paragraph.
        else if (c.opensParagraph && c.kind === 'direct') {
          const introduced = resolver.documentIntroducedBefore(c) ?? resolver.introducedBefore(c.paragraph);
          if (introduced) attribution = introduced;
        }
      }
    }
    if ((samePara || chained) && prev && attribution.speaker === prevAttribution.speaker) {
      const between = text.slice(prev.span.close, c.span.open);
      // One attribution clause between the halves ("A," he said. "B."), not a sentence of its own.
      const clause = between
        .replace(/^[\s,.;:!?\u2014\u2013-]+/, '')
        .replace(/[\s.,;:!?\u2014\u2013-]+$/, '');
      const oneClause =
        clause === '' ||
        (!/[.!?]\s+\p{Lu}/u.test(clause.replace(ABBREVIATION, '')) && VERB_TEST.test(clause));
      const split = prev.kind === 'direct' && c.kind === 'direct' && between.length < 160 && oneClause;
      if (chained || split) continues = i - 1;
    }
    attributions.push(attribution);
    const quote: Quote = {
      text: text.slice(c.span.innerStart, c.span.innerEnd),
      speaker: attribution.speaker,
      role: attribution.role,
      kind: c.kind,
      start: c.span.innerStart,
      end: c.span.innerEnd,
    };
    if (continues !== undefined) quote.continues = continues;
    quotes.push(quote);
    if (attribution.person) resolver.noteSpeaker(attribution.person.id, c.span.open, c.paragraph);
    if (attribution.speaker) {
      lastSpeaker = attribution;
      lastSpeakerParagraph = c.paragraph;
    }
  }
  resolveSurnames(text, names, quotes);
  propagateBackwards(candidates, quotes);
  if (verdicts) {
    quotes.forEach((q, i) => {
      const a = attributions[i]!;
      verdicts.push({
        speaker: q.speaker,
        role: q.role,
        explicit: a.explicit,
        document: a.document === true,
      });
    });
  }
  return quotes;
}

const TITLED_SURNAME =
  /^(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Capt|Rev)\.?\s+)?(\p{Lu}[\p{Ll}'\u2019]+(?:-\p{Lu}?\p{Ll}+)?)$/u;

/**
 * "Duarte said" or "Mr. Vance said" after "Tiago Duarte" / "Harold Vance": the speaker is the most
 * recent earlier full name ending with that surname (or, for East Asian names, beginning with it).
 */
function resolveSurnames(text: string, names: NameIndex, quotes: Quote[]): void {
  const fullNames = new Set(names.people.filter((p) => p.tokens.length >= 2).map((p) => p.name));
  const people = new Set(names.people.map((p) => p.name));
  // Surname -> full names in text order, built once so long articles stay linear.
  const bySurname = new Map<string, Array<{ name: string; at: number }>>();
  for (const p of names.people) {
    if (p.tokens.length < 2) continue;
    const last = p.tokens[p.tokens.length - 1]!;
    const first = p.tokens[0]!;
    const keys = EAST_ASIAN_SURNAMES.has(first.toLowerCase()) ? [last, first] : [last];
    if (SURNAME_FIRST_GIVEN.test(last)) keys.push(p.tokens[p.tokens.length - 2]!);
    for (const k of keys) {
      const list = bySurname.get(k) ?? [];
      list.push({ name: p.name, at: p.first });
      bySurname.set(k, list);
    }
  }
  const scanned = new Map<string, Array<{ name: string; at: number }>>();
  for (const q of quotes) {
    if (!q.speaker || fullNames.has(q.speaker)) continue;
    const m = TITLED_SURNAME.exec(q.speaker);
    if (!m) continue;
    // A lone word is a person only when the article made a person of it (not "Lufthansa said"), alone
    // or as the surname of a full name.
    const titled = m[0] !== m[1];
    if (!titled && !people.has(q.speaker) && !bySurname.has(q.speaker)) continue;
    const surname = m[1]!;
    let full = latestBefore(bySurname.get(surname), q.start);
    if (!full) {
      let found = scanned.get(surname);
      if (!found) {
        found = givenSurnamePairs(text, surname);
        scanned.set(surname, found);
      }
      full = latestBefore(found, q.start);
    }
    if (full) q.speaker = full;
  }
}

function latestBefore(list: Array<{ name: string; at: number }> | undefined, at: number): string | null {
  let best: { name: string; at: number } | null = null;
  for (const e of list ?? []) if (e.at < at && (!best || e.at > best.at)) best = e;
  return best?.name ?? null;
}

/** "Given Surname" pairs in the text, for full names the name finder missed ("Portuguese striker Tiago Duarte"). */
function givenSurnamePairs(text: string, surname: string): Array<{ name: string; at: number }> {
  const escaped = surname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(?<![\\p{L}.'\u2019])(\\p{Lu}\\p{Ll}+)\\s+${escaped}(?![\\p{L}-])`, 'gu');
  const out: Array<{ name: string; at: number }> = [];
  for (const m of text.matchAll(re)) {
    const given = m[1]!;
    const lower = given.toLowerCase();
    if (SENTENCE_OPENERS.has(given) || NON_NAME_CAPITALS.has(given) || NATIONALITIES.has(given)) continue;
    if (NAME_TITLES.has(lower) || ROLE_NOUNS.has(lower) || ORG_KEYWORDS.has(lower) || ORG_NOUNS.has(lower))
      continue;
    out.push({ name: `${given} ${surname}`, at: m.index });
  }
  return out;
}

/** A multi-paragraph quote attributed only at its end gets that speaker throughout. */
function propagateBackwards(candidates: QuoteCandidate[], quotes: Quote[]): void {
  for (let i = quotes.length - 1; i > 0; i--) {
    const q = quotes[i]!;
    const p = quotes[i - 1]!;
    // A paragraph left open and the next opening with a quote mark: one quotation, one speaker.
    const runsOn = candidates[i - 1]!.span.unclosed && candidates[i]!.opensParagraph;
    if (runsOn && q.continues === undefined) q.continues = i - 1;
    const linked = q.continues === i - 1;
    if (linked && q.speaker && !p.speaker) {
      p.speaker = q.speaker;
      p.role = q.role;
      q.continues = i - 1;
    }
  }
}

/** A person seen speaking: attributed a quote, or the subject of reported speech ("X said that ..."). */
interface SpeakerEvent {
  at: number;
  person: number;
  paragraph: number;
}

const VERB_AFTER_NAME = new RegExp(
  `^(?:\\s*,[^,]{1,140}){0,3}?,?\\s+(?:${ADVERBS}\\s+){0,2}(?:${VERB_ALTERNATION})\\b`,
  'u',
);
// "released Tuesday by", "published on Dec. 2 by", "issued last week by": when, between the verb and its agent.
const DATE_WORDS = String.raw`(?:(?:on\s+)?(?:\p{Lu}\p{L}*\.?|\d{1,2},?|last|this|early|late|week|month)\s+){0,3}`;
/** How far back "the report" may have been introduced with its issuer (a few paragraphs of wire copy). */
const INTRODUCTION_REACH = 1500;
const DOCUMENT_SPEAKS = quickBoundaries(
  /^\p{L}+\s+(?:\S+\s+){0,6}?(?:said|says|stated|states|read|reads|found|finds|showed|shows|concluded|called|described|warned|noted|declared|accused|urged|expressed|expressing|urging|calls|saying|cited)\b/iu,
);
const REPORTED_SPEECH = new RegExp(
  `^(?:\\s*,[^,]{1,140}){0,3}?,?\\s+(?:${ADVERBS}\\s+){0,2}(?:${VERB_ALTERNATION})\\b`,
  'u',
);

/** The index of the first mention in a list sorted by position that starts at or after `offset`. */
function firstAtOrAfter(list: Mention[], offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The last mention in a list sorted by position that starts before `at`. */
function lastBefore(list: Mention[], at: number): Mention | undefined {
  return list[firstAtOrAfter(list, at) - 1];
}

class SpeakerResolver {
  private readonly mentions: Mention[];
  /** Speaker events in text order: reported speech found up front, quote attributions added as they are made. */
  private readonly speakerEvents: SpeakerEvent[] = [];
  private readonly paragraphFirstSentence = new Map<number, number>();
  private subjectBodies: Mention[] | undefined;
  private orgWords: Map<string, Mention[]> | undefined;

  constructor(
    private readonly text: string,
    private readonly names: NameIndex,
    private readonly sentences: Sentence[],
  ) {
    this.mentions = names.mentions;
    for (const s of sentences)
      if (!this.paragraphFirstSentence.has(s.paragraph))
        this.paragraphFirstSentence.set(s.paragraph, s.index);
    for (const m of this.mentions) {
      if (m.kind !== 'person' || m.inQuote || !m.subject) continue;
      if (REPORTED_SPEECH.test(text.slice(m.end, m.end + 200)))
        this.speakerEvents.push({ at: m.start, person: m.person, paragraph: m.paragraph });
    }
  }

  /** Records that a person was attributed a quote at this offset. */
  noteSpeaker(person: number, at: number, paragraph: number): void {
    const events = this.speakerEvents;
    let i = events.length;
    while (i > 0 && events[i - 1]!.at > at) i--;
    events.splice(i, 0, { at, person, paragraph });
  }

  private lastSpeakerBefore(at: number, accept: (person: number) => boolean): SpeakerEvent | null {
    const paragraph = this.paragraphOf(at);
    for (let i = this.speakerEvents.length - 1; i >= 0; i--) {
      const e = this.speakerEvents[i]!;
      if (e.at >= at) continue;
      if (e.paragraph < paragraph - 3) return null;
      if (accept(e.person)) return e;
    }
    return null;
  }

  /** The attribution written in the quote's own sentence, if any. */
  ownAttribution(c: QuoteCandidate): Attribution {
    const { text } = this;
    const afterStart = c.span.close;
    const after = c.span.unclosed ? '' : text.slice(afterStart, c.afterEnd);
    const before = text.slice(c.beforeStart, c.span.open);

    const document = this.documentAttribution(c, before);
    if (document) {
      if (document.speaker) this.lastDocument = { at: c.span.open, attribution: document };
      return { ...document, document: true };
    }

    const fromAfter = this.attributionAfter(after, afterStart);
    if (fromAfter?.speaker || fromAfter?.role) return fromAfter;
    // `X called it "a fantasy" and said ...`: an unresolved subject after the quote defers to the one before.
    const fromBefore = this.attributionBefore(before, c.beforeStart);
    if (fromBefore) return fromBefore;
    return fromAfter ?? NONE;
  }

  private attributionAfter(after: string, offset: number): Attribution | null {
    const lead = /^[\s,\u2014\u2013-]*/.exec(after)![0].length;
    const body = after.slice(lead).replace(/[\s.;:!?]+$/, '');
    const start = offset + lead;
    if (!body) return null;
    // `"brave but right", while Ben Oduya warned that ...`: a contrast opens another speaker's words.
    if (/^(?:while|whereas|but|although|though)\s/i.test(body)) return null;
    const according = /^according to\s+(.+)$/i.exec(body);
    if (according) return this.resolvePhrase(according[1]!, start + body.length - according[1]!.length);
    const inverted = VERB_SUBJECT.exec(body);
    if (inverted) {
      const phrase = inverted[2]!;
      if (
        !/^(?:that|in|on|at|of|to|by|during|after|before|when|while|it|this)\b/.test(phrase) ||
        /^it$/i.test(phrase)
      )
        return this.resolvePhrase(phrase, start + body.length - phrase.length);
    }
    const subjectVerb = SUBJECT_VERB.exec(body);
    if (subjectVerb && !/[.;:?!]/.test(subjectVerb[1]!.replace(ABBREVIATION, ''))) {
      return this.resolvePhrase(subjectVerb[1]!, start);
    }
    return null;
  }

  private attributionBefore(before: string, offset: number): Attribution | null {
    const according = /\baccording to\s+(.{2,160}?),\s*$/i.exec(before);
    if (according)
      return this.resolvePhrase(
        according[1]!,
        offset + according.index + according[0].indexOf(according[1]!),
      );
    // The last speech verb of the sentence before the quote, then its subject (or an inverted one).
    let verb: RegExpExecArray | null = null;
    for (const m of before.matchAll(VERB_ANYWHERE)) verb = m as RegExpExecArray;
    if (!verb) for (const m of before.matchAll(FRAMING_ANYWHERE)) verb = m as RegExpExecArray;
    if (!verb) return /:\s*$/.test(before) ? this.colonIntroduction(before, offset) : null;
    const head = before.slice(0, verb.index).replace(/\s+$/, '');
    const tail = before.slice(verb.index + verb[0].length);
    const subject =
      /(?:^|[;:]|,\s(?=(?:he|she|they|it)\s*$)|\b(?:and|but|as|while|when|because|after|so)\s)\s*([^;:]*)$/i.exec(
        head,
      );
    let phrase = subject
      ? subject[1]!.replace(/\s+(?:also|later|then|again|has|have|had|would|will)$/i, '')
      : head;
    // "China condemned the sale and said ...": the subject is the sentence's own, at its start.
    if (/\b(?:and|but)$/i.test(head)) {
      const opening = head.replace(DATELINE, '');
      const lead = /^\s*(?:\S+\s+){0,5}?\S+/.exec(opening)?.[0] ?? '';
      const resolved = this.resolvePhrase(lead, offset + (head.length - opening.length));
      if (resolved.speaker) return resolved;
    }
    phrase = phrase.replace(/^.*,\s*(?=(?:he|she|they)$)/i, '');
    // "LONDON - Britain's biggest retailer said": the dateline is no part of the subject.
    phrase = phrase.replace(DATELINE, '');
    // "while Jess Morrow, who drove up with her brother, said:": a relative clause is no subject.
    const relative = /,\s*(?:who|which)\s[^,]*,?\s*$/i.exec(phrase);
    const subjectPart = relative ? phrase.slice(0, relative.index) : phrase;
    // "Speaking to reporters in Beijing, Hill said": the subject is the last comma-separated part.
    const lastPart = /,\s*([^,]{1,60})$/.exec(subjectPart.replace(/[\s,]+$/, ''));
    // "Mike Johnson, R-La., said": a party-and-state tag or an age is no speaker.
    if (lastPart && !/^(?:\p{Lu}{1,2}-\p{Lu}[\p{L}.]*|\d{1,3})\.?$/u.test(lastPart[1]!.trim())) {
      const phraseStart = offset + head.length - phrase.length;
      const at = phraseStart + lastPart.index + lastPart[0].length - lastPart[1]!.length;
      const resolved = this.resolvePhrase(lastPart[1]!, at);
      if (resolved.speaker) return resolved;
      // "Asked about the delays, a municipal spokesperson said": the unnamed speaker is the last part.
      // Not an apposition after a name ("Jo Roe, a farmer near Ennis, said").
      if (
        resolved.role &&
        /^(?:an?|the|one|another)\s/i.test(lastPart[1]!.trim()) &&
        !this.mentionsIn(phraseStart, at).some((m) => m.kind === 'person' || m.kind === 'org')
      )
        return resolved;
    }
    if (phrase.trim()) {
      const at = offset + head.length - phrase.length;
      const resolved = this.resolvePhrase(phrase, at);
      if (resolved.speaker || resolved.role) return resolved;
      // "The opposition called the plan 'a fantasy'": someone unnamed spoke; not the previous speaker.
      if (phrase.trim().split(/\s+/).length <= 4) return { ...NONE, explicit: true };
    }
    // "..., said Jay Smith: " — an inverted attribution before the quote.
    const inverted = /^\s+([^,:]{2,80})[,:]?\s*$/.exec(tail);
    if (inverted && /^\p{Lu}/u.test(inverted[1]!.trim())) {
      const resolved = this.resolvePhrase(
        inverted[1]!,
        offset + verb.index + verb[0].length + tail.indexOf(inverted[1]!),
      );
      if (resolved.speaker) return resolved;
    }
    return null;
  }

  /** `Smith was blunt: "..."`: the person the introducing clause is about. */
  private colonIntroduction(before: string, offset: number): Attribution | null {
    const pronoun = /^\s*(he|she)\b/i.exec(before);
    if (pronoun) return this.resolvePronoun(pronoun[1]!.toLowerCase(), offset);
    const person = this.mentionsIn(offset, offset + before.length).find(
      (m) => m.kind === 'person' && !m.inQuote,
    );
    if (!person) return null;
    const p = this.names.people[person.person]!;
    return { speaker: p.name, role: p.role, person: p, explicit: true };
  }

  /** Quotes taken from a document go to its issuer (or null), never to a person nearby. */
  private documentAttribution(c: QuoteCandidate, before: string): Attribution | null {
    const docMatch = lastDocumentNoun(before);
    // "In a statement, the council said ...": the document is the medium; whoever speaks issued it.
    if (
      docMatch &&
      /\b(?:in|via|through)\s+(?:a|an|its|their|his|her|the|a\s+joint|a\s+written)\s+(?:[\p{L}-]+\s+)?$/iu.test(
        before.slice(Math.max(0, docMatch.index - 30), docMatch.index),
      ) &&
      VERB_TEST.test(before)
    )
      return null;
    if (!docMatch) {
      const after = this.text.slice(c.span.close, c.afterEnd);
      const m =
        /^[\s,]*(?:the|a|an|its|their|his|her)\s+([\p{L}\s-]{0,40}?)(\p{L}+)\s+(?:said|says|stated|states|read|reads|added|noted)\b/u.exec(
          after,
        ) ??
        // Inverted: "..., reads the statement" / "said the report".
        /^[\s,]*(?:said|says|stated|states|read|reads|added|noted)\s+(?:the|a|an|its|their|his|her)\s+([\p{L}\s-]{0,40}?)(\p{L}+)\b/u.exec(
          after,
        );
      if (m && DOCUMENT_NOUNS.has(m[2]!.toLowerCase())) {
        const docAt = c.span.close + m.index + m[0].lastIndexOf(m[2]!);
        return this.issuer(c.beforeStart, c.span.open, docAt);
      }
      return null;
    }
    // A person speaking after the document is named ("the report is wrong, Smith said") is no document quote.
    const afterDoc = before.slice(docMatch.index);
    if (hasPersonVerb(afterDoc)) return null;
    // `The proposal would "destroy 100,000 jobs," Nowak added`: the person after the quote speaks.
    const afterQuote = this.text.slice(c.span.close, c.afterEnd);
    const attributed =
      /^[\s,\u2014\u2013-]*(?:(?:he|she|I|we)\b|(\p{Lu}[\p{L}'-]+(?:\s\p{Lu}[\p{L}'-]+){0,2}))\s+(?:\p{Ll}+\s+)?(?:said|says|added|told|wrote|argued|insisted|warned|noted)\b/u.exec(
        afterQuote,
      );
    if (attributed) {
      const at = c.span.close + attributed[0].indexOf(attributed[1] ?? '\u0000');
      const isPerson =
        !attributed[1] || this.mentionsIn(at, at + attributed[1].length).some((m) => m.kind === 'person');
      if (isPerson) return null;
    }
    // "Oduya told Reuters the House would take the bill up 'as soon as ...'": the person speaking names
    // the document, which says nothing itself.
    const headDoc = before.slice(0, docMatch.index);
    // "The court said the law ...": whoever speaks before the document is named is the one quoted.
    const speakerFirst =
      this.mentionsIn(c.beforeStart, c.beforeStart + docMatch.index).some(
        (m) =>
          m.kind === 'person' &&
          !m.inQuote &&
          VERB_AFTER_NAME.test(this.text.slice(m.end, c.beforeStart + docMatch.index)),
      ) ||
      /^\s*(?:the|a|an)\s+(?:[\p{L}-]+\s+){0,2}?(?:said|says|told|added|wrote|argued|ruled|found)\b/iu.test(
        headDoc.replace(DATELINE, ''),
      );
    if (speakerFirst && !DOCUMENT_SPEAKS.test(afterDoc) && headDoc.length > 0) return null;
    if (
      c.kind === 'direct' &&
      !/\b(?:said|says|stated|states|read|reads|reading|noted|declared|called|expressing|expressed|urging|urged|warned|described|saying|calls|accused|records?|recorded|concludes?|concluded|finds|found)\b/i.test(
        afterDoc,
      )
    )
      return null;
    return this.issuer(c.beforeStart, c.span.open, c.beforeStart + docMatch.index);
  }

  private issuer(from: number, to: number, docAt: number): Attribution {
    // "a report by the Government Accountability Office", "a statement from the ministry"
    const afterDoc =
      /^\p{L}+\s+(?:of\s+\p{L}+\s+)?(?:(?:issued|released|published|signed|sent|written|filed)\s+(?:(?:on\s+)?(?:\p{Lu}\p{L}*\.?|\d{1,2},?|last|this|early|late|week|month)\s+){0,3})?(?:by|from)\s+/u.exec(
        this.text.slice(docAt, docAt + 60),
      );
    if (afterDoc) {
      const by = this.mentionsIn(docAt, docAt + afterDoc[0].length + 40)[0];
      if (by) return this.remember(this.issuerFromMention(by, from));
      const body = namedBody(this.text.slice(docAt + afterDoc[0].length, docAt + afterDoc[0].length + 120));
      if (body) return this.remember(this.bodyAttribution(body, docAt + afterDoc[0].length));
    }
    // "the study's authors wrote": the authors of the document speak through it.
    const authors = /^(\p{L}+)['\u2019]s\s+(authors|researchers|editors|drafters)\b/u.exec(
      this.text.slice(docAt, docAt + 60),
    );
    if (authors)
      return {
        speaker: `the ${authors[1]!.toLowerCase()}'s ${authors[2]}`,
        role: null,
        person: null,
        explicit: true,
      };
    // "the minutes of the board's meeting", "the report of the committee": the body the document belongs to.
    const ofBody = /^\p{L}+\s+of\s+(the\s+(?:[\p{Ll}-]+\s+){0,2}?[\p{Ll}-]+)(?:['\u2019]s\b|[\s,.;]|$)/u.exec(
      this.text.slice(docAt, docAt + 80),
    );
    if (ofBody && isBodyPhrase(ofBody[1]!))
      return this.remember(this.bodyAttribution(ofBody[1]!, docAt + ofBody[0].indexOf(ofBody[1]!)));
    const candidates = this.mentionsIn(from, to).filter(
      (m) => m.start < docAt && !m.inQuote && m.kind !== 'place',
    );
    const m = candidates[candidates.length - 1];
    if (m) return this.remember(this.issuerFromMention(m, from));
    // "the European Commission's impact assessment": the body named as its owner issued it.
    const properOwner =
      /\b(\p{Lu}[\p{L}.&'\u2019-]*(?:\s+(?:of\s+(?:the\s+)?)?\p{Lu}[\p{L}.&'\u2019-]*)*)['\u2019]s\s+(?:[\p{Ll}-]+\s+){0,2}$/u.exec(
        this.text.slice(Math.max(from, docAt - 120), docAt),
      );
    if (properOwner) {
      const at = Math.max(from, docAt - 120) + properOwner.index;
      const mention = this.mentionsIn(at, at + properOwner[1]!.length + 1).find(
        (x) => !x.inQuote && x.kind !== 'place',
      );
      if (mention) return this.remember(this.issuerFromMention(mention, at));
    }
    // "The committee's report": a body named by a common noun owns the document.
    const ownerFrom = Math.max(from, docAt - 80);
    const owner = /\b(the\s+(?:[\p{Ll}-]+\s+){0,2}?[\p{Ll}-]+)['\u2019]s\s+(?:[\p{L}-]+\s+){0,2}$/iu.exec(
      this.text.slice(ownerFrom, docAt),
    );
    if (owner && isBodyPhrase(owner[1]!))
      return this.remember(this.bodyAttribution(owner[1]!, ownerFrom + owner.index));
    // "the report said": the document named earlier, whose issuer is already known.
    const definite = /\b(?:the|its|their)\s+(?:\p{L}+\s+){0,2}$/iu.test(
      this.text.slice(Math.max(0, docAt - 30), docAt),
    );
    if (definite) {
      const noun = /^\p{L}+/u.exec(this.text.slice(docAt, docAt + 30))?.[0] ?? '';
      const introduced = this.introducedIssuer(noun, docAt);
      if (introduced) return introduced;
      if (this.lastIssuer) return this.lastIssuer;
      const org = this.lastMention(
        docAt,
        (x) => x.kind === 'org' && !x.inQuote && this.text[x.start - 1] !== '(',
      );
      if (org && org.paragraph >= this.paragraphOf(docAt) - 1)
        return { speaker: org.name, role: null, person: null, explicit: true };
    }
    return { speaker: null, role: null, person: null, explicit: true };
  }

  /** Where "the report" was first named: "a report [released Tuesday] by X", "X's report", "X issued a report". */
  private introducedIssuer(noun: string, docAt: number): Attribution | null {
    if (!noun) return null;
    const from = Math.max(0, docAt - INTRODUCTION_REACH);
    const window = this.text.slice(from, docAt);
    const escaped = noun.replace(/[^\p{L}]/gu, '');
    const patterns = [
      new RegExp(
        `\\b${escaped}\\s+(?:(?:issued|released|published|signed|sent|written|filed)\\s+${DATE_WORDS})?(?:by|from)\\s+`,
        'giu',
      ),
      new RegExp(`['\\u2019]s\\s+(?:[\\p{L}-]+\\s+){0,2}${escaped}\\b`, 'giu'),
      new RegExp(
        `\\b(?:issued|released|published|sent|put\\s+out|adopted|approved|wrote)\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:a|an|the|its|their)\\s+(?:[\\p{L}-]+\\s+){0,2}${escaped}\\b`,
        'giu',
      ),
    ];
    // "..., the company said in a statement": the speaker of that sentence issued the statement.
    const inDocument = new RegExp(
      `\\b(?:said|says|added|announced|stated)\\s+in\\s+(?:a|an|its|their)\\s+(?:[\\p{L}-]+\\s+)?${escaped}\\b`,
      'giu',
    );
    let said: RegExpExecArray | null = null;
    for (let m = inDocument.exec(window); m; m = inDocument.exec(window)) said = m;
    if (said) {
      const verbEnd = from + said.index + said[0].search(/\s+in\s/u);
      const sentence = this.sentenceAt(verbEnd);
      if (sentence) {
        const r = this.attributionBefore(this.text.slice(sentence.start, verbEnd), sentence.start);
        if (r?.speaker) return { ...r, explicit: true };
      }
    }
    // "In an interim report published on Monday, the agency said ...": the subject of that sentence.
    const opening = new RegExp(
      `\\b[Ii]n\\s+(?:a|an|its|their)\\s+(?:[\\p{L}-]+\\s+){0,2}${escaped}\\b`,
      'gu',
    );
    let intro: RegExpExecArray | null = null;
    for (let m = opening.exec(window); m; m = opening.exec(window)) intro = m;
    if (intro) {
      const at = from + intro.index + intro[0].length;
      const sentence = this.sentenceAt(at);
      if (sentence) {
        const rest = this.text.slice(at, sentence.end);
        // The opening clause ends at its comma ("In a statement posted to Instagram on Sunday, the
        // organiser said"): its verbs and names say where the document appeared, not who issued it.
        const comma = /^[^,.;"\u201c]{0,120},/u.exec(rest)?.[0].length ?? 0;
        const verbRe = new RegExp(`\\b(?:${VERB_ALTERNATION})\\b`, 'gu');
        verbRe.lastIndex = comma;
        const verb = verbRe.exec(rest);
        const clauseEnd = at + comma;
        // The first name after the document's clause is the subject ("the BEA, France's agency, said").
        const subject = verb
          ? this.mentionsIn(clauseEnd, at + verb.index).find((x) => !x.inQuote && x.kind !== 'place')
          : undefined;
        // "In a statement, the authority said": a body described, named earlier in the article.
        const described = verb
          ? /(?:^|,)\s*(the\s+(?:[\p{Ll}-]+\s+){0,2}?[\p{Ll}-]+)(?=[\s,])/u.exec(
              rest.slice(Math.max(0, comma - 1), verb.index),
            )
          : null;
        const describedAt = at + Math.max(0, comma - 1) + (described?.index ?? 0);
        if (described && isBodyPhrase(described[1]!) && (!subject || subject.start > describedAt))
          return this.bodyAttribution(described[1]!, describedAt);
        if (subject) return this.issuerFromMention(subject, at);
      }
    }
    for (const [k, re] of patterns.entries()) {
      let last: RegExpExecArray | null = null;
      for (let m = re.exec(window); m; m = re.exec(window)) last = m;
      if (!last) continue;
      const at = from + last.index;
      if (k === 1) {
        // "X's report": X owns it, a name or a body named by a common noun ("The committee's staff
        // report"), never a name said earlier in another sentence.
        const owner = this.mentionsIn(Math.max(from, at - 160), at + 1)
          .filter((x) => !x.inQuote && x.kind !== 'place')
          .pop();
        if (owner && owner.end >= at - 1) return this.issuerFromMention(owner, Math.max(from, at - 160));
        const phrase = /\b(the\s+(?:[\p{Ll}-]+\s+){0,2}?[\p{Ll}-]+)$/iu.exec(
          this.text.slice(Math.max(from, at - 80), at),
        );
        if (phrase && isBodyPhrase(phrase[1]!))
          return this.bodyAttribution(phrase[1]!, at - phrase[0].length);
        continue;
      }
      // "by Utah's Great Salt Lake commissioner's office": the body a place's possessive introduces.
      const possessed =
        k === 0 ? possessedBody(this.text.slice(at + last[0].length, at + last[0].length + 120)) : null;
      if (possessed) return { speaker: possessed, role: null, person: null, explicit: true };
      const mention =
        k === 0
          ? this.mentionsIn(at + last[0].length, at + last[0].length + 40)[0]
          : this.mentionsIn(Math.max(from, at - 160), at + 1)
              .filter((x) => !x.inQuote && x.kind !== 'place')
              .pop();
      if (mention) return this.issuerFromMention(mention, Math.max(from, at - 160));
      if (k === 0) {
        const after = at + last[0].length;
        const body = namedBody(this.text.slice(after, after + 120));
        if (body) return this.bodyAttribution(body, after);
      }
    }
    return null;
  }

  private lastIssuer: Attribution | null = null;
  /** The last quote given to a document's issuer, and where it opened. */
  private lastDocument: { at: number; attribution: Attribution } | null = null;

  /** "a national advisory committee ... the committee": the fuller description given earlier, if any. */
  private describedBody(noun: string, at: number): string | null {
    if (/\s/.test(noun)) return null;
    const from = Math.max(0, at - 3000);
    const re = new RegExp(`\\b(?:[Tt]he|[Aa]n?)\\s+((?:[\\p{Ll}-]+\\s+){1,3})${noun}\\b`, 'gu');
    let found: string | null = null;
    for (const m of this.text.slice(from, at).matchAll(re)) {
      const modifiers = m[1]!.trim().split(/\s+/);
      while (modifiers.length && GENERIC_MODIFIERS.has(modifiers[0]!)) modifiers.shift();
      if (modifiers.length && !modifiers.some((w) => GENERIC_MODIFIERS.has(w) || SPEECH_VERBS.has(w)))
        found = `${modifiers.join(' ')} ${noun}`;
    }
    return found;
  }

  /** A body named as a document's issuer: its full name if the article gave one, else as written here. */
  private bodyAttribution(phrase: string, at: number): Attribution {
    const resolved = this.resolvePhrase(phrase, at);
    if (resolved.speaker) return resolved;
    const clean = phrase.trim().replace(/^the\s+/i, '');
    if (/^\p{Lu}/u.test(clean)) return { speaker: clean, role: null, person: null, explicit: true };
    const speaker = this.describedBody(clean, at) ?? `the ${clean}`;
    return { speaker, role: null, person: null, explicit: true };
  }

  private remember(a: Attribution): Attribution {
    this.lastIssuer = a;
    return a;
  }

  /** The organisation or person named, extended over a possessive chain ("the U.N. General Assembly's Third Committee"). */
  private issuerFromMention(m: Mention, from: number): Attribution {
    if (m.kind === 'person') {
      const p = this.names.people[m.person]!;
      return { speaker: p.name, role: p.role, person: p, explicit: true };
    }
    let start = m.start;
    for (const o of this.mentionsIn(from, m.start).reverse()) {
      if (/^['\u2019]s\s+$/.test(this.text.slice(o.end, start)) && o.kind !== 'person') start = o.start;
      else break;
    }
    return { speaker: this.text.slice(start, m.end), role: null, person: null, explicit: true };
  }

  /** Resolves a speaker phrase: a name, a pronoun, a role ("a spokesman for X"), an organisation. */
  resolvePhrase(rawPhrase: string, at: number): Attribution {
    // "A spokeswoman for the ministry said the state government had asked ...": the subject of the
    // outer speech verb reports the whole clause, the quote included.
    const outer = /\s(?:said|says|told)\s/.exec(rawPhrase);
    const phrase = (
      outer && /\p{L}/u.test(rawPhrase.slice(0, outer.index)) ? rawPhrase.slice(0, outer.index) : rawPhrase
    ).replace(/[\s.,;:]+$/, '');
    const trimmedLead = phrase.length - phrase.trimStart().length;
    const clean = phrase.trim();
    const start = at + trimmedLead;
    const end = start + clean.length;
    if (!clean) return NONE;
    const firstWord = clean.split(/\s+/)[0]!;
    if (PRONOUN.test(clean) || (PRONOUN.test(firstWord) && clean.split(/\s+/).length <= 2)) {
      return this.resolvePronoun(firstWord.toLowerCase(), start);
    }
    // "The paper's authors wrote": the authors of a document, as the article names them.
    const authors = /^the\s+(\p{Ll}+)['\u2019]s\s+(authors|researchers|editors|drafters)$/iu.exec(clean);
    if (authors && (DOCUMENT_NOUNS.has(authors[1]!) || authors[1] === 'paper'))
      return { speaker: `the ${authors[1]}'s ${authors[2]}`, role: null, person: null, explicit: true };
    const inPhrase = this.mentionsIn(start, end).filter((m) => !m.inQuote);
    // The head of the phrase decides: "a spokesman for Jones" is not Jones.
    const headEnd = headBoundary(clean);
    // "Jones's lawyer, Tom Brown": a possessive names someone else.
    const person = inPhrase.find(
      (m) =>
        m.kind === 'person' &&
        m.start - start < headEnd &&
        !/^['\u2019]s\b/.test(this.text.slice(m.end, m.end + 3)),
    );
    if (person) {
      const p = this.names.people[person.person]!;
      return { speaker: p.name, role: p.role, person: p, explicit: true };
    }
    const words = clean
      .toLowerCase()
      .split(/[^\p{L}-]+/u)
      .filter(Boolean);
    const headWords = clean
      .slice(0, headEnd)
      .toLowerCase()
      .split(/[^\p{L}-]+/u)
      .filter(Boolean);
    if (headWords.some((w) => DOCUMENT_NOUNS.has(w)) && !headWords.some((w) => ROLE_NOUNS.has(w))) {
      // "according to a statement from the company": the issuer is named after the document noun.
      const doc = /\p{L}+/gu;
      let docAt = end;
      for (let m = doc.exec(clean); m; m = doc.exec(clean)) {
        if (DOCUMENT_NOUNS.has(m[0].toLowerCase())) {
          docAt = start + m.index;
          break;
        }
      }
      return this.issuer(start, docAt, docAt);
    }
    const roleWord = headWords.find((w) => ROLE_NOUNS.has(w));
    if (roleWord) {
      const definite = /^(?:the|this|that)\s/i.test(clean);
      if (definite) {
        const known = this.personWithRole(roleWord, start);
        if (known) return { speaker: known.name, role: known.role, person: known, explicit: true };
        // "the spokesperson wrote" after "a Glenmoor Water spokesperson said": the same unnamed voice.
        const described = /^spokes(?:man|woman|person)$/.test(roleWord)
          ? this.describedSpokesperson(start)
          : null;
        if (described) return { speaker: null, role: described, person: null, explicit: true };
      }
      return { speaker: null, role: cleanRole(clean), person: null, explicit: true };
    }
    // "China's foreign ministry said": the body named by a possessive and a common noun, verbatim.
    const possessed =
      /^(?:the\s+)?\p{Lu}[\p{L}.-]*(?:\s\p{Lu}[\p{L}.-]*){0,3}['\u2019]s\s+(?:[\p{Ll}-]+\s+){0,3}([\p{Ll}]+)$/u.exec(
        clean,
      );
    if (possessed && ORG_NOUNS.has(possessed[1]!))
      return { speaker: clean.replace(/^the\s+/i, ''), role: null, person: null, explicit: true };
    const org = inPhrase.find((m) => (m.kind === 'org' || m.kind === 'place') && m.start - start < headEnd);
    if (org && (words.length <= (org.kind === 'place' ? 3 : 8) || org.start - start <= 4)) {
      // "the FBI's Art Crime Team": the possessive chain names the body.
      if (org.kind === 'org') {
        let head = org;
        for (const next of inPhrase) {
          if (
            next.start > head.end &&
            /^['\u2019]s\s+$/.test(this.text.slice(head.end, next.start)) &&
            next.kind === 'org'
          )
            head = next;
        }
        return { ...this.issuerFromMention(head, start), explicit: true };
      }
      return { speaker: org.name, role: null, person: null, explicit: true };
    }
    const definite = /^the\s+(?:[\p{L}\d-]+\s+){0,2}([\p{L}\d-]+)$/iu.exec(clean);
    if (definite) {
      const head = definite[1]!.toLowerCase();
      // "the company said", "the ministry said": the organisation named earlier.
      if (ORG_NOUNS.has(head) || ORG_KEYWORDS.has(head)) {
        // A news agency in the dateline "(Reuters)" is the reporter, never the company meant.
        const named =
          this.orgNamed(head, start) ?? (BUSINESS_NOUNS.has(head) ? this.lastSubjectBody(start) : undefined);
        // "the committee said in the minutes": a body that issues documents speaks as the article names it.
        const body =
          !named && BODY_NOUNS.has(head)
            ? ((/^the\s+\p{L}+$/iu.test(clean) ? this.describedBody(head, start) : null) ??
              clean.replace(/^the\s+/i, 'the '))
            : null;
        return { speaker: named ?? body, role: null, person: null, explicit: true };
      }
      // "the 47-year-old said": a definite description of someone just named.
      if (!head.endsWith('s') && !inPhrase.length) {
        const recent = this.lastMention(start, (m) => m.kind === 'person' && !m.inQuote && m.subject);
        if (recent && recent.paragraph >= this.paragraphOf(start) - 1) {
          const p = this.names.people[recent.person]!;
          return { speaker: p.name, role: p.role, person: p, explicit: true };
        }
      }
    }
    if (
      words.length >= 2 &&
      words.length <= 4 &&
      clean.split(/\s+/).every((w) => /^\p{Lu}/u.test(w)) &&
      !/^(?:The|A|An)\s/.test(clean) &&
      !QUANTIFIERS.has(clean.split(/\s+/)[0]!)
    ) {
      return { speaker: clean, role: null, person: null, explicit: true };
    }
    // "Lufthansa said": a lone name that is no common word is an organisation or a person speaking.
    if (/^\p{Lu}[\p{L}&'-]+$/u.test(clean) && isProperWord(clean)) {
      return { speaker: clean, role: null, person: null, explicit: true };
    }
    return { ...NONE, explicit: true };
  }

  private resolvePronoun(pronoun: string, at: number): Attribution {
    if (pronoun === 'i' || pronoun === 'we' || pronoun === 'they') return { ...NONE, explicit: true };
    if (pronoun === 'it') {
      // '"...," the report said. It added: "..."': the document just quoted goes on.
      const doc = this.lastDocument;
      if (doc && doc.at < at && this.paragraphOf(doc.at) >= this.paragraphOf(at) - 1)
        return { ...doc.attribution, explicit: true };
      const org = this.lastMention(at, (m) => m.kind === 'org');
      return { speaker: org ? org.name : null, role: null, person: null, explicit: true };
    }
    const gender = pronoun === 'he' ? 'm' : 'f';
    const compatible = (m: Mention) => {
      if (m.kind !== 'person' || m.inQuote) return false;
      const g = this.names.people[m.person]!.gender;
      return !g || g === gender;
    };
    // Salience: the subject of the paragraph's opening sentence, then the last person seen speaking,
    // then the nearest subject; a person merely mentioned in between does not take the quote.
    const subject = this.lastMention(at, (m) => compatible(m) && m.subject);
    const speaker = this.lastSpeakerBefore(at, (id) => {
      const g = this.names.people[id]!.gender;
      return !g || g === gender;
    });
    const here = this.sentenceAt(at);
    const opening = here ? this.sentences[this.paragraphFirstSentence.get(here.paragraph)!] : undefined;
    const paragraphLead = opening
      ? this.mentionsIn(opening.start, Math.min(opening.end, at)).find((m) => compatible(m) && m.subject)
      : undefined;
    // "A spokeswoman for the ministry said ... 'We ...,' she said": an unnamed speaker just before.
    const unnamed = this.unnamedSpeakerBefore(at, gender);
    if (unnamed && (!subject || subject.start < unnamed.from) && (!speaker || speaker.at < unnamed.from))
      return { speaker: null, role: unnamed.role, person: null, explicit: true };
    let chosen: number | null = null;
    if (subject && speaker && subject.person === speaker.person) chosen = subject.person;
    else if (speaker && here && speaker.paragraph === here.paragraph) chosen = speaker.person;
    else if (paragraphLead) chosen = paragraphLead.person;
    else if (speaker) chosen = speaker.person;
    else if (subject) chosen = subject.person;
    else chosen = this.lastMention(at, compatible)?.person ?? null;
    if (chosen === null) return { ...NONE, explicit: true };
    const any = { person: chosen };
    const p = this.names.people[any.person]!;
    if (!p.gender) p.gender = gender;
    return { speaker: p.name, role: p.role, person: p, explicit: true };
  }

  /** The speaker of an indirect-speech sentence ("Smith said the plan would fail."), if it has one. */
  narratedSpeaker(from: number, to: number): Attribution | null {
    const sentence = this.text.slice(from, to);
    if (/["\u201c\u201d\u00ab\u00bb]/.test(sentence)) return null;
    // "Smith put it this way:" then the quote in the next paragraph.
    if (/:\s*$/.test(sentence)) {
      const introduced = this.colonIntroduction(sentence, from);
      return introduced?.speaker ? { ...introduced, explicit: false } : null;
    }
    if (!CORE_VERB.test(sentence)) return null;
    const r = this.attributionBefore(sentence.replace(/[\s.!?]+$/, ''), from);
    return r?.speaker ? { ...r, explicit: false } : null;
  }

  /**
   * The person a paragraph opens by introducing (first named there, as the subject of its first
   * sentence), when the next paragraph is a quote with no attribution of its own.
   */
  /**
   * "A letter of apology from Clew Bay General Hospital, signed by its manager, was read to the court."
   * then the letter in quote-only paragraphs: the document's issuer speaks.
   */
  documentIntroducedBefore(c: QuoteCandidate): Attribution | null {
    const previous = this.sentences[c.sentence - 1];
    if (!previous || previous.paragraph !== c.paragraph - 1) return null;
    if (/["\u201c\u201d]/.test(previous.text)) return null;
    const doc = lastDocumentNoun(previous.text);
    if (
      !doc ||
      !/\b(?:was|were|is|are)\s+(?:read|released|published|sent|issued|posted|shared)\b|\breads?\b|:\s*$/.test(
        previous.text,
      )
    )
      return null;
    const docAt = previous.start + doc.index;
    // "X sent appropriators a letter Monday. The letter states:": the document introduced with its issuer.
    if (/:\s*$/.test(previous.text) && /\b(?:the|its|their)\s+$/iu.test(previous.text.slice(0, doc.index))) {
      const noun = /^\p{L}+/u.exec(previous.text.slice(doc.index))?.[0] ?? '';
      const introduced = this.introducedIssuer(noun, docAt);
      if (introduced?.speaker) return { ...introduced, explicit: false };
    }
    // Only a document named with its issuer ("a letter of apology from X", "a statement by X").
    if (
      !/^\p{L}+\s+(?:of\s+\p{L}+\s+)?(?:(?:issued|released|published|signed|sent|written)\s+)?(?:from|by)\s+\p{Lu}/u.test(
        previous.text.slice(doc.index),
      )
    )
      return null;
    const issued = this.issuer(previous.start, previous.end, docAt);
    return issued.speaker ? { ...issued, explicit: false } : null;
  }

  introducedBefore(paragraph: number): Attribution | null {
    const first = this.paragraphFirstSentence.get(paragraph - 1);
    if (first === undefined) return null;
    const opening = this.sentences[first]!;
    const whole = this.sentences.filter((x) => x.paragraph === paragraph - 1);
    const last = whole[whole.length - 1] ?? opening;
    if (
      /["\u201c\u201d\u2018\u2019]/.test(
        this.text.slice(opening.start, last.end).replace(/\b['\u2019]\b|s['\u2019]/gu, ''),
      )
    )
      return null;
    const lead = this.mentionsIn(opening.start, opening.end).find((m) => !m.inQuote);
    if (lead?.kind !== 'person' || !lead.subject) return null;
    if (!/^\W*$/.test(this.text.slice(opening.start, lead.start))) return null;
    const p = this.names.people[lead.person]!;
    return { speaker: p.name, role: p.role, person: p, explicit: false };
  }

  /** The role of an unnamed person reported speaking in the sentence before `at` (same or previous paragraph). */
  private unnamedSpeakerBefore(at: number, gender: 'm' | 'f'): { role: string; from: number } | null {
    const here = this.sentenceAt(at);
    if (!here) return null;
    const previous = this.sentences[here.index - 1];
    if (!previous || previous.paragraph < here.paragraph - 1) return null;
    const body = previous.text.replace(/[\s.!?]+$/, '');
    if (/["\u201c\u201d]/.test(body) || !CORE_VERB.test(body)) return null;
    const r = this.attributionBefore(body, previous.start);
    if (!r || r.speaker || !r.role) return null;
    const g = genderOfRole(r.role);
    if (g && g !== gender) return null;
    return { role: r.role, from: previous.start };
  }

  private sentenceAt(offset: number): Sentence | undefined {
    let lo = 0;
    let hi = this.sentences.length - 1;
    if (hi < 0) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.sentences[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.sentences[lo];
  }

  private paragraphOf(offset: number): number {
    const i = this.firstMentionAtOrAfter(offset);
    return this.mentions[i]?.paragraph ?? this.mentions[i - 1]?.paragraph ?? 0;
  }

  private personWithRole(roleWord: string, at: number): PersonRecord | null {
    const m = this.lastMention(at, (x) => {
      if (x.kind !== 'person') return false;
      const role = this.names.people[x.person]!.role;
      return (
        !!role &&
        role
          .toLowerCase()
          .split(/[^\p{L}-]+/u)
          .includes(roleWord)
      );
    });
    return m ? this.names.people[m.person]! : null;
  }

  /**
   * The latest "a <Body> spokesperson" / "a spokesperson for <Body>" in the three paragraphs before `at`;
   * the body's name may hold "of" ("the Georgia Secretary of State's office").
   */
  private describedSpokesperson(at: number): string | null {
    const here = this.sentenceAt(at);
    const from = Math.max(0, at - 1500);
    const re =
      /\b(?:[Aa]n?|[Oo]ne)\s+((?:\p{Lu}[\p{L}.&'\u2019-]*\s+){1,5}spokes(?:man|woman|person)|spokes(?:man|woman|person)\s+(?:for|of|at)\s+(?:the\s+)?\p{Lu}[\p{L}.&'\u2019-]*(?:\s+(?:(?:of|for|and)\s+(?:the\s+)?)?\p{Lu}[\p{L}.&'\u2019-]*){0,4}(?:\s+(?:office|department|campaign))?)/gu;
    let found: RegExpExecArray | null = null;
    for (let m = re.exec(this.text.slice(from, at)); m; m = re.exec(this.text.slice(from, at))) found = m;
    if (!found) return null;
    const where = this.sentenceAt(from + found.index);
    if (here && where && where.paragraph < here.paragraph - 3) return null;
    return found[1]!.replace(/\s+/g, ' ').trim();
  }

  /** The latest organisation before `at` that was the subject of its clause, however far back. */
  private lastSubjectBody(at: number): string | undefined {
    this.subjectBodies ??= this.mentions.filter(
      (x) => x.kind === 'org' && !x.inQuote && x.subject && this.text[x.start - 1] !== '(',
    );
    return lastBefore(this.subjectBodies, at)?.name;
  }

  /** Organisations outside quotes, by each lower-cased word of their names: looked up, not scanned. */
  private orgsByWord(): Map<string, Mention[]> {
    if (!this.orgWords) {
      this.orgWords = new Map();
      for (const x of this.mentions) {
        if (x.kind !== 'org' || x.inQuote) continue;
        const lower = x.name.toLowerCase();
        for (const word of new Set(lower.split(/\s+/))) {
          if (word === lower) continue;
          const list = this.orgWords.get(word) ?? [];
          list.push(x);
          this.orgWords.set(word, list);
        }
      }
    }
    return this.orgWords;
  }

  /** The nearest organisation named outside quotes before `at` whose name has the keyword ("the court"). */
  private orgNamed(keyword: string, at: number): string | null {
    const k = keyword.toLowerCase();
    const m = this.lastMention(
      at,
      // "Board president Whitfield": the common noun capitalised at a sentence start names no body.
      (x) =>
        x.kind === 'org' &&
        !x.inQuote &&
        x.name.toLowerCase() !== k &&
        x.name.toLowerCase().split(/\s+/).includes(k),
    );
    if (m) return m.name;
    // Further back than the recent window, but never a body the article names only later.
    return lastBefore(this.orgsByWord().get(k) ?? [], at)?.name ?? null;
  }

  private lastMention(at: number, accept: (m: Mention) => boolean): Mention | null {
    let i = this.firstMentionAtOrAfter(at) - 1;
    const limitParagraph = (this.mentions[i]?.paragraph ?? 0) - 4;
    for (let steps = 0; i >= 0 && steps < 60; i--, steps++) {
      const m = this.mentions[i]!;
      if (m.paragraph < limitParagraph) break;
      if (accept(m)) return m;
    }
    return null;
  }

  private mentionsIn(from: number, to: number): Mention[] {
    const out: Mention[] = [];
    for (let i = this.firstMentionAtOrAfter(from); i < this.mentions.length; i++) {
      const m = this.mentions[i]!;
      if (m.start >= to) break;
      out.push(m);
    }
    return out;
  }

  private firstMentionAtOrAfter(offset: number): number {
    return firstAtOrAfter(this.mentions, offset);
  }
}

const GROUP_NOUNS = new Set(
  `critics officials analysts residents police authorities doctors witnesses experts economists investors
  traders protesters demonstrators lawmakers legislators democrats republicans observers diplomats sources
  scientists researchers workers employees parents students teachers voters fans activists villagers
  survivors rescuers firefighters soldiers troops officers organisers organizers members leaders people
  others some many both several most few all executives prosecutors lawyers judges ministers delegates
  negotiators campaigners environmentalists farmers families relatives neighbours neighbors locals
  supporters opponents rebels militants insurgents unions companies banks markets shares`.split(/\s+/),
);

// Words that qualify a body without naming it ("the same committee", "a new board").
const GENERIC_MODIFIERS = new Set(
  `same new full whole other entire first second last next previous former current special separate
  own its their his her this that which whose`.split(/\s+/),
);

// Bodies that deliberate and issue documents (minutes, reports, rulings) in their own name.
const BODY_NOUNS = new Set(
  'committee board panel court council commission tribunal jury inquiry subcommittee'.split(' '),
);

/** "the committee", "the school board": a definite phrase headed by a body noun. */
function isBodyPhrase(phrase: string): boolean {
  const head = /(\p{L}+)\s*$/u.exec(phrase)?.[1]?.toLowerCase() ?? '';
  return BODY_NOUNS.has(head) || ORG_NOUNS.has(head) || ORG_KEYWORDS.has(head);
}

/** "the Air Accidents Investigation Branch ..." or "the safety board ...": the body named at the start of `s`. */
/** "Utah's Great Salt Lake commissioner's office": the body named after a place's possessive, up to its noun. */
function possessedBody(s: string): string | null {
  const m =
    /^(?:the\s+)?\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*)*['\u2019]s\s+((?:\p{Lu}[\p{L}.&-]*\s+){0,4}(?:[\p{Ll}-]+['\u2019]s\s+)?(?:[\p{Ll}-]+\s+){0,2}?([\p{Ll}-]+))(?=[\s,.;]|$)/u.exec(
      s,
    );
  return m && ORG_NOUNS.has(m[2]!) ? m[1]! : null;
}

function namedBody(s: string): string | null {
  const proper =
    /^(?:the\s+)?(\p{Lu}[\p{L}.&'-]*(?:\s+(?:(?:of|for|and|on)\s+(?:the\s+)?)?\p{Lu}[\p{L}.&'-]*)*)/u.exec(s);
  if (proper && /\s/.test(proper[1]!)) return proper[1]!;
  const common = /^(the\s+(?:[\p{Ll}-]+\s+){0,2}?[\p{Ll}-]+)(?=[\s,.;]|$)/u.exec(s);
  return common && isBodyPhrase(common[1]!) ? common[1]! : null;
}

/** "One said", "Another told reporters", "Two Labour MPs said": a count of unnamed people, never a name. */
const QUANTIFIERS = new Set(
  `One Two Three Four Five Six Seven Eight Nine Ten Another Some Several Many Few Both Others Most Each`.split(
    ' ',
  ),
);

/** A capitalised word that is a name rather than a common word written at a sentence start. */
function isProperWord(word: string): boolean {
  const lower = word.toLowerCase();
  if (QUANTIFIERS.has(word)) return false;
  if (SENTENCE_OPENERS.has(word) || NON_NAME_CAPITALS.has(word) || NATIONALITIES.has(word)) return false;
  if (GROUP_NOUNS.has(lower) || ROLE_NOUNS.has(lower) || ORG_NOUNS.has(lower)) return false;
  return !(lower.endsWith('s') && ROLE_NOUNS.has(lower.slice(0, -1)));
}

/** Where the head of a noun phrase ends: before "for", "of", "at", "with", a comma. */
function headBoundary(phrase: string): number {
  const m = /\s(?:for|of|at|with|from|in|to|on|who|which|whose)\s/.exec(phrase);
  return m ? m.index : phrase.length;
}

function lastDocumentNoun(before: string): RegExpExecArray | null {
  let found: RegExpExecArray | null = null;
  // "The minutes ... record that the proposal ...": a document inside the reported clause is not the one speaking.
  const clause =
    /\b(?:said|says|stated|states|records?|recorded|found|finds|concluded|concludes|wrote|noted|notes)\s+that\b/u.exec(
      before,
    );
  const re = /\b(\p{L}+)\b/gu;
  for (let m = re.exec(before); m; m = re.exec(before)) {
    if (clause && found && m.index > clause.index) break;
    if (DOCUMENT_NOUNS.has(m[1]!.toLowerCase()) && !/^\p{Lu}\p{Ll}/u.test(m[1]!)) found = m;
  }
  return found;
}

function hasPersonVerb(s: string): boolean {
  return (
    /\b(?:he|she|I|we)\s+(?:\p{L}+\s+)?(?:said|says|added|told|asked|wrote|noted)\b/iu.test(s) ||
    /,\s*\p{Lu}\p{L}+\s+(?:said|says)\b/u.test(s)
  );
}

function genderOfRole(role: string): 'm' | 'f' | null {
  if (
    /\b(?:spokeswoman|chairwoman|congresswoman|businesswoman|woman|mother|wife|daughter|sister|widow)\b/i.test(
      role,
    )
  )
    return 'f';
  if (/\b(?:spokesman|chairman|congressman|businessman|man|father|husband|son|brother)\b/i.test(role))
    return 'm';
  return null;
}

function cleanRole(role: string): string {
  return role
    .replace(/,.*$/, '')
    .replace(/^(?:a|an|the|one|another)\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}
