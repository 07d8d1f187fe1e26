import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import type { Analysis } from '../../src/analysis/types.js';
import { loadArticle, parseArticle } from '../../src/article/index.js';
import type { Article } from '../../src/article/types.js';
import { HTML_LIMIT_BYTES, renderEdition } from '../../src/email/index.js';
import { cleanText } from '../../src/email/view-model.js';
import { RenderError } from '../../src/errors.js';
import { MIN_QUOTE_WORDS } from '../../src/selection/index.js';

const EXAMPLES = 'examples/articles';
/** Twelve real articles shipped in examples/: the sample, the long seven-speaker piece and ten more. */
const TWELVE = [
  'north-korea-human-rights.txt',
  'long-seven-speakers.txt',
  'congress-titles-and-affiliations.txt',
  'climate-talks-followups.txt',
  'state-department-titles.txt',
  'japanese-leadership-vote.txt',
  'nurses-strike-pronouns.txt',
  'descriptions-and-colons.txt',
  'summary-key-development.txt',
  'ministry-statements.txt',
  'korean-names.txt',
  'html-press-release.html',
].map((name) => `${EXAMPLES}/${name}`);
const EDITION = { date: '2026-12-07', webBaseUrl: 'https://digest.example.com/editions' };

type Item = { article: Article; analysis: Analysis };
let twelve: Item[];
beforeAll(async () => {
  const articles = await Promise.all(TWELVE.map((file) => loadArticle(file)));
  twelve = articles.map((article) => ({ article, analysis: analyze(article) }));
});

const bytes = (html: string) => Buffer.byteLength(html, 'utf8');
/** The text part with its wrapping (and the quote bars) undone. */
const unwrap = (text: string): string => text.replace(/[ \t]*\n(?:>?[ \t]+|>$)*/gm, ' ');

/** The checks of issue 10's targets that hold for every rendered digest. */
function expectNoRepeats(result: ReturnType<typeof renderEdition>): void {
  const { html, text } = result.rendered;
  const flatText = unwrap(text);
  for (const { selection } of result.digest.items) {
    if (!selection) throw new Error('every item carries its selection');
    expect(selection.quotes.length).toBeLessThanOrEqual(3);
    for (const quote of selection.quotes) {
      expect(quote.parts.join(' ').split(/\s+/).length).toBeGreaterThanOrEqual(MIN_QUOTE_WORDS);
      for (const part of quote.parts) {
        // A shown quote appears once in the text part: no follow-up or summary sentence repeats it.
        expect(flatText.split(cleanText(part)).length - 1, part).toBe(1);
      }
    }
    for (const sentence of selection.summary) {
      expect(flatText.split(cleanText(sentence)).length - 1, sentence).toBe(1);
    }
  }
  const first = result.digest.items[0]?.selection?.summary[0];
  if (first) expect(result.digest.preheader).not.toBe(cleanText(first));
  expect(html).not.toContain('(See related article.)');
}

