import { FRAMING_VERBS, GROUP_NOUNS, ROLE_NOUNS, SPEECH_VERBS, SURNAME_FIRST_GIVEN } from '../lexicon.js';
import type { Mention, NameIndex } from '../names.js';
import { quickBoundaries } from '../quick-boundaries.js';
import type { QuoteCandidate } from '../quotes.js';
import type { Sentence } from '../sentences.js';

/** What the rule-based attribution said about one quote: the learned scorer weighs it as evidence. */
export interface RuleVerdict {
  speaker: string | null;
  role: string | null;
  /** The attribution was written in the quote's own sentence. */
  explicit: boolean;
  /** The speaker is the issuer of a document the quote comes from. */
  document: boolean;
}

/** One speaker the scorer may pick for a quote: a name (several mentions merged) or nobody. */
export interface SpeakerCandidate {
  /** The full name the email would show; `null` for the "no speaker" candidate. */
  name: string | null;
  role: string | null;
  /** Sparse features: name -> value (binary features have value 1). */
  features: Map<string, number>;
}

const VERBS = [...SPEECH_VERBS].join('|');
const FRAMING = [...FRAMING_VERBS].join('|');
const ADVERB =
  '(?:also|later|then|again|further|previously|recently|earlier|once|often|publicly|privately|separately|simply|has|have|had|would|will)';
// "Ben Oduya of Westbury Securities warned": where someone works may stand between name and verb.
const VERB_AFTER = new RegExp(
  `^(?:\\s+(?:of|at|from)(?:\\s+the)?(?:\\s+\\p{Lu}[\\p{L}&.'\u2019-]*){1,5})?\\s+(?:${ADVERB}\\s+){0,2}(?:${VERBS})\\b`,
  'u',
);
const VERB_AFTER_APPOSITION = new RegExp(
  `^(?:\\s*,[^,"\u201c\u201d]{1,140}){1,3}?,?\\s+(?:${ADVERB}\\s+){0,2}(?:${VERBS})\\b`,
  'u',
);
const FRAMING_AFTER = new RegExp(`^\\s+(?:${ADVERB}\\s+){0,2}(?:${FRAMING})\\b`, 'u');
const VERB_BEFORE = new RegExp(`\\b(?:${VERBS})\\s*,?\\s*$`, 'u');
// `"...," Kelly charged.`: a lower-case past or present verb closing the clause after a name.
const ANY_VERB_AFTER =
  /^\s+(?:\p{Ll}+ly\s+)?\p{Ll}{2,}(?:ed|es|s)\b\s*(?:[.,;:]|$|\p{Lu}|to\b|on\b|in\b|at\b)/u;
const RAW_NAME = "(\\p{Lu}[\\p{L}'\u2019-]+(?:\\s+\\p{Lu}[\\p{L}'\u2019.-]*){0,3})";
const RAW_SUBJECT_VERB = new RegExp(`${RAW_NAME}\\s+(?:${ADVERB}\\s+){0,2}(?:${VERBS})\\b`, 'gu');
const RAW_VERB_SUBJECT = new RegExp(`\\b(?:${VERBS})\\s+${RAW_NAME}`, 'gu');
const NOT_A_NAME =
  /^(?:The|A|An|He|She|They|It|We|I|But|And|In|On|At|This|That|These|Those|His|Her|Their|Its|Our|My|When|While|As|If|After|Before|Asked|Speaking|Mr|Mrs|Ms|Dr|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Another|Some|Several|Many|Few|Both|Others|Most|Each)$/;
const ACCORDING_BEFORE = /\baccording\s+to\s*$/i;
const PREPOSITION_BEFORE =
  /\b(?:to|with|by|for|about|at|of|from|on|against|than|like|as|toward|towards)\s+$/i;
