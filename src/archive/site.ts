import type { EditionDocument } from '../edition/document.js';
import { builtTheme } from '../email/built-templates.js';
import { escapeHtml } from '../email/links.js';
import type { CompiledTemplates } from '../email/templates-runtime.js';
import type { Theme } from '../email/theme.js';
import { ConfigError } from '../errors.js';
import { subscribeFormHtml } from '../subscription/pages.js';
import { type ArchiveEntry, editionPage } from './page.js';

/** The archive's layout: the index and the feed at the top, one page per edition below `editions/`. */
export const INDEX_FILE = 'index.html';
export const FEED_FILE = 'feed.xml';
export const EDITIONS_DIR = 'editions';

/** One file of the static site. */
export interface ArchiveFile {
  /** Relative path, `/`-separated. */
  path: string;
  contentType: string;
  body: string;
  /** Editions never change once published; the index and the feed change with every edition. */
  immutable: boolean;
}

export interface ArchiveOptions {
  /** Absolute URL of the archive's top (where index.html is), for the feed's links. */
  baseUrl: string;
  /** The signup endpoint: the index carries the form when it is set. */
  signupUrl?: string;
  /** Edition ids (`<date>-<digestId>` or the digest id) withdrawn from the archive. */
  withdrawn?: ReadonlySet<string>;
  theme?: Theme;
  templates?: CompiledTemplates;
  /** The feed's `updated` when there is no edition. */
  now?: Date;
}

/** The URL of the archive's top, checked once: an absolute http(s) URL ending in `/`. */
export function archiveBase(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`archive base URL: expected an absolute http(s) URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new ConfigError(`archive base URL: expected an http(s) URL, got ${JSON.stringify(url)}`);
  parsed.search = '';
  parsed.hash = '';
  return parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
}

/** Where an edition's page lives under the archive's top; the email's view-in-browser link points here. */
export const editionsBaseUrl = (baseUrl: string): string => `${archiveBase(baseUrl)}${EDITIONS_DIR}`;

/**
 * Builds the public archive from edition documents: only editions that were sent (never drafts,
 * approved or cancelled ones; test sends and review copies never become a sent document) and not
 * withdrawn, newest first. Pure: the caller reads the documents and writes or uploads the files.
 */
export function buildArchive(docs: readonly EditionDocument[], options: ArchiveOptions): ArchiveFile[] {
  const base = archiveBase(options.baseUrl);
  const theme = options.theme ?? builtTheme();
  const withdrawn = options.withdrawn ?? new Set<string>();
  const pages = docs
    .filter((doc) => doc.status === 'sent')
    .map((doc) =>
      editionPage(
        doc,
        {
          // The index's signup form, when there is one; else no Subscribe link on the page.
          ...(options.signupUrl ? { subscribeUrl: `../${INDEX_FILE}#subscribe` } : {}),
          indexUrl: `../${INDEX_FILE}`,
        },
        { theme, ...(options.templates ? { templates: options.templates } : {}) },
      ),
    )
    .filter((page) => !withdrawn.has(page.id) && !withdrawn.has(page.digestId));
  // One page per digest id: the same edition sent twice is one edition.
  const unique = sortEntries(pages);
  return [
    ...listingFiles(unique, { ...options, baseUrl: base, theme }),
    ...unique.map((page) => editionFile(page.id, page.html)),
  ];
}

/** The file of one edition page. */
export const editionFile = (id: string, html: string): ArchiveFile => ({
  path: `${EDITIONS_DIR}/${id}.html`,
  contentType: 'text/html; charset=utf-8',
  body: html,
  immutable: true,
});

/** The index and the feed over `entries` (newest first, as given). */
export function listingFiles(
  entries: readonly ArchiveEntry[],
  options: Pick<ArchiveOptions, 'baseUrl' | 'signupUrl' | 'theme' | 'now'>,
): ArchiveFile[] {
  const theme = options.theme ?? builtTheme();
  return [
    {
      path: INDEX_FILE,
      contentType: 'text/html; charset=utf-8',
      body: indexHtml(entries, theme, options.signupUrl),
      immutable: false,
    },
    {
      path: FEED_FILE,
      contentType: 'application/atom+xml; charset=utf-8',
      body: atomFeed(entries, options.baseUrl, theme, options.now ?? new Date()),
      immutable: false,
    },
  ];
}

