import type { Analysis } from '../analysis/types.js';
import type { Article } from '../article/types.js';
import { RenderError } from '../errors.js';
import { selectArticle } from '../selection/select.js';
import { COMPACT_LEVELS, type CompactLevel, type Selection, type SelectOptions } from '../selection/types.js';
import { builtTemplates } from './built-templates.js';
import { compose } from './compose.js';
import { render, renderUnchecked } from './render.js';
import { formatKB, HTML_LIMIT_BYTES } from './size-limits.js';
import type { CompiledTemplates } from './templates-runtime.js';
import type { ThemeInput } from './theme.js';
import type { Digest, DigestItem, Edition, Rendered } from './types.js';

/** Room left under the clip limit for what personalisation adds (links, the reader's name). */
export const PERSONALIZATION_MARGIN_BYTES = 4 * 1024;

export interface EditionRenderOptions
  extends Pick<SelectOptions, 'quotesPerArticle' | 'followUpsPerArticle'> {
  theme?: ThemeInput;
  templates?: CompiledTemplates;
  /** HTML bytes the edition must fit in (default: the clip limit less the personalisation margin). */
  budgetBytes?: number;
  /**
   * `editor` keeps the order given (the editor's); `newsworthy` leads with the most newsworthy story
   * (for editions collected automatically, where the order is only upload time or file name).
   */
  order?: 'editor' | 'newsworthy';
}

/** An article the edition goes out without, and why. */
export interface LeftOut {
  article: Article;
  reason: string;
}

export interface EditionRender {
  digest: Digest;
  rendered: Rendered;
  /** One line per decision a reader of the report should know about: compaction, stories left out. */
  notes: string[];
  leftOut: LeftOut[];
}

/**
 * Newsworthiness of an analysed story, for ordering automatic editions: how many people and bodies it
 * quotes, how much lies ahead (follow-ups), how much substance it has. Ties keep the given order.
 */
export function newsworthiness(analysis: Analysis): number {
  const speakers = new Set(analysis.quotes.map((q) => q.speaker).filter((s) => s)).size;
  const ahead = analysis.followUps.filter((f) => f.kind !== 'reading').length;
  return speakers + 0.5 * Math.min(ahead, 6) + Math.log2(1 + (analysis.stats?.words ?? 0) / 100);
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The one render path of an edition, used by the CLI, the preview and the Lambdas: selects what each
 * story shows, composes and renders, and when the HTML would pass the budget compacts progressively and
 * deterministically — later stories first lose quotes and follow-ups, then keep one summary sentence,
 * then become headline entries (with their link); the lead story last. A story that fits in no form, or
 * whose selection fails, is left out with a note; the edition goes out with what fits.
 * Throws RenderError only when no story at all can be rendered.
 */
export function renderEdition(
  input: { article: Article; analysis: Analysis; select?: DigestItem['select'] }[],
  edition: Edition,
  options: EditionRenderOptions = {},
): EditionRender {
  const templates = options.templates ?? builtTemplates();
  const budget = options.budgetBytes ?? HTML_LIMIT_BYTES - PERSONALIZATION_MARGIN_BYTES;
  const notes: string[] = [];
  const leftOut: LeftOut[] = [];
  const ordered =
    options.order === 'newsworthy'
      ? input
          .map((item, index) => ({ item, index, score: newsworthiness(item.analysis) }))
          .sort((a, b) => b.score - a.score || a.index - b.index)
          .map(({ item }) => item)
      : [...input];

  const select = (item: DigestItem, level: CompactLevel): Selection =>
    item.select?.(level) ??
    selectArticle(item.article, item.analysis, {
      level,
      ...(options.quotesPerArticle !== undefined ? { quotesPerArticle: options.quotesPerArticle } : {}),
      ...(options.followUpsPerArticle !== undefined
        ? { followUpsPerArticle: options.followUpsPerArticle }
        : {}),
    });
  const items: DigestItem[] = [];
  for (const item of ordered) {
    try {
      items.push({ ...item, selection: select(item, 'full') });
    } catch (error) {
      leftOut.push({ article: item.article, reason: `could not be rendered: ${errorText(error)}` });
    }
  }
  if (items.length === 0) {
    throw new RenderError(
      `no article of this edition could be rendered (${leftOut.map((l) => l.reason).join('; ')})`,
    );
  }

  const measure = (candidate: DigestItem[]) => {
    const digest = compose(candidate, edition, options.theme, templates);
    return {
      digest,
      bytes: Buffer.byteLength(renderUnchecked(digest, options.theme, templates).html, 'utf8'),
    };
  };
  let attempt = measure(items);
  const fullBytes = attempt.bytes;
  const levels = items.map(() => 0);
  const compact = (i: number, level: number) => {
    levels[i] = level;
    items[i] = { ...items[i]!, selection: select(items[i]!, COMPACT_LEVELS[level]!) };
    attempt = measure(items);
  };
  while (attempt.bytes > budget) {
    // Later stories first, one level at a time across them; the lead story last.
    const steps: [number, number][] = [];
    for (let level = 1; level < COMPACT_LEVELS.length; level++)
      for (let i = items.length - 1; i >= 1; i--) if (levels[i]! < level) steps.push([i, level]);
    for (let level = Math.max(1, levels[0]! + 1); level < COMPACT_LEVELS.length; level++)
      steps.push([0, level]);
    for (const [i, level] of steps) {
      compact(i, level);
      if (attempt.bytes <= budget) break;
    }
    if (attempt.bytes <= budget || items.length === 1) break;
    const dropped = items.pop()!;
    leftOut.push({
      article: dropped.article,
      reason: 'does not fit under the clip limit even as a headline',
    });
    levels.pop();
    attempt = measure(items);
  }
  const compacted = describeCompaction(levels);
  if (compacted.length > 0) {
    notes.push(
      `compacted to fit the ${formatKB(HTML_LIMIT_BYTES)} clip limit (full layout ${formatKB(fullBytes)}): ${compacted.join('; ')}`,
    );
  }
  for (const { article, reason } of leftOut) {
    notes.push(`left out of the edition: "${article.title.slice(0, 80)}" (${article.source}) ${reason}`);
  }
  const rendered = render(attempt.digest, options.theme, templates);
  return { digest: attempt.digest, rendered, notes, leftOut };
}

function describeCompaction(levels: number[]): string[] {
  const what: Record<CompactLevel, string> = {
    full: '',
    reduced: 'one quote and two follow-ups',
    brief: 'one summary sentence',
    headline: 'headline and link only',
  };
  const lines: string[] = [];
  for (let level = 1; level < COMPACT_LEVELS.length; level++) {
    const stories = levels.flatMap((l, i) => (l === level ? [i + 1] : []));
    if (stories.length === 0) continue;
    lines.push(
      `${what[COMPACT_LEVELS[level]!]}: ${stories.length === 1 ? 'story' : 'stories'} ${stories.join(', ')}`,
    );
  }
  return lines;
}
