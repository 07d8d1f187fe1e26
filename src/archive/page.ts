import { parseHTML } from 'linkedom';
import type { EditionDocument } from '../edition/document.js';
import { renderDocument } from '../edition/render.js';
import { builtTheme } from '../email/built-templates.js';
import type { EditionRender } from '../email/edition-render.js';
import { escapeHtml } from '../email/links.js';
import { slotMarkers } from '../email/slots.js';
import type { CompiledTemplates } from '../email/templates-runtime.js';
import type { Theme } from '../email/theme.js';
import type { Rendered } from '../email/types.js';
import { RenderError } from '../errors.js';

/** Presentational attributes of email HTML that HTML5 made obsolete, and the CSS that replaces each. */
const OBSOLETE: Record<string, (value: string, tag: string) => string | null> = {
  align: (v, tag) =>
    tag === 'table'
      ? v === 'center'
        ? 'margin-left:auto;margin-right:auto'
        : null
      : `text-align:${v.toLowerCase()}`,
  valign: (v) => `vertical-align:${v.toLowerCase()}`,
  bgcolor: (v) => `background-color:${v}`,
  width: (v, tag) => (tag === 'img' ? null : `width:${/^\d+$/.test(v) ? `${v}px` : v}`),
  height: (v, tag) => (tag === 'img' ? null : `height:${/^\d+$/.test(v) ? `${v}px` : v}`),
  cellpadding: () => null,
  cellspacing: () => null,
  border: (_v, tag) => (tag === 'img' ? 'border:0' : null),
  frameborder: () => null,
};
const OBSOLETE_ON = new Set(['table', 'td', 'th', 'tr', 'tbody', 'div', 'p', 'img', 'iframe']);

/**
 * The links of a deployed edition page at `editions/<id>.html`: to the index's signup form (the deployed
 * archive always has one) and to the index.
 */
export const ARCHIVE_PAGE_LINKS: PageLinks = {
  subscribeUrl: '../index.html#subscribe',
  indexUrl: '../index.html',
};

/** The edition as published on the web: one page per sent edition, no personal data in it. */
export interface EditionPage {
  /** `<date>-<digestId>`: the page's stable name, as the email's view-in-browser link has it. */
  id: string;
  digestId: string;
  date: string;
  subject: string;
  preheader: string;
  storyTitles: string[];
  /** Summary sentences per story, for the feed. */
  stories: { title: string; url: string | null; summary: string[] }[];
  html: string;
}

export interface PageLinks {
  /** Where a reader subscribes (the signup form on the index); no Subscribe link when signup is not configured. */
  subscribeUrl?: string;
  /** The archive's index page, relative to the edition page. */
  indexUrl: string;
}

/**
 * Renders a sent edition as its public web page: the email's own render (same templates, same theme,
 * same budget fit) made into a web page by `publicPage`. Throws RenderError if any slot would be left.
 */
export function editionPage(
  doc: EditionDocument,
  links: PageLinks,
  options: { theme?: Theme; templates?: CompiledTemplates } = {},
): EditionPage {
  const edition = renderDocument(doc, {
    theme: options.theme ?? builtTheme(),
    ...(options.templates ? { templates: options.templates } : {}),
  });
  return publicPage(edition, links);
}

/**
 * The public page of an edition already rendered for sending (both paths: the Lambda's and the local
 * archive's). The slots are filled for nobody and the email's footer becomes the archive's: no greeting
 * by name, "From the archive of <publication> · Subscribe" (the link only when signup is configured)
 * instead of "You receive this email because…", an "All editions" link to the index where the email
 * has its unsubscribe link, no view-in-browser link (the page is the web version). The email-only
 * presentational attributes are turned into CSS so the page is valid HTML5.
 */
export function publicPage(
  edition: Pick<EditionRender, 'digest' | 'rendered'>,
  links: PageLinks,
): EditionPage {
  const { digest, rendered } = edition;
  return {
    id: `${digest.edition.date}-${digest.id}`,
    digestId: digest.id,
    date: digest.edition.date,
    subject: rendered.subject,
    preheader: digest.preheader,
    storyTitles: digest.items.map((item) => item.analysis.title || item.article.title),
    stories: digest.items.map((item) => ({
      title: item.analysis.title || item.article.title,
      url: item.article.url ?? null,
      summary: item.selection?.summary ?? [],
    })),
    html: publicHtml(rendered, links, digest.theme ?? builtTheme()),
  };
}

/** What the index and the feed need of an edition (the page without its HTML). */
export type ArchiveEntry = Omit<EditionPage, 'html'>;

