/**
 * The PolNeAR train split in `npm run eval` (`--set polnear-train`): figures only, never its texts (the
 * corpus's licence). Prints the official scorer's line for the shipped weights (trained on this very
 * set, so not blind), then the 5-fold cross-validated figures of the same training recipe, the rules
 * alone for comparison, and the calibration table. Skipped with a note when ../shared is absent.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEvalSetExamples } from './attribution/eval-set.js';
import { FOLDS, loadExamples, polnearDir } from './attribution/polnear.js';
import { formatFigures, OWN_WEIGHT, trainModel } from './train-attribution.js';

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
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runPolnearEval((s) => process.stdout.write(`${s}\n`)).then((code) => {
    process.exitCode = code;
  });
}
