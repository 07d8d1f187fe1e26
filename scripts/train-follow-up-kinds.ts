/**
 * Trains the follow-up kind step on the project's annotated sets and writes
 * src/analysis/data/follow-up-kinds.json (`npm run train:follow-up-kinds`). Deterministic.
 *
 * The rules find the follow-ups; this step re-weighs their kind (action, pending, event, suggestion)
 * from the cues the rules use, the rules' verdict and the clause's words. Examples are the follow-ups
 * the digest shows (with the rules' kinds) that match an annotated follow-up as `npm run eval` matches
 * them. It first measures leave-one-set-out: each set's kinds predicted by a model that never saw it,
 * against the rules (which were written on these sets, so their figure is optimistic).
 *
 * Usage: npm run train:follow-up-kinds [-- --check] [-- --cv-only]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SpeakerCandidate } from '../src/analysis/attribution/candidates.js';
import { chooseKind, kindFeatures, LEARNED_KINDS } from '../src/analysis/follow-up-kinds.js';
import { analyze } from '../src/analysis/index.js';
import type { FollowUpKind } from '../src/analysis/types.js';
import { loadArticle } from '../src/article/index.js';
import { flat } from '../src/selection/cap.js';
import { shownAnalysis } from '../src/selection/shown-analysis.js';
import { TRAINING_SETS } from './attribution/eval-set.js';
import { type TrainingQuote, train } from './attribution/listwise.js';
import { contentWordCoverage } from './eval-metrics.js';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const SHIPPED = join(ROOT, 'src', 'analysis', 'data', 'follow-up-kinds.json');
/** As `npm run eval`: an annotated follow-up is found by an item carrying half its content words. */
const FOLLOW_UP_THRESHOLD = 0.5;
/** A word is a feature only when this many training items have it (rarer words only memorise). */
const MIN_WORD_ITEMS = 3;
const PRUNE = 0.2;
const OPTIONS = { iterations: 400, l2: 4, learningRate: 0.05 };

interface Item {
  set: string;
  ruleKind: FollowUpKind;
  features: string[];
  gold: Set<FollowUpKind>;
}

interface Expected {
  set: string;
  kind: FollowUpKind;
  /** Indices into the items that find it (any kind). */
  hits: number[];
}

