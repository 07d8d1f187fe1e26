/**
 * The PolNeAR train split in `npm run eval` (`--set polnear-train`): figures only, never its texts (the
 * corpus's licence). Prints the official scorer's line for the shipped weights (trained on this very
 * set, so not blind), then the 5-fold cross-validated figures of the same training recipe, the rules
 * alone for comparison, and the calibration table. Skipped with a note when ../shared is absent.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AttributionModel } from '../src/analysis/attribution/model.js';
import { loadEvalSetExamples } from './attribution/eval-set.js';
import { FOLDS, loadExamples, polnearDir } from './attribution/polnear.js';
import { formatFigures, OWN_WEIGHT, serialize, trainModel } from './train-attribution.js';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');

export async function runPolnearEval(write: (s: string) => void): Promise<number> {
  const dir = polnearDir(ROOT);
  write('\n== polnear-train (837 US political news articles, ../shared/eval/polnear-train)');
  if (!dir) {
    write('polnear-train: skipped: ../shared/eval/polnear-train is not present on this machine');
    return 0;
  }
  const scored = execFileSync(process.execPath, [join(dir, 'score.mjs'), '--project', ROOT], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = scored.trim().split('\n').at(-1) ?? '';
  write(`shipped weights, official scorer (trained on this set: not blind):\n  ${last}`);
  write(`cross-validating the training recipe (${FOLDS} folds by article) ...`);
  const examples = loadExamples(dir);
  const own = await loadEvalSetExamples(join(ROOT, 'eval-set'), FOLDS, OWN_WEIGHT);
  const run = trainModel([...examples, ...own], () => {});
  write(formatFigures('  rules alone', run.baseline));
  write(formatFigures(`  model, cross-validated, threshold ${run.model.threshold}`, run.crossValidated));
  write('calibration (cross-validated; quotes whose gold speaker is a name):');
  for (const line of run.calibration) write(line);
  write(
    'the same folds through the official scorer and `digest analyze` (fold i scored by the model trained without it):',
  );
  write(`  ${scoreFolds(dir, run.folds)}`);
  return 0;
}

interface ScorerRecord {
  category: string;
  found: boolean;
  speaker: string | null;
  correct?: boolean;
}

/** Runs score.mjs once per fold with that fold's model and adds up its per-quote records. */
function scoreFolds(dir: string, folds: AttributionModel[]): string {
  const tmp = mkdtempSync(join(tmpdir(), 'polnear-cv-'));
  try {
    const records: ScorerRecord[] = [];
    folds.forEach((model, i) => {
      const weights = join(tmp, `fold${i}.json`);
      writeFileSync(weights, serialize(model));
      const out = join(tmp, `fold${i}-records.json`);
      execFileSync(
        process.execPath,
        [
          join(dir, 'score.mjs'),
          '--project',
          ROOT,
          '--folds',
          String(FOLDS),
          '--fold',
          String(i),
          '--json-out',
          out,
        ],
        { env: { ...process.env, DIGEST_ATTRIBUTION_WEIGHTS: weights }, stdio: 'ignore' },
      );
      records.push(...(JSON.parse(readFileSync(out, 'utf8')) as { records: ScorerRecord[] }).records);
    });
    return summarizeRecords(records);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function summarizeRecords(records: ScorerRecord[]): string {
  const judgedCats = new Set(['named', 'coref', 'unnamed']);
  const rate = (a: number, b: number) => (b ? (a / b).toFixed(3) : 'n/a');
  const found = records.filter((r) => r.found);
  const judged = found.filter((r) => judgedCats.has(r.category));
  const cat = (c: string) => {
    const list = judged.filter((r) => r.category === c);
    return rate(list.filter((r) => r.correct).length, list.length);
  };
  const namedGold = judged.filter((r) => r.category !== 'unnamed');
  const named = judged.filter((r) => r.speaker);
  const namedOnNamedGold = namedGold.filter((r) => r.speaker);
  return [
    `quotes=${records.length}`,
    `recall=${rate(found.length, records.length)}`,
    `speakerAcc=${rate(judged.filter((r) => r.correct).length, judged.length)}`,
    `named=${cat('named')}`,
    `coref=${cat('coref')}`,
    `unnamed=${cat('unnamed')}`,
    `nullWhenNamed=${rate(namedGold.length - namedOnNamedGold.length, namedGold.length)}`,
    `namePrecision=${rate(named.filter((r) => r.correct).length, named.length)}`,
    `namePrecisionNamedGold=${rate(namedOnNamedGold.filter((r) => r.correct).length, namedOnNamedGold.length)}`,
  ].join(' ');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runPolnearEval((s) => process.stdout.write(`${s}\n`)).then((code) => {
    process.exitCode = code;
  });
}
