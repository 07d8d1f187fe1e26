import { assertEditionDate } from '../email/compose.js';
import { InputError } from '../errors.js';
import { EDITION_STATUSES, type EditionDocument, pointer } from './document.js';

/** A bad edition file: one line naming the file, the field (a JSON pointer) and the problem; exit 2. */
export class EditionFileError extends InputError {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${file}: ${path || '/'}: ${problem}`);
    this.name = 'EditionFileError';
  }
}

type Check = (path: string, problem: string) => never;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A quote part as shown may be capped with an ellipsis; what remains must still be in the article. */
const verbatim = (part: string, text: string) => {
  const body = part.endsWith('\u2026') ? part.slice(0, -1).trimEnd() : part;
  return body.length > 0 && text.includes(body);
};

/**
 * Validates a parsed edition file and returns it typed. Throws EditionFileError naming the first bad
 * field by its JSON pointer. Beyond shapes it checks what the schema cannot: every quote is still a
 * verbatim span of its article, the lead is a story of the edition, article ids are unique.
 */
export function validateEdition(value: unknown, file: string): EditionDocument {
  const fail: Check = (path, problem) => {
    throw new EditionFileError(file, path, problem);
  };
  if (!isObject(value)) fail('', 'expected a JSON object (an edition written by `digest draft`)');
  const doc = value as Record<string, unknown>;
  const str = (v: unknown, path: string, nullable = false): string | null => {
    if (nullable && v === null) return null;
    if (typeof v !== 'string')
      fail(path, `expected a string${nullable ? ' or null' : ''}, got ${JSON.stringify(v) ?? 'nothing'}`);
    return v as string;
  };
  const int = (v: unknown, path: string, min: number, max: number) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      fail(path, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(v) ?? 'nothing'}`);
  };
  const arr = (v: unknown, path: string): unknown[] => {
    if (!Array.isArray(v)) fail(path, `expected an array, got ${JSON.stringify(v) ?? 'nothing'}`);
    return v as unknown[];
  };
  int(doc.version, '/version', 0, Number.MAX_SAFE_INTEGER);
  if (!EDITION_STATUSES.includes(doc.status as never))
    fail('/status', `expected one of ${EDITION_STATUSES.join(', ')}, got ${JSON.stringify(doc.status)}`);
  try {
    assertEditionDate(doc.date);
  } catch (error) {
    fail('/date', (error as Error).message.replace(/^edition date: /, ''));
  }
  const subject = str(doc.subject, '/subject') as string;
  if (subject.trim() === '') fail('/subject', 'must not be empty');
  if (/[\r\n]/.test(subject)) fail('/subject', 'must be one line');
  str(doc.preheader, '/preheader');
  str(doc.note, '/note', true);
  str(doc.lead, '/lead');
  int(doc.quotesPerArticle, '/quotesPerArticle', 0, 20);
  str(doc.createdAt, '/createdAt');
  str(doc.updatedAt, '/updatedAt');
  for (const [i, id] of arr(doc.draftOrder, '/draftOrder').entries()) str(id, pointer('draftOrder', i));
  const stories = arr(doc.stories, '/stories');
  if (stories.length === 0) fail('/stories', 'an edition needs at least one story');
  const ids = new Set<string>();
  stories.forEach((raw, s) => {
    const at = (...rest: (string | number)[]) => pointer('stories', s, ...rest);
    if (!isObject(raw)) fail(at(), 'expected an object');
    const story = raw as Record<string, unknown>;
    if (!isObject(story.article)) fail(at('article'), 'expected the article object');
    const article = story.article as Record<string, unknown>;
    const id = str(article.id, at('article', 'id')) as string;
    if (ids.has(id)) fail(at('article', 'id'), `article ${id} is in the edition twice`);
    ids.add(id);
    const text = str(article.text, at('article', 'text')) as string;
    str(article.title, at('article', 'title'));
    str(article.source, at('article', 'source'));
    arr(article.paragraphs, at('article', 'paragraphs'));
    str(story.itemKey, at('itemKey'));
    if (!isObject(story.analysis)) fail(at('analysis'), 'expected the analysis object');
    const analysis = story.analysis as Record<string, unknown>;
    const found = arr(analysis.quotes, at('analysis', 'quotes'));
    found.forEach((q, i) => {
      const quote = q as Record<string, unknown>;
      const qtext = str(quote?.text, at('analysis', 'quotes', i, 'text')) as string;
      if (text.slice(quote.start as number, quote.end as number) !== qtext)
        fail(at('analysis', 'quotes', i, 'text'), 'is not the article text between start and end');
    });
    arr(analysis.summary, at('analysis', 'summary'));
    arr(analysis.followUps, at('analysis', 'followUps'));
    arr(story.summary, at('summary')).forEach((raw, i) => {
      if (!isObject(raw)) fail(at('summary', i), 'expected { text, original }');
      const sentence = raw as Record<string, unknown>;
      const edited = str(sentence.text, at('summary', i, 'text')) as string;
      if (edited.trim() === '') fail(at('summary', i, 'text'), 'must not be empty');
      str(sentence.original, at('summary', i, 'original'));
    });
    arr(story.quotes, at('quotes')).forEach((raw, i) => {
      if (!isObject(raw)) fail(at('quotes', i), 'expected a quote object');
      const quote = raw as Record<string, unknown>;
      const indices = arr(quote.indices, at('quotes', i, 'indices'));
      for (const [k, n] of indices.entries()) int(n, at('quotes', i, 'indices', k), 0, found.length - 1);
      arr(quote.parts, at('quotes', i, 'parts')).forEach((part, k) => {
        const p = str(part, at('quotes', i, 'parts', k)) as string;
        if (!verbatim(p, text))
          fail(
            at('quotes', i, 'parts', k),
            'is not a verbatim span of the article (quotes may be dropped or re-attributed, never rewritten)',
          );
      });
      const leadIn = str(quote.leadIn, at('quotes', i, 'leadIn'), true);
      if (leadIn !== null && !verbatim(leadIn, text))
        fail(at('quotes', i, 'leadIn'), 'is not a verbatim span of the article');
      const speaker = str(quote.speaker, at('quotes', i, 'speaker'), true);
      if (speaker !== null && (speaker.trim() === '' || /[\r\n]/.test(speaker)))
        fail(at('quotes', i, 'speaker'), 'expected a name on one line, or null for none');
      str(quote.role, at('quotes', i, 'role'), true);
      str(quote.originalSpeaker, at('quotes', i, 'originalSpeaker'), true);
      arr(quote.candidates, at('quotes', i, 'candidates'));
      if (typeof quote.dropped !== 'boolean') fail(at('quotes', i, 'dropped'), 'expected true or false');
    });
  });
  if (!ids.has(doc.lead as string))
    fail('/lead', `names no story of this edition (${JSON.stringify(doc.lead)})`);
  arr(doc.edits, '/edits').forEach((raw, i) => {
    if (!isObject(raw)) fail(pointer('edits', i), 'expected an edit object');
    const edit = raw as Record<string, unknown>;
    str(edit.at, pointer('edits', i, 'at'));
    str(edit.by, pointer('edits', i, 'by'));
    str(edit.path, pointer('edits', i, 'path'));
    str(edit.target, pointer('edits', i, 'target'));
    if (!['desk', 'cli', 'file'].includes(edit.via as string))
      fail(pointer('edits', i, 'via'), 'expected desk, cli or file');
  });
  return value as unknown as EditionDocument;
}
