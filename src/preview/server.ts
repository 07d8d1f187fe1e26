import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalSentEditions } from '../adapters/local/archive-store.js';
import { buildArchive, INDEX_FILE } from '../archive/site.js';
import type { EditionChange } from '../edition/edits.js';
import { applyChange, EditionStateError } from '../edition/edits.js';
import { documentEdition } from '../edition/render.js';
import { loadEdition, saveEdition } from '../edition/store.js';
import type { Rendered } from '../email/types.js';
import { DigestError, InputError } from '../errors.js';
import { loadDeliveryConfig } from '../settings/local.js';
import type { CheckResult } from './checks.js';
import { emulateDarkMode } from './dark-mode.js';
import { EMAIL_CSP, notFound, PAGE_CSP, readBody, send } from './http-response.js';
import { listenOnFreePort, PREVIEW_HOST } from './listen.js';
import {
  type PageState,
  renderChecks,
  renderEmailError,
  renderPage,
  type Scheme,
  type Tab,
  type View,
} from './page.js';
import { createDefaultEngine, type PreviewDelivery, type PreviewEngine } from './render-engine.js';
import { type EmailBuild, PreviewSession, type Selection } from './session.js';
import { SpamChecker } from './spam-check.js';
import { watchPaths } from './watch.js';

export interface PreviewOptions {
  /** Article files (or URLs/feeds the reader understands); empty means every file in examples/articles/. */
  inputs: string[];
  /** Default 3000; when taken, the next free port. 0 lets the OS choose. */
  port?: number;
  /** Default: the project's templates/. */
  templatesDir?: string;
  /**
   * Delivers the selected digest to `to`; the "send test" button appears only when this is given.
   * `preview.rendered` is the digest as the page shows it (live templates, before personalisation);
   * sending it rather than re-rendering `inputs` keeps the test mail identical to the preview.
   */
  onSendTest?: (
    to: string,
    inputs: string[],
    preview?: { rendered: Rendered },
  ) => Promise<{ messageId: string }>;
  /** The local SES web inbox, linked from the page. */
  inboxUrl?: string;
  /**
   * Sender, unsubscribe signing and web-edition settings, as `digest send` uses them, so the raw .eml
   * is the message that would go out. Default: the CLI's defaults (loadDeliveryConfig without env).
   */
  delivery?: PreviewDelivery;
  /**
   * An edition document (`digest draft`) to open in the editing desk instead of article files: every
   * change made in the page is saved to this file (atomically, versioned, recorded as an edit).
   */
  edition?: string;
  /** Who edits, for the edition's record of edits. */
  editor?: string;
  /**
   * The public web archive served under /archive/, built afresh on each request from the sent edition
   * documents in `sentDir` (what `digest archive` writes), so a send shows up without a rebuild.
   */
  archive?: { sentDir: string; signupUrl?: string };
}

export interface PreviewServer {
  url: string;
  /** Where the archive is served (`<url>archive/`), when the preview serves one. */
  archiveUrl?: string;
  close(): Promise<void>;
}

/** Options for tests and embedders beyond the public contract. */
export interface PreviewInternals {
  engine?: PreviewEngine;
  /** The spamassassin binary; null disables the check as if it were not installed. */
  spamassassin?: string | null;
  debounceMs?: number;
}

/**
 * How long a burst of file events is gathered before one reload: an editor's save (write, rename,
 * chmod) lands within a few milliseconds; 50 ms keeps one reload per save and leaves the rest of the
 * 200 ms edit-to-visible budget to analysis, rendering and the browser.
 */
export const DEBOUNCE_MS = 50;

/** The archive's pages: their own inline styles, no scripts, a signup form posting to the subscribe page. */
const ARCHIVE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; form-action http: https:; frame-ancestors 'none'; base-uri 'none'";

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url));
/** The only static files served: a fixed map, never a path taken from the URL. */
const ASSETS: Record<string, { file: string; type: string }> = {
  '/assets/preview.css': { file: join(ASSETS_DIR, 'preview.css'), type: 'text/css; charset=utf-8' },
  '/assets/preview.js': { file: join(ASSETS_DIR, 'preview.js'), type: 'text/javascript; charset=utf-8' },
};

/** The settings `digest send` has when no environment variable is set. */
function defaultDelivery(): PreviewDelivery {
  const config = loadDeliveryConfig({}, PROJECT_ROOT);
  return { sender: config.sender, personalize: config.personalize };
}

