import type { SpeakerCandidate } from './candidates.js';

/** A trained listwise speaker scorer: one weight per feature, plus the calibration of its confidence. */
export interface AttributionModel {
  /** Format version of the weights file. */
  version: 1;
  weights: Record<string, number>;
  /** Platt scaling of the winner's softmax probability: confidence = sigmoid(a * logit(p) + b). */
  calibration: { a: number; b: number };
  /** Default threshold: a name with a lower confidence is not printed. */
  threshold: number;
  /** How the weights were made (data, folds, figures), for people reading the file. */
  provenance?: Record<string, unknown>;
}

export interface ScoredCandidate {
  name: string | null;
  role: string | null;
  score: number;
  probability: number;
}

/** Softmax over one quote's candidates (the listwise objective the model was trained with). */
export function scoreCandidates(model: AttributionModel, candidates: SpeakerCandidate[]): ScoredCandidate[] {
  const scores = candidates.map((c) => linear(model.weights, c.features));
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return candidates.map((c, i) => ({
    name: c.name,
    role: c.role,
    score: scores[i]!,
    probability: exps[i]! / sum,
  }));
}

/**
 * The speaker the candidates point to: candidates naming the same speaker (a mention and a pronoun
 * resolved to it) pool their probability, as the listwise objective pools its right answers. Returns
 * the best-scoring candidate of the winning name and that name's pooled probability.
 */
export function pickSpeaker(scored: ScoredCandidate[]): { best: number; probability: number } {
  // "the U.N. General Assembly" and "the U.N. General Assembly's Third Committee": a body and the part
  // of it named with its possessive speak as one voice, under the fuller name.
  const names = scored.map((s) => s.name).filter((n): n is string => n !== null);
  const voice = (name: string | null): string | null =>
    name === null
      ? null
      : (names.find((n) => n.startsWith(`${name}'s `) || n.startsWith(`${name}\u2019s `)) ?? name);
  const pooled = new Map<string | null, number>();
  for (const s of scored) pooled.set(voice(s.name), (pooled.get(voice(s.name)) ?? 0) + s.probability);
  // The winner is the best-scoring candidate that bears its voice's own name.
  let best = -1;
  for (let k = 0; k < scored.length; k++) {
    const name = scored[k]!.name;
    if (voice(name) !== name) continue;
    if (best < 0) {
      best = k;
      continue;
    }
    const a = pooled.get(name)!;
    const b = pooled.get(scored[best]!.name)!;
    if (a > b || (a === b && name === scored[best]!.name && scored[k]!.score > scored[best]!.score)) best = k;
  }
  return { best, probability: Math.min(1, pooled.get(scored[best]!.name)!) };
}

export function linear(weights: Record<string, number>, features: Map<string, number>): number {
  let s = 0;
  for (const [k, v] of features) {
    const w = weights[k];
    if (w !== undefined) s += w * v;
  }
  return s;
}

/** The calibrated probability that the winning candidate is right. */
export function calibrate(model: AttributionModel, probability: number): number {
  const p = Math.min(1 - 1e-9, Math.max(1e-9, probability));
  const z = model.calibration.a * Math.log(p / (1 - p)) + model.calibration.b;
  return 1 / (1 + Math.exp(-z));
}
