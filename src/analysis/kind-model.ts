import weights from './data/follow-up-kinds.json' with { type: 'json' };
import type { FollowUpKind } from './types.js';

/** The kinds the model chooses among; reading pointers are found by their own patterns. */
export const MODEL_KINDS = ['action', 'pending', 'event', 'suggestion'] as const;

/**
 * A trained follow-up kind classifier (a linear score per kind over the rules' cues and the words),
 * and a detector that finds forward-looking sentences the rules miss.
 */
export interface KindModel {
  version: 1;
  weights: Record<string, number>;
  /**
   * Logistic weights over the same cues and words: a sentence the rules pass over is a follow-up at
   * `threshold`; one the rules found is dropped below `veto` (the rules' look-alikes: past deeds,
   * descriptions of what a plan contains).
   */
  detector?: { weights: Record<string, number>; threshold: number; veto?: number };
  /** How the weights were made (data, figures), for people reading the file. */
  provenance?: Record<string, unknown>;
}

let cached: KindModel | null = null;

/** The shipped kind model (trained by `npm run train:follow-ups`), parsed once per process. */
export function shippedKindModel(): KindModel {
  if (!cached) cached = parseKindModel(weights, 'the shipped follow-up kind weights');
  return cached;
}

export function parseKindModel(raw: unknown, source: string): KindModel {
  const m = raw as Partial<KindModel> | null;
  const ok =
    !!m &&
    m.version === 1 &&
    typeof m.weights === 'object' &&
    m.weights !== null &&
    Object.values(m.weights).every((w) => typeof w === 'number' && Number.isFinite(w)) &&
    (m.detector === undefined ||
      (typeof m.detector.threshold === 'number' &&
        (m.detector.veto === undefined || typeof m.detector.veto === 'number') &&
        Object.values(m.detector.weights ?? { x: Number.NaN }).every(
          (w) => typeof w === 'number' && Number.isFinite(w),
        )));
  if (!ok) throw new Error(`${source} is not a follow-up kind model (version 1, weights)`);
  return m as KindModel;
}

/** What the kind is read from: the cascade's answer, every cue that fired, and the clause's words. */
// "he said", "she told reporters": who reported the step says nothing about its kind.
const ATTRIBUTION_WORDS = new Set(['said', 'says', 'say', 'told', 'tells', 'added', 'adds']);

export function kindEvidence(rule: FollowUpKind | 'none', cues: string[], clause: string): string[] {
  const words = new Set(
    (clause.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => !ATTRIBUTION_WORDS.has(w)),
  );
  return [
    `rule=${rule}`,
    ...cues,
    ...cues.map((c) => `rule=${rule}&${c}`),
    ...[...words].map((w) => `w=${w}`),
  ];
}

/** The features of one kind: each piece of evidence crossed with the kind, and the kind's own bias. */
export function kindFeatures(kind: string, evidence: string[]): Map<string, number> {
  const features = new Map<string, number>([[kind, 1]]);
  for (const e of evidence) features.set(`${kind}&${e}`, 1);
  return features;
}

/** The kind with the highest score; ties go to the earlier kind in MODEL_KINDS. */
export function predictKind(model: KindModel, evidence: string[]): FollowUpKind {
  const table = kindTable(model);
  const scores = MODEL_KINDS.map((kind) => model.weights[kind] ?? 0);
  for (const e of evidence) {
    const row = table.get(e);
    if (row) for (let k = 0; k < scores.length; k++) scores[k]! += row[k]!;
  }
  let best = 0;
  for (let k = 1; k < scores.length; k++) if (scores[k]! > scores[best]!) best = k;
  return MODEL_KINDS[best]!;
}

const kindTables = new WeakMap<KindModel, Map<string, number[]>>();

/**
 * The kind weights by piece of evidence, one number per kind (0 where the model has none), so a
 * prediction looks each piece up once instead of once per kind.
 */
function kindTable(model: KindModel): Map<string, number[]> {
  let table = kindTables.get(model);
  if (table) return table;
  table = new Map();
  for (const [key, weight] of Object.entries(model.weights)) {
    const cut = key.indexOf('&');
    const k = cut < 0 ? -1 : (MODEL_KINDS as readonly string[]).indexOf(key.slice(0, cut));
    if (k < 0) continue;
    const evidence = key.slice(cut + 1);
    const row = table.get(evidence) ?? MODEL_KINDS.map(() => 0);
    row[k] = weight;
    table.set(evidence, row);
  }
  kindTables.set(model, table);
  return table;
}

// "would continue", "will work", "we'll go": the verb a modal governs. The patterns list some deeds a
// future commits to; from this the detector learns which verbs after "will" and "would" do.
// A capitalised word after it is a name ("will Sandra"); "is" or "was" after it makes "will" a noun.
const MODAL_VERB =
  /\b(?:[Ww]ill|[Ww]ould|[Ss]hall)\s+(?:(?:not|also|then|now|soon|still|only|never)\s+)?(?!(?:is|was|are|were)\b)(\p{Ll}+)|['\u2019]ll\s+(\p{Ll}+)/gu;

/**
 * What the detector reads: whether the patterns found a step, every cue that fired, the sentence's
 * words, and each verb a future modal governs (`mv=`).
 */
export function detectorEvidence(cues: string[], sentence: string, ruled: boolean): string[] {
  const words = new Set(sentence.toLowerCase().match(/\p{L}+/gu) ?? []);
  const modalVerbs = new Set([...sentence.matchAll(MODAL_VERB)].map((m) => m[1] ?? m[2]!));
  return [
    `rule=${ruled}`,
    ...cues,
    ...[...words].map((w) => `w=${w}`),
    ...[...modalVerbs].map((v) => `mv=${v}`),
  ];
}

/** The detector's probability that a sentence looks ahead (0 without a detector). */
export function detectProbability(model: KindModel, evidence: string[]): number {
  if (!model.detector) return 0;
  let z = model.detector.weights.bias ?? 0;
  for (const e of evidence) z += model.detector.weights[e] ?? 0;
  return 1 / (1 + Math.exp(-z));
}
