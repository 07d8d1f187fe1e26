/**
 * The project's own annotated articles (eval-set/ and eval-set/blind-2/) as training examples: wire,
 * science, court and UK copy, the domains PolNeAR (US politics) lacks. Labels use the annotated speaker
 * and its aliases.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attributionCandidates } from '../../src/analysis/index.js';
import { loadArticle } from '../../src/article/index.js';
import { locate, speakerMatches } from '../eval-metrics.js';
import type { Example } from './polnear.js';

interface Annotated {
  quotes: Array<{ text: string; speaker: string | null; speakerAliases?: string[] }>;
}

/** A label that knows the annotated name and its aliases, judged as eval-analyzer judges it. */
export interface NamedExample extends Example {
  aliases: string[];
}

export async function loadEvalSetExamples(
  root: string,
  folds: number,
  weight: number,
): Promise<NamedExample[]> {
  const out: NamedExample[] = [];
  const sets = [root, join(root, 'blind-2')].filter((d) => existsSync(join(d, 'annotations')));
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
      let from = 0;
      for (const aq of ann.quotes) {
        const span = locate(article.text, aq.text, from) ?? locate(article.text, aq.text);
        let best = -1;
        let bestOverlap = 0;
        if (span) {
          from = span.start;
          quotes.forEach((q, k) => {
            const overlap = Math.min(q.end, span.end) - Math.max(q.start, span.start);
            const shorter = Math.min(q.end - q.start, span.end - span.start);
            if (overlap > 0 && overlap >= 0.6 * shorter && overlap > bestOverlap) {
              best = k;
              bestOverlap = overlap;
            }
          });
        }
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
      }
      position++;
    }
  }
  return out;
}

export function isRightNamed(e: NamedExample, speaker: string | null): boolean {
  return speakerMatches(e.gold.key, speaker, e.aliases);
}
