import { ORG_KEYWORDS, ROLE_NOUNS } from '../lexicon.js';
import { type Mention, type NameIndex, withoutHonorific } from '../names.js';
import { quickBoundaries } from '../quick-boundaries.js';
import type { QuoteCandidate } from '../quotes.js';
import type { Sentence } from '../sentences.js';
import type { Quote, QuoteEvidence } from '../types.js';
import {
  buildCandidates,
  type RuleVerdict,
  RunningCounts,
  type SpeakerCandidate,
  sameSpeaker,
} from './candidates.js';
import {
  type AttributionModel,
  calibrate,
  pickSpeaker,
  type ScoredCandidate,
  scoreCandidates,
} from './model.js';
import { spokespersonBody } from './spokesperson.js';
import { TURN_CONFIDENCE, turnTakenFrom } from './turns.js';

export interface AttributionInput {
  text: string;
  quoteCandidates: QuoteCandidate[];
  names: NameIndex;
  sentences: Sentence[];
  /** The rule-based attribution of each quote (speaker after surname resolution, explicit or not). */
  verdicts: RuleVerdict[];
}

/** Every quote's candidate speakers with their features: what the model scores and the trainer learns from. */
export function candidatesForQuotes(input: AttributionInput): SpeakerCandidate[][] {
  const bySentence = new Map<number, Mention[]>();
  for (const m of input.names.mentions) {
    const list = bySentence.get(m.sentence) ?? [];
    list.push(m);
    bySentence.set(m.sentence, list);
  }
  const ruleSpeakers = input.verdicts.map((v) => v.speaker);
  const counts = new RunningCounts(input.names, ruleSpeakers);
  return input.quoteCandidates.map((_, i) =>
    buildCandidates(
      input.text,
      i,
      input.quoteCandidates,
      input.names,
      input.sentences,
      bySentence,
      input.verdicts,
      ruleSpeakers,
      counts,
    ),
  );
}

export interface DecideOptions {
  /** Names whose calibrated confidence is below this are not printed (speaker null). */
  threshold: number;
  /** Attach the weighed candidates and the deciding features to each quote. */
  evidence: boolean;
}

/** Someone described, not named ("a source", "two officials"), as the subject of the quote's own speech verb. */
const UNNAMED_SOURCE = /\b(?:sources?|officials?|aides?|insiders?|people|person)$/;

/** Cues of a name that speaks in the quote's own sentence ("X said", "said X", "according to X"). */
const SPEAKS_IN_QUOTE_SENTENCE = [
  'verbAfter&sd=0',
  'verbBefore&sd=0',
  'accordingTo&sd=0',
  'verbAfterApposition&sd=0',
];

/**
 * "“...,” a source said": the quote's own sentence says an unnamed source spoke, so a name the model
 * found elsewhere, or named in the sentence without speaking ("the Hale case"), is not the speaker.
 */
function unnamedFrame(verdict: RuleVerdict, winner: SpeakerCandidate): boolean {
  return (
    verdict.speaker === null &&
    verdict.explicit &&
    UNNAMED_SOURCE.test(verdict.role ?? '') &&
    winner.name !== null &&
    !SPEAKS_IN_QUOTE_SENTENCE.some((cue) => winner.features.has(cue))
  );
}

/**
 * Re-decides each quote's speaker with the trained scorer. The rules' answer is one feature among
 * others; the model's winner (a name or nobody) is kept when its calibrated confidence reaches the
 * threshold, otherwise the quote is left without a name.
 */