describe('renderEdition: one render path with a budget fit', () => {
  it('renders twelve real articles under 100 KiB with every story present', () => {
    // Act
    const result = renderEdition(twelve, EDITION);
    // Assess
    expect(bytes(result.rendered.html)).toBeLessThan(HTML_LIMIT_BYTES);
    expect(result.digest.items).toHaveLength(12);
    for (const { article } of twelve)
      expect(result.rendered.html).toContain(cleanText(article.title).replace(/'/g, '&#x27;'));
    expectNoRepeats(result);
  });

  it('compacts later stories first, deterministically, and says what it compacted', () => {
    // Act
    const budget = 60 * 1024;
    const first = renderEdition(twelve, EDITION, { budgetBytes: budget });
    const again = renderEdition(twelve, EDITION, { budgetBytes: budget });
    // Assess
    expect(bytes(first.rendered.html)).toBeLessThanOrEqual(budget);
    expect(again.rendered.html).toBe(first.rendered.html);
    expect(first.digest.items).toHaveLength(12);
    const levels = first.digest.items.map((item) => item.selection?.level);
    expect(levels[0]).toBe('full');
    expect(levels.at(-1)).not.toBe('full');
    // Never more compact earlier than later: the lead keeps the most.
    const rank = { full: 0, reduced: 1, brief: 2, headline: 3 } as const;
    for (let i = 1; i < levels.length; i++)
      expect(rank[levels[i]!]).toBeGreaterThanOrEqual(rank[levels[i - 1]!]);
    expect(first.notes.join('\n')).toMatch(
      /^compacted to fit the 100\.0 KB clip limit \(full layout \d+\.\d KB\): /,
    );
  });

  it('turns the last stories into headline entries with their link', () => {
    // Prepare
    const linked = twelve.map(({ article, analysis }, i) => ({
      article: { ...article, url: `https://news.example.org/story-${i + 1}` },
      analysis,
    }));
    // Act
    const result = renderEdition(linked, EDITION, { budgetBytes: 40 * 1024 });
    // Assess
    const last = result.digest.items.at(-1)!;
    expect(last.selection?.level).toBe('headline');
    expect(result.rendered.html).toContain('href="https://news.example.org/story-12"');
    expect(result.rendered.text).toContain('<https://news.example.org/story-12>');
    expect(result.notes.join('\n')).toMatch(/headline and link only: stor(y|ies) [\d, ]*12/);
  });

  it('leaves out a story that does not fit even as a headline, with a note naming it', () => {
    // Act
    const result = renderEdition(twelve, EDITION, { budgetBytes: 17 * 1024 });
    // Assess
    expect(result.leftOut.length).toBeGreaterThan(0);
    expect(result.digest.items.length + result.leftOut.length).toBe(12);
    expect(result.notes.join('\n')).toContain(
      `left out of the edition: "${result.leftOut[0]!.article.title}" (${result.leftOut[0]!.article.source}) does not fit under the clip limit even as a headline`,
    );
  });

  it('fault 2: is not blocked by one 90 KB sentence: the sentence is capped and the edition renders', () => {
    // Prepare
    const paste = `${'word '.repeat(18_000)}end`;
    const broken = parseArticle(`Transcript pasted whole\n\n${paste}\n\nThe council met on Monday.`, {
      source: 'paste.txt',
      format: 'text',
    });
    const items = [twelve[0]!, { article: broken, analysis: analyze(broken) }];
    // Act
    const result = renderEdition(items, EDITION);
    // Assess
    expect(bytes(result.rendered.html)).toBeLessThan(HTML_LIMIT_BYTES);
    expect(result.digest.items.map((i) => i.article.source)).toEqual([
      twelve[0]!.article.source,
      'paste.txt',
    ]);
    expect(result.rendered.html).toContain('Transcript pasted whole');
    expect(result.rendered.html).toContain('word word\u2026');
  });

  it('fault 2: leaves out an article that cannot be rendered at all, with a note, and sends the rest', () => {
    // Prepare
    const bad = {
      ...twelve[1]!,
      analysis: { ...twelve[1]!.analysis, quotes: [{ text: null }] },
    } as unknown as Item;
    // Act
    const result = renderEdition([twelve[0]!, bad], EDITION);
    // Assess
    expect(result.digest.items).toHaveLength(1);
    expect(result.leftOut.map((l) => l.article.source)).toEqual([bad.article.source]);
    expect(result.notes.join('\n')).toMatch(
      /left out of the edition: ".*" \(.*long-seven-speakers\.txt\) could not be rendered: /,
    );
  });

  it('refuses with a RenderError when no article can be rendered', () => {
    const bad = {
      ...twelve[1]!,
      analysis: { ...twelve[1]!.analysis, quotes: [{ text: null }] },
    } as unknown as Item;
    expect(() => renderEdition([bad], EDITION)).toThrow(RenderError);
    expect(() => renderEdition([bad], EDITION)).toThrow(/no article of this edition could be rendered/);
  });

  it('leads an automatic edition with the most newsworthy story, and keeps the editor order otherwise', () => {
    // Prepare: a thin story first, the sample second.
    const thin = parseArticle('Library hours change\n\nThe library will open an hour later on Sundays.', {
      source: 'thin.txt',
      format: 'text',
    });
    const items = [{ article: thin, analysis: analyze(thin) }, twelve[0]!];
    // Act
    const editor = renderEdition(items, EDITION);
    const automatic = renderEdition(items, EDITION, { order: 'newsworthy' });
    // Assess
    expect(editor.digest.items[0]!.article.source).toBe('thin.txt');
    expect(automatic.digest.items[0]!.article.source).toBe(twelve[0]!.article.source);
  });

  it('shows the sample with China\u2019s quote and its subject, and no pointer without a target', () => {
    // Act
    const result = renderEdition([twelve[0]!], EDITION);
    // Assess
    expect(unwrap(result.rendered.text)).toContain(
      'China \u201cneeds to understand that North Korea is not helping it in the international community\u201d',
    );
    expectNoRepeats(result);
  });
});
