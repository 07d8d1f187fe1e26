// The public page of an edition (issue 15's gaps): the email's own render (the built templates, compiled
// with MJML) made into a web page, with the archive's footer wording for any theme.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicPage } from '../../src/archive/page.js';
import { loadArticle } from '../../src/article/index.js';
import type { EditionDocument } from '../../src/edition/document.js';
import { draftEdition } from '../../src/edition/draft.js';
import { renderDocument } from '../../src/edition/render.js';
import { RenderError } from '../../src/errors.js';

const SAMPLE = fileURLToPath(
  new URL('../../examples/articles/north-korea-human-rights.txt', import.meta.url),
);
const THEME = {
  publicationName: 'Harbor Weekly',
  whyReceiving: 'You get Harbor Weekly because you asked for it at the harbour office.',
};
const LINKS = { indexUrl: '../index.html' };

describe('publicPage: the archive wording, not the email footer', () => {
  let doc: EditionDocument;
  beforeAll(async () => {
    const article = await loadArticle(SAMPLE);
    doc = draftEdition([{ article, itemKey: 'a' }], { date: '2026-12-07' });
  });

  it("replaces the theme's own why-receiving line; Subscribe only with a subscribe URL; no email-only links", () => {
    // Prepare: the edition as rendered for sending, with a view-in-browser link
    const edition = renderDocument(doc, { theme: THEME, webBaseUrl: 'https://news.example.org/editions' });
    // Act
    const without = publicPage(edition, LINKS).html;
    const withSignup = publicPage(edition, { ...LINKS, subscribeUrl: '../index.html#subscribe' }).html;
    // Assess
    expect(edition.rendered.html).toContain(THEME.whyReceiving);
    for (const html of [without, withSignup]) {
      expect(html).toContain('From the archive of Harbor Weekly');
      expect(html).toMatch(/<a [^>]*href="\.\.\/index\.html"[^>]*>All editions<\/a>/);
      expect(html).not.toMatch(/you asked for it|Unsubscribe|View in your browser|news\.example\.org/);
    }
    expect(without).not.toContain('Subscribe');
    expect(withSignup).toMatch(
      /From the archive of Harbor Weekly &#160;·&#160; <a [^>]*href="\.\.\/index\.html#subscribe"[^>]*>Subscribe<\/a>/,
    );
  });

  it('refuses a page that would still carry the email wording (a template that splits the line)', () => {
    // Prepare
    const edition = renderDocument(doc, { theme: THEME });
    const split = edition.rendered.html.replace('You get Harbor Weekly', '<b>You get Harbor Weekly</b>');
    // Act
    const act = () => publicPage({ ...edition, rendered: { ...edition.rendered, html: split } }, LINKS);
    // Assess
    expect(act).toThrow(RenderError);
    expect(act).toThrow(/You get Harbor Weekly because.*left in the web page/);
  });
});