export function decideSpeakers(
  input: AttributionInput,
  quotes: Quote[],
  model: AttributionModel,
  options: DecideOptions,
): Quote[] {
  const all = candidatesForQuotes(input);
  const decisions = all.map((candidates, i) => {
    const scored = scoreCandidates(model, candidates);
    const signed = signatureAfter(input.text, input.quoteCandidates[i]!);
    if (signed) return signedDecision(candidates, scored, signed);
    const { best, probability } = pickSpeaker(scored);
    const confidence = round(calibrate(model, probability));
    return { candidates, scored, best, confidence, sieve: undefined as string | undefined };
  });
  // Halves of one quote split around its attribution share one speaker: the surest half decides.
  const chainHead = quotes.map((_, i) => i);
  quotes.forEach((q, i) => {
    if (q.continues !== undefined) chainHead[i] = chainHead[q.continues]!;
  });
  const surest = new Map<number, number>();
  // A half with nobody to weigh but "nobody" (a quote-only paragraph) is certain of nothing.
  const informed = (i: number) => decisions[i]!.candidates.length > 1;
  decisions.forEach((d, i) => {
    const head = chainHead[i]!;
    const current = surest.get(head);
    const better =
      current === undefined ||
      (informed(i) && !informed(current)) ||
      (informed(i) === informed(current) && d.confidence > decisions[current]!.confidence);
    if (better) surest.set(head, i);
  });
  const decided = quotes.map((q, i) => {
    const d = decisions[surest.get(chainHead[i]!)!]!;
    const winner = d.scored[d.best]!;
    const out: Quote = { ...q, confidence: d.confidence };
    if (
      winner.name === null ||
      d.confidence < options.threshold ||
      unnamedFrame(input.verdicts[i]!, d.candidates[d.best]!)
    ) {
      out.speaker = null;
      // A description of an unnamed source ("a ministry spokesman") stays; a dropped name's role does not.
      // A spokesperson speaks for the body the description names, whoever the model was unsure of.
      const verdict = input.verdicts[i]!;
      out.role = verdict.speaker === null ? cleanRole(verdict.role) : null;
      const body = out.role ? spokespersonBody(out.role, input.text, q.start) : null;
      if (body) {
        out.speaker = body.speaker;
        out.role = body.role;
      }
    } else {
      out.speaker = winner.name;
      out.role = cleanRole(winner.role);
      // "a defense ministry spokesman said", the model sure of the ministry: its full name and the role.
      const verdict = input.verdicts[i]!;
      const body =
        winner.name !== null && verdict.speaker === null && verdict.role && !out.role
          ? spokespersonBody(verdict.role, input.text, q.start)
          : null;
      if (body && winner.name && body.speaker.endsWith(winner.name)) {
        out.speaker = body.speaker;
        out.role = body.role;
      }
    }
    if (options.evidence)
      out.evidence = {
        ...evidenceOf(model, d.candidates, d.scored, d.best, winner.name !== null && out.speaker === null),
        ...(d.sieve ? { sieve: d.sieve } : {}),
      };
    return out;
  });
  // Question-and-answer turns, in order: a turn may follow one the rule has just given.
  for (let i = 0; i < decided.length; i++) {
    const from = turnTakenFrom(i, input.text, input.quoteCandidates, input.sentences, decided);
    if (from < 0) continue;
    const q = decided[i]!;
    q.speaker = decided[from]!.speaker;
    q.role = decided[from]!.role;
    q.confidence = TURN_CONFIDENCE;
    if (q.evidence) q.evidence = { ...q.evidence, sieve: 'turn' };
  }
  return decided;
}

/**
 * A layout rather than a cue: a quote that ends its paragraph and is signed "— Name" (reader letters,
 * vox pops). PolNeAR has almost none, so the scorer cannot learn it; the signature decides. Its
 * confidence is a stated prior, not a measured one.
 */
