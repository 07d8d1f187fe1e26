import { frontDecode } from './data/front-coding.js';
import givenNames from './data/given-names.json' with { type: 'json' };
import {
  CORE_SPEECH_VERBS,
  EAST_ASIAN_SURNAMES,
  FEMALE_HONORIFICS,
  FEMALE_NAMES,
  GROUP_NOUNS,
  KNOWN_ORGS,
  MALE_HONORIFICS,
  MALE_NAMES,
  MULTIWORD_ORGS,
  MULTIWORD_PLACES,
  NAME_TITLES,
  NATIONALITIES,
  NON_BODY_ACRONYMS,
  NON_NAME_CAPITALS,
  ORG_KEYWORDS,
  ORG_NOUNS,
  PLACES,
  PORTFOLIO_NOUNS,
  ROLE_MODIFIERS,
  ROLE_NOUNS,
  SENTENCE_OPENERS,
  SPEECH_VERBS,
  SURNAME_FIRST_GIVEN,
} from './lexicon.js';
import type { Paragraph, Sentence } from './sentences.js';

/** Given names from a public name corpus: evidence that "Given Surname" is a person, and a gender hint. */
const CORPUS_FEMALE = new Set(frontDecode(givenNames.female));
const CORPUS_MALE = new Set(frontDecode(givenNames.male));

export type Gender = 'm' | 'f' | null;

/** A person named in the article, keyed by the full name as first given. */
export interface PersonRecord {
  id: number;
  name: string;
  role: string | null;
  gender: Gender;
  first: number;
  tokens: string[];
}

/** One occurrence of a name in the body. */
export interface Mention {
  start: number;
  end: number;
  kind: 'person' | 'org' | 'place';
  /** Person id for people; the canonical name for organisations and places. */
  person: number;
  name: string;
  sentence: number;
  paragraph: number;
  inQuote: boolean;
  /** Not the object of a preposition or a possessive: a likely antecedent for "he said". */
  subject: boolean;
}

/** The names found in an article body, in order. */
export interface NameIndex {
  people: PersonRecord[];
  organizations: string[];
  places: string[];
  mentions: Mention[];
}

const TOKEN = String.raw`(?:(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Cmdr|Adm|Prof|Rev|Hon|Pres|Maj|Supt|Insp|Det|Atty|Amb|Brig|Msgr|Fr|Engr|Eng|Mme|Mlle|Ald)\.(?=\s)|(?:\p{Lu}\.){2,}|\p{Lu}\.(?=\s)|(?:al|el|ad|ar|as|an|ash|az|ul)-\p{Lu}[\p{L}\p{M}]*|\p{Lu}[\p{L}\p{M}]*(?:[-\u2013]\p{L}[\p{L}\p{M}]*)*(?:['\u2019](?!s\b)\p{L}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)*)?(?:(?<=s)['\u2019](?=[ \t]+\p{Lu}))?)`;
const CONNECTOR = `(?:of(?: the)?|for(?: the)?|and|&|on|de|da|di|du|del|van|von|der|den|la|le|bin|bint|ibn|al|el)`;
const SEQUENCE = new RegExp(String.raw`${TOKEN}(?:[ \t]+(?:${CONNECTOR}[ \t]+){0,2}${TOKEN})*`, 'gu');
const TOKEN_IN_SEQUENCE = new RegExp(String.raw`${TOKEN}|\b${CONNECTOR}\b|&`, 'gu');

