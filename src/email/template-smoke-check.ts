import Handlebars from 'handlebars';
import type { Analysis } from '../analysis/types.js';
import type { Selection } from '../selection/types.js';
import { htmlLinks, textLinks } from './links.js';
import { slotMarkers } from './slots.js';
import type { CompiledTemplates } from './templates-runtime.js';
import { resolveTheme } from './theme.js';
import type { DigestItem } from './types.js';
import { buildViewModel } from './view-model.js';

function fixtureItem(n: number): DigestItem {
  const analysis: Analysis = {
    title: `Smoke test story ${n}`,
    summary: [`First summary sentence of story ${n}.`, `Second summary sentence of story ${n}.`],
    quotes: [
      {
        text: `Opening words of quote ${n}`,
        speaker: `Speaker ${n}`,
        role: `role ${n}`,
        kind: 'direct',
        start: 0,
        end: 1,
      },
      {
        text: `and its continuation ${n}`,
        speaker: `Speaker ${n}`,
        role: null,
        kind: 'direct',
        start: 2,
        end: 3,
        continues: 0,
      },
      { text: `An unattributed quote ${n}`, speaker: null, role: null, kind: 'partial', start: 4, end: 5 },
    ],
    followUps: (['action', 'pending', 'event', 'suggestion', 'reading'] as const).map((kind) => ({
      text: `Follow-up ${kind} of story ${n}`,
      kind,
      sentence: '',
      start: 0,
      end: 1,
      ...(kind === 'reading' ? { url: `https://reading.example/${n}?a=1&b=2` } : {}),
    })),
    entities: { people: [], organizations: [], places: [], dates: [] },
    stats: { words: 300, readingMinutes: 2 },
  };
  // Everything shown, so the check sees every kind of piece the templates must keep.
  const selection: Selection = {
    level: 'full',
    summary: analysis.summary,
    quotes: [
      {
        parts: [analysis.quotes[0]!.text, analysis.quotes[1]!.text],
        leadIn: null,
        speaker: `Speaker ${n}`,
        role: `role ${n}`,
        indices: [0, 1],
      },
      {
        parts: [analysis.quotes[2]!.text],
        leadIn: `Lead-in ${n}`,
        speaker: null,
        role: `Unnamed source ${n}`,
        indices: [2],
      },
    ],
    followUps: analysis.followUps,
    notShown: [],
    events: [],
  };
  return {
    selection,
    article: {
      id: `smoke${n}`,
      title: analysis.title,
      paragraphs: [],
      text: '',
      source: `smoke-${n}.txt`,
      format: 'text',
      links: [],
      url: `https://news.example/${n}`,
    },
    analysis,
  };
}

const unwrap = (text: string): string => text.replace(/[ \t]*\n(?:>?[ \t]+|>$)*/gm, ' ');

/**
 * Renders a two-article fixture with freshly compiled templates and lists what went missing: MJML
 * drops content inside malformed markup without a word, so a template that loses a summary sentence,
 * a quote, a follow-up, a slot or a link fails here, at build time and in the preview.
 */
export function smokeCheck(templates: CompiledTemplates): string[] {
  const items = [fixtureItem(1), fixtureItem(2)];
  const slots = slotMarkers('smoke');
  const model = buildViewModel(
    { edition: { date: '2026-01-05' }, items, subject: 'Smoke subject', preheader: 'Smoke preheader' },
    resolveTheme(),
    slots,
    true,
  );
  let html: string;
  let text: string;
  try {
    html = templates.html(model);
    text = unwrap(templates.text(model));
  } catch (error) {
    return [`rendering a sample digest failed: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  const pieces = items.flatMap(({ analysis, selection }) => [
    analysis.title,
    ...(selection?.quotes ?? [])
      .flatMap((q) => [q.leadIn ?? '', q.speaker ? '' : (q.role ?? '')])
      .filter((p) => p),
    ...analysis.summary,
    ...analysis.quotes.map((q) => q.text),
    ...analysis.quotes.flatMap((q) => (q.speaker ? [q.speaker] : [])),
    ...analysis.followUps.map((f) => f.text),
  ]);
  for (const piece of pieces) {
    if (!html.includes(Handlebars.escapeExpression(piece))) problems.push(`the HTML lost "${piece}"`);
    if (!text.includes(piece)) problems.push(`the text part lost "${piece}"`);
  }
  for (const [name, marker] of Object.entries(slots)) {
    if (!html.includes(marker)) problems.push(`the HTML lost the ${name} slot`);
    if (!text.includes(marker)) problems.push(`the text part lost the ${name} slot`);
  }
  const missing = htmlLinks(html).filter((link) => !textLinks(text).includes(link));
  for (const link of missing) problems.push(`the text part lacks the link ${link}`);
  return problems;
}
