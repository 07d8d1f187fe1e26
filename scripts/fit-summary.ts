/**
 * Fits the summary's weights (src/analysis/summary.ts `SUMMARY_WEIGHTS`) on every annotated set
 * together, with a leave-one-set-out check (`npx tsx scripts/fit-summary.ts`).
 *
 * Sets: eval-set (13 articles), the sample, and every blind set whose first run is on record. The score
 * of a weight vector is its smaller margin over lead-3, pooled over all training sets: key facts the
 * shown summaries carry (eval-metrics `keyFactCovered`) over lead-3's, and mean ROUGE-1 F over
 * lead-3's (see `objective`). The search is a seeded coordinate descent over a grid per
 * weight, started from the shipped weights, so it is deterministic. The summary as shown is
 * `presentSummary` of `summarize` (datelines cut, people's roles in brackets), as `npm run eval` scores it.
 *
 * Usage: npx tsx scripts/fit-summary.ts [--current | --no-check]   (--current: only score the shipped
 * weights; --no-check: fit on all sets without the leave-one-set-out check)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/analysis/index.js';
import { indexNames } from '../src/analysis/names.js';
import { findQuotes } from '../src/analysis/quotes.js';
import { splitParagraphs, splitSentences } from '../src/analysis/sentences.js';
import { SUMMARY_WEIGHTS, type SummaryWeights, summarize } from '../src/analysis/summary.js';
import { loadArticle } from '../src/article/index.js';
import { presentSummary } from '../src/selection/summary.js';
import { TRAINING_SETS } from './attribution/eval-set.js';
import { keyFactCovered, rouge1 } from './eval-metrics.js';

const EVAL_SET = join(fileURLToPath(import.meta.url), '..', '..', 'eval-set');
const SAMPLE = 'north-korea-human-rights';
/**
 * The blind sets the speaker model also learns from (`TRAINING_SETS`): a set joins once its first run is
 * on record, so a set still waiting for its first run does not shape the weights that run will measure.
 */
const BLIND_SETS = TRAINING_SETS.filter((d) => d !== '.');

interface Case {
  set: string;
  name: string;
  run: (w: SummaryWeights) => string;
  facts: string[];
  reference: string;
  leadFacts: number;
  leadRouge: number;
}

async function loadCases(): Promise<Case[]> {
  const cases: Case[] = [];
  for (const [set, root] of [
    ['eval-set', EVAL_SET] as const,
    ...BLIND_SETS.map((b) => [b, join(EVAL_SET, b)] as const),
  ]) {
    for (const file of readdirSync(join(root, 'articles')).sort()) {
      if (!file.endsWith('.txt')) continue;
      const name = basename(file, '.txt');
      const annotation = JSON.parse(readFileSync(join(root, 'annotations', `${name}.json`), 'utf8')) as {
        keyFacts: string[];
        referenceSummary: string;
      };
      const article = await loadArticle(join(root, 'articles', file));
      const { text, title } = article;
      const paragraphs = splitParagraphs(text, title);
      const sentences = splitSentences(text, paragraphs);
      const names = indexNames(text, paragraphs, sentences);
      const quotes = findQuotes(text, paragraphs, sentences);
      const entities = analyze(article).entities;
      const things = { text, names: [...entities.organizations, ...entities.places] };
      const lead3 = sentences
        .slice(0, 3)
        .map((s) => s.text)
        .join(' ');
      cases.push({
        set: name === SAMPLE ? 'sample' : set,
        name,
        run: (w) =>
          presentSummary(summarize(title, sentences, quotes, 3, names, w), entities.people, things).join(' '),
        facts: annotation.keyFacts,
        reference: annotation.referenceSummary,
        leadFacts: annotation.keyFacts.filter((f) => keyFactCovered(f, lead3)).length,
        leadRouge: rouge1(lead3, annotation.referenceSummary).f1,
      });
    }
  }
  return cases;
}

interface SetScore {
  facts: number;
  leadFacts: number;
  total: number;
  rouge: number;
  leadRouge: number;
}

function score(cases: Case[], w: SummaryWeights): Map<string, SetScore> {
  const out = new Map<string, SetScore>();
  for (const c of cases) {
    const summary = c.run(w);
    const s = out.get(c.set) ?? { facts: 0, leadFacts: 0, total: 0, rouge: 0, leadRouge: 0 };
    s.facts += c.facts.filter((f) => keyFactCovered(f, summary)).length;
    s.leadFacts += c.leadFacts;
    s.total += c.facts.length;
    s.rouge += rouge1(summary, c.reference).f1 / cases.filter((k) => k.set === c.set).length;
    s.leadRouge += c.leadRouge / cases.filter((k) => k.set === c.set).length;
    out.set(c.set, s);
  }
  return out;
}