const PLACE_KEYWORDS = new Set(
  `complex plant airport station bridge square palace hall building stadium park river mountain mountains
  island islands sea ocean lake street avenue road zone region province county district city valley
  peninsula strait gulf bay border camp prison base harbor harbour port capital`.split(/\s+/),
);
// "Former Obama speechwriter Jon": a lowercase role noun, then a capitalised name.
const DESCRIBED_ROLE_AFTER = /^[ \t]+\p{Ll}[\p{Ll}-]*(?<!ed|ing)[ \t]+\p{Lu}/u;
// "NSW Department of Climate Change, Energy, the Environment and Water": the owner's capitalised words
// before it and "the" inside the list belong to the name.
const LISTED_PORTFOLIOS =
  /\b(?:(?!The\b)\p{Lu}[\p{L}.'\u2019-]*\s+){0,3}(?:Department|Ministry|Office|Committee|Commission|Agency)\s+(?:of|for)\s+(?:the\s+)?\p{Lu}[\p{L}'\u2019-]*(?:\s+\p{Lu}[\p{L}'\u2019-]*)?(?:,\s+(?:the\s+)?\p{Lu}[\p{L}'\u2019-]*(?:\s+\p{Lu}[\p{L}'\u2019-]*)?)+,?\s+and\s+(?:the\s+)?\p{Lu}[\p{L}'\u2019-]*(?:\s+\p{Lu}[\p{L}'\u2019-]*)*/gu;
const BUILDING_WORDS = new Set(
  'building square street avenue road bridge airport station stadium plaza arena terminal tower'.split(' '),
);
const OTHER_KEYWORDS = new Set(
  `war games olympics summit conference forum festival championship cup election elections revolution
  crisis act day prize award award accords accord protocol doctrine`.split(/\s+/),
);
const COMPASS = new Set([
  'North',
  'South',
  'East',
  'West',
  'Central',
  'Northern',
  'Southern',
  'Eastern',
  'Western',
]);
// "Redbridge United", "Eastfield Rovers": the last word of a sports club's name.
const CLUB_WORDS = new Set('United Rovers Athletic Wanderers Albion FC AFC Hotspur Rangers'.split(' '));
// "One Green councillor", "Two Labour MPs": a count of people opens no name.
const LEADING_COUNTS = new Set(
  'One Two Three Four Five Six Seven Eight Nine Ten Another Some Several Many Few Both'.split(' '),
);
// "the U.S. Attorney's Office", "the Cook County Sheriff's Office": an office named after its holder.
const OFFICE_OWNER =
  /(?:(?!(?:The|A|An)[ \t])\p{Lu}[\p{L}.]*[ \t]+){0,3}(?:Attorney|Prosecutor|Sheriff|Comptroller|Auditor|Treasurer|Coroner|Governor|Mayor|Inspector[ \t]+General|Attorney[ \t]+General|District[ \t]+Attorney|Controller)['\u2019]s[ \t]+$/u;
const OFFICE_WORDS = /^(?:Office|Department|Bureau)\b/u;
const OFFICE_AFTER = /^['\u2019]s[ \t]+(?:Office|Department|Bureau)\b/u;
const PREPOSITIONS = new Set(
  `of to with by for from at on in about against between among into than like as toward towards under
  over after before behind beside near without within upon via including`.split(/\s+/),
);

// "Raghunathan told ET": the one told is the listener, the object of the verb, not a subject.
const LISTENER_VERBS = new Set(['told', 'tells', 'telling', 'tell', 'informed', 'informs']);

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Finds people, organisations and places in the body sentences, in one pass over the text. */
export function indexNames(text: string, paragraphs: Paragraph[], sentences: Sentence[]): NameIndex {
  const index: NameIndex = { people: [], organizations: [], places: [], mentions: [] };
  const byName = new Map<string, PersonRecord>();
  const byToken = new Map<string, PersonRecord>();
  const orgSeen = new Set<string>();
  const noteOrganization = (name: string): void => {
    if (orgSeen.has(name)) return;
    orgSeen.add(name);
    index.organizations.push(name);
  };
  const placeSeen = new Set<string>();

  const lowerWords = new Map<string, boolean>();
  const aloneMidSentence = wordsAloneMidSentence(sentences);
  const shortForms = bracketedShortForms(text);
  for (const body of bodiesBeforeSpokesperson(text)) shortForms.add(body);
  let spanParagraph = -1;
  let spanIndex = 0;
  for (const sentence of sentences) {
    const paragraph = paragraphs[sentence.paragraph]!;
    if (paragraph.index !== spanParagraph) {
      spanParagraph = paragraph.index;
      spanIndex = 0;
    }
    SEQUENCE.lastIndex = 0;
    let body = withoutNicknames(sentence.text);
    const sentenceFrom = index.mentions.length;
    // "the Department for Environment, Food and Rural Affairs": a body whose name lists portfolios with
    // commas is one organisation; the name runs cannot cross a comma, so it is taken whole here.
    for (const listed of body.matchAll(LISTED_PORTFOLIOS)) {
      const start = sentence.start + listed.index;
      const end = start + listed[0].length;
      const name = listed[0];
      noteOrganization(name);
      index.mentions.push({
        start,
        end,
        sentence: sentence.index,
        paragraph: paragraph.index,
        inQuote: paragraph.quoteSpans.some((q) => q.innerStart <= start && end <= q.innerEnd),
        kind: 'org',
        person: -1,
        name,
        subject: isSubject(text, start, end, sentence),
      });
      body = body.slice(0, listed.index) + ' '.repeat(name.length) + body.slice(listed.index + name.length);
    }
    for (let m = SEQUENCE.exec(body); m; m = SEQUENCE.exec(body)) {
      const tokens = tokensOf(m[0], sentence.start + m.index);
      // "No Child Left Behind", "No Labels": a title or a slogan; no one's name begins with "No".
      if (tokens.length >= 2 && tokens[0]!.text === 'No') continue;
      const titled = titledPersonRun(tokens);
      const titledRun = titled?.run ?? null;
      const segments = titled ? [titled.run, ...splitSegments(titled.rest)] : splitSegments(tokens);
      for (const whole of segments) {
        // "Retailer Harwood & Lyle said": a capitalised description opening the sentence names no one.
        const described =
          whole !== titledRun &&
          whole.length >= 3 &&
          DESCRIPTOR_NOUNS.has(whole[0]!.text.toLowerCase()) &&
          /^\W*$/.test(text.slice(sentence.start, whole[0]!.start));
        const trimmed = withoutPostNominal(described ? whole.slice(1) : whole);
        // "super PAC Priorities USA Action": the kind of body before its name is no part of it.
        const pac = trimmed.length > 2 && trimmed[0]!.text === 'PAC';
        const segment = pac ? trimmed.slice(1) : trimmed;
        const start = segment[0]!.start;
        const end = segment[segment.length - 1]!.end;
        const name = text.slice(start, end);
        const spans = paragraph.quoteSpans;
        while (spanIndex < spans.length && spans[spanIndex]!.innerEnd < end) spanIndex++;
        const span = spans[spanIndex];
        const inQuote = !!span && span.innerStart <= start && end <= span.innerEnd;
        const base = { start, end, sentence: sentence.index, paragraph: paragraph.index, inQuote };
        const classified =
          segment === titledRun ? 'person' : pac || shortForms.has(name) ? 'org' : classify(segment, name);
        const afterThe =
          classified === 'person' && segment !== titledRun ? namedAfterThe(text, segment) : null;
        const kind =
          afterThe ??
          (classified === 'person' &&
          segment !== titledRun &&
          (namedAfterBodyNoun(text, sentence.start, segment) || namedBeforeWhich(text, segment))
            ? 'org'
            : classified);
        if (kind === 'place') {
          const place = /\p{Ll}/u.test(name) ? name : titleCase(name);
          if (!placeSeen.has(place)) {
            placeSeen.add(place);
            index.places.push(place);
          }
          index.mentions.push({ ...base, kind, person: -1, name, subject: false });
          continue;
        }
        if (kind === 'org') {
          // "the U.S. Attorney's Office": the office of an official is named with its owner.
          const owner = OFFICE_OWNER.exec(text.slice(Math.max(sentence.start, start - 60), start));
          if (owner && OFFICE_WORDS.test(name)) {
            const full = text.slice(start - owner[0].length, end);
            noteOrganization(full);
            index.mentions.push({
              ...base,
              start: start - owner[0].length,
              kind,
              person: -1,
              name: full,
              subject: isSubject(text, start - owner[0].length, end, sentence),
            });
            continue;
          }
          // "Regional Trial Court Branch 94", "Teamsters Local 727": the number is part of the name.
          const numbered = /^(?:Branch|Local|Precinct|Division|Unit|Station|Lodge|Chapter)$/.test(
            segment[segment.length - 1]!.text,
          )
            ? /^[ \t]\d{1,4}\b/.exec(text.slice(end, end + 6))
            : null;
          const orgEnd = numbered ? end + numbered[0].length : end;
          // "Iraq's Ministry of Foreign Affairs": a ministry is named with the country it belongs to.
          const country = /(\p{Lu}[\p{L}.]*(?:[ \t]\p{Lu}[\p{L}.]*)?)['\u2019]s[ \t]+$/u.exec(
            text.slice(Math.max(sentence.start, start - 40), start),
          );
          const ownedBy =
            country &&
            PLACES.has(country[1]!) &&
            /^(?:Ministry|Department|Embassy|Foreign|Defen[cs]e)\b/.test(name)
              ? country[0]
              : '';
          // "the 9th U.S. Circuit Court of Appeals": the ordinal before a body's name is part of it.
          const ordinal =
            ownedBy || segment.length < 2
              ? null
              : /\b\d{1,3}(?:st|nd|rd|th)[ \t]+$/.exec(
                  text.slice(Math.max(sentence.start, start - 8), start),
                );
          const orgStart = start - (ordinal ? ordinal[0].length : ownedBy.length);
          const orgName = text.slice(orgStart, orgEnd);
          noteOrganization(orgName);
          index.mentions.push({
            ...base,
            start: orgStart,
            end: orgEnd,
            kind,
            person: -1,
            name: orgName,
            subject: isSubject(text, orgStart, orgEnd, sentence),
          });
          continue;
        }
        if (kind === 'other') continue;
        // "Former Obama speechwriter Jon Favreau": a modifier and a name before a lowercase role describe
        // the person named next; they are no name themselves.
        if (
          segment.length <= 3 &&
          /^(?:Former|Acting|Interim|Outgoing|Incoming|Then)$/.test(segment[0]!.text) &&
          DESCRIBED_ROLE_AFTER.test(text.slice(end, end + 30))
        )
          continue;
        // "Marlow County Prosecutor's Office": the owner of an office is named with it, above.
        if (OFFICE_AFTER.test(text.slice(end, end + 16)) && isTitleToken(segment[segment.length - 1]!))
          continue;
        const titled = stripTitle(segment);
        const sentenceOpening = /^\W*$/.test(text.slice(sentence.start, start));
        if (titled.title.length === 0 && sentenceOpening && opensWithDescription(titled.rest)) {
          titled.title = titled.rest.slice(0, 1);
          titled.rest = titled.rest.slice(1);
        }
        const cut = titled.rest.findIndex((t, k) => k > 0 && /^(?:of|for|and|on)\b/.test(t.text));
        if (cut > 0) titled.rest = titled.rest.slice(0, cut);
        if (titled.rest.length === 0) continue;
        // "Minister of Works": a portfolio, not a name; "the Mayor said": a title, not a name.
        if (titled.rest.every((t) => PORTFOLIO_NOUNS.has(t.text.toLowerCase()))) continue;
        // "the Georgia Secretary of State's office": an office, not a person called State.
        if (titled.title.length > 0 && titled.rest.length === 1 && titled.rest[0]!.text === 'State') continue;
        if (titled.rest.length === 1 && titled.title.length === 0 && isTitleToken(titled.rest[0]!)) continue;
        // "Regional Chief Manager of GWL", "Municipal Chief Executive": after a title, an acronym or one
        // more title word is no one's name.
        // ("Rep. King", "Dr. King": after an honorific the word is a surname.)
        if (
          titled.rest.length === 1 &&
          !titled.title.some(isHonorific) &&
          (/^\p{Lu}{2,7}$/u.test(titled.rest[0]!.text) || isTitleToken(titled.rest[0]!))
        )
          continue;
        const restStart = titled.rest[0]!.start;
        const restEnd = titled.rest[titled.rest.length - 1]!.end;
        // "Dr Nurul Ain Hasbullah confirmed": an honorific written without a full stop stops the run of
        // capitalised words, yet it still says a person follows, and often which gender.
        const honorific =
          titled.title.length === 0 ? HONORIFIC_BEFORE.exec(text.slice(sentence.start, restStart)) : null;
        let personName = dropNickname(text.slice(restStart, restEnd));
        let person =
          byName.get(personName) ??
          (titled.rest.length === 1 ? byToken.get(personName) : shortFormOf(titled.rest, byToken));
        // "Ms Gallagher" after "Pádraig Gallagher" and "Niamh Gallagher": the title tells the namesakes apart.
        const titleGender = genderOf(honorific ? [tokenOf(honorific[1]!)] : titled.title, []);
        if (person && titleGender && person.gender && person.gender !== titleGender) {
          const surname = person.tokens[person.tokens.length - 1];
          const namesake = index.people.find(
            (q) => q.gender === titleGender && q.tokens[q.tokens.length - 1] === surname,
          );
          // "Dara Ó Máille ... Mr Ó Máille": with no namesake, the honorific corrects a given name that
          // is given to both sexes, and the person stays the same.
          if (namesake || titled.rest.length === 1) person = namesake;
          else person.gender = titleGender;
        }
        // "Tamika Brooks lives ... She said": read once, for the evidence and the gender both.
        const takenUp = !person && titled.rest.length >= 2 ? pronounTakesUp(text, restStart, sentence) : null;
        // "a store in Hamilton, who ... told": one unknown word after "in" or "near" is a place.
        const placeAfterPreposition =
          titled.title.length === 0 &&
          titled.rest.length === 1 &&
          /\b(?:in|near|outside|across|throughout|around)[ \t]+$/.test(
            text.slice(Math.max(sentence.start, restStart - 12), restStart),
          );
        if (!person && placeAfterPreposition) continue;
        if (!person) {
          const evidence =
            titled.title.length > 0 ||
            honorific !== null ||
            looksLikePersonName(titled.rest) ||
            surnameRecursAlone(titled.rest, aloneMidSentence) ||
            nearSpeechVerb(text, restStart, restEnd, sentence) ||
            hasRoleNearby(text, restStart, restEnd, sentence) ||
            takenUp !== null;
          // A lone capitalised word opening a sentence is as likely a plural noun ("Delegates said").
          const lone =
            titled.rest.length === 1 &&
            titled.title.length === 0 &&
            /^\W*$/.test(text.slice(sentence.start, restStart));
          if (lone) {
            const kind = loneNameKind(text, restStart, restEnd, sentence, lowerWords);
            if (kind === 'org') {
              noteOrganization(personName);
              index.mentions.push({
                ...base,
                kind,
                person: -1,
                name: personName,
                subject: isSubject(text, start, end, sentence),
              });
              continue;
            }
            if (kind !== 'person') continue;
            // "Ingeborg Vasquez ... Vasquez said": the full name given earlier, missed for want of evidence.
            const full = fullNameBefore(text, paragraphs[0]?.start ?? 0, restStart, personName);
            if (full) {
              person = byName.get(full);
              if (person) {
                byToken.set(personName, person);
              } else {
                personName = full;
              }
            }
          } else if (!evidence) continue;
        }
        if (!person) {
          const nameTokens =
            personName === text.slice(restStart, restEnd)
              ? titled.rest
              : personName.split(/\s+/).map((t) => ({ text: t, start: restStart, end: restEnd }));
          person = {
            id: index.people.length,
            name: personName,
            role: null,
            gender: genderOf(titled.title, nameTokens) ?? titleGender ?? takenUp,
            first: restStart,
            tokens: nameTokens.map((t) => t.text),
          };
          index.people.push(person);
          byName.set(personName, person);
        }
        for (const t of titled.rest)
          if (t.text.length > 1 && !t.text.endsWith('.')) byToken.set(t.text, person);
        // A bare title ("Rep.", "Senator") gives way to a fuller description found at a later mention.
        if (!person.role || isBareTitle(person.role)) {
          const role =
            portfolioTitle(text, sentence.start, restStart, titled.title) ??
            roleFor(text, restStart, restEnd, sentence, titled.title);
          if (role && (!person.role || !isBareTitle(role))) person.role = role;
        }
        // An honorific says how to address someone, not what they do.
        if (
          person.role &&
          /^(?:mr|mrs|ms|miss|mme|mlle|mx|sir|dame|madam|atty|eng|engr|nana|alhaji|alhaja|hajia)\.?$/i.test(
            person.role,
          )
        )
          person.role = null;
        // "Lagos State commissioner Engr. Ade Cole": the honorific between the role and the name is not the role.
        if (person.role)
          person.role = person.role.replace(
            /\s+(?:Mr|Mrs|Ms|Mme|Dr|Atty|Engr|Eng|Alhaji|Alhaja|Hon)\.?$/,
            '',
          );
        if (!person.gender) person.gender = genderFromRole(person.role);
        index.mentions.push({
          ...base,
          start: restStart,
          end: restEnd,
          kind: 'person',
          person: person.id,
          name: person.name,
          subject: isSubject(text, start, end, sentence),
        });
      }
    }
    // A listed body taken whole above may stand after names the runs found: keep mentions in order.
    if (index.mentions.length > sentenceFrom + 1) {
      const tail = index.mentions.splice(sentenceFrom).sort((a, b) => a.start - b.start);
      index.mentions.push(...tail);
    }
  }
  return index;
}

const ORG_ANAPHORA =
  /\b(?:its|it\s+(?:said|says|added|expected|expects|would|will|has|had|was|is)|the\s+(?:company|carrier|airline|firm|group|bank|lender|maker|manufacturer|retailer|insurer|automaker|operator|network|broadcaster|agency|union|club|team|party|ministry|government|council|court|university|charity|organisation|organization|studio|label|newspaper|website|platform|exchange|fund))\b/i;
const PERSON_ANAPHORA = /\b(?:he|she|his|her|him)\b/i;

/**
 * A lone capitalised word opening a sentence ("Okonkwo, who leads the union, said"; "Lufthansa said")
 * is a name only with evidence: a "who" clause, or a speech verb and then a pronoun or a description
 * that tells a person ("he", "his") from an organisation ("its", "the carrier"). A word also written in
 * lower case elsewhere ("Delegates said", "delegates") is a common noun.
 */
function loneNameKind(
  text: string,
  start: number,
  end: number,
  sentence: Sentence,
  lowerWords: Map<string, boolean>,
): 'person' | 'org' | null {
  const word = text.slice(start, end);
  if (!/^\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?$/u.test(word)) return null;
  if (SENTENCE_OPENERS.has(word) || NON_NAME_CAPITALS.has(word) || NATIONALITIES.has(word)) return null;
  const lower = word.toLowerCase();
  if (ROLE_NOUNS.has(lower) || ORG_NOUNS.has(lower) || ORG_KEYWORDS.has(lower) || PLACE_KEYWORDS.has(lower))
    return null;
  if ((lower.endsWith('s') && ROLE_NOUNS.has(lower.slice(0, -1))) || GROUP_NOUNS.has(lower)) return null;
  let common = lowerWords.get(lower);
  if (common === undefined) {
    common = new RegExp(`\\b${lower}\\b`, 'u').test(text);
    lowerWords.set(lower, common);
  }
  if (common) return null;
  const whoClause = /^\s*,\s*who\s/.test(text.slice(end, end + 8));
  // "Kessler-Rautenbach, the brake maker based in Stuttgart,": an apposition that says what the body is.
  const apposition = /^\s*,\s*(?:the|a|an)\s+([^,]{1,50}),/u.exec(text.slice(end, end + 64));
  const appositionWords = apposition ? apposition[1]!.split(/\s+/).slice(0, 4) : [];
  if (appositionWords.some((w) => ORG_NOUNS.has(w))) return 'org';
  if (!whoClause && !nearSpeechVerb(text, start, end, sentence)) return null;
  const ahead = text.slice(end, Math.min(text.length, sentence.end + 300));
  const org = ORG_ANAPHORA.exec(ahead);
  const person = PERSON_ANAPHORA.exec(ahead);
  if (whoClause || fullNameBefore(text, 0, start, word)) return 'person';
  if (org && (!person || org.index < person.index)) return 'org';
  if (person) return 'person';
  return 'org';
}

// The pairs of the text analysed last (one article at a time; a Map keyed by the text itself).
const FULL_NAMES_BY_TEXT = new Map<string, Map<string, Array<{ name: string; at: number }>>>();

/**
 * The most recent "Given Surname" in the text before `end` whose last word is `surname`. The pairs are
 * collected in one pass per text, so the lookup stays linear in long articles.
 */
function fullNameBefore(text: string, from: number, end: number, surname: string): string | null {
  let pairs = FULL_NAMES_BY_TEXT.get(text);
  if (!pairs) {
    pairs = new Map();
    for (const m of text.matchAll(
      /(?<![\p{L}.])(\p{Lu}\p{Ll}+)\s+(?=(\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?)\b)/gu,
    )) {
      const given = m[1]!;
      const last = m[2]!;
      if (SENTENCE_OPENERS.has(given) || NON_NAME_CAPITALS.has(given) || NATIONALITIES.has(given)) continue;
      if (NAME_TITLES.has(given.toLowerCase()) || ROLE_NOUNS.has(given.toLowerCase())) continue;
      const list = pairs.get(last) ?? [];
      list.push({ name: `${given} ${last}`, at: m.index });
      pairs.set(last, list);
    }
    FULL_NAMES_BY_TEXT.clear();
    FULL_NAMES_BY_TEXT.set(text, pairs);
  }
  const list = pairs.get(surname) ?? [];
  for (let i = list.length - 1; i >= 0; i--) {
    const found = list[i]!;
    if (found.at < end) return found.at >= from ? found.name : null;
  }
  return null;
}

function titleCase(name: string): string {
  return name
    .toLowerCase()
    .replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

function tokensOf(sequence: string, offset: number): Token[] {
  const tokens: Token[] = [];
  TOKEN_IN_SEQUENCE.lastIndex = 0;
  for (let m = TOKEN_IN_SEQUENCE.exec(sequence); m; m = TOKEN_IN_SEQUENCE.exec(sequence)) {
    tokens.push({ text: m[0], start: offset + m.index, end: offset + m.index + m[0].length });
  }
  return tokens;
}

// `Jose "Joey" Mercado`: a nickname in quotation marks between a given name and a surname.
// The opening mark comes before the lookbehind that checks the name ahead of it (the same test, run
// only where a mark is), so the pattern is not tried at every position of every sentence.
const NICKNAME =
  /["\u201c'\u2018](?<=\p{Lu}[\p{L}.'\u2019-]*[ \t]+["\u201c'\u2018])\p{Lu}[\p{L}.'\u2019-]*(?:[ \t]\p{Lu}[\p{L}.'\u2019-]*)?["\u201d'\u2019](?=[ \t]+\p{Lu})/gu;

/** The sentence with quoted nicknames blanked (same length), so the name around them reads as one. */
// "Kao Chih-ming (高志明)": the name in its own script, glossed in brackets, is no part of the name run.
const NATIVE_SCRIPT_GLOSS =
  /[ \t]*\([\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Thai}\p{Script=Devanagari}\s·・-]+\)/gu;

/** What follows a name, a gloss of it in its own script skipped: ", president of ..." after "Kao Chih-ming (高志明)". */
function afterName(text: string, end: number, to: number): string {
  const after = text.slice(end, to);
  const gloss = /^[ \t]*\([^)]{1,40}\)/u.exec(after);
  return gloss && gloss[0].replace(NATIVE_SCRIPT_GLOSS, '') === '' ? after.slice(gloss[0].length) : after;
}

function withoutNicknames(sentence: string): string {
  const blanked = sentence.replace(NICKNAME, (m) => ' '.repeat(m.length));
  return blanked.includes('(') ? blanked.replace(NATIVE_SCRIPT_GLOSS, (m) => ' '.repeat(m.length)) : blanked;
}

function dropNickname(name: string): string {
  return name.replace(NICKNAME, '').replace(/[ \t]{2,}/g, ' ');
}

// "al-Khafaji", "el-Sisi": a particle joined to a capitalised name is part of the name.
const isConnector = (t: Token) => /^(?:\p{Ll}|&$)/u.test(t.text) && !/^\p{Ll}+-\p{Lu}/u.test(t.text);

/** A capitalised past-tense speech verb ("Stated", "Added"); "Said" is also a name (Edward Said, Said Ahmed). */
function invertedSpeechVerb(word: string): boolean {
  const lower = word.toLowerCase();
  return lower !== word && lower !== 'said' && lower.endsWith('ed') && SPEECH_VERBS.has(lower);
}

/** "Jan Kerrigan-Moore": "Jan" before a capitalised word is a given name; the month is "Jan. 4". */
function givenNameJan(tokens: Token[], i: number): boolean {
  const next = tokens[i + 1];
  return (
    tokens[i]!.text === 'Jan' &&
    !!next &&
    /^\p{Lu}\p{Ll}/u.test(next.text) &&
    !NON_NAME_CAPITALS.has(next.text)
  );
}

/** Nouns that describe a company before its name ("Retailer X", "Miner Y"). */
const DESCRIPTOR_NOUNS = new Set(
  'company firm lender carrier airline operator manufacturer maker retailer insurer automaker carmaker broker miner developer builder supermarket grocer chipmaker drugmaker brewer publisher broadcaster'.split(
    ' ',
  ),
);

const CAUSE_MEMBERS = new Set(['Mothers', 'Parents', 'Citizens', 'Students', 'Doctors', 'Lawyers', 'Women']);

/** "Independent Commission Against Corruption", "Mothers Against Drunk Driving": a cause in a body's name. */
function againstInOrg(tokens: Token[], i: number): boolean {
  // "Protect Our Benefits Coalition", "Save Our Schools Alliance": a possessive inside a campaign's name.
  if (
    /^(?:Our|Your|Their|My)$/.test(tokens[i]!.text) &&
    i > 0 &&
    !isConnector(tokens[i - 1]!) &&
    tokens.slice(i + 1).some((t) => ORG_KEYWORDS.has(t.text.toLowerCase()))
  )
    return true;
  return (
    tokens[i]!.text === 'Against' &&
    i > 0 &&
    i + 1 < tokens.length &&
    !isConnector(tokens[i + 1]!) &&
    tokens.slice(0, i).some((t) => ORG_KEYWORDS.has(t.text.toLowerCase()) || CAUSE_MEMBERS.has(t.text))
  );
}

/** Splits a capitalised run at calendar words, function words and nationality adjectives. */
function splitSegments(tokens: Token[]): Token[][] {
  const segments: Token[][] = [];
  let current: Token[] = [];
  const flush = () => {
    while (current.length && isConnector(current[current.length - 1]!)) current.pop();
    while (current.length && (isConnector(current[0]!) || LEADING_COUNTS.has(current[0]!.text)))
      current.shift();
    if (current.length && !(current.length === 1 && COMPASS.has(current[0]!.text))) segments.push(current);
    current = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const pair = `${token.text} ${tokens[i + 1]?.text ?? ''}`;
    const wouldSplit = NATIONALITIES.has(token.text) || NON_NAME_CAPITALS.has(token.text);
    // "New Mexico Ballot Watch", "New York Power Authority": a place opening a body's name stays in it.
    const placeInOrg =
      MULTIWORD_PLACES.has(pair) && tokens.slice(i + 2).some((t) => ORG_KEYWORDS.has(t.text.toLowerCase()));
    if (placeInOrg) {
      current.push(token);
      continue;
    }
    if (wouldSplit && (MULTIWORD_PLACES.has(pair) || MULTIWORD_ORGS.has(pair))) {
      flush();
      current.push(token, tokens[i + 1]!);
      flush();
      i++;
      continue;
    }
    // "Asian Development Bank" keeps its nationality; "South Korean President Moon" does not.
    // "Americans for Border Integrity", "Britons for Europe": a group named for a cause.
    const nationalityInOrg =
      NATIONALITIES.has(token.text) &&
      (tokens.slice(i + 1).some((t) => ORG_KEYWORDS.has(t.text.toLowerCase())) ||
        // "Ministry of Labour", "University of Southern California": the word ends the body's name.
        (tokens[i - 1]?.text === 'of' &&
          tokens[i - 2]?.text !== 'and' &&
          current.some((t) => ORG_KEYWORDS.has(t.text.toLowerCase()))) ||
        (/s$/.test(token.text) && tokens[i + 1]?.text === 'for' && tokens.length > i + 2));
    // "Los Angeles-area Sanders supporters": a place made a description names no one, with the words
    // of the place before it.
    if (/-(?:area|based|born|bred|raised)$/i.test(token.text)) {
      current = [];
      continue;
    }
    // "Stated Stone:", "Added Dunne:": a speech verb opening the sentence before its subject.
    const verbFirst = current.length === 0 && invertedSpeechVerb(token.text);
    const stop =
      verbFirst ||
      (NON_NAME_CAPITALS.has(token.text) && !againstInOrg(tokens, i) && !givenNameJan(tokens, i)) ||
      (NATIONALITIES.has(token.text) && !nationalityInOrg);
    // "The" inside a name ("The Hague") is rare; at a sentence start it is just capitalised.
    if (stop) {
      flush();
      continue;
    }
    current.push(token);
  }
  flush();
  // "Stefano Ruggeri of the National Research Council": a person, then the body they work for.
  const split = segments.flatMap((segment) => {
    const at = segment.findIndex((t, k) => k >= 2 && /^of(?: the)?$/.test(t.text));
    if (at < 0 || at + 1 >= segment.length) return [segment];
    const person = segment.slice(0, at);
    const body = segment.slice(at + 1);
    const plainWord = (t: Token) => {
      const lower = t.text.toLowerCase();
      return (
        !isConnector(t) &&
        !ORG_KEYWORDS.has(lower) &&
        !PLACE_KEYWORDS.has(lower) &&
        !NATIONALITIES.has(t.text) &&
        !NAME_TITLES.has(lower)
      );
    };
    // "Marisol Quintanilla of Hyattsville told WTOP": a person, then the town they come from.
    const employer = body.some((t) => ORG_KEYWORDS.has(t.text.toLowerCase()));
    const hometown =
      isGivenOrForeign(person[0]!.text) && body.length <= 2 && body.every((t) => /^\p{Lu}/u.test(t.text));
    if (person.length > 3 || !person.every(plainWord) || !(employer || hometown)) return [segment];
    // The town is where the person lives, no one who speaks.
    return employer ? [person, body] : [person];
  });
  // "and" joins only inside an organisation's name ("Food and Drug Administration").
  return split.flatMap((segment) => {
    if (!segment.some((t) => t.text === 'and')) return [segment];
    if (segment.some((t) => ORG_KEYWORDS.has(t.text.toLowerCase()))) return [segment];
    const parts: Token[][] = [[]];
    for (const t of segment) {
      if (t.text === 'and') parts.push([]);
      else parts[parts.length - 1]!.push(t);
    }
    return parts
      .map((p) => {
        while (p.length && isConnector(p[p.length - 1]!)) p.pop();
        return p;
      })
      .filter((p) => p.length > 0);
  });
}

// "the National Energy Regulator of South Africa (Nersa)": a name and, in brackets, its short form.
const NAME_THEN_BRACKET =
  /((?:\p{Lu}[\p{L}'\u2019-]*\s+(?:(?:of|for|and|the|on|in)\s+)*){1,8})\((\p{Lu}[\p{L}]{2,9})\)/gu;

const BODY_THEN_SPOKESPERSON =
  /(?<![\p{L}])(?:[Aa]n?|[Tt]he)\s+(\p{Lu}[\p{L}&'\u2019-]+)\s+(?:spokes(?:man|woman|person)|press\s+officer)\b/gu;

/**
 * "An Eskom spokesperson said": a single capitalised word before the spokesperson names the body
 * they speak for, unless the article gives it as someone's surname ("a Trump spokeswoman" after
 * "Donald Trump").
 */
function bodiesBeforeSpokesperson(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(BODY_THEN_SPOKESPERSON)) {
    const word = m[1]!;
    if (isGivenName(word) || PLACES.has(word)) continue;
    const afterGiven = new RegExp(`(\\p{Lu}[\\p{Ll}'\u2019-]+)\\s+${word}(?![\\p{L}])`, 'gu');
    if ([...text.matchAll(afterGiven)].some((g) => isGivenName(g[1]!))) continue;
    out.push(word);
  }
  return out;
}

/**
 * Short forms written in brackets after a name whose initials they spell ("Nersa", "Unesco"): an
 * organisation's, whatever their case; "(Reuters)" or "(Smith)" spell nothing and are left alone.
 */
function bracketedShortForms(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(NAME_THEN_BRACKET)) {
    const initials = m[1]!
      .trim()
      .split(/\s+/)
      .filter((w) => /^\p{Lu}/u.test(w))
      .map((w) => w[0]!.toLowerCase())
      .join('');
    const short = m[2]!.toLowerCase();
    if (short.length >= 3 && initials.endsWith(short)) out.add(m[2]!);
  }
  return out;
}

function classify(segment: Token[], name: string): 'person' | 'org' | 'place' | 'other' {
  const words = segment.map((t) => t.text);
  const lowers = words.map((w) => w.toLowerCase());
  // "Harwood & Lyle": an ampersand joins the names of a firm.
  if (KNOWN_ORGS.has(name) || MULTIWORD_ORGS.has(name) || words.includes('&')) return 'org';
  // "the City of Tshwane said": a municipality named as the body that governs it.
  if (/^(?:City|Town|County|Municipality|Borough|Shire|Village) of \p{Lu}/u.test(name)) return 'org';
  if (MULTIWORD_PLACES.has(name) || (segment.length === 1 && PLACES.has(name))) return 'place';
  // Datelines are written in capitals: "SEOUL", "NEW YORK".
  if (/^[\p{Lu} .'-]+$/u.test(name) && /\p{Lu}{3}/u.test(name)) {
    const titled = titleCase(name);
    if (MULTIWORD_PLACES.has(titled) || PLACES.has(titled)) return 'place';
  }
  // An acronym ("UKHSA", "NATO", "FBI") names an organisation, not a person; "CEO", "IPO" name neither.
  if (segment.length === 1 && NON_BODY_ACRONYMS.has(name)) return 'other';
  if (segment.length === 1 && /^\p{Lu}{2,7}$/u.test(name)) return 'org';
  // "NOAA Fisheries", "BBC Sport": an acronym and a word or two after it name a body, not a person.
  if (
    segment.length <= 3 &&
    /^\p{Lu}{3,7}$/u.test(words[0]!) &&
    !isTitleToken(segment[0]!) &&
    !looksLikePersonName(segment.slice(1)) &&
    words.slice(1).every((w) => /^\p{Lu}\p{Ll}+$/u.test(w) && !isGivenName(w))
  )
    return 'org';
  // "THAN EXPECTED TURNOUT IN IOWA ...": a headline or label set in capitals names no one.
  if (segment.length >= 3 && !/\p{Ll}/u.test(name)) return 'other';
  // "Americans for Border Integrity": a group named for a cause.
  if (segment.length >= 3 && NATIONALITIES.has(words[0]!) && /s$/.test(words[0]!) && lowers[1] === 'for')
    return 'org';
  // "Transport for London", "Health for Wales": a portfolio for a place is a body, not a person.
  if (
    segment.length >= 3 &&
    PORTFOLIO_NOUNS.has(lowers[0]!) &&
    /^(?:for|of)$/.test(lowers[1]!) &&
    PLACES.has(words.slice(2).join(' '))
  )
    return 'org';
  // "the Longworth House Office Building", "Union Station": a building, whatever body it is named for.
  if (
    segment.length > 1 &&
    (BUILDING_WORDS.has(lowers[lowers.length - 1]!) ||
      (segment.length > 2 &&
        BUILDING_WORDS.has(lowers[lowers.length - 2]!) &&
        PLACES.has(words[words.length - 1]!)))
  )
    return 'place';
  // "Wind Energy Ireland", "Transport Infrastructure Ireland": a body named for its field and its country.
  if (
    segment.length >= 2 &&
    PLACES.has(words[words.length - 1]!) &&
    lowers.slice(0, -1).some((w) => ORG_KEYWORDS.has(w) || PORTFOLIO_NOUNS.has(w)) &&
    !lowers.slice(0, -1).some((w) => NAME_TITLES.has(w) || ROLE_NOUNS.has(w)) &&
    !segment.some((t) => isGivenName(t.text) || isInitial(t))
  )
    return 'org';
  if (lowers.some((w) => ORG_KEYWORDS.has(w))) {
    // "Senate Majority Leader Chuck Schumer": an organisation's title before a person's name.
    const titled = stripTitle(segment);
    const rest = titled.rest.map((t) => t.text.toLowerCase());
    if (titled.title.length === 0 || rest.some((w) => ORG_KEYWORDS.has(w))) return 'org';
    // "Department of Health and Social Care": words joined to the body's name are still its name.
    const joint = segment[titled.title.length];
    if (joint && isConnector(joint)) return 'org';
    return 'person';
  }
  const last = lowers[lowers.length - 1]!;
  if (segment.length > 1 && CLUB_WORDS.has(words[words.length - 1]!)) return 'org';
  // "Lake Biwa", "Mount Elgon", "River Nidd": a landform word opening the name.
  if (segment.length >= 2 && segment.length <= 3 && /^(?:Lake|Mount|Mt\.?|River|Cape)$/.test(words[0]!))
    return 'place';
  if (PLACE_KEYWORDS.has(last) && segment.length > 1) return 'place';
  if (lowers.some((w) => OTHER_KEYWORDS.has(w))) return 'other';
  if (segment.length > 1 && words.every((w) => PLACES.has(w) || COMPASS.has(w))) return 'place';
  return 'person';
}

// "the Chicago firm Beckwith Sandler", "the advocacy group Clean Air Now": a body's kind, then its name.
const BODY_NOUN_BEFORE =
  /\b(?:the|a|an|its|their|his|her)\s+(?:[\p{L}.'\u2019-]+\s+){0,3}(?:firm|company|consultancy|start-?up|lender|carrier|airline|manufacturer|maker|retailer|insurer|brokerage|charity|non-?profit|publisher|developer|contractor|supplier|group|network|newspaper|broadcaster|watchdog|coalition|alliance)\s+$/u;

/**
 * "a civilian employee of the Air Force": a capitalised name right after a bare "the" names a thing or a
 * body; a person's name takes no article ("the Rev. Al Sharpton" starts with a title).
 */
function namedAfterThe(text: string, segment: Token[]): 'org' | 'other' | null {
  const first = segment[0]!;
  if (opensPersonName(first)) return null;
  if (!/(?:^|[^\p{L}])the[ \t]+$/u.test(text.slice(Math.max(0, first.start - 5), first.start))) return null;
  // "the Derrymore Hill project", "the Senegalese": a modifier of the noun after it, or a people.
  const next = /^[ \t]+(\p{Ll}+)/u.exec(text.slice(segment[segment.length - 1]!.end))?.[1];
  if (NATIONALITIES.has(first.text) || (next && !CLAUSE_WORDS.has(next) && !SPEECH_VERBS.has(next)))
    return 'other';
  return 'org';
}
/** Words that can follow a body's name when it is the subject or the object, not a modifier. */
const CLAUSE_WORDS = new Set(
  `is was are were has had have will would could can may might must should did does do and or but of in
  on at to for with from by as that which who than about after before since until over under into`.split(
    /\s+/,
  ),
);

/** A capitalised name right after the kind of body it is, unless it opens with a given name or a title. */
function namedAfterBodyNoun(text: string, sentenceStart: number, segment: Token[]): boolean {
  const first = segment[0]!;
  if (opensPersonName(first)) return false;
  return BODY_NOUN_BEFORE.test(text.slice(Math.max(sentenceStart, first.start - 80), first.start));
}

/**
 * "Bonneville Brine Minerals, which extracts potash ...": a thing takes "which", a person "who"; a
 * name of several words that opens no person's name and is followed by ", which" is a body.
 */
function namedBeforeWhich(text: string, segment: Token[]): boolean {
  if (segment.length < 2 || opensPersonName(segment[0]!)) return false;
  return /^,[ \t]+which\b/u.test(
    text.slice(segment[segment.length - 1]!.end, segment[segment.length - 1]!.end + 8),
  );
}

const isInitial = (t: Token) => /^\p{Lu}\.$/u.test(t.text);
/** A given name, an initial or a title: the word a person's name can open with. */
const opensPersonName = (t: Token) => isKnownGivenName(t.text) || isInitial(t) || isTitleToken(t);

function isTitleToken(t: Token): boolean {
  const lower = t.text.toLowerCase();
  return NAME_TITLES.has(lower) || NAME_TITLES.has(lower.replace(/\.$/, '')) || ROLE_NOUNS.has(lower);
}

/** The word that ends a titled name and begins where the person works ("... Goh of the ..."). */
const EMPLOYER_JOIN = /^(?:(?:of|for|at)(?: the)?|on|and|&)$/;

/**
 * "Assistant Secretary of State for East Asian and Pacific Affairs Christopher Hill": a title, however
 * long, followed by a given name or an initial. Returned whole so nationality words do not split it.
 */
function titledPersonRun(tokens: Token[]): { run: Token[]; rest: Token[] } | null {
  let given = -1;
  for (let k = 1; k < tokens.length - 1; k++) {
    const t = tokens[k]!;
    // "Professor Baek Ji-hoon": a surname written first, before its hyphenated given name.
    const surnameFirst = SURNAME_FIRST_GIVEN.test(tokens[k + 1]!.text);
    if ((isKnownGivenName(t.text) || isInitial(t) || surnameFirst) && !isConnector(tokens[k + 1]!)) {
      given = k;
      break;
    }
  }
  if (given < 0) return null;
  let title = -1;
  for (let k = given - 1; k >= 0; k--) {
    if (isTitleToken(tokens[k]!)) {
      title = k;
      break;
    }
  }
  if (title < 0) return null;
  let start = title;
  while (start > 0 && !isConnector(tokens[start - 1]!) && !NON_NAME_CAPITALS.has(tokens[start - 1]!.text))
    start--;
  if (start > 0 && tokens[start - 1]!.text === 'Under') start--;
  // "Associate Professor Terence Goh of the National University of Singapore": the name ends at "of";
  // what follows is where the person works, a name of its own.
  let cut = given + 1;
  while (cut < tokens.length && !EMPLOYER_JOIN.test(tokens[cut]!.text)) cut++;
  let rest = cut;
  while (rest < tokens.length && isConnector(tokens[rest]!)) rest++;
  return { run: tokens.slice(start, cut), rest: tokens.slice(rest) };
}

/** Splits "Former U.N. Secretary-General Ban Ki-moon" into its title and the name after the last title word. */
function stripTitle(segment: Token[]): { title: Token[]; rest: Token[] } {
  const isTitleWord = (t: Token) => {
    const lower = t.text.toLowerCase();
    return (
      NAME_TITLES.has(lower) ||
      NAME_TITLES.has(lower.replace(/\.$/, '')) ||
      ROLE_NOUNS.has(lower) ||
      PORTFOLIO_NOUNS.has(lower)
    );
  };
  let i = 0;
  // "Alderman Robert Diaz": words before a known given name are a title, unless they are a first given
  // name themselves ("José Luis Ferrer", "Tânia Regina Moura").
  for (let k = 1; k < segment.length - 1; k++) {
    if (isGivenName(segment[k]!.text) || isInitial(segment[k]!)) {
      const title = segment.slice(0, k);
      // "Dwayne P. Lattimore": a plain word before a middle initial is the first name.
      const givenBefore =
        !isTitleWord(title[k - 1]!) &&
        (isGivenOrForeign(title[k - 1]!.text) ||
          (k === 1 && isInitial(segment[k]!) && !isConnector(title[0]!)));
      if (givenBefore) continue;
      if (title.every((t) => !isConnector(t)) || title.some(isTitleWord))
        return { title, rest: segment.slice(k) };
    }
  }
  for (let j = segment.length - 2; j >= 0; j--) {
    if (isTitleWord(segment[j]!)) {
      i = j + 1;
      // "Secretary of State Condoleezza Rice", "Minister for Transport Lim Kok Hwa": the "of X" belongs
      // to the title.
      while (/^(?:of|for)(?: the)?$/.test(segment[i]?.text ?? '') && i + 2 < segment.length) i += 2;
      // "Secretary-General for Civil Protection Nikos Papathanasiou": one more portfolio word before a
      // known given name.
      if (
        i > 1 &&
        i < segment.length - 2 &&
        /^(?:of|for)(?: the)?$/.test(segment[i - 2]!.text) &&
        !isKnownGivenName(segment[i]!.text) &&
        isKnownGivenName(segment[i + 1]!.text)
      )
        i++;
      // "Minister of Water Resources, Haider al-Khafaji": the portfolio runs on.
      while (i < segment.length && PORTFOLIO_NOUNS.has(segment[i]!.text.toLowerCase())) i++;
      break;
    }
  }
  const title = segment.slice(0, i);
  const hasTitleWord = title.some((t) => isTitleWord(t));
  if (!hasTitleWord) return { title: [], rest: segment };
  return {
    title,
    rest: segment.slice(i).filter((t, k, all) => !(k === 0 && isConnector(t)) || all.length === 1),
  };
}

/**
 * "Minister of Works, Transport and Infrastructure Leota Tuimavave": when the words kept before the
 * name are the tail of a portfolio, the role is the whole title.
 */
function portfolioTitle(text: string, from: number, nameStart: number, title: Token[]): string | null {
  if (title.length === 0 || !title.every((t) => PORTFOLIO_NOUNS.has(t.text.toLowerCase()) || isConnector(t)))
    return null;
  const lead =
    /\b((?:(?:Deputy|Associate|Acting|Assistant)\s+)?(?:Minister|Secretary|Commissioner)\s+(?:of|for)\s+[\p{L}\s,&]+?)\s*$/u.exec(
      text.slice(from, nameStart),
    );
  return lead ? lead[1]! : null;
}

/**
 * "Tamika Brooks lives on one of the blocks. She said ...": a name opening a sentence, taken up by
 * "he" or "she" opening the next one, is a person's.
 */
function pronounTakesUp(text: string, start: number, sentence: Sentence): Gender {
  if (!/^\W*$/.test(text.slice(sentence.start, start))) return null;
  const next = /^\s*(He|She)\s+\p{Ll}/u.exec(text.slice(sentence.end, sentence.end + 12));
  return next ? (next[1] === 'He' ? 'm' : 'f') : null;
}

/** Letters after a name that say what someone is, not who: "Michael Tran SC", "Jo Dunne MP". */
const POST_NOMINALS = String.raw`(?:SC|KC|QC|MP|MSP|MLA|MLC|MHA|MNA|MEP|MPP|TD|OBE|MBE|CBE|KBE|DBE|PhD|MD|Esq\.?)`;
const POST_NOMINAL = new RegExp(`^${POST_NOMINALS}$`);
const POST_NOMINAL_AFTER = new RegExp(`^[ \t]+${POST_NOMINALS}(?![\\p{L}])`, 'u');

function withoutPostNominal(segment: Token[]): Token[] {
  return segment.length >= 3 && POST_NOMINAL.test(segment[segment.length - 1]!.text)
    ? segment.slice(0, -1)
    : segment;
}

/** A word as the name lists hold it: lower case, accents stripped ("José" is "jose"). */
function plainName(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A given name in the public name lists, accents aside ("José" is "jose"). */
function isGivenName(word: string): boolean {
  const plain = plainName(word);
  return MALE_NAMES.has(plain) || FEMALE_NAMES.has(plain);
}

/** A given name in our lists or in the larger name corpus. */
function isKnownGivenName(word: string): boolean {
  const plain = plainName(word);
  return isGivenName(word) || CORPUS_MALE.has(plain) || CORPUS_FEMALE.has(plain);
}

/**
 * A known given name, one from the larger name corpus ("Luz Marina"), or a word with letters no English
 * title has ("Tânia", "José").
 */
function isGivenOrForeign(word: string): boolean {
  return isKnownGivenName(word) || /[^\p{ASCII}]/u.test(word);
}

// "Retiree Tan Boon Kiat", "Left-hander Shiraz Baksh": a person noun opening the sentence, before a name.
const PERSON_NOUN_ENDING = /(?:er|ee|or|ist|ian|ant|ent)$/;

/** The first word of a sentence-opening name of three or more words that reads as a description. */
function opensWithDescription(segment: Array<{ text: string }>): boolean {
  const first = segment[0]?.text ?? '';
  return (
    segment.length >= 3 &&
    PERSON_NOUN_ENDING.test(first.toLowerCase()) &&
    !isGivenName(first) &&
    !/[^\p{ASCII}]/u.test(first) &&
    // "Pieter van Aalst": a particle after the first word makes it a given name, not a description.
    !/^(?:van|von|de|da|di|del|der|den|du|la|le|bin|ibn|dos|das)$/.test(segment[1]?.text ?? '')
  );
}

const PLAIN_NAME_WORD = /^\p{Lu}\p{Ll}+(?:[-'\u2019]\p{Lu}?\p{Ll}+)*$/u;

/** Capitalised words standing alone (no capitalised neighbour) after a sentence's first word. */
function wordsAloneMidSentence(sentences: Sentence[]): Set<string> {
  const out = new Set<string>();
  for (const sentence of sentences) {
    SEQUENCE.lastIndex = 0;
    for (let m = SEQUENCE.exec(sentence.text); m; m = SEQUENCE.exec(sentence.text)) {
      if (/^\W*$/.test(sentence.text.slice(0, m.index))) continue;
      if (PLAIN_NAME_WORD.test(m[0])) out.add(m[0]);
    }
  }
  return out;
}

/**
 * "Sant Singh Chatwal, hotelier ... In 2012, Chatwal pleaded": a run of two or three plain capitalised
 * words whose last word the article later uses alone is a person's full name and surname, whatever the
 * given name (the lists of given names are mostly English).
 */
function surnameRecursAlone(tokens: Token[], alone: ReadonlySet<string>): boolean {
  if (tokens.length < 2 || tokens.length > 3) return false;
  if (!tokens.every((t) => PLAIN_NAME_WORD.test(t.text))) return false;
  return alone.has(tokens[tokens.length - 1]!.text);
}

const GENERATIONAL = /^(?:II|III|IV|Jr\.?|Sr\.?)$/;
/** Honorifics and ranks written before a name, with or without a full stop. */
const HONORIFICS =
  'Mr Mrs Ms Miss Mx Madam Mdm Dr Prof Sir Dame Mme Mlle Rev Hon Rep Sen Gov Gen Lt Col Capt Sgt Adm Maj Cllr Clr Cr'.split(
    ' ',
  );
const HONORIFIC_SET = new Set(HONORIFICS);
const HONORIFIC_BEFORE = new RegExp(`(?:^|[^\\p{L}])(${HONORIFICS.join('|')})[ \\t]+$`, 'u');
const isHonorific = (t: Token): boolean => HONORIFIC_SET.has(t.text.replace(/\.$/, ''));
const LEADING_HONORIFIC = new RegExp(`^(?:${HONORIFICS.join('|')})\\.?[ \\t]+(?=\\p{Lu})`, 'u');

/** "Mr Daniel Lim" -> "Daniel Lim", "Madam Siti Rahmah Osman" -> "Siti Rahmah Osman": a name without its honorific. */
export function withoutHonorific(name: string): string {
  return name.replace(LEADING_HONORIFIC, '');
}
const tokenOf = (text: string): Token => ({ text, start: 0, end: 0 });

/**
 * "Ferreira Lima" after "Joaquim Ferreira Lima" (a compound surname), or "Ahmad Fadzil" after "Ahmad
 * Fadzil Karim" (the given names): several words that end or begin the full name of one person already
 * named are that person, not a new name to be proven.
 */
function shortFormOf(tokens: Token[], byToken: ReadonlyMap<string, PersonRecord>): PersonRecord | undefined {
  const person = byToken.get(tokens[tokens.length - 1]!.text);
  if (!person) return undefined;
  // "Amoako Ababio" after "Kwaku Amoako Ababio II": a generational suffix is no part of the surname.
  const full = GENERATIONAL.test(person.tokens[person.tokens.length - 1]!)
    ? person.tokens.slice(0, -1)
    : person.tokens;
  if (full.length <= tokens.length) return undefined;
  const tail = full.slice(full.length - tokens.length);
  // "Van Aalst" opening a sentence is "van Aalst" of "Pieter van Aalst": a particle may be capitalised.
  const same = (a: string, b: string) => a === b || (/^\p{Ll}/u.test(a) && a === b.toLowerCase());
  if (tail.every((t, k) => same(t, tokens[k]!.text))) return person;
  // "Ahmad Fadzil" after "Ahmad Fadzil Karim": a later reference by the given names, as Malay and
  // Indonesian writers shorten a name, is the same person.
  return tokens.length >= 2 && tokens.every((t, k) => t.text === full[k]) ? person : undefined;
}

function looksLikePersonName(tokens: Token[]): boolean {
  const first = tokens[0]!.text.toLowerCase();
  if (MALE_NAMES.has(first) || FEMALE_NAMES.has(first)) return tokens.length >= 2;
  if (isKnownGivenName(first) && tokens.length >= 2 && tokens.length <= 3) return true;
  if (EAST_ASIAN_SURNAMES.has(first) && tokens.length >= 2 && tokens.length <= 3) return true;
  return false;
}

function genderOf(title: Token[], rest: Token[]): Gender {
  for (const t of title) {
    const lower = t.text.toLowerCase();
    if (MALE_HONORIFICS.has(lower)) return 'm';
    if (FEMALE_HONORIFICS.has(lower)) return 'f';
  }
  const first = rest[0]?.text.toLowerCase() ?? '';
  if (rest.length < 2) return null;
  if (MALE_NAMES.has(first) && !FEMALE_NAMES.has(first)) return 'm';
  if (FEMALE_NAMES.has(first) && !MALE_NAMES.has(first)) return 'f';
  if (MALE_NAMES.has(first) || FEMALE_NAMES.has(first)) return null;
  // "Park Min-ji": a surname first, which a list of given names would misread.
  if (EAST_ASIAN_SURNAMES.has(first)) return null;
  const plain = plainName(first);
  if (CORPUS_MALE.has(plain) && !CORPUS_FEMALE.has(plain)) return 'm';
  if (CORPUS_FEMALE.has(plain) && !CORPUS_MALE.has(plain)) return 'f';
  return null;
}

function genderFromRole(role: string | null): Gender {
  if (!role) return null;
  if (
    /\b(?:spokeswoman|chairwoman|congresswoman|businesswoman|mother|wife|daughter|sister|queen|actress|widow)\b/i.test(
      role,
    )
  )
    return 'f';
  if (/\b(?:spokesman|chairman|congressman|businessman|father|husband|son|brother|king)\b/i.test(role))
    return 'm';
  return null;
}

/** True when a speech verb directly follows the name (after an optional appositive) or precedes it. */
function nearSpeechVerb(text: string, start: number, end: number, sentence: Sentence): boolean {
  // "Eoin Mac Carthy SC, told the court": post-nominal letters stand between the name and the verb.
  const after = afterName(text, end, Math.min(sentence.end, end + 160)).replace(POST_NOMINAL_AFTER, '');
  // "The curator, Jane Roe, said": the comma closing an apposition may come straight after the name.
  const multiword = /\s/.test(text.slice(start, end));
  // "Jo Roe, who chairs the board, said": an apposition or a relative clause may sit between.
  const afterMatches = [
    multiword ? /^\s*,\s+(\p{Ll}+)(?:\s+(\p{Ll}+))?/u.exec(after) : null,
    /^(?:\s*,[^,]{1,140},)?\s+(\p{Ll}+)(?:\s+(\p{Ll}+))?/u.exec(after),
  ];
  // "The village head, Rukmini, said": a one-word name in apposition to a role.
  if (!multiword) {
    const role = /\b(\p{Ll}+),\s*$/u.exec(text.slice(Math.max(sentence.start, start - 40), start));
    const verb = /^\s*,\s+(\p{Ll}+)/u.exec(after);
    if (role && ROLE_NOUNS.has(role[1]!) && verb && CORE_SPEECH_VERBS.has(verb[1]!)) return true;
  }
  for (const afterMatch of afterMatches) {
    if (!afterMatch) continue;
    // "Green councillor said": a word before a role noun qualifies the role; it names nobody.
    const adverb = !ROLE_NOUNS.has(afterMatch[1]!) && !ROLE_NOUNS.has(`${afterMatch[1]!}s`);
    if (CORE_SPEECH_VERBS.has(afterMatch[1]!) || (adverb && CORE_SPEECH_VERBS.has(afterMatch[2] ?? '')))
      return true;
  }
  const before = text.slice(Math.max(sentence.start, start - 80), start);
  const closesClause = /^\s*(?:[,.;]|$)/.test(after.slice(0, 3) || '.');
  const beforeMatch = /(\p{Ll}+)\s+$/u.exec(before);
  if (beforeMatch && SPEECH_VERBS.has(beforeMatch[1]!) && closesClause) return true;
  // "said senior advocate Rajendra Kulkarni, appearing for ...": a lower-case role between verb and name.
  const roleBetween = /(\p{Ll}+)((?:\s+[\p{Ll}'\u2019-]+){1,4})\s+$/u.exec(before);
  return (
    !!roleBetween &&
    CORE_SPEECH_VERBS.has(roleBetween[1]!) &&
    closesClause &&
    roleBetween[2]!
      .trim()
      .split(/\s+/)
      .every((w) => !NOT_IN_A_ROLE.has(w))
  );
}

/** Words that end a role before a name: "said on Monday", "said that Jo". */
const NOT_IN_A_ROLE = new Set(
  'on in at to for with by from and but or as when after before if that which who while since than'.split(
    ' ',
  ),
);

function hasRoleNearby(text: string, start: number, end: number, sentence: Sentence): boolean {
  const after = afterName(text, end, Math.min(sentence.end, end + 160));
  const appositive = /^\s*,\s*(?:(a|an|the|who)\s+|\d{1,3},)([^,;]{2,140})/.exec(after);
  if (
    appositive &&
    (containsRoleNoun(appositive[2]!) || (appositive[1] !== 'who' && /\s/.test(text.slice(start, end))))
  )
    return true;
  // "Shanique Barrett, executive director of the ...,": a role without an article, in its first words.
  const bare = /^\s*,\s*(\p{Ll}[\p{L}-]*(?:\s+\p{Ll}[\p{L}-]*){0,3})\s+(?:of|at|for|with)\s/u.exec(after);
  // Every word of it a role or a role's modifier: ", accuses the governor of" is a verb's object.
  const roleWords = bare ? bare[1]!.split(/\s+/) : [];
  if (
    roleWords.some((w) => ROLE_NOUNS.has(w)) &&
    roleWords.every((w) => ROLE_NOUNS.has(w) || ROLE_MODIFIERS.has(w)) &&
    /\s/.test(text.slice(start, end))
  )
    return true;
  const before = text.slice(Math.max(sentence.start, start - 30), start);
  if (/\baccording to\s+$/i.test(before)) return true;
  // "Tuvalu's foreign minister, Simon Kofe, ..."
  const roleComma = /(\p{Ll}+),\s+$/u.exec(before);
  if (roleComma && ROLE_NOUNS.has(roleComma[1]!) && /\s/.test(text.slice(start, end))) return true;
  const word = /(\p{Ll}+)\s+$/u.exec(before);
  return !!word && ROLE_NOUNS.has(word[1]!);
}

function containsRoleNoun(phrase: string): boolean {
  return phrase
    .toLowerCase()
    .split(/[^\p{L}-]+/u)
    .some((w) => ROLE_NOUNS.has(w));
}

/** The role the article gives a person at this mention, or null. */
function roleFor(
  text: string,
  start: number,
  end: number,
  sentence: Sentence,
  title: Token[],
): string | null {
  const after = afterName(text, end, Math.min(sentence.end, end + 240));
  const appositive =
    /^\s*,\s*((?:a|an|the|who\s+is|who\s+was)\s+[^,;]{2,160}?|\p{Ll}[^,;]{0,100}?|[\p{Lu}][^,;]{0,80}?\b(?:spokes(?:man|woman|person)|minister|official|director|chief|executive|envoy|ambassador|president|secretary)\b[^,;]{0,80}?)\s*(?:[,;.]|$)/u.exec(
      after,
    );
  if (appositive) {
    const phrase = appositive[1]!;
    // "Tom Brake, a former MP": an article-led appositive describes the person even without a known role word.
    const described = /^(?:a|an|the)\s/i.test(phrase) && phrase.split(/\s+/).length <= 14;
    if (containsRoleNoun(phrase) || described) return cleanRole(phrase);
  }
  // Roles sit right before the name; a bounded window keeps long sentences linear.
  // "Tom Cole, who heads the Appropriations Committee,": the clause is kept verbatim, "who" included.
  const position = WHO_POSITION.exec(after);
  if (position) return position[1]!.replace(/\s+/g, ' ').trim();
  const before = text.slice(Math.max(sentence.start, start - 240), start);
  const prefix = rolePrefix(before);
  if (prefix) return prefix;
  if (title.length > 0) return cleanRole(text.slice(title[0]!.start, title[title.length - 1]!.end));
  // "..., says the United States' special envoy on ..., Jay Lefkowitz."
  const preceding =
    /(?:^|[,;:(\u2013\u2014]|\s-\s|\b(?:says|said|according to|added|told|adds|stated|explained|noted|argued|warned|insisted|replied|wrote|asked)\b)\s*((?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+[^,;:()]{3,160}?|\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)*['\u2019]s\s+[^,;:()]{3,120}?)\s*,\s*$/u.exec(
      before,
    );
  if (preceding && containsRoleNoun(preceding[1]!)) return cleanRole(preceding[1]!);
  return null;
}

/** Title words written before the name: "Foreign Ministry spokesman", "U.S. Secretary of State". */
function rolePrefix(before: string): string | null {
  const words = before.match(/[^\s]+/g) ?? [];
  let i = words.length - 1;
  if (i < 0) return null;
  const isTitle = (w: string) => {
    const lower = w.toLowerCase();
    return NAME_TITLES.has(lower) || ROLE_NOUNS.has(lower) || NAME_TITLES.has(lower.replace(/\.$/, ''));
  };
  let last = words[i]!;
  if (/[,;:]$/.test(last)) return null;
  if (!isTitle(last)) {
    if (i >= 2 && words[i - 1] === 'of' && isTitle(words[i - 2]!)) i -= 2;
    else return null;
  }
  let from = i;
  while (from > 0) {
    const w = words[from - 1]!;
    if (/[,;:)"\u201d\u2019]$/.test(w) || /["\u201c\u201d]/.test(w)) break;
    const leftIsCapital = /^\p{Lu}/u.test(words[from - 2] ?? '');
    if (
      isTitle(w) ||
      /^\p{Lu}/u.test(w) ||
      w === 'of' ||
      w === 'for' ||
      ORG_KEYWORDS.has(w) ||
      ROLE_MODIFIERS.has(w) ||
      (leftIsCapital &&
        /^\p{Ll}+$/u.test(w) &&
        isTitle(words[from]!) &&
        !/ed$/.test(w) &&
        !SPEECH_VERBS.has(w))
    ) {
      from--;
      continue;
    }
    break;
  }
  while (from <= i && (words[from] === 'of' || words[from] === 'for' || SENTENCE_START.test(words[from]!)))
    from++;
  last = words.slice(from, words.length).join(' ');
  return last ? cleanRole(last) : null;
}

const WHO_POSITION =
  /^\s*,\s*(who\s+(?:heads|headed|leads|led|chairs|chaired|runs|ran|directs|directed|manages|managed|oversees|oversaw|represents|represented|founded|co-founded|owns|coaches|coached|commands|commanded|edits|hosts|presides\s+over|is\s+in\s+charge\s+of)\s+[^,;.]{2,120}?)\s*(?:[,;.]|$)/u;

/** A title on its own, "Rep." or "Senator", says less than a description such as "the top Democrat on ...". */
function isBareTitle(role: string): boolean {
  return /^\p{Lu}\p{Ll}{0,4}\.$/u.test(role) || (!/\s/.test(role) && NAME_TITLES.has(role.toLowerCase()));
}

const SENTENCE_START = /^(?:The|A|An|In|On|At|And|But|As|When|After|Before|Then|Also)$/;

function cleanRole(role: string): string {
  return role
    .replace(/^(?:a|an|the|his|her|their|its|who\s+is|who\s+was)\s+/i, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s,;:]+$/, '')
    .trim();
}

function isSubject(text: string, start: number, end: number, sentence: Sentence): boolean {
  if (/^['\u2019]s\b/.test(text.slice(end, end + 3))) return false;
  const before = text.slice(Math.max(sentence.start, start - 30), start);
  // "a permit from the Utah Division of Water Rights": an article between the preposition and the name.
  const word = /(\p{L}+)\s+(?:the\s+)?$/u.exec(before);
  return !word || !(PREPOSITIONS.has(word[1]!.toLowerCase()) || LISTENER_VERBS.has(word[1]!));
}
