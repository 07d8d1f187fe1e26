// Analyzer speed: the sample warm, and time against article length (should stay near linear).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/analysis/index.js';
import { parseArticle } from '../src/article/index.js';
import type { Article } from '../src/article/types.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../examples/articles');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(article: Article, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    analyze(article);
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** An article of about `words` words made of the example articles' paragraphs, in rotating order. */
function synthesize(paragraphs: string[], words: number): Article {
  const chosen: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const p = paragraphs[(i * 7) % paragraphs.length]!;
    chosen.push(p);
    count += p.split(/\s+/).length;
  }
  const title = `Synthetic article of ${words} words`;
  return {
    id: `synthetic-${words}`,
    title,
    paragraphs: chosen,
    text: [title, ...chosen].join('\n\n'),
    source: 'synthetic',
    format: 'text',
    links: [],
  };
}

export async function bench(): Promise<void> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
  const articles = files.map((f) =>
    parseArticle(readFileSync(join(dir, f), 'utf8'), { source: join(dir, f) }),
  );
  const sample = articles[files.indexOf('north-korea-human-rights.txt')]!;
  for (let i = 0; i < 50; i++) for (const a of articles) analyze(a);

  const warm = time(sample, 500);
  console.log(
    `analyze sample (${sample.text.split(/\s+/).length} words), warm median of 500: ${warm.toFixed(3)} ms (target < 5 ms)`,
  );

  const paragraphs = articles.flatMap((a) => a.paragraphs);
  const perWord: Record<number, number> = {};
  for (const [words, runs] of [
    [1_000, 200],
    [10_000, 30],
    [100_000, 7],
  ] as const) {
    const article = synthesize(paragraphs, words);
    const actual = article.text.split(/\s+/).length;
    const ms = time(article, runs);
    perWord[words] = ms / actual;
    console.log(
      `analyze ${words.toLocaleString('en-US')} words: ${ms.toFixed(2)} ms (${((ms / actual) * 1000).toFixed(2)} µs/word)`,
    );
  }
  const ratio = perWord[100_000]! / perWord[1_000]!;
  console.log(`time per word at 100k / at 1k: ${ratio.toFixed(2)} (target < 2)`);

  // Hostile shape: one sentence packed with short quotes (once quadratic in the quotes per sentence).
  const perQuote: Record<number, number> = {};
  for (const quotes of [1_000, 10_000]) {
    const body = `He said ${'"a b" and '.repeat(quotes)}done.`;
    const ms = time(parseArticle(`Quote flood\n\n${body}\n`, { source: 'bench' }), 3);
    perQuote[quotes] = ms / quotes;
    console.log(`one sentence with ${quotes.toLocaleString('en-US')} short quotes: ${ms.toFixed(1)} ms`);
  }
  console.log(
    `time per quote at 10k / at 1k: ${(perQuote[10_000]! / perQuote[1_000]!).toFixed(2)} (linear is about 1)`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bench();
