/**
 * The end of a trainer run: `--check` compares what it made with the shipped file byte for byte,
 * otherwise it writes the file (to `--out` when given). Returns the process exit code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, relative } from 'node:path';

export function checkOrWrite(options: {
  /** The npm script, for the error line ("train:follow-ups"). */
  command: string;
  text: string;
  shipped: string;
  root: string;
  check: boolean;
  out?: string;
  /** What the written line says after the path ("619 weights, 23253 bytes"). */
  summary: string;
  log: (line: string) => void;
}): number {
  const { command, text, shipped, check, summary, log } = options;
  if (check) {
    if (readFileSync(shipped, 'utf8') !== text) {
      log(`${command} --check: the trained weights differ from ${relative(options.root, shipped)}`);
      return 1;
    }
    console.log(`${basename(shipped)} reproduced byte for byte`);
    return 0;
  }
  const out = options.out ?? shipped;
  writeFileSync(out, text);
  console.log(`wrote ${out} (${summary})`);
  return 0;
}