const SIGNED_CONFIDENCE = 0.95;
const SIGNATURE =
  /^["\u201d']?\s*[\u2014\u2013]\s*(\p{Lu}[\p{L}'\u2019.-]*(?:[ \t]+\p{Lu}[\p{L}'\u2019.-]*){0,3})[ \t]*(?:,[^\n]{0,80})?\s*(?:\n|$)/u;

function signatureAfter(text: string, c: QuoteCandidate): string | null {
  if (c.span.unclosed) return null;
  const m = SIGNATURE.exec(text.slice(c.span.close, c.span.close + 160));
  // "— Mr Daniel Lim": a reader may sign with an honorific; the name is the rest.
  return m ? withoutHonorific(m[1]!.replace(/[.,]+$/, '')) : null;
}

function signedDecision(candidates: SpeakerCandidate[], scored: ScoredCandidate[], name: string) {
  let best = candidates.findIndex((c) => c.name !== null && sameSpeaker(c.name, name));
  if (best < 0) {
    candidates.push({ name, role: null, features: new Map() });
    scored.push({ name, role: null, score: Number.NEGATIVE_INFINITY, probability: 0 });
    best = candidates.length - 1;
  }
  return {
    candidates,
    scored,
    best,
    confidence: SIGNED_CONFIDENCE,
    sieve: 'signature' as string | undefined,
  };
}

function evidenceOf(
  model: AttributionModel,
  candidates: SpeakerCandidate[],
  scored: ReturnType<typeof scoreCandidates>,
  best: number,
  belowThreshold: boolean,
): QuoteEvidence {
  const features = [...candidates[best]!.features.entries()]
    .map(([k, v]) => ({ feature: k, weight: round((model.weights[k] ?? 0) * v) }))
    .filter((f) => f.weight !== 0)
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, 6);
  return {
    candidates: scored
      .map((s) => ({ name: s.name, score: round(s.probability) }))
      .sort((a, b) => b.score - a.score),
    decidedBy: features,
    ...(belowThreshold ? { belowThreshold: true } : {}),
  };
}

// A bare title ("Sen.", "Dr.") or a fragment of a question ("What Mr.") says nothing about the speaker.
// An opening phrase ("In a statement", "At the time") is where or when, not who.
const NOT_A_ROLE = quickBoundaries(
  /^(?:(?:Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Prof|Rev|Del|Pres|Sgt|Adm|Hon|Amb|Ald)\.?|(?:what|who|when|where|why|how|which)\b.*|(?:in|at|on|during|after|before|with|by|from|under|asked|speaking|responding|writing)\s.*)$/iu,
);
// "But the mayor", "a procurement manager who": a conjunction before the description, a relative word after it.
const AROUND_A_ROLE = quickBoundaries(
  /^(?:but|and|yet|so|still|meanwhile)\s+(?:(?:the|a|an)\s+)?|\s+(?:who|which|that)$/giu,
);

/** The role as printed: null when it is only a title or a fragment. */
export function cleanRole(role: string | null): string | null {
  if (!role) return null;
  const trimmed = role.trim().replace(AROUND_A_ROLE, '');
  // "Stasiak and Ald. Loretta Means": a name and "and" before a bare title are someone else's.
  if (NOT_A_ROLE.test(trimmed.replace(/^\p{Lu}[\p{L}'\u2019-]*\s+and\s+(?=\p{Lu})/u, ''))) return null;
  return trimmed === '' || NOT_A_ROLE.test(trimmed) ? null : sentenceCaseUndone(trimmed);
}

/**
 * "Teenager Callum Baird said", "Club chairman Alan Rennie": a description capitalised only because it
 * opened the sentence reads "— Callum Baird, teenager" after the name.
 */
const ROLE_MODIFIERS = new Set(
  'works senior junior deputy assistant acting former chief head lead local regional national'.split(' '),
);

function sentenceCaseUndone(role: string): string {
  const m = /^(\p{Lu})(\p{Ll}+)((?:[ \t-]+\p{Ll}[\p{Ll}'\u2019-]*)*)$/u.exec(role);
  if (!m) return role;
  const words = role.toLowerCase().split(/[ \t-]+/);
  const last = words[words.length - 1]!;
  const first = words[0]!;
  // The first word must be a common word too: "Ekurhuleni metro spokesperson" keeps its place name.
  const common =
    words.length === 1 || ROLE_NOUNS.has(first) || ORG_KEYWORDS.has(first) || ROLE_MODIFIERS.has(first);
  const describes =
    common && (ROLE_NOUNS.has(last) || (words.length === 1 && /(?:er|ee|ist|ian|ant|ent|or)$/.test(last)));
  return describes ? `${m[1]!.toLowerCase()}${m[2]}${m[3]}` : role;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
