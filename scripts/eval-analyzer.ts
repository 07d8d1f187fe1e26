/**
 * Blind evaluation of the analyzer against hand-annotated articles (`npm run eval`).
 *
 * Reads every eval-set/articles/<name>.txt through the real reader and analyzer, compares with
 * eval-set/annotations/<name>.json and prints per-article and overall figures, then every missed or
 * misattributed quote, every spurious quote and every missed follow-up. The sample article (which
 * the analyzer was tuned on) is scored separately from the blind set. See eval-set/README.md.
 *
 * Usage: npm run eval [-- --json] [-- --raw] [-- --set NAME] [-- name ...]
 * Scores the summary and follow-ups the digest shows (`digest analyze --json`); `--raw` scores the
 * analyzer's own, unselected lists.
 * Without arguments: eval-set, then blind-2, then polnear-train (figures only; see scripts/eval-polnear.ts).
 * `--set polnear-train` scores only the PolNeAR train split.
 * `--set NAME` scores eval-set/NAME/{articles,annotations} (e.g. blind-2) instead of the first set.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../src/analysis/index.js';
import type { Analysis, FollowUpKind } from '../src/analysis/types.js';
import { type Article, loadArticle } from '../src/article/index.js';
import { shownAnalysis } from '../src/selection/shown-analysis.js';
import {
  contentWordCoverage,
  FOLLOW_UP_THRESHOLD,
  f1,
  keyFactCoverage,
  keyFactCovered,
  locate,
  matchSpans,
  rouge1,
  type Span,
  speakerMatches,
  speakerMatchesLeniently,
} from './eval-metrics.js';
import { runPolnearEval } from './eval-polnear.js';

interface AnnotatedQuote {
  text: string;
  speaker: string | null;
  speakerAliases?: string[];
  kind: 'direct' | 'partial';
  pattern?: string;
}

interface AnnotatedFollowUp {
  text: string;
  kind: FollowUpKind;
}

interface Annotation {
  quotes: AnnotatedQuote[];
  keyFacts: string[];
  referenceSummary: string;
  followUps: AnnotatedFollowUp[];
}

/** The article the analyzer was developed on: reported apart from the blind set. */
const SAMPLE = 'north-korea-human-rights';
const EVAL_SET = join(fileURLToPath(import.meta.url), '..', '..', 'eval-set');

/** Splits `--set NAME` / `--set=NAME` off argv; without it the first set (eval-set/ itself) is used. */
function parseSet(argv: string[]): { root: string; label: string | null; rest: string[] } {
  const rest: string[] = [];
  let label: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--set') {
      label = argv[++i] ?? '';
    } else if (arg.startsWith('--set=')) {
      label = arg.slice('--set='.length);
    } else {
      rest.push(arg);
    }
  }
  if (label === null) return { root: EVAL_SET, label, rest };
  const root = join(EVAL_SET, label);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(label) || !existsSync(join(root, 'articles'))) {
    throw new Error(`--set ${JSON.stringify(label)}: no eval-set/<name>/articles folder by that name`);
  }
  return { root, label, rest };
}

interface Counts {
  expected: number;
  found: number;
  matchedExpected: number;
  matchedFound: number;
  correctExpected: number;
  correctFound: number;
  lenientCorrect: number;
  /** Matched quotes the analyzer gave a name, and those whose name is right. */
  namesShown: number;
  namesRight: number;
  kindCorrect: number;
  followUps: number;
  followUpsHit: number;
  followUpsHitAnyKind: number;
  /** Annotated follow-ups not listed but carried by a summary sentence (the digest shows no text twice). */
  followUpsInSummary: number;
  followUpsFound: number;
  /** Shown follow-ups that match some annotated follow-up (any kind). */
  followUpsFoundAnnotated: number;
  keyFacts: number;
  keyFactsAnalyzer: number;
  /** Key facts the digest carries in its summary or its follow-ups (the no-repeat rule puts a dated item in one). */
  keyFactsDigest: number;
  keyFactsLead: number;
  rougeAnalyzerR: number;
  rougeAnalyzerF: number;
  rougeLeadR: number;
  rougeLeadF: number;
  articles: number;
}

interface Problem {
  article: string;
  what:
    | 'CRASH'
    | 'MISSED'
    | 'MISATTRIBUTED'
    | 'SPURIOUS'
    | 'QUOTE-KIND'
    | 'MISSED-KEY-FACT'
    | 'MISSED-FOLLOW-UP'
    | 'FOLLOW-UP-KIND'
    | 'UNANNOTATED-FOLLOW-UP';
  pattern: string;
  detail: string;
}