/** The email's "why you receive this" line, as the archive says it: whose archive, and where to subscribe. */
function archiveWording(document: Document, theme: Theme, links: PageLinks, like: Element | null): Node[] {
  const nodes: Node[] = [document.createTextNode(`From the archive of ${theme.publicationName}`)];
  if (links.subscribeUrl) {
    const subscribe = linkLike(document, like, links.subscribeUrl, 'Subscribe');
    nodes.push(document.createTextNode(' \u00a0·\u00a0 '), subscribe);
  }
  return nodes;
}

/** A link styled as the footer's own links (`like`, the email's unsubscribe link). */
function linkLike(document: Document, like: Element | null, href: string, label: string): Element {
  const link = document.createElement('a');
  link.setAttribute('href', href);
  for (const name of ['class', 'style']) {
    const value = like?.getAttribute(name);
    if (value) link.setAttribute(name, value);
  }
  link.textContent = label;
  return link;
}

/** Replaces `phrase` in the text of the page (the email's footer line) with `nodes`; false when absent. */
function replacePhrase(document: Document, phrase: string, nodes: () => Node[]): boolean {
  let found = false;
  for (const element of Array.from(document.querySelectorAll('body *'))) {
    for (const child of Array.from(element.childNodes)) {
      const value = child.nodeType === 3 ? (child.textContent ?? '') : '';
      const at = phrase ? value.indexOf(phrase) : -1;
      if (at < 0) continue;
      child.replaceWith(
        document.createTextNode(value.slice(0, at)),
        ...nodes(),
        document.createTextNode(value.slice(at + phrase.length)),
      );
      found = true;
    }
  }
  return found;
}

function publicHtml(rendered: Rendered, links: PageLinks, theme: Theme): string {
  if (!rendered.slotKey) throw new RenderError(`digest ${rendered.digestId}: rendered without slots`);
  const markers = slotMarkers(rendered.slotKey);
  // The greeting addresses a reader by name; the web page addresses nobody.
  const html = rendered.html.replace(new RegExp(`Hello ${markers.name}, here`, 'g'), 'Here');
  const { document } = parseHTML(html);
  // A web page, not an email: screen readers announce the role the email template gives it.
  for (const element of Array.from(document.querySelectorAll('[aria-roledescription="email"]')))
    element.removeAttribute('aria-roledescription');
  const unsubscribe = document.querySelector(`a[href="${markers.unsubscribeUrl}"]`);
  replacePhrase(document, theme.whyReceiving, () => archiveWording(document, theme, links, unsubscribe));
  for (const anchor of Array.from(document.querySelectorAll('a'))) {
    if (anchor.getAttribute('href') === markers.viewInBrowserUrl) {
      // The page is the web version: no link to itself (and its separator goes with it).
      const before = anchor.previousSibling;
      if (before?.nodeType === 3 && /·\s*$/.test(before.textContent ?? '')) before.remove();
      anchor.remove();
      continue;
    }
    // No unsubscribe on the web: the way back to the archive's index instead.
    if (anchor.getAttribute('href') === markers.unsubscribeUrl)
      anchor.replaceWith(linkLike(document, anchor, links.indexUrl, 'All editions'));
  }
  // Email clients need `<a name>` targets; HTML5 has ids (the toc links to `#story-N` either way).
  for (const target of Array.from(document.querySelectorAll('a[name]'))) {
    const name = target.getAttribute('name') ?? '';
    if (!target.id && !document.getElementById(name)) target.id = name;
    target.removeAttribute('name');
  }
  for (const element of Array.from(document.querySelectorAll('*'))) {
    const tag = element.tagName.toLowerCase();
    if (!OBSOLETE_ON.has(tag)) continue;
    const css: string[] = [];
    for (const [name, toCss] of Object.entries(OBSOLETE)) {
      const value = element.getAttribute(name);
      if (value === null) continue;
      element.removeAttribute(name);
      const rule = toCss(value, tag);
      if (rule) css.push(rule);
    }
    if (css.length > 0) {
      const own = element.getAttribute('style') ?? '';
      // The element's own style wins over what the old attributes said.
      element.setAttribute('style', `${css.join(';')};${own}`);
    }
  }
  const out = `<!doctype html>\n${document.documentElement.outerHTML}\n`;
  if (out.includes(`digest-slot-${rendered.slotKey}`)) {
    throw new RenderError(
      `digest ${rendered.digestId}: a per-recipient slot is left in the web page (the templates changed?)`,
    );
  }
  if (theme.whyReceiving && (document.body?.textContent ?? '').includes(theme.whyReceiving)) {
    throw new RenderError(
      `digest ${rendered.digestId}: the email's "${theme.whyReceiving}" is left in the web page (the templates changed?)`,
    );
  }
  return out;
}

/** Escaped text for a page (re-exported for the index and the feed). */
export const text = escapeHtml;