async function collect(): Promise<{ items: Item[]; expected: Expected[] }> {
  const items: Item[] = [];
  const expected: Expected[] = [];
  for (const set of TRAINING_SETS) {
    const dir = join(ROOT, 'eval-set', set);
    const names = readdirSync(join(dir, 'annotations'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => basename(f, '.json'))
      .sort();
    for (const name of names) {
      const annotation = JSON.parse(readFileSync(join(dir, 'annotations', `${name}.json`), 'utf8')) as {
        followUps?: Array<{ text: string; kind: FollowUpKind }>;
      };
      const article = await loadArticle(join(dir, 'articles', `${name}.txt`));
      const shown = shownAnalysis(article, analyze(article), {
        followUpsPerArticle: 20,
        followUpKinds: 'rules',
      });
      const gold = annotation.followUps ?? [];
      const first = items.length;
      for (const f of shown.followUps) {
        const haystack = `${f.text} ${f.sentence}`;
        items.push({
          set,
          ruleKind: f.kind,
          features: kindFeatures(f.kind, f.text, flat(f.sentence || f.text)),
          gold: new Set(
            gold
              .filter((g) => contentWordCoverage(g.text, haystack) >= FOLLOW_UP_THRESHOLD - 1e-9)
              .map((g) => g.kind),
          ),
        });
      }
      for (const g of gold) {
        const hits: number[] = [];
        for (let i = first; i < items.length; i++) {
          const f = shown.followUps[i - first]!;
          if (contentWordCoverage(g.text, `${f.text} ${f.sentence}`) >= FOLLOW_UP_THRESHOLD - 1e-9)
            hits.push(i);
        }
        expected.push({ set, kind: g.kind, hits });
      }
    }
  }
  return { items, expected };
}

function fitKinds(items: Item[]): Record<string, number> {
  const wordItems = new Map<string, number>();
  for (const item of items)
    for (const f of item.features) if (f.startsWith('w=')) wordItems.set(f, (wordItems.get(f) ?? 0) + 1);
  const quotes: TrainingQuote[] = [];
  for (const item of items) {
    if (item.ruleKind === 'reading') continue;
    const positives = LEARNED_KINDS.flatMap((k, i) => (item.gold.has(k) ? [i] : []));
    if (positives.length === 0) continue;
    const kept = item.features.filter(
      (f) => !f.startsWith('w=') || (wordItems.get(f) ?? 0) >= MIN_WORD_ITEMS,
    );
    const candidates = LEARNED_KINDS.map(
      (k) => ({ features: new Map(kept.map((f) => [`${k}|${f}`, 1])) }) as unknown as SpeakerCandidate,
    );
    quotes.push({ candidates, positives, weight: 1 });
  }
  // Small weights change few verdicts and cost load time: kept at three decimals, above a floor.
  const pruned: Record<string, number> = {};
  for (const [key, w] of Object.entries(train(quotes, OPTIONS))) {
    const rounded = Math.round(w * 1000) / 1000;
    if (Math.abs(rounded) >= PRUNE) pruned[key] = rounded;
  }
  return pruned;
}

function predict(weights: Record<string, number>, item: Item): FollowUpKind {
  return chooseKind(item.ruleKind, item.features, { version: 1, weights });
}

function recall(expected: Expected[], kinds: FollowUpKind[]): { hit: number; any: number; total: number } {
  let hit = 0;
  let any = 0;
  for (const e of expected) {
    if (e.hits.length > 0) any++;
    if (e.hits.some((i) => kinds[i] === e.kind)) hit++;
  }
  return { hit, any, total: expected.length };
}

async function main(argv: string[]): Promise<number> {
  const { items, expected } = await collect();
  const labelled = items.filter((i) => i.gold.size > 0).length;
  console.log(
    `${items.length} follow-ups shown over ${TRAINING_SETS.length} sets, ${labelled} matching ${expected.length} annotated ones`,
  );
  const rules = items.map((i) => i.ruleKind);
  const held = items.map((i) => i.ruleKind);
  console.log('set          follow-ups  rules (tuned-on)  learned (set held out)');
  for (const set of TRAINING_SETS) {
    const weights = fitKinds(items.filter((i) => i.set !== set));
    items.forEach((item, i) => {
      if (item.set === set) held[i] = predict(weights, item);
    });
    const mine = expected.filter((e) => e.set === set);
    const r = recall(mine, rules);
    const l = recall(mine, held);
    console.log(
      `${set.padEnd(12)} ${String(r.total).padStart(10)}  ${(r.hit / r.total).toFixed(3).padStart(16)}  ${(l.hit / l.total).toFixed(3).padStart(22)}   (any kind ${(r.any / r.total).toFixed(3)})`,
    );
  }
  const r = recall(expected, rules);
  const l = recall(expected, held);
  console.log(
    `pooled       ${String(r.total).padStart(10)}  ${(r.hit / r.total).toFixed(3).padStart(16)}  ${(l.hit / l.total).toFixed(3).padStart(22)}   (any kind ${(r.any / r.total).toFixed(3)})`,
  );
  if (argv.includes('--cv-only')) return 0;
  const weights = fitKinds(items);
  const out = `${JSON.stringify({ version: 1, weights })}\n`;
  if (argv.includes('--check')) {
    const same = readFileSync(SHIPPED, 'utf8') === out;
    console.log(same ? 'reproduced byte for byte' : 'DIFFERS from the shipped weights');
    return same ? 0 : 1;
  }
  writeFileSync(SHIPPED, out);
  console.log(`wrote ${SHIPPED} (${Object.keys(weights).length} weights, ${out.length} bytes)`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
