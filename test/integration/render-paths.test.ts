import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArticle, parseArticle } from '../../src/article/index.js';
import type { Article } from '../../src/article/types.js';
import { main } from '../../src/cli/index.js';
import { SAMPLE } from '../../src/cli/render.js';
import { MemorySendLedger } from '../../src/delivery/memory-send-ledger.js';
import { draftEdition } from '../../src/edition/draft.js';
import { applyChange } from '../../src/edition/edits.js';
import type { EditionRecord } from '../../src/edition/ports.js';
import { documentEdition, documentItems } from '../../src/edition/render.js';
import { type EditionDependencies, runEdition } from '../../src/edition/run.js';
import { saveEdition } from '../../src/edition/store.js';
import { builtTheme, type PersonalizeContext, personalize } from '../../src/email/index.js';
import type { Rendered } from '../../src/email/types.js';
import { createDefaultEngine } from '../../src/preview/render-engine.js';
import { captureIO } from '../helpers/capture-io.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
// The sample first (the editor's order), then two more real articles: a Markdown and an HTML one.
const FILES = [
  'examples/articles/north-korea-human-rights.txt',
  'examples/articles/long-seven-speakers.txt',
  'examples/articles/markdown-briefing.md',
  'examples/articles/html-press-release.html',
].map((file) => join(root, file));
const DATE = '2026-12-07';
/** Where the web editions are published, set for every path (the CLI reads DIGEST_WEB_BASE_URL). */
const WEB = 'https://digest.example.com/editions';
/** The personalisation `digest render` uses for its sample recipient. */
const CTX: PersonalizeContext = {
  unsubscribeBaseUrl: SAMPLE.unsubscribeBaseUrl,
  unsubscribeMailto: SAMPLE.unsubscribeMailto,
  hmacKey: 'sample-key-for-local-renders-only',
  listId: SAMPLE.listDomain,
};

/** In-memory stand-ins for the Lambda's S3, DynamoDB, SES and SQS adapters; the archive keeps what was rendered. */
function lambdaDeps(
  articles: Article[],
  stored: Rendered[],
  recorded: EditionRecord[] = [],
): EditionDependencies {
  let inProgress: EditionRecord | undefined;
  const records: EditionRecord[] = recorded;
  return {
    collectNew: async () => ({ articles: [], itemKeys: [], notes: [] }),
    collectNamed: async () => ({ articles, itemKeys: articles.map((a) => a.source), notes: [] }),
    editions: {
      record: async (edition) => void records.push(edition),
      seen: async () => new Set(),
      latest: async () => records.at(-1),
    },
    progress: {
      begin: async (edition) => {
        inProgress = edition;
      },
      current: async () => inProgress,
      recorded: async () => undefined,
      finish: async () => {
        inProgress = undefined;
      },
    },
    archive: {
      storeWebVersion: async () => 'https://digest.example.com/editions/web.html',
      storeRendered: async (rendered) => void stored.push(rendered),
      loadRendered: async () => stored.at(-1)!,
    },
    subscribers: {
      async *list() {},
      get: async () => undefined,
      put: async () => {},
      setStatus: async () => {},
      remove: async () => false,
    },
    ledger: new MemorySendLedger(),
    mailer: { sendRaw: async () => ({ messageId: 'unused' }) },
    queue: { enqueue: async () => ({ messages: 0, recipients: 0 }) },
    hmacKey: async () => 'lambda-key-not-used-for-the-comparison',
    now: () => new Date(`${DATE}T08:00:00Z`),
  };
}

/** The Lambda's settings, matching what `digest render` uses for its sample. */
function settings() {
  const theme = builtTheme();
  return {
    sender: { fromAddress: SAMPLE.fromAddress, fromName: theme.publicationName, listId: SAMPLE.listDomain },
    publication: { name: theme.publicationName, postalAddress: theme.postalAddress },
    unsubscribeUrl: SAMPLE.unsubscribeBaseUrl,
    webBaseUrl: WEB,
    directRate: 10,
    directSendThreshold: 100,
    recipientsPerBatch: 50,
    summarySentences: 3,
    quotesPerArticle: 3,
    maxArticles: 10,
    scheduleMaxAgeSeconds: 3600,
  };
}

