import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseModel } from '../analysis/attribution/weights.js';
import { analyze } from '../analysis/index.js';
import type { AnalyzeOptions, FollowUpKind } from '../analysis/types.js';
import type { ArticleFormat } from '../article/index.js';
import { loadArticles } from '../article/index.js';
import { sourceArgOptions, sourceOptionsFromArgs } from '../article/sources-args.js';
import { InputError } from '../errors.js';
import { type ShownAnalysis, shownAnalysis } from '../selection/shown-analysis.js';
import { attributionWeightsPath } from '../settings/local.js';
import type { Command } from './io.js';
import { quotesOption } from './render.js';

const HELP = `Usage: digest analyze FILE|URL|- [FILE...] [--json] [--format text|markdown|html]
                      [--max-bytes N] [--summary-sentences N] [--quotes N]
                      [--feed URL]... [--follow] [--since DATE|7d] [--allow-loopback]

Prints the summary, the key quotes with their speakers, the follow-up items and the entities of
each article, as the digest shows them (--quotes N: at most N key quotes, default 3). With --json:
one JSON object per article per line, nothing else; every quote carries "shown".
Inputs may be files, - (stdin), article URLs or RSS/Atom feeds (one article per new item);
--follow fetches the page of an item that carries only an excerpt, --since keeps items published
since then, --allow-loopback lets URLs on this machine be fetched (local work and tests).
Every quote carries a calibrated confidence (0-1) in its speaker; a name below --speaker-threshold
(default: the trained model's, chosen by cross-validation) is not printed. --evidence adds, per
quote, the candidate speakers weighed with their scores and the features that decided.`;

const FORMATS: readonly ArticleFormat[] = ['text', 'markdown', 'html'];

/**
 * Contract JSON (DESIGN.md), as the digest shows it: `summary` and `followUps` are the ones the email
 * shows, each quote carries `shown`; the fields beyond the contract are additions.
 */
export function analysisJson(analysis: ShownAnalysis): string {
  return JSON.stringify(analysis);
}

/** `digest analyze`: offline analysis of one or more articles. */
export const analyzeCommand: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      format: { type: 'string' },
      'max-bytes': { type: 'string' },
      'summary-sentences': { type: 'string' },
      'speaker-threshold': { type: 'string' },
      evidence: { type: 'boolean', default: false },
      'attribution-weights': { type: 'string' },
      quotes: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      ...sourceArgOptions,
    },
  });
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (positionals.length === 0 && !values.feed?.length) {
    throw new InputError('analyze: no input (give a FILE, a URL, --feed URL, or - for stdin)');
  }
  const format = values.format;
  if (format !== undefined && !FORMATS.includes(format as ArticleFormat)) {
    throw new InputError(`analyze: --format must be one of ${FORMATS.join(', ')} (got "${format}")`);
  }
  const maxBytes = positiveInteger(values['max-bytes'], '--max-bytes');
  const summarySentences = positiveInteger(values['summary-sentences'], '--summary-sentences');
  if (summarySentences !== undefined && (summarySentences < 2 || summarySentences > 4)) {
    throw new InputError(`analyze: --summary-sentences must be 2, 3 or 4 (got ${summarySentences})`);
  }

  const articles = await loadArticles(positionals, {
    ...sourceOptionsFromArgs(values, { cwd: io.cwd }),
    ...(format ? { format: format as ArticleFormat } : {}),
    ...(maxBytes !== undefined ? { maxBytes } : {}),
    stdin: io.stdin,
  });
  const speakerThreshold = probability(values['speaker-threshold'], '--speaker-threshold');
  const options: AnalyzeOptions = {
    ...(summarySentences !== undefined ? { summarySentences } : {}),
    ...(speakerThreshold !== undefined ? { speakerThreshold } : {}),
    ...(values.evidence ? { evidence: true } : {}),
  };
  const quotesPerArticle = quotesOption(values.quotes);
  const weightsPath = attributionWeightsPath(values['attribution-weights'], io.env, io.cwd);
  if (weightsPath) options.attributionModel = loadAttributionModel(weightsPath);
  articles.forEach((article, i) => {
    const analysis = shownAnalysis(
      article,
      analyze(article, options),
      quotesPerArticle !== undefined ? { quotesPerArticle } : {},
    );
    if (values.json) io.stdout.write(`${analysisJson(analysis)}\n`);
    else io.stdout.write(`${i > 0 ? '\n' : ''}${formatReport(analysis, article.source)}\n`);
  });
  return 0;
};