const isUrl = (input: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(input);

function defaultInputs(): string[] {
  const dir = join(PROJECT_ROOT, 'examples', 'articles');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new InputError(`preview: no article given and ${dir} cannot be read; name article files`);
  }
  return names
    .filter((name) => !name.startsWith('.'))
    .sort()
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).isFile());
}

function resolveInputs(inputs: string[]): string[] {
  return inputs.map((input) => {
    if (isUrl(input)) return input;
    if (input === '-') throw new InputError('preview: cannot preview stdin (-); give article files to watch');
    const file = isAbsolute(input) ? input : resolve(input);
    let ok = false;
    try {
      ok = statSync(file).isFile();
    } catch {
      ok = false;
    }
    if (!ok) throw new InputError(`preview: ${input}: no such file`);
    return file;
  });
}

const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

/**
 * Starts the local preview on 127.0.0.1 (port 3000 or the next free one). It watches the templates,
 * the theme and the article files and pushes reloads to open pages over server-sent events.
 * It opens no browser; the caller prints `url`.
 */
export async function startPreview(
  options: PreviewOptions,
  internals: PreviewInternals = {},
): Promise<PreviewServer> {
  const editionFile = options.edition ? resolve(options.edition) : undefined;
  const inputs = editionFile
    ? [editionFile]
    : options.inputs.length > 0
      ? resolveInputs(options.inputs)
      : defaultInputs();
  const templatesDir = resolve(options.templatesDir ?? join(PROJECT_ROOT, 'templates'));
  const engine = internals.engine ?? createDefaultEngine();
  const spam = new SpamChecker(internals.spamassassin);
  const delivery = options.delivery ?? defaultDelivery();
  const today = () => ({
    date: new Date().toISOString().slice(0, 10),
    ...(delivery.webBaseUrl ? { webBaseUrl: delivery.webBaseUrl } : {}),
  });
  const edition = () => (session.doc ? documentEdition(session.doc, delivery.webBaseUrl) : today());
  const session = new PreviewSession(engine, inputs, templatesDir, edition, delivery, editionFile);
  await session.reload();

  const csrfToken = randomBytes(24).toString('base64url');
  /** Selections pages have shown: rebuilt ahead of their reload. */
  const viewed = new Set<Selection>();
  const clients = new Set<ServerResponse>();
  const broadcast = (event: string, data: string) => {
    for (const client of clients) client.write(`event: ${event}\ndata: ${data}\n\n`);
  };

  const checksFor = (build: EmailBuild): CheckResult[] => {
    if (!build.message || !build.contentKey) return build.checks;
    const spamResult =
      build.eml && spam.installed
        ? spam.check(build.contentKey, build.eml, () => broadcast('checks', String(build.selection)))
        : spam.unavailable('there is no .eml to score yet');
    return [...build.checks, spamResult];
  };

  let port = 0;
  const archiveUrl = () => `http://${PREVIEW_HOST}:${port}/archive/`;
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        send(res, 500, 'text/plain; charset=utf-8', `Preview error: ${(error as Error).message}\n`);
      } else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a page on another site must not reach the preview through a name that resolves here.
    const host = req.headers.host ?? '';
    if (host !== `${PREVIEW_HOST}:${port}` && host !== `localhost:${port}`) {
      return send(res, 421, 'text/plain; charset=utf-8', 'Misdirected request\n');
    }
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    const url = new URL(req.url ?? '/', `http://${PREVIEW_HOST}`);
    // Route on the raw path: `..`, encoded slashes or dots never name a route.
    if (rawPath !== url.pathname || /%2e|%2f|%5c|\\/i.test(rawPath)) return notFound(res);
    const path = rawPath;

    if (req.method === 'POST' && path === '/send-test') return sendTest(req, res);
    if (req.method === 'POST' && path === '/edition') return editEdition(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', {
        allow: 'GET, HEAD, POST',
      });
    }
    if (path === '/') return page(url, res);
    if (path === '/events') return events(req, res);
    const asset = ASSETS[path];
    if (asset) return send(res, 200, asset.type, await readFile(asset.file));

    let match = /^\/email\/(all|\d{1,6})\.(html|txt|eml|json)$/.exec(path);
    if (match) {
      const selection = session.parseSelection(match[1]);
      if (selection === undefined) return notFound(res);
      return emailDocument(selection, match[2] as 'html' | 'txt' | 'eml' | 'json', url, res);
    }
    match = /^\/checks\/(all|\d{1,6})$/.exec(path);
    if (match) {
      const selection = session.parseSelection(match[1]);
      if (selection === undefined) return notFound(res);
      const build = await session.build(selection);
      return send(res, 200, 'text/html; charset=utf-8', renderChecks(checksFor(build), build).value, {
        'content-security-policy': PAGE_CSP,
      });
    }
    match = /^\/article\/(\d{1,6})\.txt$/.exec(path);
    if (match) {
      const article = session.entries[Number(match[1])]?.article;
      if (!article) return notFound(res);
      return send(res, 200, 'text/plain; charset=utf-8', article.text);
    }
    if (path === '/archive' || path.startsWith('/archive/')) return archiveFile(path, res);
    if (path === '/health') {
      return send(res, 200, 'application/json', JSON.stringify({ ok: true, version: session.version }));
    }
    return notFound(res);
  }

  async function archiveFile(path: string, res: ServerResponse) {
    if (!options.archive) return notFound(res);
    if (path === '/archive')
      return send(res, 301, 'text/plain; charset=utf-8', '', { location: '/archive/' });
    const sent = new LocalSentEditions(options.archive.sentDir);
    const files = buildArchive(sent.all(), {
      baseUrl: archiveUrl(),
      withdrawn: sent.withdrawn(),
      ...(options.archive.signupUrl ? { signupUrl: options.archive.signupUrl } : {}),
    });
    const wanted = path === '/archive/' ? INDEX_FILE : path.slice('/archive/'.length);
    const file = files.find((f) => f.path === wanted);
    if (!file) return notFound(res);
    return send(res, 200, file.contentType, file.body, { 'content-security-policy': ARCHIVE_CSP });
  }

  /** The whole edition, unless it cannot render (too many articles for one email): then the first article. */
  async function landingSelection(): Promise<Selection> {
    const preferred = session.defaultSelection;
    if (preferred !== 'all' || (await session.build('all')).message) return preferred;
    return session.ready[0]?.index ?? 'all';
  }

  async function page(url: URL, res: ServerResponse) {
    const raw = url.searchParams.get('a');
    const selection = raw === null ? await landingSelection() : session.parseSelection(raw);
    if (selection === undefined) return notFound(res);
    const state: PageState = {
      selection,
      view: pick<View>(url.searchParams.get('view'), ['desktop', 'mobile'], 'desktop'),
      scheme: pick<Scheme>(url.searchParams.get('scheme'), ['light', 'dark'], 'light'),
      tab: pick<Tab>(url.searchParams.get('tab'), ['preview', 'html', 'text', 'eml', 'json'], 'preview'),
    };
    viewed.add(selection);
    const build = await session.build(selection);
    const body = renderPage({
      state,
      version: session.version,
      entries: session.entries,
      build,
      checks: checksFor(build),
      templatesDir,
      templateErrors: session.templateErrors,
      ...(options.onSendTest ? { sendTest: { token: csrfToken } } : {}),
      ...(editionFile ? { desk: { token: csrfToken, file: editionFile, doc: session.doc } } : {}),
      ...(options.inboxUrl && /^https?:\/\//.test(options.inboxUrl) ? { inboxUrl: options.inboxUrl } : {}),
    });
    send(res, 200, 'text/html; charset=utf-8', body, {
      'content-security-policy': PAGE_CSP,
      'x-frame-options': 'DENY',
    });
  }

  async function emailDocument(
    selection: Selection,
    kind: 'html' | 'txt' | 'eml' | 'json',
    url: URL,
    res: ServerResponse,
  ) {
    const build = await session.build(selection);
    if (kind === 'json') {
      const json = JSON.stringify(
        selection === 'all' ? build.analyses : (build.analyses[0] ?? null),
        null,
        2,
      );
      return send(res, 200, 'application/json; charset=utf-8', json);
    }
    if (kind === 'html') {
      const headers = { 'content-security-policy': EMAIL_CSP, 'x-frame-options': 'SAMEORIGIN' };
      if (!build.message) {
        return send(
          res,
          200,
          'text/html; charset=utf-8',
          renderEmailError(build.error ?? 'no message'),
          headers,
        );
      }
      const dark = url.searchParams.get('scheme') === 'dark';
      const body = dark ? emulateDarkMode(build.message.html).html : build.message.html;
      return send(res, 200, 'text/html; charset=utf-8', body, headers);
    }
    if (kind === 'txt') {
      if (!build.message) return notFound(res);
      return send(res, 200, 'text/plain; charset=utf-8', build.message.text);
    }
    if (!build.eml) return notFound(res);
    return send(res, 200, 'message/rfc822', build.eml, {
      'content-disposition': `attachment; filename="digest-${selection}.eml"`,
    });
  }

  function events(req: IncomingMessage, res: ServerResponse) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    res.write(`retry: 500\nevent: hello\ndata: ${session.version}\n\n`);
    clients.add(res);
    req.on('close', () => clients.delete(res));
  }

  async function sendTest(req: IncomingMessage, res: ServerResponse) {
    const reply = (status: number, body: object) =>
      send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
    if (!options.onSendTest) return notFound(res);
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`)
      return reply(403, { error: 'cross-origin request refused' });
    const form = new URLSearchParams(await readBody(req));
    const token = Buffer.from(form.get('token') ?? '');
    const expected = Buffer.from(csrfToken);
    if (token.length !== expected.length || !timingSafeEqual(token, expected)) {
      return reply(403, { error: 'missing or stale form token; reload the page' });
    }
    const to = (form.get('to') ?? '').trim();
    if (!/^[^\s@<>"',;]{1,64}@[^\s@<>"',;]{1,255}$/.test(to))
      return reply(400, { error: 'enter one valid email address' });
    const selection = session.parseSelection(form.get('a'));
    if (selection === undefined) return reply(404, { error: 'no such article' });
    const selected = selection === 'all' ? inputs : [session.entries[selection]?.input ?? ''];
    const build = await session.build(selection);
    if (!build.rendered) return reply(409, { error: `nothing to send: ${build.error ?? 'no message'}` });
    try {
      const { messageId } = await options.onSendTest(to, [...new Set(selected)], {
        rendered: build.rendered,
      });
      return reply(200, { messageId, to });
    } catch (error) {
      return reply(502, { error: (error as Error).message });
    }
  }

  /** Reloads what changed, tells the open pages, and starts the builds they will ask for. */
  const reloadAndTell = (what: { templates: boolean; articles: boolean }) =>
    session.reload(what).then(() => {
      broadcast('reload', String(session.version));
      setImmediate(() => {
        for (const selection of viewed) {
          if (session.parseSelection(String(selection)) !== undefined) void session.build(selection);
        }
      });
    });

  /** POST /edition: one change from the desk, saved to the edition file, then the email reloads. */
  async function editEdition(req: IncomingMessage, res: ServerResponse) {
    const reply = (status: number, body: object) =>
      send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
    if (!editionFile) return notFound(res);
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`)
      return reply(403, { error: 'cross-origin request refused' });
    let body: { token?: unknown; change?: unknown };
    try {
      body = JSON.parse(await readBody(req)) as typeof body;
    } catch {
      return reply(400, { error: 'expected a JSON body { token, change }' });
    }
    const token = Buffer.from(typeof body.token === 'string' ? body.token : '');
    const expected = Buffer.from(csrfToken);
    if (token.length !== expected.length || !timingSafeEqual(token, expected))
      return reply(403, { error: 'missing or stale form token; reload the page' });
    try {
      const by = options.editor ?? 'editor';
      // Read the file afresh: a hand edit since the page loaded is kept and recorded, not overwritten.
      const { doc } = loadEdition(editionFile, by);
      const saved = saveEdition(
        editionFile,
        applyChange(doc, body.change as EditionChange, { by, via: 'desk' }),
      );
      await reloadAndTell({ templates: false, articles: true });
      return reply(200, { version: saved.version, status: saved.status, reload: session.version });
    } catch (error) {
      const status = error instanceof EditionStateError ? 409 : error instanceof DigestError ? 400 : 500;
      return reply(status, { error: (error as Error).message });
    }
  }

  const stopWatching = watchPaths(
    [{ dir: templatesDir }, { files: inputs.filter((input) => !isUrl(input)) }],
    (changed) => {
      const templates = changed.some((file) => file.startsWith(templatesDir));
      let articles = changed.some((file) => inputs.includes(file));
      // The desk's own save was already reloaded; only a change by someone else reloads again.
      if (articles && editionFile && !templates && !session.editionChanged()) articles = false;
      if (!templates && !articles && editionFile && changed.every((f) => f === editionFile)) return;
      void reloadAndTell({ templates, articles: articles || !templates });
    },
    internals.debounceMs ?? DEBOUNCE_MS,
  );

  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  try {
    port = await listenOnFreePort(server, options.port ?? 3000);
  } catch (error) {
    stopWatching();
    clearInterval(heartbeat);
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://${PREVIEW_HOST}:${port}/`,
    ...(options.archive ? { archiveUrl: archiveUrl() } : {}),
    close() {
      closing ??= (async () => {
        stopWatching();
        clearInterval(heartbeat);
        for (const client of clients) client.end();
        clients.clear();
        await new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
        spam.stop();
      })();
      return closing;
    },
  };
}
