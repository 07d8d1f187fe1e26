/**
 * URL hygiene for the templates. Handlebars escapes `=` and `&` inside `{{url}}`, which breaks query
 * strings, so URLs are validated here and then inserted with `{{{url}}}`: only what passes may go raw.
 */

const MAX_URL_LENGTH = 2000;

/**
 * Returns the URL normalised by WHATWG URL parsing when it is an absolute http(s) URL without
 * credentials, else null. The result is safe inside a double-quoted HTML attribute.
 */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  const href = url.href;
  // The URL parser percent-encodes spaces, quotes and angle brackets; `'` and `&` can remain.
  return href.replace(/'/g, '%27').replace(/&/g, '&amp;');
}

/** The plain form of a URL returned by `safeHttpUrl` (for the text part). */
export function plainUrl(safe: string): string {
  return safe.replace(/&amp;/g, '&');
}

/** Escapes text for HTML element content or a quoted attribute. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;');
}

/** The absolute http(s) links of an HTML document (href attributes), decoded, in order, unique. */
export function htmlLinks(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/\bhref\s*=\s*"([^"]*)"/gi)) {
    const href = (match[1] ?? '').replace(/&amp;/g, '&').replace(/&#x27;/g, "'");
    if (/^https?:\/\//i.test(href)) found.add(href);
  }
  return [...found];
}

/** The absolute http(s) links written out in a plain-text part, in order, unique. */
export function textLinks(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/\bhttps?:\/\/[^\s<>"]+/gi)) {
    found.add(match[0].replace(/[.,;:!?)\]]+$/, ''));
  }
  return [...found];
}

/** Where the web version of an edition is published: `<webBaseUrl>/<date>-<digestId>.html`. */
export function editionWebUrl(webBaseUrl: string, date: string, digestId: string): string {
  return `${webBaseUrl.replace(/\/+$/, '')}/${date}-${digestId}.html`;
}
