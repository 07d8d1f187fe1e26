import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import { builtTemplates, builtTheme } from './built-templates.js';
import { safeHttpUrl } from './links.js';
import type { CompiledTemplates } from './templates-runtime.js';
import { resolveTheme, type ThemeInput } from './theme.js';
import type { Digest, DigestItem, Edition } from './types.js';
import { buildViewModel, cleanText } from './view-model.js';

const SUBJECT_MAX = 150;
const PREHEADER_MAX = 160;

/** Cuts `text` to at most `max` characters at a word boundary, with an ellipsis when it was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.·-]+$/, '')}…`;
}

/** Throws InputError unless `date` is a real calendar date written YYYY-MM-DD. */
export function assertEditionDate(date: unknown): asserts date is string {
  const valid =
    typeof date === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(date) &&
    !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) &&
    new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
  if (!valid) {
    const written = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date);
    throw new InputError(
      `edition date: expected YYYY-MM-DD, got ${JSON.stringify(date)}${written ? ' (no such day in the calendar)' : ''}`,
    );
  }
}

/** Deterministic digest id: the article ids in order plus the edition date, hashed. */
export function digestId(items: DigestItem[], date: string): string {
  const ids = items.map((item) => item.article.id).join(',');
  return createHash('sha256').update(`${ids}|${date}`).digest('hex').slice(0, 16);
}

function assertItems(items: unknown): asserts items is DigestItem[] {
  if (!Array.isArray(items) || items.length === 0) {
    throw new InputError('compose: a digest needs at least one article');
  }
  items.forEach((item, index) => {
    const candidate = item as Partial<DigestItem> | null;
    if (!candidate?.article || !candidate.analysis || typeof candidate.article.id !== 'string') {
      throw new InputError(`compose: item ${index + 1} lacks an article with an id or its analysis`);
    }
  });
}

/**
 * Puts 1..N analysed articles into one edition. The subject and preheader come from the subject and
 * preheader templates and are single lines (whitespace, CR/LF included, collapsed).
 */
export function compose(
  items: DigestItem[],
  edition: Edition,
  theme?: ThemeInput,
  templates: CompiledTemplates = builtTemplates(),
): Digest {
  assertItems(items);
  assertEditionDate(edition?.date);
  if (edition.webBaseUrl !== undefined && safeHttpUrl(edition.webBaseUrl) === null) {
    throw new InputError(
      `edition webBaseUrl: expected an http(s) URL, got ${JSON.stringify(edition.webBaseUrl)}`,
    );
  }
  const resolved = theme === undefined ? builtTheme() : resolveTheme(theme, builtTheme());
  const model = buildViewModel(
    { edition, items },
    resolved,
    { unsubscribeUrl: '', viewInBrowserUrl: '', name: '' },
    false,
  );
  return {
    id: digestId(items, edition.date),
    edition: { ...edition },
    subject: truncate(cleanText(edition.subject ?? templates.subject(model)), SUBJECT_MAX),
    preheader: truncate(cleanText(edition.preheader ?? templates.preheader(model)), PREHEADER_MAX),
    items,
    theme: resolved,
  };
}
