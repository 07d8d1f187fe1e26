import { builtTemplates, builtTheme } from './built-templates.js';
import { buildCalendar, type CalendarEvent } from './ics.js';
import { editionWebUrl, safeHttpUrl } from './links.js';
import { checkHtmlSize } from './size-limits.js';
import { slotKeyFor, slotMarkers } from './slots.js';
import type { CompiledTemplates } from './templates-runtime.js';
import { wrapText } from './text-wrap.js';
import { resolveTheme, type ThemeInput } from './theme.js';
import type { Digest, Rendered } from './types.js';
import { buildViewModel, cleanText, selectionOf } from './view-model.js';

const TEXT_WIDTH = 72;
const NAME_COLUMNS = 12;

/**
 * Renders a composed digest to HTML and plain text with precompiled templates (handlebars/runtime
 * only; pass `templates` to use freshly compiled ones, as the preview does). Per-recipient parts stay
 * as slots for `personalize`. Throws RenderError when the HTML is over the clip limit.
 */
export function render(
  digest: Digest,
  theme?: ThemeInput,
  templates: CompiledTemplates = builtTemplates(),
): Rendered {
  const rendered = renderUnchecked(digest, theme, templates);
  return { ...rendered, warnings: checkHtmlSize(rendered.html, `digest ${digest.id}`) };
}

/** `render` without the clip-limit check: the budget fit measures candidate layouts with it. */
export function renderUnchecked(
  digest: Digest,
  theme?: ThemeInput,
  templates: CompiledTemplates = builtTemplates(),
): Rendered {
  const chosen = theme ?? digest.theme;
  const resolved = chosen === undefined ? builtTheme() : resolveTheme(chosen, builtTheme());
  // Everything that can reach the output; not the full article text, which never does.
  const slotKey = slotKeyFor([
    digest.id,
    digest.edition,
    digest.subject,
    digest.preheader,
    digest.items.map(({ article, analysis, selection }) => [article.title, article.url, analysis, selection]),
    resolved,
  ]);
  const webUrl = digest.edition.webBaseUrl
    ? editionWebUrl(digest.edition.webBaseUrl, digest.edition.date, digest.id)
    : undefined;
  const markers = slotMarkers(slotKey);
  const model = buildViewModel(digest, resolved, markers, webUrl !== undefined);
  const html = templates.html(model);
  const text = wrapText(
    templates
      .text(model)
      .replace(/[ \t]+$/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
    TEXT_WIDTH,
    // A name slot will hold a short name, not its 40-character marker.
    (word) => (word.includes(markers.name) ? word.length - markers.name.length + NAME_COLUMNS : word.length),
  );
  const events = editionEvents(digest);
  return {
    ...(events.length > 0
      ? { calendar: buildCalendar(events, { digestId: digest.id, date: digest.edition.date }) }
      : {}),
    digestId: digest.id,
    subject: cleanText(digest.subject),
    html,
    text: `${text}\n`,
    warnings: [],
    slotKey,
    ...(webUrl === undefined ? {} : { webUrl }),
  };
}

/** The edition's dated events (follow-ups of kind `event` with a resolved date), in story order. */
export function editionEvents(digest: Pick<Digest, 'items'>): CalendarEvent[] {
  return digest.items.flatMap(({ article, analysis, selection }) =>
    (selection ?? selectionOf({ article, analysis })).events.flatMap((item) =>
      item.date
        ? [
            {
              date: item.date,
              ...(item.time ? { time: item.time } : {}),
              summary: cleanText(item.text),
              story: cleanText(analysis.title || article.title),
              ...(safeHttpUrl(article.url) ? { url: safeHttpUrl(article.url)! } : {}),
            },
          ]
        : [],
    ),
  );
}