const zero = (): Counts => ({
  expected: 0,
  found: 0,
  matchedExpected: 0,
  matchedFound: 0,
  correctExpected: 0,
  correctFound: 0,
  lenientCorrect: 0,
  namesShown: 0,
  namesRight: 0,
  kindCorrect: 0,
  followUps: 0,
  followUpsHit: 0,
  followUpsHitAnyKind: 0,
  followUpsInSummary: 0,
  followUpsFound: 0,
  followUpsFoundAnnotated: 0,
  keyFacts: 0,
  keyFactsAnalyzer: 0,
  keyFactsDigest: 0,
  keyFactsLead: 0,
  rougeAnalyzerR: 0,
  rougeAnalyzerF: 0,
  rougeLeadR: 0,
  rougeLeadF: 0,
  articles: 0,
});

function add(into: Counts, from: Counts): void {
  for (const key of Object.keys(into) as (keyof Counts)[]) into[key] += from[key];
}

type SentenceSplitter = (article: Article) => string[];

/** The analyzer's own sentence splitter when its module offers one, else a plain one. */
async function sentenceSplitter(): Promise<{ split: SentenceSplitter; source: string }> {
  try {
    const mod = (await import('../src/analysis/sentences.js')) as {
      splitParagraphs?: (text: string, title?: string) => unknown[];
      splitSentences?: (text: string, paragraphs: unknown[]) => { text: string }[];
    };
    const { splitParagraphs, splitSentences } = mod;
    if (typeof splitParagraphs === 'function' && typeof splitSentences === 'function') {
      return {
        split: (article) =>
          splitSentences(article.text, splitParagraphs(article.text, article.title)).map((s) => s.text),
        source: "analyzer's splitSentences",
      };
    }
  } catch {
    // Fall through to the plain splitter.
  }
  return {
    split: (article) =>
      article.paragraphs.flatMap((p) => p.split(/(?<=[.!?]["\u201d\u2019']?)\s+(?=["\u201c\u2018]?\p{Lu})/u)),
    source: 'plain splitter',
  };
}

/** The commit evaluated, so figures can be compared across runs. */
function revision(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src/analysis'], {
      encoding: 'utf8',
    }).trim();
    return dirty ? `${head} (+ uncommitted src/analysis changes)` : head;
  } catch {
    return 'unknown revision';
  }
}

