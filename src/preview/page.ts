import type { EditionDocument } from '../edition/document.js';
import type { CheckResult } from './checks.js';
import { renderDesk } from './desk.js';
import { html, type SafeHtml } from './safe-html.js';
import type { ArticleEntry, EmailBuild, Selection } from './session.js';

export type View = 'desktop' | 'mobile';
export type Scheme = 'light' | 'dark';
export type Tab = 'preview' | 'html' | 'text' | 'eml' | 'json';

/** What the page shows; it is all in the URL, so a live reload restores it. */
export interface PageState {
  selection: Selection;
  view: View;
  scheme: Scheme;
  tab: Tab;
}

export interface PageModel {
  state: PageState;
  version: number;
  entries: ArticleEntry[];
  build: EmailBuild;
  checks: CheckResult[];
  templatesDir: string;
  templateErrors: string[];
  sendTest?: { token: string };
  inboxUrl?: string;
  /** The editing desk, when the preview edits an edition document. */
  desk?: { token: string; file: string; doc: EditionDocument | undefined };
}

const TABS: [Tab, string][] = [
  ['preview', 'Preview'],
  ['html', 'HTML'],
  ['text', 'Plain text'],
  ['eml', 'Raw .eml'],
  ['json', 'Analysis JSON'],
];

/** Builds a page URL for a state (only known values, so it is safe in an href). */
export function pageHref(state: PageState, change: Partial<PageState> = {}): string {
  const next = { ...state, ...change };
  const params = new URLSearchParams({ a: String(next.selection) });
  if (next.view !== 'desktop') params.set('view', next.view);
  if (next.scheme !== 'light') params.set('scheme', next.scheme);
  if (next.tab !== 'preview') params.set('tab', next.tab);
  return `/?${params}`;
}

/** The URL of the email document shown in the iframe. */
export function emailHref(selection: Selection, scheme: Scheme, version: number): string {
  return `/email/${selection}.html?scheme=${scheme}&v=${version}`;
}

const STATUS_LABEL: Record<CheckResult['status'], string> = {
  ok: 'OK',
  warn: 'Warning',
  error: 'Problem',
  info: 'Info',
  pending: 'Running',
};

/** The checks panel; also served alone so it can refresh when a slow check finishes. */
export function renderChecks(checks: CheckResult[], build: EmailBuild): SafeHtml {
  const problems = checks.filter((c) => c.status === 'error').length;
  const warnings = checks.filter((c) => c.status === 'warn').length + build.warnings.length;
  return html`<h2>Checks</h2>
    <p class="checks-summary">${
      problems > 0
        ? `${problems} problem${problems === 1 ? '' : 's'}`
        : warnings > 0
          ? `${warnings} warning${warnings === 1 ? '' : 's'}`
          : 'All checks pass'
    }</p>
    <ul class="checks-list">
      ${checks.map(
        (check) => html`<li class="check status-${check.status}" data-check="${check.id}">
          <span class="badge">${STATUS_LABEL[check.status]}</span>
          <div class="check-body">
            <strong>${check.title}</strong>
            <p>${check.summary}</p>
            ${check.details && check.details.length > 0 ? html`<ul class="details">${check.details.map((d) => html`<li>${d}</li>`)}</ul>` : ''}
          </div>
        </li>`,
      )}
      ${build.warnings.map(
        (warning) => html`<li class="check status-warn" data-check="render-warning">
          <span class="badge">Warning</span>
          <div class="check-body"><strong>Renderer</strong><p>${warning}</p></div>
        </li>`,
      )}
    </ul>`;
}