const PRONOUN = /\b(he|she|they|it|we|i)\b/gi;
// "who spoke on condition of anonymity", "she said, asking not to be named", "declined to give her name".
const ANONYMITY = new RegExp(
  `\\b(?:${[
    String.raw`anonymity|anonymously|on\s+background`,
    String.raw`not\s+authori[sz]ed\s+to\s+(?:speak|comment|discuss)`,
    String.raw`(?:asked|asking|requested|requesting|declined|declining)\s+(?:not\s+)?to\s+be\s+(?:named|identified)`,
    String.raw`(?:did|does|would)\s+not\s+(?:want|wish)\s+to\s+be\s+(?:named|identified)`,
    String.raw`(?:declined|declining|refused|refusing|would\s+not|did\s+not\s+want)\s+to\s+give\s+(?:his|her|their)\s+(?:full\s+|last\s+)?name`,
    String.raw`(?:cannot|can['\u2019]t|could\s+not)\s+be\s+(?:named|identified)`,
    String.raw`identified\s+(?:herself|himself|themselves)\s+only`,
    String.raw`(?:gave|giving)\s+only\s+(?:his|her|their)\s+first\s+name`,
  ].join('|')})\\b`,
  'i',
);
const WORD = /[\p{L}']+/gu;
/** "A source close to Ashby", "an aide to the senator", "people familiar with X's plans": someone unnamed near the name. */
const UNNAMED_CLOSE_TO =
  /\b(?:[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Oo]ther)\s+(?:[\p{Ll}-]+\s+){0,2}?(?:sources?|aides?|people|persons?|allies|ally|friends?|associates?|advis[eo]rs?|insiders?|confidantes?|operatives?|strategists?|officials?)\s+(?:close\s+to|familiar\s+with|to|of|for|with|near|in)\s+(?:the\s+)?$/u;

const AUXILIARY =
  /^(?:is|was|are|were|has|had|have|will|would|could|can|should|may|might|must|did|does|do|and|or|but|to|who|which|that|on|in|at|for|of|with|by|from|as|than)$/;

/** "the Iwate case", "the Acme board": the name modifies a noun after it, the noun is what acts. */
function modifiesNoun(text: string, start: number, end: number): boolean {
  if (!/(?:^|\s)(?:the|a|an|its|their|his|her)\s+$/i.test(text.slice(Math.max(0, start - 8), start)))
    return false;
  const next = /^\s+(\p{Ll}+)\b/u.exec(text.slice(end, end + 30))?.[1];
  return next !== undefined && !AUXILIARY.test(next) && !VERB_AFTER.test(text.slice(end, end + 60));
}

/** Candidate mentions in the sentences around a quote, each with the cue features around it. */
export function buildCandidates(
  text: string,
  quoteIndex: number,
  quotes: QuoteCandidate[],
  names: NameIndex,
  sentences: Sentence[],
  mentionsBySentence: Map<number, Mention[]>,
  rules: RuleVerdict[],
  finalSpeakers: Array<string | null>,
  counts: RunningCounts,
): SpeakerCandidate[] {
  const c = quotes[quoteIndex]!;
  const rule = rules[quoteIndex]!;
  const prevQuote = quotes[quoteIndex - 1];
  const prevSpeaker = quoteIndex > 0 ? (finalSpeakers[quoteIndex - 1] ?? null) : null;
  const open = c.span.open;
  const close = c.span.unclosed ? c.span.innerEnd : c.span.close;
  const groups = new Map<string, SpeakerCandidate>();
  const mentionCount = counts.mentionsBefore(open);

  const add = (name: string, role: string | null, f: Map<string, number>): void => {
    const g = groups.get(name);
    if (!g) {
      groups.set(name, { name, role, features: f });
      return;
    }
    // Several mentions of one speaker: keep the strongest value of each feature.
    for (const [k, v] of f) if ((g.features.get(k) ?? 0) < v) g.features.set(k, v);
  };

  const sentenceCount: Record<string, number> = { person: 0, org: 0 };
  const window: Array<{ m: Mention; sd: number }> = [];
  for (let sd = -2; sd <= 1; sd++) {
    const s = sentences[c.sentence + sd];
    if (!s) continue;
    if (s.paragraph < c.paragraph - 1 || s.paragraph > c.paragraph) continue;
    for (const m of mentionsBySentence.get(s.index) ?? []) {
      if (m.inQuote || (m.start >= c.span.innerStart && m.end <= c.span.innerEnd)) continue;
      if (sd === 0 && (m.kind === 'person' || m.kind === 'org')) sentenceCount[m.kind]!++;
      window.push({ m, sd });
    }
  }
  // How often each name was the rules' speaker of an earlier quote: the article's recurring voices.
  const spokeBefore = counts.speakersBefore(quoteIndex);
  // Rank of each mention by closeness to the quote, per side, within the quote's sentence.
  const rank = new Map<Mention, number>();
  const sameSentence = window.filter((w) => w.sd === 0 && w.m.kind !== 'place').map((w) => w.m);
  const beforeList = sameSentence.filter((m) => m.end <= open).sort((a, b) => b.start - a.start);
  const afterList = sameSentence.filter((m) => m.start >= close).sort((a, b) => a.start - b.start);
  for (const [k, m] of beforeList.entries()) rank.set(m, k);
  for (const [k, m] of afterList.entries()) rank.set(m, k);
  const firstInSentence = sameSentence.length
    ? sameSentence.reduce((a, b) => (b.start < a.start ? b : a))
    : null;
  const withVerb = sameSentence.filter((m) => hasSpeechCue(text, m.start, m.end)).length;
  // The nearest mention on each side of the quote within its sentence.
  let nearestBefore: Mention | null = null;
  let nearestAfter: Mention | null = null;
  for (const { m, sd } of window) {
    if (sd !== 0 || m.kind === 'place') continue;
    if (m.end <= open && (!nearestBefore || m.start > nearestBefore.start)) nearestBefore = m;
    if (m.start >= close && (!nearestAfter || m.start < nearestAfter.start)) nearestAfter = m;
  }

  const employers = new Set<string>();
  for (const { m, sd } of window) {
    // "Jane Roe of the Acme Institute said": the body is where the speaker works; she speaks.
    if (m.kind === 'org' && employerOfPerson(text, m, window)) {
      employers.add(m.name);
      continue;
    }
    const name = nameOf(m, names);
    const role = m.kind === 'person' ? (names.people[m.person]?.role ?? null) : null;
    const f = new Map<string, number>();
    const base: string[] = [`kind=${m.kind}`, `sd=${sd}`];
    const side = m.end <= open ? 'before' : m.start >= close ? 'after' : 'inside';
    base.push(`side=${side}`);
    const cues = cuesAround(text, m.start, m.end, open, close, m.paragraph === c.paragraph);
    if (m.subject) cues.push('subject');
    if (UNNAMED_CLOSE_TO.test(text.slice(Math.max(0, m.start - 60), m.start))) cues.push('ofUnnamed');
    if (modifiesNoun(text, m.start, m.end)) cues.push('modifier');
    if (
      AFTER_PRONOUN_SUBJECT.test(
        text.slice(Math.max(sentences[m.sentence]?.start ?? 0, m.start - 80), m.start),
      )
    )
      cues.push('afterPronounSubject');
    if (m === nearestBefore) cues.push('nearestBefore');
    if (m === nearestAfter) cues.push('nearestAfter');
    if (m.paragraph !== c.paragraph) cues.push('prevParagraph');
    if (m.end - m.start > 0 && /\s/.test(text.slice(m.start, m.end))) cues.push('multiword');
    if (m === firstInSentence) cues.push('firstInSentence');
    const r = rank.get(m);
    if (r !== undefined) cues.push(`rank=${Math.min(r, 2)}`);
    const spoke = spokeBefore.get(speakerKey(name)) ?? 0;
    if (spoke > 0) cues.push(spoke > 2 ? 'spokeBefore3+' : 'spokeBefore');
    const verbCue = cues.some(
      (q) => q === 'verbAfter' || q === 'verbBefore' || q === 'accordingTo' || q === 'verbAfterApposition',
    );
    if (verbCue && sd === 0 && withVerb === 1) cues.push('onlyNameWithVerb');
    if (verbCue)
      for (const q of cues.slice()) if (q !== 'verbAfter' && q !== 'verbBefore') cues.push(`verbCue&${q}`);
    if (rule.speaker && sameSpeaker(rule.speaker, name)) {
      cues.push('rule');
      if (rule.explicit) cues.push('ruleExplicit');
      if (rule.document) cues.push('ruleDocument');
    }
    if (prevSpeaker && sameSpeaker(prevSpeaker, name))
      cues.push(prevQuote?.paragraph === c.paragraph ? 'prevSamePara' : 'prev');
    for (const b of base) f.set(b, 1);
    for (const cue of cues) {
      f.set(cue, 1);
      f.set(`${cue}&sd=${sd}`, 1);
      f.set(`${cue}&${m.kind}`, 1);
    }
    f.set(`kind=${m.kind}&sd=${sd}&side=${side}`, 1);
    f.set('salience', Math.min(1, Math.log1p(mentionCount.get(name) ?? 0) / 3));
    f.set('distance', Math.min(1, distanceTo(m, open, close) / 400));
    add(name, role, f);
  }

  /**
   * The cues around a word that refers to a speaker ("he", "the company", "the governor"), with the
   * rules' and the previous quote's agreement, set as `prefix&cue` and `prefix&cue&sd=N` features.
   */
  const referenceCues = (
    prefix: string,
    r: { start: number; end: number; sd: number; name: string },
    sameParagraph: boolean,
    f: Map<string, number>,
  ): string[] => {
    const cues = cuesAround(text, r.start, r.end, open, close, sameParagraph);
    if (rule.speaker && sameSpeaker(rule.speaker, r.name)) cues.push('rule');
    if (prevSpeaker && sameSpeaker(prevSpeaker, r.name)) cues.push('antecedentPrev');
    for (const cue of cues) {
      f.set(`${prefix}&${cue}`, 1);
      f.set(`${prefix}&${cue}&sd=${r.sd}`, 1);
    }
    return cues;
  };

  let topCount = 0;
  for (const n of mentionCount.values()) if (n > topCount) topCount = n;
  for (const p of pronounsAround(text, c, sentences, mentionsBySentence, names)) {
    const f = new Map<string, number>();
    const side = p.end <= open ? 'before' : 'after';
    f.set('kind=pron', 1);
    f.set(`pron=${p.word}`, 1);
    if (!p.cue) f.set('pron&subjectWithoutVerb', 1);
    f.set(`kind=pron&sd=${p.sd}&side=${side}`, 1);
    const cues = referenceCues('pron', p, true, f);
    f.set('pron&antecedentDistance', Math.min(1, p.antecedentDistance / 600));
    f.set(`pron&rank=${p.rank}`, 1);
    if (p.subject) f.set(`pron&antecedentSubject&rank=${p.rank}`, 1);
    if (p.sameSentence) f.set('pron&antecedentSameSentence', 1);
    const spoke = spokeBefore.get(speakerKey(p.name)) ?? 0;
    if (spoke > 0) f.set(`pron&antecedentSpoke&rank=${p.rank}`, 1);
    if (prevSpeaker && sameSpeaker(prevSpeaker, p.name)) f.set(`pron&antecedentPrev&rank=${p.rank}`, 1);
    if (cues.includes('verbAfter') || cues.includes('verbBefore')) f.set(`pron&verb&rank=${p.rank}`, 1);
    // Salience: the article's main figure is the likelier referent than a passer-by mentioned last.
    const seen = mentionCount.get(p.name) ?? 0;
    f.set('pron&salience', Math.min(1, Math.log1p(seen) / 3));
    if (seen > 0 && seen === topCount) f.set(`pron&mostMentioned&rank=${p.rank}`, 1);
    f.set(`pron&gender=${p.gender}&rank=${p.rank}`, 1);
    if (p.speaks) f.set(`pron&antecedentSpeaks&rank=${p.rank}`, 1);
    if (p.object) f.set(`pron&antecedentObject&rank=${p.rank}`, 1);
    if (p.sameParagraph) f.set(`pron&antecedentSameParagraph&rank=${p.rank}`, 1);
    if (p.opensSentence) f.set(`pron&antecedentOpens&rank=${p.rank}`, 1);
    if (p.firstOpener) f.set('pron&latestOpener', 1);
    if (p.opensParagraph) f.set(`pron&antecedentOpensParagraph&rank=${p.rank}`, 1);
    if (p.chain > 0) f.set(`pron&chain&rank=${p.rank}`, Math.min(1, p.chain / 2));
    if (p.unnamedBetween) f.set('pron&unnamedPersonBetween', 1);
    if (p.anonymityBetween) f.set('pron&anonymityBetween', 1);
    add(p.name, p.role, f);
  }

  for (const d of descriptionsAround(text, c, sentences, mentionsBySentence, rule)) {
    const f = new Map<string, number>();
    f.set('kind=desc', 1);
    if (d.document) f.set('desc&document', 1);
    f.set(`kind=desc&sd=${d.sd}`, 1);
    f.set(d.nounInName ? 'desc&nounInName' : d.recent ? 'desc&recentBody' : 'desc&salientBody', 1);
    if (d.salient) f.set('desc&mostNamedBody', 1);
    if (d.unlisted) f.set('desc&unlistedNoun', 1);
    for (const cue of referenceCues('desc', d, d.sameParagraph, f)) {
      // The body is named by the description as by its name: the organisation's own cue weights apply.
      f.set(cue, 1);
      f.set(`${cue}&sd=${d.sd}`, 1);
      f.set(`${cue}&org`, 1);
    }
    f.set('desc&antecedentDistance', Math.min(1, d.antecedentDistance / 1500));
    add(d.name, null, f);
  }

  for (const d of roleDescriptionsAround(text, c, sentences, mentionsBySentence, names)) {
    const f = new Map<string, number>();
    f.set('kind=roleDesc', 1);
    f.set(`kind=roleDesc&sd=${d.sd}`, 1);
    if (d.only) f.set('roleDesc&only', 1);
    referenceCues('roleDesc', d, true, f);
    f.set('roleDesc&antecedentDistance', Math.min(1, d.antecedentDistance / 1500));
    add(d.name, d.role, f);
  }

  for (const raw of rawNamesAround(text, c, sentences)) {
    if ([...groups.keys()].some((k) => sameSpeaker(k, raw.name)) || employers.has(raw.name)) continue;
    const full = names.people.find((p) => p.tokens.length >= 2 && sameSpeaker(p.name, raw.name));
    const f = new Map<string, number>([
      ['kind=raw', 1],
      [`raw&${raw.cue}`, 1],
    ]);
    if (full) f.set('raw&knownPerson', 1);
    if (rule.speaker && sameSpeaker(rule.speaker, raw.name)) f.set('raw&rule', 1);
    if (/\s/.test(raw.name)) f.set('raw&multiword', 1);
    add(full?.name ?? raw.name, full?.role ?? null, f);
  }

  if (rule.speaker && ![...groups.keys()].some((k) => sameSpeaker(k, rule.speaker!))) {
    const f = new Map<string, number>([
      ['kind=ruleOnly', 1],
      [rule.explicit ? 'ruleOnly&explicit' : 'ruleOnly&inherited', 1],
    ]);
    if (rule.document) f.set('ruleOnly&document', 1);
    if (prevSpeaker && sameSpeaker(prevSpeaker, rule.speaker)) f.set('ruleOnly&prev', 1);
    add(rule.speaker, rule.role, f);
  }
  if (prevSpeaker && ![...groups.keys()].some((k) => sameSpeaker(k, prevSpeaker))) {
    const f = new Map<string, number>([['kind=prevOnly', 1]]);
    f.set(prevQuote?.paragraph === c.paragraph ? 'prevOnly&samePara' : 'prevOnly&otherPara', 1);
    if (c.opensParagraph) f.set('prevOnly&opensParagraph', 1);
    add(prevSpeaker, null, f);
  }
  // Prefer the rule's wording of a name it agrees with (its role handling is richer).
  // Not a wording that carries the speaker's employer along ("X of the National Research Council (CNR)").
  const ruleWording = rule.speaker && !/\s(?:of|for|from|at)\s|[()]/.test(rule.speaker) ? rule.speaker : null;
  for (const g of groups.values()) {
    // Not a lone surname over the full name the mentions found ("Baek" for "Baek Ji-hoon").
    const shorter = ruleWording && !/\s/.test(ruleWording) && g.name && /\s/.test(g.name);
    if (ruleWording && g.name && !shorter && sameSpeaker(g.name, ruleWording)) {
      g.name = ruleWording;
      g.role = rule.role ?? g.role;
    }
  }

  // Speakers seldom name themselves: a name the quote mentions is more likely whom it is about.
  const innerWords = new Set(text.slice(c.span.innerStart, c.span.innerEnd).split(/[^\p{L}\p{N}'\u2019-]+/u));
  for (const g of groups.values()) {
    const surname = g.name?.split(/\s+/).at(-1);
    if (surname && surname.length > 2 && innerWords.has(surname)) g.features.set('namedInQuote', 1);
  }

  const sentence = sentences[c.sentence];
  const own = sentence ? text.slice(sentence.start, sentence.end) : '';
  const outside =
    own.slice(0, Math.max(0, open - (sentence?.start ?? 0))) +
    own.slice(Math.max(0, close - (sentence?.start ?? 0)));
  const none = new Map<string, number>([['null', 1]]);
  if (!rule.speaker) none.set(rule.role ? 'null&ruleRole' : 'null&ruleNull', 1);
  if (c.kind === 'partial') none.set('null&partial', 1);
  if (c.opensParagraph) none.set('null&opensParagraph', 1);
  if (!hasWord(outside, SPEECH_VERBS)) none.set('null&noSpeechVerb', 1);
  if (sentenceCount.person === 0 && sentenceCount.org === 0) none.set('null&noNameInSentence', 1);
  if (groups.size === 0) none.set('null&noCandidates', 1);
  if (
    /\b(?:officials?|sources?|aides?|spokes(?:man|woman|person)|people|critics|analysts|experts|observers|supporters|residents)\b/i.test(
      outside,
    )
  )
    none.set('null&unnamedNoun', 1);
  // "who spoke on condition of anonymity", "asked not to be named": the writer says the source is unnamed.
  if (ANONYMITY.test(own)) none.set('null&anonymity', 1);
  // "A clerk, who asked not to be named, told the paper ... 'q,' she said": the unnamed source goes on,
  // in the same paragraph or in a quote opening the next.
  const previous = sentences[c.sentence - 1];
  if (
    previous &&
    (previous.paragraph === c.paragraph || (c.opensParagraph && previous.paragraph === c.paragraph - 1)) &&
    sentenceCount.person === 0 &&
    sentenceCount.org === 0 &&
    ANONYMITY.test(text.slice(previous.start, previous.end))
  )
    none.set('null&anonymityBefore', 1);
  // "One lineman ... said", "a nurse told": someone described by what they do, and not named, speaks.
  if (unnamedRoleSpeaks(outside)) none.set('null&roleSubject', 1);
  const out = [...groups.values()];
  out.push({ name: null, role: rule.speaker ? null : rule.role, features: none });
  return out;
}

// "A nurse said", "A ministry official said", "One senior party official, who ..., said": the noun
// after up to two modifiers, then the verb. One pattern per modifier count, since a lazy count would
// settle on the first reading ("ministry" as the noun) and never try the next.
const DESCRIBED_SUBJECTS = [0, 1, 2].map(
  (k) =>
    new RegExp(
      String.raw`\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:[\p{Ll}-]+\s+){${k}}(\p{Ll}+)\b(?:,[^,]{1,120},)?\s+(\p{Ll}+)`,
      'gu',
    ),
);

function unnamedRoleSpeaks(outside: string): boolean {
  for (const re of DESCRIBED_SUBJECTS)
    for (const m of outside.matchAll(re)) if (ROLE_NOUNS.has(m[1]!) && SPEECH_VERBS.has(m[2]!)) return true;
  return false;
}

function employerOfPerson(text: string, m: Mention, window: Array<{ m: Mention }>): boolean {
  return window.some(
    ({ m: p }) =>
      p.kind === 'person' && p.end <= m.start && /^\s+of(?:\s+the)?\s+$/.test(text.slice(p.end, m.start)),
  );
}

/**
 * Mentions of each name before a point, and earlier speakers, kept up to date as the quotes are
 * visited in text order, so an article costs one pass instead of one pass per quote.
 */
export class RunningCounts {
  private readonly mentions = new Map<string, number>();
  private readonly spoke = new Map<string, number>();
  private nextMention = 0;
  private nextSpeaker = 0;

  constructor(
    private readonly names: NameIndex,
    private readonly speakers: Array<string | null>,
  ) {}

  mentionsBefore(at: number): ReadonlyMap<string, number> {
    const list = this.names.mentions;
    while (this.nextMention < list.length && list[this.nextMention]!.start < at) {
      const m = list[this.nextMention++]!;
      if (m.inQuote) continue;
      const n = nameOf(m, this.names);
      this.mentions.set(n, (this.mentions.get(n) ?? 0) + 1);
    }
    return this.mentions;
  }

  speakersBefore(quoteIndex: number): ReadonlyMap<string, number> {
    while (this.nextSpeaker < quoteIndex) {
      const sp = this.speakers[this.nextSpeaker++];
      if (sp) this.spoke.set(speakerKey(sp), (this.spoke.get(speakerKey(sp)) ?? 0) + 1);
    }
    return this.spoke;
  }
}

function nameOf(m: Mention, names: NameIndex): string {
  return m.kind === 'person' ? (names.people[m.person]?.name ?? m.name) : m.name;
}

/** Two spellings of one speaker: equal, or one is the other's last word ("Lefkowitz", "Jay Lefkowitz"). */
export function sameSpeaker(a: string, b: string): boolean {
  if (a === b) return true;
  const ka = speakerKey(a);
  const kb = speakerKey(b);
  return ka !== '' && ka === kb;
}

const GENERATIONAL_SUFFIX = /^(?:Jr|Sr|II|III|IV|V)\.?$/;

/** The token a speaker is known by: the last word before any comma or parenthesis, lower-cased,
 * past a generational suffix or a surname-first name's given name ("Baek" of "Baek Ji-hoon"). */
export function speakerKey(name: string): string {
  let key = speakerKeys.get(name);
  if (key === undefined) {
    // Called for every pair of names the candidates compare: computed once per name.
    if (speakerKeys.size > 10_000) speakerKeys.clear();
    key = computeSpeakerKey(name);
    speakerKeys.set(name, key);
  }
  return key;
}
const speakerKeys = new Map<string, string>();

function computeSpeakerKey(name: string): string {
  const head = name
    .replace(/\([^)]*\)/g, ' ')
    .split(',')[0]!
    .trim();
  const tokens = head.split(/\s+/).filter(Boolean);
  // "Stan Pate IV", "Ray Dunne Jr.": the generational suffix is not the name a person is known by.
  while (tokens.length > 1 && GENERATIONAL_SUFFIX.test(tokens[tokens.length - 1]!)) tokens.pop();
  if (tokens.length > 1 && SURNAME_FIRST_GIVEN.test(tokens[tokens.length - 1]!)) tokens.pop();
  const last = tokens[tokens.length - 1] ?? '';
  return last
    .toLowerCase()
    .replace(/['\u2019]s$/, '')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

function hasSpeechCue(text: string, start: number, end: number): boolean {
  const after = text.slice(end, end + 200);
  const before = text.slice(Math.max(0, start - 60), start);
  return (
    VERB_AFTER.test(after) ||
    VERB_AFTER_APPOSITION.test(after) ||
    VERB_BEFORE.test(before) ||
    ACCORDING_BEFORE.test(before)
  );
}

function hasWord(s: string, words: ReadonlySet<string>): boolean {
  for (const m of s.toLowerCase().matchAll(WORD)) if (words.has(m[0])) return true;
  return false;
}

function distanceTo(m: { start: number; end: number }, open: number, close: number): number {
  if (m.end <= open) return open - m.end;
  if (m.start >= close) return m.start - close;
  return 0;
}

/** Speech cues around a mention: "X said", "said X", "according to X", "X:", next to the quote or not. */
function cuesAround(
  text: string,
  start: number,
  end: number,
  open: number,
  close: number,
  sameParagraph: boolean,
): string[] {
  const cues: string[] = [];
  const after = text.slice(end, end + 200);
  const before = text.slice(Math.max(0, start - 60), start);
  if (VERB_AFTER.test(after)) cues.push('verbAfter');
  else if (ANY_VERB_AFTER.test(after)) cues.push('anyVerbAfter');
  else if (VERB_AFTER_APPOSITION.test(after)) cues.push('verbAfterApposition');
  if (FRAMING_AFTER.test(after)) cues.push('framingAfter');
  if (VERB_BEFORE.test(before)) cues.push('verbBefore');
  if (ACCORDING_BEFORE.test(before)) cues.push('accordingTo');
  if (PREPOSITION_BEFORE.test(before)) cues.push('afterPreposition');
  if (/^['\u2019]s\b/.test(after)) {
    cues.push('possessive');
    // "the ministry's director of maritime capability told MPs": the body's official, unnamed, speaks.
    const held = /^['\u2019]s\s+((?:[\p{Ll}-]+\s+){0,3}?[\p{Ll}-]+)\s/u.exec(after);
    if (held && !/spokes|press/.test(held[1]!) && held[1]!.split(/\s+/).some((w) => ROLE_NOUNS.has(w)))
      cues.push('possessiveRole');
  }
  if (/^\s*:/.test(after) && open - end < 6) cues.push('colonBeforeQuote');
  if (/^\s*\(/.test(after)) cues.push('parenthesisAfter');
  if (sameParagraph) {
    // The mention touches the quote: `"...," Smith said` or `Smith said, "..."`.
    if (start >= close && start - close <= 4) cues.push('rightAfterQuote');
    if (
      start >= close &&
      start - close <= 15 &&
      /^[\s,\u2014-]*(?:\p{Ll}+\s+)?$/u.test(text.slice(close, start))
    )
      cues.push('verbThenName');
    if (end <= open && open - end <= 30) cues.push('justBeforeQuote');
    if (end <= open && /^[^.!?"\u201c\u201d]{0,40}$/.test(text.slice(end, open)) && VERB_AFTER.test(after))
      cues.push('saysIntoQuote');
  }
  const dash = text.slice(Math.max(0, start - 4), start);
  if (/[\u2014\u2013-]\s*$/.test(dash) && start >= close) cues.push('dashSignature');
  if (/^[\p{Lu}\s.'-]+:/u.test(text.slice(start, end + 2)) && /\p{Lu}{3}/u.test(text.slice(start, end)))
    cues.push('transcriptLabel');
  return cues;
}

/** Capitalised words next to a speech verb in the quote's own sentence that the name index did not list. */
function rawNamesAround(
  text: string,
  c: QuoteCandidate,
  sentences: Sentence[],
): Array<{ name: string; cue: string }> {
  const s = sentences[c.sentence];
  if (!s) return [];
  const out: Array<{ name: string; cue: string }> = [];
  const parts = [
    { from: s.start, to: c.span.open },
    { from: c.span.unclosed ? c.span.innerEnd : c.span.close, to: s.end },
  ];
  for (const part of parts) {
    if (part.to <= part.from) continue;
    const body = text.slice(part.from, part.to);
    for (const [re, cue] of [
      [RAW_SUBJECT_VERB, 'subjectVerb'],
      [RAW_VERB_SUBJECT, 'verbSubject'],
    ] as const) {
      re.lastIndex = 0;
      for (const m of body.matchAll(re)) {
        // "the Florida Republican said", "the Labour MP added": a description of someone named before.
        if (AFFILIATION_NOUN.test(m[1]!) && /\bthe\s+$/i.test(body.slice(0, body.indexOf(m[1]!, m.index))))
          continue;
        const words = m[1]!.split(/\s+/).filter((w) => !NOT_A_NAME.test(w.replace(/\.$/, '')));
        if (words.length === 0 || (words.length === 1 && GROUP_NOUNS.has(words[0]!.toLowerCase()))) continue;
        out.push({ name: words.join(' '), cue });
      }
    }
  }
  return out;
}

// A party or a seat that ends a description of a person: "the Iowa Republican", "the Labour MP".
const AFFILIATION_NOUN =
  /\s(?:Republican|Democrat|Conservative|Liberal|Democratic|Labour|MP|MSP|MEP|MLA|TD)$/u;

// "the company said", "the university said", "the club said in a statement": a body described by its
// kind, pointing back to the body named earlier.
const DESCRIPTION = quickBoundaries(
  /\bthe\s+(company|firm|group|carrier|airline|bank|lender|maker|manufacturer|retailer|insurer|automaker|operator|network|broadcaster|agency|union|club|team|ministry|department|office|council|court|university|college|school|hospital|charity|foundation|institute|commission|committee|board|authority|regulator|utility|organi[sz]ation|association|newspaper|studio|label|exchange|fund|service|bureau|administration|campaign|coalition|watchdog)\b/giu,
);
const ANY_BODY = new Set(
  'company firm group carrier airline lender maker manufacturer retailer insurer automaker operator club team utility studio label'.split(
    ' ',
  ),
);

interface DescriptionMention {
  start: number;
  end: number;
  sd: number;
  name: string;
  nounInName: boolean;
  /** The latest body named as a subject before the description. */
  recent?: boolean;
  /** The body the article has named most so far (the story's main company, agency, club). */
  salient?: boolean;
  /** The noun ("agency", "ministry") is not one that stands for any body whatever its name. */
  unlisted?: boolean;
  sameParagraph: boolean;
  antecedentDistance: number;
  /** "the report said": a document the rules traced to its issuer. */
  document?: boolean;
}

// "the report said", "the statement noted": a document speaking for whoever issued it.
const DOCUMENT_DESCRIPTION = quickBoundaries(
  /\bthe\s+(?:[\p{Ll}-]+\s+)?(report|statement|study|review|email|e-mail|letter|filing|ruling|memo|survey|audit|assessment)\b/giu,
);

/** "the company said" next to a quote, resolved to the latest organisation it can describe. */
function descriptionsAround(
  text: string,
  c: QuoteCandidate,
  sentences: Sentence[],
  mentionsBySentence: Map<number, Mention[]>,
  rule: RuleVerdict,
): DescriptionMention[] {
  const out: DescriptionMention[] = [];
  // The issuer comes from the rules, which trace a document back to where it was introduced.
  if (rule.document && rule.speaker) {
    for (const { start, end } of wordsAround(text, c, sentences, DOCUMENT_DESCRIPTION, 0, 0)) {
      if (!VERB_AFTER.test(text.slice(end, end + 60))) continue;
      out.push({
        start,
        end,
        sd: 0,
        name: rule.speaker,
        nounInName: false,
        sameParagraph: true,
        antecedentDistance: 0,
        document: true,
      });
    }
  }
  for (const { m, start, end, sd } of wordsAround(text, c, sentences, DESCRIPTION, -1, 1)) {
    if (/^['\u2019]s\b/.test(text.slice(end, end + 3))) continue;
    const after = text.slice(end, end + 60);
    const before = text.slice(Math.max(0, start - 40), start);
    if (!VERB_AFTER.test(after) && !VERB_BEFORE.test(before)) continue;
    const noun = m[1]!.toLowerCase();
    for (const found of bodiesBefore(noun, start, c.sentence + sd, mentionsBySentence))
      out.push({
        start,
        end,
        sd,
        name: found.name,
        nounInName: found.nounInName,
        recent: found.recent,
        salient: found.salient,
        unlisted: !found.nounInName && !ANY_BODY.has(noun),
        sameParagraph: true,
        antecedentDistance: start - found.at,
      });
  }
  return out;
}

/** "the governor said": a role noun that refers back to the person the article gave that role. */
const ROLE_DESCRIPTION =
  /\b(?:[Tt]he\s+(?:(?:former|deputy|then|new|outgoing|acting)\s+)?(\p{L}+(?:-\p{L}+)?)|(counsel)(?=\s+(?:said|told|added|argued|submitted)\b))\b/gu;
/** "Samar Gov. Ana Cruz ... the governor said": the title as written before a name. */
const ROLE_ABBREVIATIONS: Record<string, string> = {
  governor: 'Gov',
  senator: 'Sen',
  representative: 'Rep',
  secretary: 'Sec',
  superintendent: 'Supt',
  inspector: 'Insp',
  attorney: 'Atty',
  general: 'Gen',
  colonel: 'Col',
  captain: 'Capt',
  sergeant: 'Sgt',
  detective: 'Det',
  professor: 'Prof',
  commissioner: 'Commr',
};
/** Role nouns too general to point back at one person ("the official", "a resident"). */
const GENERIC_ROLES = new Set([
  'official',
  'officials',
  'member',
  'resident',
  'witness',
  'student',
  'worker',
  'expert',
  'owner',
  'partner',
  'head',
  'leader',
  'chief',
  'vice',
  'deputy',
  'general',
  'justice',
  'officer',
]);

interface RoleDescription {
  start: number;
  end: number;
  sd: number;
  name: string;
  role: string | null;
  antecedentDistance: number;
  /** Only one person in the article so far has this role. */
  only: boolean;
}

function roleDescriptionsAround(
  text: string,
  c: QuoteCandidate,
  sentences: Sentence[],
  mentionsBySentence: Map<number, Mention[]>,
  names: NameIndex,
): RoleDescription[] {
  const out: RoleDescription[] = [];
  for (const { m, start, end, sd } of wordsAround(text, c, sentences, ROLE_DESCRIPTION, -1, 1)) {
    const noun = (m[1] ?? m[2]!).toLowerCase();
    if (!ROLE_NOUNS.has(noun) || GENERIC_ROLES.has(noun)) continue;
    if (/^['\u2019]s\b/.test(text.slice(end, end + 3))) continue;
    if (
      !VERB_AFTER.test(text.slice(end, end + 60)) &&
      !VERB_BEFORE.test(text.slice(Math.max(0, start - 40), start))
    )
      continue;
    const short = ROLE_ABBREVIATIONS[noun];
    const holder = new RegExp(`\\b(?:${noun}${short ? `|${short}\\.` : ''})(?![\\p{L}])`, 'iu');
    // A title is next to the name ("Gov. Ashby", "the agency's director, Jo Dunne", "Counsel for the
    // family, Eoin Mac Cárthaigh SC"); "a source close to Ashby" does not make Ashby the source.
    const either = (w: string) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`;
    const title = new RegExp(
      `(?<![\\p{L}])(?:${either(noun)}${short ? `|${either(short.toLowerCase())}\\.` : ''})(?:\\s+(?:for|of|at|with|to|on)\\s+[^,.;:]{1,60},|,)?\\s+(?:\\p{Lu}[\\p{L}.'\u2019-]*\\s+){0,3}$`,
      'u',
    );
    const seen = new Set<number>();
    let found: { person: number; at: number } | null = null;
    for (let k = c.sentence + sd; k >= 0; k--) {
      const list = mentionsBySentence.get(k) ?? [];
      for (let j = list.length - 1; j >= 0; j--) {
        const mention = list[j]!;
        if (mention.kind !== 'person' || mention.start >= start || mention.inQuote) continue;
        const p = names.people[mention.person];
        // The role given at any mention: "Governor Samuel Kiprotich" though a later apposition is kept.
        const titled = title.test(text.slice(Math.max(0, mention.start - 100), mention.start));
        if (!p || !(titled || (p.role && holder.test(p.role)))) continue;
        seen.add(p.id);
        if (!found) found = { person: p.id, at: mention.start };
      }
    }
    if (!found) continue;
    const p = names.people[found.person]!;
    out.push({
      start,
      end,
      sd,
      name: p.name,
      role: p.role,
      antecedentDistance: start - found.at,
      only: seen.size === 1,
    });
  }
  return out;
}