function short(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}\u2026` : flat;
}

function show(speaker: string | null): string {
  return speaker === null ? 'null' : JSON.stringify(speaker);
}

function evaluate(
  name: string,
  article: Article,
  analysis: Analysis,
  annotation: Annotation,
  lead3: string,
  problems: Problem[],
): Counts {
  const c = zero();
  c.articles = 1;
  const text = article.text;

  const expectedSpans: Span[] = annotation.quotes.map((q) => {
    const span = locate(text, q.text);
    if (!span) throw new Error(`${name}: annotated quote not found in the article text: ${short(q.text)}`);
    return span;
  });
  const found = analysis.quotes;
  const { expectedToFound, foundToExpected } = matchSpans(expectedSpans, found);
  c.expected = annotation.quotes.length;
  c.found = found.length;

  annotation.quotes.forEach((q, i) => {
    const pattern = q.pattern ?? 'unlabelled';
    const fi = expectedToFound[i]!;
    if (fi < 0) {
      problems.push({
        article: name,
        what: 'MISSED',
        pattern,
        detail: `"${short(q.text)}" (${show(q.speaker)})`,
      });
      return;
    }
    const got = found[fi]!;
    c.matchedExpected++;
    if (got.kind === q.kind) c.kindCorrect++;
    else {
      problems.push({
        article: name,
        what: 'QUOTE-KIND',
        pattern,
        detail: `"${short(q.text, 70)}" expected ${q.kind}, got ${got.kind}`,
      });
    }
    const right = speakerMatches(q.speaker, got.speaker, q.speakerAliases);
    if (got.speaker) {
      c.namesShown++;
      if (right) c.namesRight++;
    }
    if (right) c.correctExpected++;
    else {
      if (speakerMatchesLeniently(q.speaker, got.speaker, q.speakerAliases)) c.lenientCorrect++;
      problems.push({
        article: name,
        what: 'MISATTRIBUTED',
        pattern,
        detail: `"${short(q.text, 70)}" expected ${show(q.speaker)}, got ${show(got.speaker)}`,
      });
    }
  });
  c.lenientCorrect += c.correctExpected;

  found.forEach((q, i) => {
    const ei = foundToExpected[i]!;
    if (ei < 0) {
      problems.push({
        article: name,
        what: 'SPURIOUS',
        pattern: 'not an annotated quote',
        detail: `"${short(q.text, 70)}" (${show(q.speaker)})`,
      });
      return;
    }
    c.matchedFound++;
    const expected = annotation.quotes[ei]!;
    if (speakerMatches(expected.speaker, q.speaker, expected.speakerAliases)) c.correctFound++;
  });

  const summary = analysis.summary.join(' ');
  const ra = rouge1(summary, annotation.referenceSummary);
  const rl = rouge1(lead3, annotation.referenceSummary);
  c.rougeAnalyzerR = ra.recall;
  c.rougeAnalyzerF = ra.f1;
  c.rougeLeadR = rl.recall;
  c.rougeLeadF = rl.f1;
  c.keyFacts = annotation.keyFacts.length;
  for (const fact of annotation.keyFacts) {
    if (keyFactCovered(fact, summary)) continue;
    problems.push({
      article: name,
      what: 'MISSED-KEY-FACT',
      pattern: keyFactCovered(fact, lead3) ? 'summary (lead-3 has it)' : 'summary (lead-3 misses it too)',
      detail: `"${fact}" (${Math.round(contentWordCoverage(fact, summary) * 100)}% of its content words)`,
    });
  }
  c.keyFactsAnalyzer = Math.round(keyFactCoverage(annotation.keyFacts, summary) * c.keyFacts);
  c.keyFactsLead = Math.round(keyFactCoverage(annotation.keyFacts, lead3) * c.keyFacts);
  const digest = `${summary} ${analysis.followUps.map((f) => f.text).join(' ')}`;
  c.keyFactsDigest = annotation.keyFacts.filter((fact) => keyFactCovered(fact, digest)).length;

  c.followUps = annotation.followUps.length;
  c.followUpsFound = analysis.followUps.length;
  // A shown item matches an annotated one when it (or its sentence) carries the annotation's content words.
  const covers = (expected: { text: string }, f: { text: string; sentence: string }) =>
    contentWordCoverage(expected.text, `${f.text} ${f.sentence}`) >= FOLLOW_UP_THRESHOLD - 1e-9;
  const unannotated = analysis.followUps.filter(
    (f) => !annotation.followUps.some((expected) => covers(expected, f)),
  );
  c.followUpsFoundAnnotated = analysis.followUps.length - unannotated.length;
  // Shown items no annotation covers: where the digest's "What to follow" may mislead a reader.
  for (const f of unannotated)
    problems.push({
      article: name,
      what: 'UNANNOTATED-FOLLOW-UP',
      pattern: `shown ${f.kind}`,
      detail: `"${short(f.text, 90)}"`,
    });
  for (const expected of annotation.followUps) {
    const hits = analysis.followUps.filter((f) => covers(expected, f));
    const sameKind = hits.some((f) => f.kind === expected.kind);
    if (sameKind) c.followUpsHit++;
    if (hits.length > 0) c.followUpsHitAnyKind++;
    const inSummary =
      !sameKind &&
      analysis.summary.some(
        (sentence) => contentWordCoverage(expected.text, sentence) >= FOLLOW_UP_THRESHOLD - 1e-9,
      );
    if (inSummary) c.followUpsInSummary++;
    if (!sameKind) {
      problems.push({
        article: name,
        what: hits.length > 0 ? 'FOLLOW-UP-KIND' : 'MISSED-FOLLOW-UP',
        pattern: `follow-up ${expected.kind}`,
        detail:
          hits.length > 0
            ? `"${short(expected.text, 70)}" expected ${expected.kind}, got ${[...new Set(hits.map((h) => h.kind))].join('/')}`
            : `"${short(expected.text, 70)}" (${expected.kind})${inSummary ? ' [in the summary instead]' : ''}`,
      });
    }
  }
  return c;
}

interface Figures {
  quoteP: number;
  quoteR: number;
  quoteF1: number;
  speakerAcc: number;
  speakerAccLenient: number;
  attributedF1: number;
  kindAcc: number;
  rougeR: number;
  rougeF: number;
  leadRougeR: number;
  leadRougeF: number;
  keyFacts: number;
  digestKeyFacts: number;
  leadKeyFacts: number;
  followUpRecall: number;
  followUpRecallAnyKind: number;
  followUpRecallWithSummary: number;
  followUpPrecision: number;
  namePrecision: number;
}

function figures(c: Counts): Figures {
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  const quoteP = ratio(c.matchedFound, c.found);
  const quoteR = ratio(c.matchedExpected, c.expected);
  const n = Math.max(c.articles, 1);
  return {
    quoteP,
    quoteR,
    quoteF1: f1(quoteP, quoteR),
    speakerAcc: ratio(c.correctExpected, c.matchedExpected),
    speakerAccLenient: ratio(c.lenientCorrect, c.matchedExpected),
    namePrecision: ratio(c.namesRight, c.namesShown),
    attributedF1: f1(ratio(c.correctFound, c.found), ratio(c.correctExpected, c.expected)),
    kindAcc: ratio(c.kindCorrect, c.matchedExpected),
    rougeR: c.rougeAnalyzerR / n,
    rougeF: c.rougeAnalyzerF / n,
    leadRougeR: c.rougeLeadR / n,
    leadRougeF: c.rougeLeadF / n,
    keyFacts: ratio(c.keyFactsAnalyzer, c.keyFacts),
    digestKeyFacts: ratio(c.keyFactsDigest, c.keyFacts),
    leadKeyFacts: ratio(c.keyFactsLead, c.keyFacts),
    followUpRecall: ratio(c.followUpsHit, c.followUps),
    followUpRecallAnyKind: ratio(c.followUpsHitAnyKind, c.followUps),
    followUpRecallWithSummary: ratio(c.followUpsHit + c.followUpsInSummary, c.followUps),
    followUpPrecision: ratio(c.followUpsFoundAnnotated, c.followUpsFound),
  };
}

const HEADER = [
  'article'.padEnd(26),
  'exp',
  'fnd',
  ' Q-P ',
  ' Q-R ',
  'Q-F1 ',
  'SpkAc',
  'AttF1',
  'R1-F ',
  'L3-F ',
  'KF   ',
  'L3-KF',
  'FU-R ',
  'FU-R*',
].join(' ');

function row(label: string, c: Counts): string {
  const f = figures(c);
  const n = (x: number) => x.toFixed(2).padStart(5);
  return [
    label.slice(0, 26).padEnd(26),
    String(c.expected).padStart(3),
    String(c.found).padStart(3),
    n(f.quoteP),
    n(f.quoteR),
    n(f.quoteF1),
    n(f.speakerAcc),
    n(f.attributedF1),
    n(f.rougeF),
    n(f.leadRougeF),
    n(f.keyFacts),
    n(f.leadKeyFacts),
    n(f.followUpRecall),
    n(f.followUpRecallAnyKind),
  ].join(' ');
}

function verdict(label: string, f: Figures): string[] {
  const mark = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  return [
    `${label} targets:`,
    `  speaker accuracy on found quotes ${f.speakerAcc.toFixed(3)} (>= 0.90) ${mark(f.speakerAcc >= 0.9)}  [lenient ${f.speakerAccLenient.toFixed(3)}]`,
    `  name precision on found quotes (names shown that are right) ${f.namePrecision.toFixed(3)} (>= 0.95) ${mark(f.namePrecision >= 0.95)}`,
    `  quote F1, correctly attributed only ${f.attributedF1.toFixed(3)} (>= 0.85) ${mark(f.attributedF1 >= 0.85)}  [any speaker: P ${f.quoteP.toFixed(3)} R ${f.quoteR.toFixed(3)} F1 ${f.quoteF1.toFixed(3)}; kind accuracy ${f.kindAcc.toFixed(3)}]`,
    `  summary ROUGE-1 F ${f.rougeF.toFixed(3)} vs lead-3 ${f.leadRougeF.toFixed(3)} ${mark(f.rougeF > f.leadRougeF)}  [recall ${f.rougeR.toFixed(3)} vs ${f.leadRougeR.toFixed(3)}]`,
    `  key-fact coverage ${f.keyFacts.toFixed(3)} vs lead-3 ${f.leadKeyFacts.toFixed(3)} ${mark(f.keyFacts > f.leadKeyFacts)}  [summary and follow-ups together ${f.digestKeyFacts.toFixed(3)}]`,
    `  follow-up recall ${f.followUpRecall.toFixed(3)} (>= 0.60) ${mark(f.followUpRecall >= 0.6)}  [kind-agnostic ${f.followUpRecallAnyKind.toFixed(3)}; counting those the summary carries instead ${f.followUpRecallWithSummary.toFixed(3)}; shown items that match an annotated one ${f.followUpPrecision.toFixed(3)}]`,
  ];
}

async function main(argv: string[]): Promise<number> {
  const { root: ROOT, label, rest } = parseSet(argv);
  const json = rest.includes('--json');
  const rawMode = rest.includes('--raw');
  const only = rest.filter((a) => !a.startsWith('--'));
  const names = readdirSync(join(ROOT, 'articles'))
    .filter((file) => file.endsWith('.txt'))
    .map((file) => basename(file, '.txt'))
    .filter((name) => only.length === 0 || only.includes(name))
    .sort();
  const { split, source } = await sentenceSplitter();

  const blind = zero();
  const sample = zero();
  const problems: Problem[] = [];
  const rows: string[] = [];
  const perArticle: Record<string, Figures> = {};
  for (const name of names) {
    const annotation = JSON.parse(
      readFileSync(join(ROOT, 'annotations', `${name}.json`), 'utf8'),
    ) as Annotation;
    const article = await loadArticle(join(ROOT, 'articles', `${name}.txt`));
    let analysis: Analysis;
    try {
      const raw = analyze(article);
      // By default the summary and follow-ups scored are the ones the digest shows (what
      // `digest analyze --json` prints); `--raw` scores the analyzer's own lists instead.
      analysis = rawMode ? raw : (shownAnalysis(article, raw) as unknown as Analysis);
    } catch (error) {
      // A crash scores as an empty analysis so it shows in the figures, and is listed.
      problems.push({ article: name, what: 'CRASH', pattern: 'analyze() threw', detail: String(error) });
      analysis = {
        title: '',
        summary: [],
        quotes: [],
        followUps: [],
        entities: { people: [], organizations: [], places: [], dates: [] },
        stats: { words: 0, readingMinutes: 0 },
      };
    }
    const lead3 = split(article).slice(0, 3).join(' ');
    const counts = evaluate(name, article, analysis, annotation, lead3, problems);
    add(name === SAMPLE ? sample : blind, counts);
    rows.push(row(name === SAMPLE ? `${name} (sample)` : name, counts));
    perArticle[name] = figures(counts);
  }

  if (json) {
    const out = {
      blind: figures(blind),
      sample: sample.articles ? figures(sample) : null,
      perArticle,
      problems,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }

  const lines: string[] = [];
  lines.push(
    `Analyzer evaluation at ${revision()}: ${label ? `set ${label}, ` : ''}${names.length} articles (lead-3 sentences from the ${source}; ${rawMode ? "the analyzer's raw summary and follow-ups" : 'summary and follow-ups as the digest shows them'})`,
  );
  lines.push(
    'Q = quotes (match: >= 60% char overlap of the shorter); SpkAc = speaker accuracy on matched quotes; AttF1 = F1 counting only correctly attributed quotes; R1-F = ROUGE-1 F vs reference summary; L3 = lead-3 baseline; KF = key-fact coverage; FU-R = follow-up recall (same kind), FU-R* = any kind',
  );
  lines.push('', HEADER, ...rows, '');
  lines.push(row(`BLIND SET (${blind.articles})`, blind));
  if (sample.articles) lines.push(row('SAMPLE (tuned on)', sample));
  lines.push('', ...verdict('Blind set', figures(blind)));
  if (sample.articles) lines.push(...verdict('Sample', figures(sample)));

  const order: Problem['what'][] = [
    'CRASH',
    'MISSED',
    'MISATTRIBUTED',
    'SPURIOUS',
    'QUOTE-KIND',
    'MISSED-KEY-FACT',
    'MISSED-FOLLOW-UP',
    'FOLLOW-UP-KIND',
    'UNANNOTATED-FOLLOW-UP',
  ];
  for (const what of order) {
    const list = problems.filter((p) => p.what === what);
    if (list.length === 0) continue;
    lines.push('', `${what} (${list.length}):`);
    for (const p of list.sort(
      (a, b) => a.pattern.localeCompare(b.pattern) || a.article.localeCompare(b.article),
    )) {
      lines.push(`  [${p.pattern}] ${p.article}${p.article === SAMPLE ? ' (sample)' : ''}: ${p.detail}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** Without arguments every set is scored: eval-set, each eval-set/blind-N, then the PolNeAR train split. */
async function mainWithAllSets(argv: string[]): Promise<number> {
  if (argv.length === 1 && argv[0] === '--set=polnear-train') return runPolnearEval(print);
  const setIndex = argv.indexOf('--set');
  if (setIndex >= 0 && argv[setIndex + 1] === 'polnear-train') return runPolnearEval(print);
  let code = await main(argv);
  if (argv.length > 0) return code;
  const blindSets = readdirSync(EVAL_SET)
    .filter((name) => /^blind-\d+$/.test(name) && existsSync(join(EVAL_SET, name, 'articles')))
    .sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)));
  for (const name of blindSets) {
    process.stdout.write(`\n== ${name}\n`);
    code = Math.max(code, await main(['--set', name]));
  }
  return Math.max(code, await runPolnearEval(print));
}

function print(s: string): void {
  process.stdout.write(`${s}\n`);
}

mainWithAllSets(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`eval: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