function articleList(model: PageModel): SafeHtml {
  const { state, entries } = model;
  const ready = entries.filter((e) => e.article && e.analysis).length;
  const link = (selection: Selection, title: string, meta: string) =>
    html`<li><a href="${pageHref(state, { selection })}" class="${state.selection === selection ? 'current' : ''}" ${state.selection === selection ? html`aria-current="page"` : ''}>
      <span class="title">${title}</span><span class="meta">${meta}</span></a></li>`;
  return html`<nav class="sidebar" id="articles-nav" data-live aria-label="Articles">
    <h2>Edition</h2>
    <ul class="articles">
      ${link('all', 'Full edition', `${ready} of ${entries.length} article${entries.length === 1 ? '' : 's'} as one digest`)}
    </ul>
    <h2>Articles</h2>
    <ul class="articles">
      ${entries.map((entry) =>
        entry.error
          ? html`<li class="failed"><a href="${pageHref(state, { selection: entry.index })}" class="${state.selection === entry.index ? 'current' : ''}">
              <span class="title">${entry.article?.title ?? entry.input}</span><span class="meta error-text">${entry.error}</span></a></li>`
          : link(
              entry.index,
              entry.article?.title ?? entry.input,
              `${basename(entry.input)} · ${plural(entry.analysis?.stats.words ?? 0, 'word')} · ${plural(entry.analysis?.quotes.length ?? 0, 'quote')}`,
            ),
      )}
    </ul>
    <p class="sidebar-foot">Watching <code>${model.templatesDir}</code> and the article files. Edits reload this page.</p>
  </nav>`;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

const basename = (input: string) => input.split(/[\\/]/).pop() || input;

function toolbar(model: PageModel): SafeHtml {
  const { state } = model;
  const seg = (key: 'view' | 'scheme', value: string, label: string) =>
    html`<a href="${pageHref(state, { [key]: value })}" data-${key}="${value}" class="seg${state[key] === value ? ' on' : ''}" aria-pressed="${String(state[key] === value)}" role="button">${label}</a>`;
  return html`<div class="toolbar">
    <div class="tabs" role="tablist">
      ${TABS.map(
        ([tab, label]) =>
          html`<a href="${pageHref(state, { tab })}" data-tab="${tab}" role="tab" class="tab${state.tab === tab ? ' on' : ''}" aria-selected="${String(state.tab === tab)}">${label}</a>`,
      )}
    </div>
    <div class="controls">
      <div class="segmented" aria-label="Width">${seg('view', 'desktop', 'Desktop')}${seg('view', 'mobile', 'Mobile')}</div>
      <div class="segmented" aria-label="Colour scheme">${seg('scheme', 'light', 'Light')}${seg('scheme', 'dark', 'Dark')}</div>
    </div>
  </div>`;
}

function sendTestForm(model: PageModel): SafeHtml {
  if (!model.sendTest && !model.inboxUrl) return html``;
  return html`<div class="send">
    ${
      model.sendTest
        ? html`<form id="send-test" method="post" action="/send-test">
        <input type="hidden" name="token" value="${model.sendTest.token}">
        <input type="hidden" name="a" value="${String(model.state.selection)}">
        <label class="sr-only" for="send-to">Send a test to</label>
        <input id="send-to" name="to" type="email" required value="reader@example.com" autocomplete="email">
        <button type="submit" ${model.build.error ? html`disabled` : ''}>Send test</button>
      </form>`
        : ''
    }
    ${model.inboxUrl ? html`<a class="inbox" href="${model.inboxUrl}" target="_blank" rel="noopener noreferrer">Open local inbox ↗</a>` : ''}
    <output id="send-status" aria-live="polite"></output>
  </div>`;
}

function codePanel(
  tab: Tab,
  current: Tab,
  label: string,
  body: string | undefined,
  note?: string | SafeHtml,
) {
  return html`<section class="panel code-panel" id="panel-${tab}" data-live role="tabpanel" aria-label="${label}" ${current === tab ? '' : html`hidden`}>
    ${note ? html`<p class="note">${note}</p>` : ''}
    ${body !== undefined ? html`<pre><code>${body}</code></pre>` : ''}
  </section>`;
}

/** The whole preview page. Every value is escaped by the `html` tag; the script is an external file. */
export function renderPage(model: PageModel): string {
  const { state, build, version } = model;
  const subject = build.message?.subject;
  const json = JSON.stringify(
    build.selection === 'all' ? build.analyses : (build.analyses[0] ?? null),
    null,
    2,
  );
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${build.label} · Digest preview</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/preview.css">
<script src="/assets/preview.js" defer></script>
</head>
<body data-version="${String(version)}" data-selection="${String(state.selection)}">
<header class="topbar">
  <div class="brand"><span class="mark" aria-hidden="true">D</span><span>Digest preview</span></div>
  <div class="subject" id="subject" data-live title="How the inbox lists it: subject and preheader">${
    subject
      ? html`<span class="label">Subject</span> ${subject}${build.preheader ? html` <span class="preheader">— ${build.preheader}</span>` : ''}`
      : html`<span class="label">No message</span>`
  }</div>
  <span id="live" class="live" title="Live reload">Live</span>
</header>
<div class="layout">
  ${articleList(model)}
  <main class="main">
    ${toolbar(model)}
    ${sendTestForm(model)}
    ${model.desk ? renderDesk(model.desk) : ''}
    <div id="banners" data-live>
    ${
      model.templateErrors.length > 0
        ? html`<div class="banner error" role="alert"><strong>Template error.</strong> The server keeps running; fix the template and save.<ul>${model.templateErrors.map((e) => html`<li><code>${e}</code></li>`)}</ul></div>`
        : ''
    }
    ${
      // With a template error the first banner already says why there is no email.
      build.error && model.templateErrors.length === 0
        ? html`<div class="banner error" role="alert"><strong>Cannot show this email.</strong> ${build.error}</div>`
        : ''
    }
    </div>
    <section class="panel" id="panel-preview" role="tabpanel" aria-label="Preview" ${state.tab === 'preview' ? '' : html`hidden`}>
      <div class="stage view-${state.view} scheme-${state.scheme}">
        <div class="device">
          <iframe id="email" title="Email preview" sandbox="allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer" src="${emailHref(state.selection, state.scheme, version)}"></iframe>
        </div>
      </div>
    </section>
    ${codePanel('html', state.tab, 'HTML source', build.message?.html, build.message ? undefined : 'No HTML: the email did not render.')}
    ${codePanel('text', state.tab, 'Plain text', build.message?.text, build.message ? undefined : 'No text part: the email did not render.')}
    ${codePanel('eml', state.tab, 'Raw .eml', build.eml?.toString('utf8'), build.eml ? html`The complete message for the sample recipient ${build.message?.to.email ?? ''}, headers included. <a href="/email/${String(build.selection)}.eml" download>Download .eml</a>` : (build.emlNote ?? 'No message: the email did not render.'))}
    ${codePanel('json', state.tab, 'Analysis JSON', json)}
  </main>
  <aside class="checks" id="checks" data-live aria-live="polite">${renderChecks(model.checks, build)}</aside>
</div>
</body>
</html>`;
  return page.value;
}

/** The document the iframe shows when there is no email to show. */
export function renderEmailError(reason: string): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>No preview</title>
<style>body{font:15px/1.5 system-ui,sans-serif;color:#7a1f1f;background:#fff7f7;margin:0;padding:32px}
h1{font-size:18px;margin:0 0 8px}pre{white-space:pre-wrap;background:#fff;border:1px solid #f0caca;padding:12px;border-radius:6px;color:#333}</style>
</head><body><h1>This email could not be rendered</h1><pre>${reason}</pre></body></html>`.value;
}