/**
 * The bodies "the company" may stand for: one whose name holds the noun, else the latest body named as a
 * subject, and the body the article has named most so far. The model weighs them.
 */
function bodiesBefore(
  noun: string,
  at: number,
  sentenceIndex: number,
  mentionsBySentence: Map<number, Mention[]>,
): Array<{ name: string; at: number; nounInName: boolean; recent: boolean; salient: boolean }> {
  let recent: { name: string; at: number } | null = null;
  for (let k = sentenceIndex; k >= Math.max(0, sentenceIndex - 15); k--) {
    const list = mentionsBySentence.get(k) ?? [];
    for (let j = list.length - 1; j >= 0; j--) {
      const m = list[j]!;
      if (m.start >= at || m.inQuote || m.kind !== 'org') continue;
      const lower = m.name.toLowerCase();
      if (lower.split(/\s+/).includes(noun) && lower !== noun)
        return [{ name: m.name, at: m.start, nounInName: true, recent: false, salient: false }];
      if (!recent && m.subject) recent = { name: m.name, at: m.start };
    }
  }
  const top = mostNamedBodyBefore(at, mentionsBySentence);
  const out: Array<{ name: string; at: number; nounInName: boolean; recent: boolean; salient: boolean }> = [];
  if (recent) out.push({ ...recent, nounInName: false, recent: true, salient: recent.name === top?.name });
  if (top && top.name !== recent?.name)
    out.push({ name: top.name, at: top.at, nounInName: false, recent: false, salient: true });
  return out;
}

