import { parseHTML } from 'linkedom';

let scratch: HTMLElement | undefined;

/** The visible text of an HTML fragment (titles, excerpts), whitespace collapsed. */
export function feedHtmlText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim();
  // One scratch element for all calls: a new linkedom document per feed item costs ~1 ms.
  scratch ??= parseHTML('<!doctype html><html><body></body></html>').document.createElement('div');
  const holder = scratch;
  holder.innerHTML = html;
  for (const hidden of Array.from(holder.querySelectorAll('script, style, noscript, template')))
    hidden.remove();
  return (holder.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text as HTML paragraphs (a feed body given as text, not markup). */
export function textToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join('\n');
}

/** A full HTML document around a feed item's body, so the HTML article reader sees its title. */
export function itemDocument(title: string, bodyHtml: string, url?: string): string {
  const canonical = url ? `<link rel="canonical" href="${escapeHtml(url)}">` : '';
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>${canonical}</head>`,
    `<body><article><h1>${escapeHtml(title)}</h1>\n${bodyHtml}\n</article></body></html>`,
  ].join('');
}

const FEED_LINK_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/rdf+xml']);

/** The feed a web page announces with `<link rel="alternate" type="application/rss+xml" href>`, absolute. */
export function discoverFeedLink(html: string, pageUrl: string): string | undefined {
  const { document } = parseHTML(html);
  for (const link of Array.from(document.querySelectorAll('link[rel][href]'))) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (link.getAttribute('type') ?? '').toLowerCase().trim();
    if (!rel.includes('alternate') || !FEED_LINK_TYPES.has(type)) continue;
    try {
      return new URL(link.getAttribute('href') ?? '', pageUrl).href;
    } catch {}
  }
  return undefined;
}