/**
 * The smaller of the two margins over lead-3, pooled over the sets: facts covered / lead-3's, and mean
 * ROUGE-1 F / lead-3's. The digest must beat the first three sentences on both, and on unseen sets
 * ROUGE-1 is the narrower margin (facts plus ROUGE-1 as a mere tie-breaker, the objective until
 * session 15, lost ROUGE-1 to lead-3 on 13 of 45 sets), so each is weighed as a margin, and facts
 * then ROUGE-1 break ties. With many sets no weight vector beats lead-3 on every one (some articles put
 * every key fact in the lead); a vector that loses to it on either figure pooled is out.
 */
function objective(scores: Map<string, SetScore>, sets: string[]): number {
  let facts = 0;
  let leadFacts = 0;
  let rouge = 0;
  let leadRouge = 0;
  for (const set of sets) {
    const s = scores.get(set)!;
    facts += s.facts;
    leadFacts += s.leadFacts;
    rouge += s.rouge;
    leadRouge += s.leadRouge;
  }
  if (facts <= leadFacts || rouge <= leadRouge) return Number.NEGATIVE_INFINITY;
  return Math.min(facts / leadFacts, rouge / leadRouge) + 1e-5 * (facts + 2 * rouge);
}

const GRID: Record<keyof SummaryWeights, number[]> = {
  lead: [2, 4, 6, 8, 10, 12, 16],
  leadDecay: [0.5, 1, 2, 3, 4, 6],
  lengthExponent: [0.5, 0.6, 0.75, 0.9, 1],
  normFloor: [6, 9, 12, 15, 18],
  mainActor: [0, 0.15, 0.3],
  budgetPerSentence: [1.25, 1.5, 1.75, 2, 2.5, 3, 100],
  singleton: [0, 0.25, 0.5, 0.75, 1],
  headline: [0.5, 1, 1.5, 2, 3],
  figure: [0, 0.5, 0.75, 1, 1.5, 2],
};

function fitWeights(
  cases: Case[],
  sets: string[],
  start: SummaryWeights,
  keys = Object.keys(GRID) as (keyof SummaryWeights)[],
): { w: SummaryWeights; value: number } {
  let best = { ...start };
  let bestValue = objective(score(cases, best), sets);
  for (let round = 0; round < 4; round++) {
    let improved = false;
    for (const key of keys) {
      for (const v of GRID[key]) {
        if (v === best[key]) continue;
        const trial = { ...best, [key]: v };
        const value = objective(score(cases, trial), sets);
        if (value > bestValue + 1e-9) {
          best = trial;
          bestValue = value;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return { w: best, value: bestValue };
}

function report(label: string, scores: Map<string, SetScore>, sets: string[]): string {
  return `${label}\n${sets
    .map((set) => {
      const s = scores.get(set)!;
      return `  ${set.padEnd(9)} KF ${(s.facts / s.total).toFixed(3)} (${s.facts}/${s.total}) vs L3 ${(s.leadFacts / s.total).toFixed(3)} (${s.leadFacts})   R1-F ${s.rouge.toFixed(3)} vs L3 ${s.leadRouge.toFixed(3)}`;
    })
    .join('\n')}`;
}

async function main(): Promise<void> {
  const cases = await loadCases();
  const sets = ['eval-set', 'sample', ...BLIND_SETS];
  const shipped = { ...SUMMARY_WEIGHTS };
  console.log(report('shipped weights', score(cases, shipped), sets));
  if (process.argv.includes('--current')) return;
  const scan = process.argv.indexOf('--scan');
  if (scan >= 0) {
    const key = process.argv[scan + 1] as keyof SummaryWeights;
    const base = { ...shipped, ...(JSON.parse(process.argv[scan + 2] ?? '{}') as Partial<SummaryWeights>) };
    for (const v of GRID[key])
      console.log(report(`${key} = ${v}`, score(cases, { ...base, [key]: v }), sets));
    return;
  }

  const all = fitWeights(cases, sets, shipped);
  console.log(report(`fitted on all sets: ${JSON.stringify(all.w)}`, score(cases, all.w), sets));
  if (process.argv.includes('--no-check')) return;

  // Leave one set out: fit on the others from the shipped weights, score the one left out against
  // the shipped weights on it (the sample is too small alone, so it is left out with eval-set).
  const folds: string[][] = [['eval-set', 'sample'], ...BLIND_SETS.map((b) => [b])];
  const total = { fitted: 0, shipped: 0, lead: 0, all: 0 };
  for (const held of folds) {
    const train = sets.filter((s) => !held.includes(s));
    const fold = fitWeights(cases, train, shipped);
    const fitted = score(cases, fold.w);
    const base = score(cases, shipped);
    for (const set of held) {
      total.fitted += fitted.get(set)!.facts;
      total.shipped += base.get(set)!.facts;
      total.lead += base.get(set)!.leadFacts;
      total.all += base.get(set)!.total;
    }
    console.log(report(`held out ${held.join('+')}: fitted ${JSON.stringify(fold.w)}`, fitted, held));
  }
  console.log(
    `leave-one-set-out key facts: fitted ${total.fitted}/${total.all}, shipped ${total.shipped}/${total.all}, lead-3 ${total.lead}/${total.all}`,
  );
}

await main();