/** After each body mention, in text order: the body named most so far (ties: the latest named) and where. */
interface MostNamed {
  starts: number[];
  leaders: Array<{ name: string; at: number; n: number }>;
}

const mostNamedIndexes = new WeakMap<Map<number, Mention[]>, MostNamed>();

/**
 * The body named at least twice, and most often, before `at` (its latest mention), built once per
 * article so that each description costs a binary search, not a pass over the text before it.
 */
function mostNamedBodyBefore(
  at: number,
  mentionsBySentence: Map<number, Mention[]>,
): { name: string; at: number } | null {
  let index = mostNamedIndexes.get(mentionsBySentence);
  if (!index) {
    index = { starts: [], leaders: [] };
    const counts = new Map<string, number>();
    let leader = { name: '', at: -1, n: 0 };
    const sentences = [...mentionsBySentence.keys()].sort((a, b) => a - b);
    for (const k of sentences) {
      for (const m of mentionsBySentence.get(k)!) {
        if (m.inQuote || m.kind !== 'org') continue;
        const n = (counts.get(m.name) ?? 0) + 1;
        counts.set(m.name, n);
        // A body that draws level with the leader was named more recently, so it leads.
        if (n >= leader.n) leader = { name: m.name, at: m.start, n };
        index.starts.push(m.start);
        index.leaders.push(leader);
      }
    }
    mostNamedIndexes.set(mentionsBySentence, index);
  }
  let lo = 0;
  let hi = index.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index.starts[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  const top = lo > 0 ? index.leaders[lo - 1]! : null;
  return top && top.n >= 2 ? { name: top.name, at: top.at } : null;
}

interface PronounMention {
  word: string;
  /** A speech verb next to the pronoun; without one it is only the subject of the quote's sentence. */
  cue: boolean;
  start: number;
  end: number;
  sd: number;
  name: string;
  role: string | null;
  antecedentDistance: number;
  /** 0 for the latest compatible name before the pronoun, 1 for the one before it, ... */
  rank: number;
  subject: boolean;
  sameSentence: boolean;
  /** The antecedent's gender (from its given name or title) agrees with the pronoun's, or is unknown. */
  gender: GenderFit;
  /** The antecedent is the subject of a speech verb ("X said", "said X", "according to X"). */
  speaks: boolean;
  /** The antecedent follows a verb or other lowercase word ("he never saw X"): likely an object. */
  object: boolean;
  /** The antecedent is named in the pronoun's own paragraph. */
  sameParagraph: boolean;
  /** The antecedent opens its sentence, titles aside: the sentence's topic. */
  opensSentence: boolean;
  /** No later antecedent of the pronoun opens its sentence: the latest topic (the centre). */
  firstOpener: boolean;
  /** ... and that sentence opens its paragraph. */
  opensParagraph: boolean;
  /** Sentences after the antecedent's, up to the pronoun's, that open on the same pronoun ("He attended ..."). */
  chain: number;
  /** A sentence between the antecedent and the pronoun opens on someone unnamed ("A deli clerk, who ..."). */
  unnamedBetween: boolean;
  /** The writer says, between the antecedent and the pronoun, that a source is not named. */
  anonymityBetween: boolean;
}

/** "A deli clerk, who ...", "One lineman said", "A nurse told": a sentence whose subject is someone unnamed. */
const UNNAMED_PERSON_OPENS =
  /(?:^|[.!?]["\u201d]?\s+)(?:A|An|One|Another)\s+(?:[\p{Ll}-]+\s+){0,2}[\p{Ll}-]+(?:,\s+who\b|\s+who\b|\s+(?:said|says|told|added|explained))/u;

/** Pronouns next to a quote, each resolved to the latest compatible name before it (salience by recency). */
function pronounsAround(
  text: string,
  c: QuoteCandidate,
  sentences: Sentence[],
  mentionsBySentence: Map<number, Mention[]>,
  names: NameIndex,
): PronounMention[] {
  const out: PronounMention[] = [];
  for (const { m, start, end, sd } of wordsAround(text, c, sentences, PRONOUN, -1, 1)) {
    const word = m[0].toLowerCase();
    const after = text.slice(end, end + 60);
    const before = text.slice(Math.max(0, start - 40), start);
    const cueNear = VERB_AFTER.test(after) || VERB_BEFORE.test(before);
    // "He went on to call Cruz “...”": the subject of the quote's own sentence, with no speech verb.
    const opensQuoteSentence =
      sd === 0 &&
      end <= c.span.innerStart &&
      opensWithin(text, sentences[c.sentence]!.start, start, OPENING_TITLES);
    if (!cueNear && !opensQuoteSentence) continue;
    const antecedents = resolvePronoun(word, start, c.sentence + sd, sentences, mentionsBySentence, names);
    let openerSeen = false;
    antecedents.forEach((a, rank) => {
      const topic = topicality(text, a, word, c.sentence + sd, sentences);
      const firstOpener = topic.opensSentence && !openerSeen;
      if (topic.opensSentence) openerSeen = true;
      out.push({
        word,
        start,
        end,
        sd,
        cue: cueNear,
        name: a.name,
        role: a.role,
        antecedentDistance: start - a.at,
        rank,
        subject: a.subject,
        sameSentence: a.sentence === c.sentence + sd,
        gender: a.gender,
        speaks: hasSpeechCue(text, a.at, a.end),
        object: followsLowercaseWord(text, a.at, sentences[a.sentence]),
        sameParagraph: sentences[a.sentence]?.paragraph === c.paragraph,
        ...topic,
        firstOpener,
        unnamedBetween: UNNAMED_PERSON_OPENS.test(text.slice(a.end, start)),
        anonymityBetween: ANONYMITY.test(text.slice(a.end, start)),
      });
    });
  }
  return out;
}

/** "He said Mateen ...", "he supported Barack Obama": a name in the predicate of a pronoun subject. */
const AFTER_PRONOUN_SUBJECT =
  /(?:^|[^\p{L}])(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)\s+(?:[\p{Ll}'\u2019,-]+\s+){0,6}(?:\p{Lu}[\p{L}.'\u2019-]*\s+){0,3}$/u;

/** Before a name that opens its sentence: nothing but an opening quote mark and capitalised words ("Vermont Sen."). */
const OPENING_TITLES = /^[\s"'\u201c\u2018]*(?:\p{Lu}[\p{L}.'\u2019-]*\s+){0,4}$/u;
/** ... or after an opening phrase and its comma ("Anticipating blowback, McAuliffe remarked"). */
const OPENING_PHRASE_TITLES =
  /^[\s"'\u201c\u2018]*(?:[^,.;:"\u201c\u201d]{1,100},\s+)?(?:\p{Lu}[\p{L}.'\u2019-]*\s+){0,4}$/u;

/** Whether the text from a sentence's start to a point fits `pattern`; no opening is longer than 160 characters. */
function opensWithin(text: string, from: number, at: number, pattern: RegExp): boolean {
  return at - from <= 160 && pattern.test(text.slice(from, at));
}

/** "He ...", "“She ...": a sentence opening on a pronoun, one pattern per pronoun, built once. */
const PRONOUN_OPENERS = new Map<string, RegExp>();
function openerFor(word: string): RegExp {
  const re = new RegExp(`^[\\s"'\u201c\u2018]*${word}\\b`, 'i');
  PRONOUN_OPENERS.set(word, re);
  return re;
}

/** Centering evidence: whether the antecedent is its sentence's topic and whether later sentences continue it. */
function topicality(
  text: string,
  a: Antecedent,
  word: string,
  pronounSentence: number,
  sentences: Sentence[],
): { opensSentence: boolean; opensParagraph: boolean; chain: number } {
  const s = sentences[a.sentence];
  if (!s) return { opensSentence: false, opensParagraph: false, chain: 0 };
  const opensSentence = opensWithin(text, s.start, a.at, OPENING_PHRASE_TITLES);
  const opensParagraph = opensSentence && sentences[a.sentence - 1]?.paragraph !== s.paragraph;
  let chain = 0;
  const opener = PRONOUN_OPENERS.get(word) ?? openerFor(word);
  for (let k = a.sentence + 1; k <= pronounSentence; k++) {
    const t = sentences[k];
    if (t && opener.test(text.slice(t.start, t.start + 12))) chain++;
  }
  return { opensSentence, opensParagraph, chain };
}

/**
 * The matches of `pattern` in the quote's sentence and its neighbours `from`..`to` sentences away, in
 * the quote's paragraph, outside the quote and every other quotation.
 */
function* wordsAround(
  text: string,
  c: QuoteCandidate,
  sentences: Sentence[],
  pattern: RegExp,
  from: number,
  to: number,
): Generator<{ m: RegExpMatchArray & { index: number }; start: number; end: number; sd: number }> {
  for (let sd = from; sd <= to; sd++) {
    const s = sentences[c.sentence + sd];
    if (!s || s.paragraph !== c.paragraph) continue;
    for (const m of text.slice(s.start, s.end).matchAll(pattern)) {
      const start = s.start + m.index;
      const end = start + m[0].length;
      if (start >= c.span.innerStart && end <= c.span.innerEnd) continue;
      if (insideAnyQuote(start, s, text)) continue;
      yield { m, start, end, sd };
    }
  }
}

function insideAnyQuote(at: number, s: Sentence, text: string): boolean {
  // Count quote marks between the sentence start and the pronoun: odd means inside a quotation.
  const head = text.slice(s.start, at);
  const opens = (head.match(/\u201c/g) ?? []).length;
  const closes = (head.match(/\u201d/g) ?? []).length;
  const straight = (head.match(/"/g) ?? []).length;
  return opens > closes || straight % 2 === 1;
}

type GenderFit = 'agrees' | 'unknown';

interface Antecedent {
  name: string;
  role: string | null;
  at: number;
  end: number;
  subject: boolean;
  sentence: number;
  gender: GenderFit;
}

/** Words before a name that do not make it an object: conjunctions, complementisers, speech verbs. */
const NOT_OBJECT_BEFORE = new Set([
  'and',
  'or',
  'but',
  'that',
  'while',
  'when',
  'because',
  'as',
  'if',
  'though',
  'although',
  'since',
  'then',
  'so',
  'also',
  'where',
  'after',
  'before',
  'until',
  'whether',
  'than',
  'once',
  'meanwhile',
  ...SPEECH_VERBS,
]);

/** "saw X", "told X", "beat X": a lowercase word right before a name, other than a conjunction or speech verb. */
function followsLowercaseWord(text: string, at: number, sentence: Sentence | undefined): boolean {
  const from = sentence ? Math.max(sentence.start, at - 30) : Math.max(0, at - 30);
  // A whole lowercase word: the tail of "Mrs" or "Dr" before "Mrs Ansah-Darko" is none.
  const word = /(?<!\p{L})(\p{Ll}+)[ \t]+$/u.exec(text.slice(from, at));
  return !!word && !NOT_OBJECT_BEFORE.has(word[1]!);
}

function resolvePronoun(
  word: string,
  at: number,
  sentenceIndex: number,
  _sentences: Sentence[],
  mentionsBySentence: Map<number, Mention[]>,
  names: NameIndex,
): Antecedent[] {
  const wantPerson = word === 'he' || word === 'she' || word === 'i' || word === 'we';
  const gender = word === 'he' ? 'm' : word === 'she' ? 'f' : null;
  const out: Antecedent[] = [];
  for (let k = sentenceIndex; k >= Math.max(0, sentenceIndex - 6) && out.length < 3; k--) {
    const list = mentionsBySentence.get(k) ?? [];
    for (let j = list.length - 1; j >= 0 && out.length < 3; j--) {
      const m = list[j]!;
      if (m.start >= at || m.inQuote || m.kind === 'place') continue;
      let name: string;
      let role: string | null = null;
      let fit: GenderFit = 'unknown';
      if (wantPerson) {
        if (m.kind !== 'person') continue;
        let p = names.people[m.person];
        if (!p) continue;
        if (gender && p.gender && p.gender !== gender) {
          // A bare surname linked to the wrong one of two namesakes ("Clinton ... she said").
          const surname = p.tokens[p.tokens.length - 1];
          const namesake = names.people.find(
            (q) => q.gender === gender && q.tokens[q.tokens.length - 1] === surname,
          );
          if (namesake) p = namesake;
        }
        if (gender && p.gender && p.gender !== gender) continue;
        name = p.name;
        role = p.role;
        fit = gender && p.gender === gender ? 'agrees' : 'unknown';
      } else {
        if (m.kind !== 'org') continue;
        name = m.name;
      }
      if (out.some((o) => o.name === name)) continue;
      out.push({ name, role, at: m.start, end: m.end, subject: m.subject, sentence: k, gender: fit });
    }
  }
  return out;
}