function loadAttributionModel(path: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(
      `analyze: attribution weights ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return parseModel(raw, `analyze: attribution weights ${path}`);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

function probability(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^(?:0|1|0?\.\d+|1\.0*)$/.test(value.trim()) || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new InputError(`analyze: ${flag} must be a number from 0 to 1 (got "${value}")`);
  }
  return n;
}

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) <= 0) {
    throw new InputError(`analyze: ${flag} must be a positive whole number (got "${value}")`);
  }
  return Number(value);
}

const KIND_HEADINGS: Record<FollowUpKind, string> = {
  action: 'Calls to action',
  pending: 'Pending decisions',
  event: 'Scheduled events',
  suggestion: 'Suggestions',
  reading: 'Further reading',
};

/** The human-readable report printed without --json. */
export function formatReport(a: ShownAnalysis, source: string): string {
  const lines: string[] = [
    a.title,
    '='.repeat(Math.min(a.title.length, 78)),
    `${source} · ${a.stats.words} words · ${a.stats.readingMinutes} min read`,
    '',
  ];
  lines.push('Summary');
  for (const s of a.summary) lines.push(`  - ${s}`);
  lines.push('', `Quotes (${a.quotes.length})`);
  if (a.quotes.length === 0) lines.push('  (none)');
  a.quotes.forEach((q, i) => {
    const who = q.speaker
      ? `${q.speaker}${q.role ? `, ${q.role}` : ''}`
      : q.role
        ? `unnamed ${q.role}`
        : 'speaker not given';
    const link = `${q.continues !== undefined ? ` (continues #${q.continues + 1})` : ''}${q.shown ? ' [shown]' : ''}`;
    const confidence = q.confidence !== undefined ? ` confidence ${q.confidence.toFixed(2)}` : '';
    lines.push(`  ${i + 1}. \u201c${q.text}\u201d`, `     \u2014 ${who} [${q.kind}${confidence}]${link}`);
    if (q.evidence) {
      const weighed = q.evidence.candidates
        .map((c) => `${c.name ?? '(nobody)'} ${c.score.toFixed(2)}`)
        .join('; ');
      const decided = q.evidence.decidedBy
        .map((d) => `${d.feature} ${d.weight > 0 ? '+' : ''}${d.weight}`)
        .join(', ');
      lines.push(`     weighed: ${weighed}`, `     decided by: ${decided}`);
    }
  });
  lines.push('', 'Follow-ups');
  if (a.followUps.length === 0) lines.push('  (none)');
  for (const kind of Object.keys(KIND_HEADINGS) as FollowUpKind[]) {
    const items = a.followUps.filter((f) => f.kind === kind);
    if (items.length === 0) continue;
    lines.push(`  ${KIND_HEADINGS[kind]}:`);
    for (const f of items) lines.push(`    - ${f.target ? `${f.target} (${f.text})` : f.text}`);
  }
  const e = a.entities;
  lines.push('', 'Entities');
  lines.push(
    `  People: ${e.people.map((p) => (p.role ? `${p.name} (${p.role})` : p.name)).join('; ') || '-'}`,
  );
  lines.push(`  Organizations: ${e.organizations.join('; ') || '-'}`);
  lines.push(`  Places: ${e.places.join('; ') || '-'}`);
  lines.push(`  Dates: ${e.dates.join('; ') || '-'}`);
  return lines.join('\n');
}
