import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/analysis/types.js';
import type { Article } from '../../src/article/types.js';
import { type PageModel, pageHref, renderPage } from '../../src/preview/page.js';
import { escapeHtml, html } from '../../src/preview/safe-html.js';

const HOSTILE = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;

function model(overrides: Partial<PageModel> = {}): PageModel {
  const article = {
    id: 'a1',
    title: HOSTILE,
    text: HOSTILE,
    paragraphs: [],
    source: 'x.txt',
    format: 'text',
    links: [],
  };
  const analysis = {
    title: HOSTILE,
    summary: [HOSTILE],
    quotes: [],
    followUps: [],
    entities: { people: [], organizations: [], places: [], dates: [] },
    stats: { words: 3, readingMinutes: 1 },
  };
  return {
    state: { selection: 0, view: 'desktop', scheme: 'light', tab: 'preview' },
    version: 3,
    entries: [
      { index: 0, input: `/tmp/${HOSTILE}.txt`, article: article as Article, analysis: analysis as Analysis },
      { index: 1, input: 'bad.txt', error: HOSTILE },
    ],
    build: {
      selection: 0,
      label: HOSTILE,
      items: [],
      analyses: [analysis as Analysis],
      warnings: [HOSTILE],
      message: {
        digestId: 'd',
        to: { email: 'reader@example.com' },
        subject: HOSTILE,
        html: `<p>${HOSTILE}</p>`,
        text: HOSTILE,
        unsubscribeUrl: 'https://example.com/u',
      },
      emlNote: HOSTILE,
      preheader: HOSTILE,
      checks: [{ id: 'x', title: HOSTILE, status: 'error', summary: HOSTILE, details: [HOSTILE] }],
    },
    checks: [{ id: 'x', title: HOSTILE, status: 'error', summary: HOSTILE, details: [HOSTILE] }],
    templatesDir: `/tmp/${HOSTILE}`,
    templateErrors: [HOSTILE],
    sendTest: { token: 'tok' },
    inboxUrl: 'http://127.0.0.1:8005/',
    ...overrides,
  };
}

describe('preview page', () => {
  it('escapes every value from articles, templates, checks and the message', () => {
    // Act
    const page = renderPage(model());
    // Assess
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.match(/<script\b/g)).toHaveLength(1);
    expect(page).toContain('<span class="preheader">— &quot;&gt;&lt;script&gt;');
  });

  it('shows the HTML source as text, not as markup', () => {
    // Act
    const page = renderPage(
      model({ state: { selection: 0, view: 'desktop', scheme: 'light', tab: 'html' } }),
    );
    // Assess
    expect(page).toContain('&lt;p&gt;&quot;&gt;&lt;script&gt;');
    expect(page).toMatch(/id="panel-html"[^>]*aria-label="HTML source" >/);
  });

  it('shows a clear note when there is no .eml', () => {
    // Act
    const page = renderPage(model({ state: { selection: 0, view: 'desktop', scheme: 'light', tab: 'eml' } }));
    // Assess
    expect(page).toMatch(/id="panel-eml"[^>]*>\s*<p class="note">&quot;&gt;&lt;script&gt;/);
  });

  it('has the send-test form only when sending is wired, with the page token', () => {
    // Act
    const withSend = renderPage(model());
    const without = renderPage(model({ sendTest: undefined as never, inboxUrl: undefined as never }));
    // Assess
    expect(withSend).toContain('name="token" value="tok"');
    expect(withSend).toContain('href="http://127.0.0.1:8005/"');
    expect(without).not.toContain('send-test');
    expect(without).not.toContain('Open local inbox');
  });

  it('keeps the view state in page links', () => {
    // Act
    const href = pageHref(
      { selection: 'all', view: 'mobile', scheme: 'dark', tab: 'text' },
      { selection: 2 },
    );
    // Assess
    expect(href).toBe('/?a=2&view=mobile&scheme=dark&tab=text');
  });

  it('escapes with the html tag, nesting trusted fragments only', () => {
    // Act
    const inner = html`<b>${'<i>'}</b>`;
    const outer = html`<p title="${'"x"'}">${inner}${['<a>', inner]}</p>`;
    // Assess
    expect(outer.value).toBe('<p title="&quot;x&quot;"><b>&lt;i&gt;</b>&lt;a&gt;<b>&lt;i&gt;</b></p>');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
