import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { InputError } from '../errors.js';
import { label, type ParsedParts } from './build-article.js';
import { scanTags } from './html-tag-scan.js';
import { httpHref } from './links.js';
import type { ArticleLink } from './types.js';

// Elements whose start and end break a paragraph.
const BLOCKS = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE DD DETAILS DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION SUMMARY TABLE TBODY TD TH THEAD TFOOT TR UL'.split(
    ' ',
  ),
);
// Readability's time grows much faster than linearly with nesting depth (500 levels: ~3 s); real pages
// stay well under 100.
export const MAX_HTML_DEPTH = 256;
// Below this many characters Readability retries without its clutter filters (and keeps the longest
// attempt, clutter included). Its default, 500, makes short news items pick up cookie banners.
const CHAR_THRESHOLD = 250;
// Readability costs roughly 0.1 ms per element here; real article pages have a few thousand.
export const MAX_HTML_ELEMENTS = 40_000;
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'IFRAME',
  'OBJECT',
  'CANVAS',
  'BUTTON',
]);

/**
 * Extracts the main article from an HTML page with @mozilla/readability over linkedom: the title,
 * the paragraphs of the main content (block elements start new paragraphs, `<br>` is a space), and
 * the http(s) links inside it (relative links resolved against `<base>`, the canonical URL or `source`
 * when it is a URL). Scripts, styles and page chrome (nav, footer, sidebars) are left out.
 */
export function parseHtml(html: string, source: string): ParsedParts {
  // Checked on the raw tags first (cheap), then on the DOM, which also sees implied nesting.
  guardSize(scanTags(html), source);
  const { document } = parseHTML(asDocument(html));
  guardSize(treeShape(document.documentElement as unknown as Node), source);
  const pageUrl = canonicalUrl(document, source);
  const base = httpHref(document.querySelector('base[href]')?.getAttribute('href') ?? '', pageUrl) ?? pageUrl;
  const fallbackTitle = (document.querySelector('h1')?.textContent ?? document.title ?? '').trim();

  const result = new Readability(document as unknown as Document, { charThreshold: CHAR_THRESHOLD }).parse();
  const content = result?.content ?? '';
  const links: ArticleLink[] = [];
  const paragraphs = contentParagraphs(content, links, base);
  const title = (result?.title ?? '').trim() || fallbackTitle;
  if (paragraphs[0] && squash(paragraphs[0]) === squash(title)) paragraphs.shift();

  const publishedAt = isoDate(result?.publishedTime);
  return {
    title,
    paragraphs,
    links,
    ...(pageUrl ? { url: pageUrl } : {}),
    ...(publishedAt ? { publishedAt } : {}),
  };
}

/** linkedom only builds a body for a whole document, so a bare fragment gets the missing wrapper. */
function asDocument(html: string): string {
  if (/<html[\s>]/i.test(html)) return html;
  if (/<body[\s>]/i.test(html)) return `<!doctype html><html>${html}</html>`;
  return `<!doctype html><html><head></head><body>${html}</body></html>`;
}

function contentParagraphs(content: string, links: ArticleLink[], base: string | undefined): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${content}</body></html>`);
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    if (current.trim()) paragraphs.push(current);
    current = '';
  };
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    const tag = element.tagName.toUpperCase();
    if (SKIPPED.has(tag)) return;
    if (tag === 'BR') {
      current += '\n';
      return;
    }
    const block = BLOCKS.has(tag);
    if (block) flush();
    const start = current.length;
    for (const child of Array.from(element.childNodes)) walk(child as Node);
    if (tag === 'A') {
      const href = httpHref(element.getAttribute('href') ?? '', base);
      const text = current.slice(start);
      if (href && text.trim()) links.push({ text, href });
    }
    if (block) flush();
  };
  walk(document.body as unknown as Node);
  flush();
  return paragraphs;
}

function canonicalUrl(document: Document, source: string): string | undefined {
  const candidates = [
    document.querySelector('link[rel="canonical"]')?.getAttribute('href'),
    document.querySelector('meta[property="og:url"]')?.getAttribute('content'),
  ];
  const sourceUrl = httpHref(source);
  for (const candidate of candidates) {
    const url = candidate ? httpHref(candidate, sourceUrl) : undefined;
    if (url) return url;
  }
  return sourceUrl;
}

function isoDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

function guardSize(shape: { depth: number; elements: number }, source: string): void {
  if (shape.depth > MAX_HTML_DEPTH) {
    throw new InputError(`${label(source)}: HTML is nested too deeply (over ${MAX_HTML_DEPTH} levels)`);
  }
  // Readability has its own maxElemsToParse, but it counts with getElementsByTagName('*'), which
  // is always 0 in linkedom.
  if (shape.elements > MAX_HTML_ELEMENTS) {
    const limit = MAX_HTML_ELEMENTS.toLocaleString('en-US');
    throw new InputError(`${label(source)}: HTML has too many elements (over ${limit})`);
  }
}

function treeShape(root: Node | null): { depth: number; elements: number } {
  let deepest = 0;
  let elements = 0;
  const stack: Array<[Node, number]> = root ? [[root, 1]] : [];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    elements++;
    if (depth > deepest) deepest = depth;
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1) stack.push([child, depth + 1]);
    }
  }
  return { depth: deepest, elements };
}