describe('one email on every path (issue 10): CLI render, preview and the Lambda agree', () => {
  let dir: string;
  let articles: Article[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'render-paths-'));
    articles = await Promise.all(FILES.map((file) => loadArticle(file)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders the same HTML and text from the same articles', async () => {
    // Prepare
    const stored: Rendered[] = [];

    // Act: the CLI
    const io = captureIO({ cwd: dir, env: { DIGEST_WEB_BASE_URL: WEB } });
    const code = await main(['render', ...FILES, '--out', 'out', '--date', DATE], io);
    expect(code, io.err()).toBe(0);
    const cli = {
      html: readFileSync(join(dir, 'out', 'digest.html'), 'utf8'),
      text: readFileSync(join(dir, 'out', 'digest.txt'), 'utf8'),
    };

    // Act: the preview (templates compiled from templates/ with MJML, as the preview does)
    const engine = createDefaultEngine();
    const compiled = await engine.compileTemplates(join(root, 'templates'));
    expect(compiled.errors).toEqual([]);
    const items = articles.map((article) => ({ article, analysis: engine.analyze(article) }));
    const preview = personalize(
      engine.render(items, { date: DATE, webBaseUrl: WEB }).rendered,
      SAMPLE.recipient,
      CTX,
    );

    // Act: the Lambda's edition run, on the articles named in the request
    const result = await runEdition(
      { source: 'remote', articles: FILES.map((f) => f.split('/').pop()!), date: DATE },
      lambdaDeps(articles, stored),
      settings(),
    );
    expect(result.status).toBe('sent');
    expect(stored).toHaveLength(1);
    const lambda = personalize(stored[0]!, SAMPLE.recipient, CTX);

    // Assess
    expect(cli.html).toContain('China</span> \u201cneeds to understand');
    expect(preview.html).toBe(cli.html);
    expect(preview.text).toBe(cli.text);
    expect(lambda.html).toBe(cli.html);
    expect(lambda.text).toBe(cli.text);
  });

  it('passes the configured speaker threshold to the analyzer (digest:speakerThreshold)', async () => {
    // Prepare
    const stored: Rendered[] = [];

    const request = {
      source: 'remote' as const,
      articles: FILES.map((f) => f.split('/').pop()!),
      date: DATE,
    };

    // Act: the default, then a threshold of 1, which leaves every quote without a name
    await runEdition(request, lambdaDeps(articles, stored), settings());
    const result = await runEdition(request, lambdaDeps(articles, stored), {
      ...settings(),
      speakerThreshold: 1,
    });

    // Assess
    expect(result.status).toBe('sent');
    expect(stored[0]!.text).toContain('\u2014 Jay Lefkowitz');
    expect(stored[1]!.text).toContain('needs to understand');
    expect(stored[1]!.text).not.toContain('\u2014 Jay Lefkowitz');
  });

  it('sends an edition holding one 90 KB unpunctuated sentence, and records both articles (issue 11, item 2)', async () => {
    // Prepare
    const paste = parseArticle(`Transcript pasted whole\n\n${'word '.repeat(18_000)}end`, {
      source: 'paste.txt',
      format: 'text',
    });
    const stored: Rendered[] = [];
    const recorded: EditionRecord[] = [];
    // Act
    const result = await runEdition(
      { source: 'remote', articles: ['sample.txt', 'paste.txt'], date: DATE },
      lambdaDeps([articles[0]!, paste], stored, recorded),
      settings(),
    );
    // Assess
    expect(result.status).toBe('sent');
    expect(Buffer.byteLength(stored[0]!.html)).toBeLessThan(100 * 1024);
    expect(stored[0]!.html).toContain('Transcript pasted whole');
    expect(recorded[0]?.articleIds).toEqual([articles[0]!.id, paste.id]);
  });

  it('renders the same HTML and text from the same edited edition on the CLI, the preview and the Lambda (issue 12)', async () => {
    // Prepare: a draft with an edit of every kind, saved as a file
    const drafted = draftEdition(
      articles.map((article) => ({ article, itemKey: article.source })),
      { date: DATE },
    );
    const [first, second] = drafted.stories.map((s) => s.article.id) as [string, string];
    const who = { by: 'Erin', via: 'desk' as const };
    let doc = applyChange(drafted, { op: 'drop-quote', story: first, quote: 1 }, who);
    doc = applyChange(doc, { op: 'speaker', story: first, quote: 0, speaker: 'A Typed Name' }, who);
    doc = applyChange(
      doc,
      { op: 'summary', story: second, sentence: 0, text: 'An edited first sentence.' },
      who,
    );
    doc = applyChange(doc, { op: 'lead', story: second }, who);
    doc = applyChange(doc, { op: 'subject', text: 'An edited subject' }, who);
    doc = applyChange(doc, { op: 'note', text: 'A note from the editor.' }, who);
    doc = applyChange(doc, { op: 'approve' }, who);
    const file = join(dir, 'edition.json');
    saveEdition(file, doc);
    const stored: Rendered[] = [];

    // Act: the CLI
    const io = captureIO({ cwd: dir, env: { DIGEST_WEB_BASE_URL: WEB } });
    expect(await main(['render', '--edition', file, '--out', 'edited'], io), io.err()).toBe(0);
    const cli = {
      html: readFileSync(join(dir, 'edited', 'digest.html'), 'utf8'),
      text: readFileSync(join(dir, 'edited', 'digest.txt'), 'utf8'),
    };
    // Act: the preview's engine with the document's items and edition
    const engine = createDefaultEngine();
    expect((await engine.compileTemplates(join(root, 'templates'))).errors).toEqual([]);
    const preview = personalize(
      engine.render(documentItems(doc), documentEdition(doc, WEB)).rendered,
      SAMPLE.recipient,
      CTX,
    );
    // Act: the Lambda's edition run with the document
    const result = await runEdition({ source: 'remote', date: DATE }, lambdaDeps([], stored), settings(), {
      edition: doc,
    });
    expect(result.status).toBe('sent');
    const lambda = personalize(stored[0]!, SAMPLE.recipient, CTX);

    // Assess
    expect(cli.text).toContain('A note from the editor.');
    expect(cli.text).toContain('A Typed Name');
    expect(cli.text).toContain('An edited first sentence.');
    expect(stored[0]!.subject).toBe('An edited subject');
    expect(preview.html).toBe(cli.html);
    expect(preview.text).toBe(cli.text);
    expect(lambda.html).toBe(cli.html);
    expect(lambda.text).toBe(cli.text);
  });

  it('a draft without edits renders byte for byte as digest render of the same articles and date', async () => {
    // Prepare
    const file = join(dir, 'unedited.json');
    saveEdition(
      file,
      draftEdition(
        articles.map((article) => ({ article, itemKey: article.source })),
        { date: DATE },
      ),
    );
    // Act
    const io = captureIO({ cwd: dir });
    expect(await main(['render', '--edition', file, '--out', 'unedited'], io), io.err()).toBe(0);
    expect(await main(['render', ...FILES, '--out', 'plain', '--date', DATE], io), io.err()).toBe(0);
    // Assess
    for (const name of ['digest.html', 'digest.txt', 'digest.json']) {
      expect(readFileSync(join(dir, 'unedited', name), 'utf8'), name).toBe(
        readFileSync(join(dir, 'plain', name), 'utf8'),
      );
    }
  });

  it('the Lambda sends nothing of an edition that is not approved', async () => {
    const doc = draftEdition([{ article: articles[0]!, itemKey: 'a' }], { date: DATE });
    await expect(
      runEdition({ source: 'remote', date: DATE }, lambdaDeps([], []), settings(), { edition: doc }),
    ).rejects.toThrow(/draft, not approved: nothing sent/);
  });
});