/** Newest first; one entry per edition id. */
export function sortEntries<T extends ArchiveEntry>(entries: readonly T[]): T[] {
  return [...new Map(entries.map((entry) => [entry.id, entry])).values()].sort(
    (a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id),
  );
}

const longDate = (date: string): string =>
  new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });

/** The index page: every edition, newest first, with its date and story titles; the signup form. */
export function indexHtml(pages: readonly ArchiveEntry[], theme: Theme, signupUrl?: string): string {
  const c = theme.colors;
  const name = escapeHtml(theme.publicationName);
  const items = pages
    .map(
      (page) => `<li class="edition">
<h2><a href="${EDITIONS_DIR}/${encodeURIComponent(page.id)}.html">${escapeHtml(page.subject)}</a></h2>
<p class="date"><time datetime="${page.date}">${longDate(page.date)}</time></p>
<ul>${page.storyTitles.map((title) => `<li>${escapeHtml(title)}</li>`).join('')}</ul>
</li>`,
    )
    .join('\n');
  const signup = signupUrl
    ? `<section id="subscribe" aria-labelledby="subscribe-title">
<h2 id="subscribe-title">Subscribe</h2>
${subscribeFormHtml(signupUrl, theme.publicationName)}
</section>`
    : `<section id="subscribe" aria-labelledby="subscribe-title"><h2 id="subscribe-title">Subscribe</h2><p>Signup is not open yet.</p></section>`;
  return `<!doctype html>
<html lang="${escapeHtml(theme.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${name}: all editions</title>
<link rel="alternate" type="application/atom+xml" title="${name}" href="${FEED_FILE}">
<style>
body{margin:0;background:${c.background};color:${c.text};font-family:${theme.fontFamily};line-height:1.5}
main{max-width:40rem;margin:0 auto;padding:2rem 1rem;background:${c.surface}}
h1{font-family:${theme.headingFontFamily};margin:0 0 .25rem}
a{color:${c.accent}}
.tagline,.date{color:${c.muted};margin:0}
ol.editions{list-style:none;padding:0}
li.edition{border-top:1px solid ${c.border};padding:1rem 0}
li.edition h2{font-size:1.25rem;margin:0}
</style>
</head>
<body>
<main>
<h1>${name}</h1>
<p class="tagline">${escapeHtml(theme.tagline)}</p>
<p><a href="${FEED_FILE}">Atom feed of editions</a></p>
${pages.length === 0 ? '<p>No edition has been published yet.</p>' : `<ol class="editions">\n${items}\n</ol>`}
${signup}
<footer><p class="date">${escapeHtml(theme.postalAddress)}</p></footer>
</main>
</body>
</html>
`;
}

const xml = (value: string): string =>
  value.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

/**
 * The Atom 1.0 feed of editions: absolute links, ids that never change (`urn:digest:edition:<digest id>`,
 * so moving the archive to another domain does not make readers see every edition again).
 */
export function atomFeed(pages: readonly ArchiveEntry[], baseUrl: string, theme: Theme, now: Date): string {
  const base = archiveBase(baseUrl);
  const stamp = (date: string) => `${date}T00:00:00Z`;
  const updated = pages[0] ? stamp(pages[0].date) : `${now.toISOString().slice(0, 19)}Z`;
  const entries = pages.map((page) => {
    const content = page.stories
      .map(
        (story) =>
          `<h2>${escapeHtml(story.title)}</h2>${story.summary.map((s) => `<p>${escapeHtml(s)}</p>`).join('')}`,
      )
      .join('');
    return `  <entry>
    <title>${xml(page.subject)}</title>
    <link rel="alternate" type="text/html" href="${xml(`${base}${EDITIONS_DIR}/${page.id}.html`)}"/>
    <id>urn:digest:edition:${xml(page.digestId)}</id>
    <published>${stamp(page.date)}</published>
    <updated>${stamp(page.date)}</updated>
    <summary>${xml(page.storyTitles.join(' · '))}</summary>
    <content type="html">${xml(content)}</content>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${xml(theme.publicationName)}</title>
  <subtitle>${xml(theme.tagline)}</subtitle>
  <link rel="self" type="application/atom+xml" href="${xml(`${base}${FEED_FILE}`)}"/>
  <link rel="alternate" type="text/html" href="${xml(base)}"/>
  <id>${xml(base)}</id>
  <author><name>${xml(theme.publicationName)}</name></author>
  <updated>${updated}</updated>
${entries.join('\n')}
</feed>
`;
}
