/**
 * The project's own annotated articles (eval-set/ and its blind sets) as training examples: wire,
 * science, court and UK copy, the domains PolNeAR (US politics) lacks. Labels use the annotated speaker
 * and its aliases.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attributionCandidates } from '../../src/analysis/index.js';
import { loadArticle } from '../../src/article/index.js';
import { locate, matchSpans, speakerMatches } from '../eval-metrics.js';
import type { Example } from './polnear.js';

interface Annotated {
  quotes: Array<{ text: string; speaker: string | null; speakerAliases?: string[] }>;
}

/** A label that knows the annotated name and its aliases, judged as eval-analyzer judges it. */
export interface NamedExample extends Example {
  aliases: string[];
}

/**
 * The sets the speaker model learns from. A new blind set joins only after its first run is on record
 * (that run measures a model that has never seen it).
 */
export const TRAINING_SETS = [
  '.',
  'blind-2',
  'blind-3',
  'blind-4',
  'blind-5',
  'blind-6',
  'blind-7',
  'blind-8',
  'blind-9',
  'blind-10',
  'blind-11',
  'blind-12',
  'blind-13',
  'blind-14',
  'blind-15',
  'blind-16',
  'blind-17',
  'blind-18',
  'blind-19',
  'blind-20',
  'blind-21',
  'blind-22',
  'blind-23',
  'blind-24',
  'blind-25',
  'blind-26',
  'blind-27',
  'blind-28',
  'blind-29',
  'blind-30',
  'blind-31',
  'blind-32',
  'blind-33',
  'blind-34',
  'blind-35',
  'blind-36',
  'blind-37',
  'blind-38',
  'blind-39',
  'blind-40',
  'blind-41',
  'blind-42',
  'blind-43',
  'blind-44',
  'blind-45',
  'blind-46',
];

export async function loadEvalSetExamples(
  root: string,
  folds: number,
  weight: number,
  setNames: string[] = TRAINING_SETS,
): Promise<NamedExample[]> {
  const out: NamedExample[] = [];
  const sets = setNames.map((n) => join(root, n)).filter((d) => existsSync(join(d, 'annotations')));
  let position = 0;
  for (const set of sets) {
    for (const file of readdirSync(join(set, 'annotations')).sort()) {
      const name = file.replace(/\.json$/, '');
      const articlePath = ['txt', 'md', 'html']
        .map((ext) => join(set, 'articles', `${name}.${ext}`))
        .find(existsSync);
      if (!articlePath) continue;
      const ann = JSON.parse(readFileSync(join(set, 'annotations', file), 'utf8')) as Annotated;
      const article = await loadArticle(articlePath);
      const { quotes, candidates } = attributionCandidates(article);
      // Annotated quotes are matched to the analyzer's as `npm run eval` matches them.
      let from = 0;
      const located = ann.quotes.map((aq) => {
        const span = locate(article.text, aq.text, from) ?? locate(article.text, aq.text);
        if (span) from = span.start;
        return span ?? { start: -1, end: -1 };
      });
      const { expectedToFound } = matchSpans(located, quotes);
      ann.quotes.forEach((aq, a) => {
        const best = expectedToFound[a]!;
        const aliases = aq.speakerAliases ?? [];
        out.push({
          matches: (speaker) => speakerMatches(aq.speaker, speaker, aliases),
          weight,
          article: `eval-set/${name}`,
          fold: position % folds,
          gold: { category: aq.speaker === null ? 'unnamed' : 'named', key: aq.speaker },
          aliases: aq.speakerAliases ?? [],
          candidates: best >= 0 ? candidates[best]! : null,
          ruleSpeaker: best >= 0 ? quotes[best]!.speaker : null,
        });
      });
      position++;
    }
  }
  return out;
}

export function isRightNamed(e: NamedExample, speaker: string | null): boolean {
  return speakerMatches(e.gold.key, speaker, e.aliases);
}
