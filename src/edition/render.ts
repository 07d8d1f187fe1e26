import { compose } from '../email/compose.js';
import { type EditionRender, type EditionRenderOptions, renderEdition } from '../email/edition-render.js';
import type { Edition } from '../email/types.js';
import { selectArticle } from '../selection/select.js';
import type { CompactLevel, Selection, ShownQuote } from '../selection/types.js';
import { type EditionDocument, type EditionQuote, type EditionStory, editedByHand } from './document.js';

const shown = (quote: EditionQuote): ShownQuote => ({
  parts: quote.parts,
  leadIn: quote.leadIn,
  speaker: quote.speaker,
  role: quote.role,
  indices: quote.indices,
});

/**
 * What the email shows of a story at a compaction level: the selection's own choice with the
 * editor's decisions laid over it (edited sentences, dropped quotes, speakers). At the full level the
 * story's quotes and sentences are exactly the document's.
 */
export function storySelection(
  story: EditionStory,
  level: CompactLevel,
  quotesPerArticle: number,
): Selection {
  const computed = selectArticle(story.article, story.analysis, { level, quotesPerArticle });
  const byIndex = new Map(story.quotes.map((q) => [q.indices[0], q]));
  if (level === 'full') {
    return {
      ...computed,
      summary: story.summary.map((s) => s.text),
      quotes: story.quotes.filter((q) => !q.dropped).map(shown),
    };
  }
  const edited = new Map(story.summary.map((s) => [s.original, s.text]));
  return {
    ...computed,
    summary: computed.summary.map((text) => edited.get(text) ?? text),
    quotes: computed.quotes.flatMap((quote) => {
      const mine = byIndex.get(quote.indices[0]);
      if (!mine) return [quote];
      return mine.dropped ? [] : [shown(mine)];
    }),
  };
}

/** The edition metadata a document gives compose: date, and the editor's own subject, preheader and note. */
export function documentEdition(doc: EditionDocument, webBaseUrl?: string): Edition {
  return {
    date: doc.date,
    ...(webBaseUrl ? { webBaseUrl } : {}),
    ...(editedByHand(doc, '/subject') ? { subject: doc.subject } : {}),
    ...(editedByHand(doc, '/preheader') ? { preheader: doc.preheader } : {}),
    ...(doc.note ? { note: doc.note } : {}),
  };
}

/** The document's stories as render items, in the edition's order (the lead first). */
export function documentItems(doc: EditionDocument) {
  return doc.stories.map((story) => ({
    article: story.article,
    analysis: story.analysis,
    select: (level: CompactLevel) => storySelection(story, level, doc.quotesPerArticle),
  }));
}

/**
 * Renders an edition document through the one render path (`renderEdition`: budget fit, compaction),
 * in the editor's order. A draft without edits renders byte for byte as `digest render` of its articles.
 */
export function renderDocument(
  doc: EditionDocument,
  options: Omit<EditionRenderOptions, 'order' | 'quotesPerArticle'> & { webBaseUrl?: string } = {},
): EditionRender {
  const { webBaseUrl, ...rest } = options;
  return renderEdition(documentItems(doc), documentEdition(doc, webBaseUrl), {
    ...rest,
    quotesPerArticle: doc.quotesPerArticle,
    order: 'editor',
  });
}

/** Subject and preheader as the templates would write them for the document as it stands. */
export function templateHeadlines(
  doc: EditionDocument,
  options: Pick<EditionRenderOptions, 'theme' | 'templates'> = {},
): { subject: string; preheader: string } {
  const items = documentItems(doc).map((item) => ({ ...item, selection: item.select('full') }));
  const digest = compose(items, { date: doc.date }, options.theme, options.templates);
  return { subject: digest.subject, preheader: digest.preheader };
}

/**
 * What the editor changed in a story, for digest.json: edited summary sentences (marked "edited", with
 * the analyzer's sentence), re-attributed and dropped quotes. Nothing for a story without edits, so an
 * unedited edition's JSON is that of the articles.
 */
export function editedMarks(doc: EditionDocument, articleId: string): { edited?: object[] } {
  const story = doc.stories.find((s) => s.article.id === articleId);
  if (!story) return {};
  const edited: object[] = [
    ...story.summary.flatMap((s, i): object[] =>
      s.text !== s.original
        ? [{ what: 'summary', index: i, edited: true, text: s.text, original: s.original }]
        : [],
    ),
    ...story.quotes.flatMap((q, i): object[] =>
      q.dropped
        ? [{ what: 'quote', index: i, dropped: true, text: q.parts.join(' ') }]
        : q.speaker !== q.originalSpeaker
          ? [{ what: 'speaker', index: i, edited: true, speaker: q.speaker, original: q.originalSpeaker }]
          : [],
    ),
  ];
  return edited.length > 0 ? { edited } : {};
}
