/**
 * A listwise speaker scorer: a linear score per candidate, a softmax over each quote's candidates,
 * trained to put the probability on the right candidates (-log of their summed probability) with L2
 * regularisation, by deterministic full-batch Adam. Same data and options give the same weights.
 */
import type { SpeakerCandidate } from '../../src/analysis/attribution/candidates.js';

export interface TrainingQuote {
  candidates: SpeakerCandidate[];
  /** Indices of the right candidates (at least one). */
  positives: number[];
  weight: number;
}

export interface TrainOptions {
  iterations: number;
  l2: number;
  learningRate: number;
}

export const DEFAULT_TRAIN: TrainOptions = { iterations: 600, l2: 2, learningRate: 0.05 };

interface Compiled {
  rows: Array<{ idx: Int32Array; val: Float64Array }>;
  positives: Set<number>;
  weight: number;
}

export function train(
  quotes: TrainingQuote[],
  options: TrainOptions = DEFAULT_TRAIN,
): Record<string, number> {
  const names: string[] = [];
  const index = new Map<string, number>();
  const compiled: Compiled[] = quotes.map((q) => ({
    rows: q.candidates.map((c) => {
      const keys = [...c.features.keys()].sort();
      const idx = new Int32Array(keys.length);
      const val = new Float64Array(keys.length);
      keys.forEach((k, j) => {
        let id = index.get(k);
        if (id === undefined) {
          id = names.length;
          names.push(k);
          index.set(k, id);
        }
        idx[j] = id;
        val[j] = c.features.get(k)!;
      });
      return { idx, val };
    }),
    positives: new Set(q.positives),
    weight: q.weight,
  }));
  const n = names.length;
  const w = new Float64Array(n);
  const m = new Float64Array(n);
  const v = new Float64Array(n);
  const grad = new Float64Array(n);
  const totalWeight = compiled.reduce((a, q) => a + q.weight, 0) || 1;
  const beta1 = 0.9;
  const beta2 = 0.999;
  for (let t = 1; t <= options.iterations; t++) {
    grad.fill(0);
    for (const q of compiled) {
      const scores = q.rows.map((r) => {
        let s = 0;
        for (let j = 0; j < r.idx.length; j++) s += w[r.idx[j]!]! * r.val[j]!;
        return s;
      });
      const max = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - max));
      const z = exps.reduce((a, b) => a + b, 0);
      let pos = 0;
      for (const k of q.positives) pos += exps[k]!;
      q.rows.forEach((r, k) => {
        // d(-log P(pos))/d score_k = p_k - [k in pos] * e_k / pos
        const g = (exps[k]! / z - (q.positives.has(k) ? exps[k]! / pos : 0)) * (q.weight / totalWeight);
        if (g === 0) return;
        for (let j = 0; j < r.idx.length; j++) grad[r.idx[j]!]! += g * r.val[j]!;
      });
    }
    for (let i = 0; i < n; i++) {
      const g = grad[i]! + (options.l2 / totalWeight) * w[i]!;
      m[i] = beta1 * m[i]! + (1 - beta1) * g;
      v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
      const mh = m[i]! / (1 - beta1 ** t);
      const vh = v[i]! / (1 - beta2 ** t);
      w[i] = w[i]! - (options.learningRate * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  const out: Record<string, number> = {};
  const order = names
    .map((name, i) => ({ name, i }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name, i } of order) {
    const rounded = Math.round(w[i]! * 1e5) / 1e5;
    if (rounded !== 0) out[name] = rounded;
  }
  return out;
}

/** Platt scaling: fits confidence = sigmoid(a * logit(p) + b) to (p, right) pairs by Newton's method. */
export function fitPlatt(pairs: Array<{ p: number; right: boolean }>): { a: number; b: number } {
  let a = 1;
  let b = 0;
  const xs = pairs.map(({ p }) => {
    const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
    return Math.log(q / (1 - q));
  });
  for (let it = 0; it < 50; it++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-6;
    let hab = 0;
    let hbb = 1e-6;
    pairs.forEach(({ right }, i) => {
      const x = xs[i]!;
      const s = 1 / (1 + Math.exp(-(a * x + b)));
      const y = right ? 1 : 0;
      ga += (s - y) * x;
      gb += s - y;
      const h = s * (1 - s);
      haa += h * x * x;
      hab += h * x;
      hbb += h;
    });
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a: Math.round(a * 1e5) / 1e5, b: Math.round(b * 1e5) / 1e5 };
}
