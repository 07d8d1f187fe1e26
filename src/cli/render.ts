import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ArticleFormat } from '../article/index.js';
import { sourceArgOptions, sourceOptionsFromArgs } from '../article/sources-args.js';
import type { EditionDocument } from '../edition/document.js';
import { collectAndDraft } from '../edition/local.js';
import { editedMarks, renderDocument } from '../edition/render.js';
import { loadEdition } from '../edition/store.js';
import {
  builtTemplates,
  type CompiledTemplates,
  defaultTemplatesDir,
  personalize,
  templatesSourceHash,
} from '../email/index.js';
import { buildMime } from '../email/mime.js';
import { formatKB } from '../email/size-limits.js';
import { loadThemeFile } from '../email/theme-file.js';
import { InputError, RenderError } from '../errors.js';
import { hmacKeyFromEnv, localWebBaseUrl, NO_WEB_BASE_URL_NOTE } from '../settings/local.js';
import type { CliIO, Command } from './io.js';

const HELP = `Usage: digest render FILE|URL... --out DIR [--date YYYY-MM-DD] [--format text|markdown|html] [--theme FILE]
                     [--feed URL]... [--follow] [--since DATE|7d] [--allow-loopback]
       digest render --edition FILE --out DIR [--theme FILE]

Reads and analyses the articles (files, \`-\`, article URLs, feeds), composes one edition, renders it
and writes to DIR:
  digest.html  digest.txt  digest.json (the analyses)  digest.eml (the message for a sample recipient)
--edition   render this edition document (\`digest draft\`) exactly, with its edits, in any status
--date      edition date (default: today, UTC)
--format    read every file as this format instead of detecting it
--theme     theme JSON file (default: templates/theme.json)
--quotes N  at most N key quotes per article (default 3, 0 to 20)
--feed, --follow, --since, --allow-loopback   as for \`digest send\`: feeds and their new items

The sample's unsubscribe link is signed with DIGEST_HMAC_KEY (the variable \`digest send\` uses), or
with a sample key when it is not set. The "View in your browser" link points under DIGEST_WEB_BASE_URL
(else DIGEST_ARCHIVE_URL's editions/), as for \`digest send\`; with neither set there is none.
`;

const FORMATS: ArticleFormat[] = ['text', 'markdown', 'html'];

/** The sample recipient and sender every rendered .eml is addressed with. */
export const SAMPLE = {
  recipient: { email: 'reader@example.com', name: 'Sample Reader' },
  fromAddress: 'digest@digest.example.com',
  listDomain: 'digest.example.com',
  unsubscribeBaseUrl: 'https://digest.example.com/unsubscribe',
  unsubscribeMailto: 'unsubscribe@digest.example.com',
};

/** Parses `--quotes N` (0..20); undefined when not given. */
export function quotesOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,2}$/.test(value) || Number(value) > 20) {
    throw new InputError(`--quotes expects a whole number from 0 to 20, got "${value}"`);
  }
  return Number(value);
}

const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** The built templates, or freshly compiled ones when templates/ changed since the last build. */
async function currentTemplates(io: CliIO): Promise<CompiledTemplates> {
  const built = builtTemplates();
  const dir = defaultTemplatesDir();
  if (templatesSourceHash(dir) === built.sourceHash) return built;
  const { compileTemplates } = await import('../email/compile-templates.js');
  const result = await compileTemplates(dir);
  if (!result.templates) {
    throw new RenderError(`templates do not compile: ${result.errors.map(String).join('; ')}`);
  }
  io.stderr.write(
    'digest render: templates/ changed since the last build; compiled them afresh (npm run build:templates)\n',
  );
  return result.templates;
}

/** `digest render`: writes the four files of one edition and prints their sizes and any warnings. */
export const renderCommand: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      date: { type: 'string' },
      format: { type: 'string' },
      theme: { type: 'string' },
      quotes: { type: 'string' },
      edition: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...sourceArgOptions,
    },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (values.edition && (positionals.length > 0 || values.feed?.length || values.date || values.quotes)) {
    throw new InputError(
      'render: --edition FILE renders that edition; give no articles, --feed, --date or --quotes with it',
    );
  }
  if (!values.edition && positionals.length === 0 && !values.feed?.length) {
    throw new InputError('render: name at least one article FILE or URL (or --feed URL, or --edition FILE)');
  }
  if (!values.out) throw new InputError('render: --out DIR is required');
  const format = values.format as ArticleFormat | undefined;
  if (format !== undefined && !FORMATS.includes(format)) {
    throw new InputError(`render: --format expects ${FORMATS.join(', ')}, got "${format}"`);
  }
  const date = values.date ?? todayUtc();
  const outDir = isAbsolute(values.out) ? values.out : resolve(io.cwd, values.out);
  const existing = await stat(outDir).catch(() => null);
  if (existing && !existing.isDirectory())
    throw new InputError(`render: --out ${values.out} is not a directory`);
  const theme = values.theme
    ? loadThemeFile(resolve(io.cwd, values.theme), { optional: false })
    : loadThemeFile();
  const templates = await currentTemplates(io);

  let doc: EditionDocument;
  if (values.edition) {
    doc = loadEdition(isAbsolute(values.edition) ? values.edition : resolve(io.cwd, values.edition)).doc;
  } else {
    const inputs = positionals.map((p) =>
      p === '-' || /^[a-z][a-z0-9+.-]+:\/\//i.test(p) || isAbsolute(p) ? p : resolve(io.cwd, p),
    );
    const quotesPerArticle = quotesOption(values.quotes);
    const drafted = await collectAndDraft(
      inputs,
      date,
      { ...sourceOptionsFromArgs(values, { cwd: io.cwd, stdin: io.stdin }), ...(format ? { format } : {}) },
      quotesPerArticle !== undefined ? { quotesPerArticle } : {},
    );
    for (const note of drafted.sources.notes) io.stderr.write(`note: ${note}\n`);
    if (!drafted.doc) throw new InputError(`render: ${drafted.sources.empty ?? 'no articles'}`);
    doc = drafted.doc;
  }
  // The view-in-browser link as `digest send` makes it: none without a configured web address.
  const webBaseUrl = localWebBaseUrl(io.env);
  const edition = renderDocument(doc, { theme, templates, ...(webBaseUrl ? { webBaseUrl } : {}) });
  const { digest, rendered } = edition;
  for (const note of edition.notes) io.stderr.write(`note: ${note}\n`);
  if (io.env['DIGEST_UNSUBSCRIBE_KEY'] !== undefined)
    io.stderr.write('note: DIGEST_UNSUBSCRIBE_KEY is not read; the unsubscribe key is DIGEST_HMAC_KEY\n');
  const message = personalize(rendered, SAMPLE.recipient, {
    unsubscribeBaseUrl: SAMPLE.unsubscribeBaseUrl,
    unsubscribeMailto: SAMPLE.unsubscribeMailto,
    hmacKey: hmacKeyFromEnv(io.env) ?? 'sample-key-for-local-renders-only',
    listId: SAMPLE.listDomain,
  });
  const eml = await buildMime(message, {
    fromAddress: SAMPLE.fromAddress,
    fromName: theme.publicationName,
    listId: `${theme.publicationName} <${SAMPLE.listDomain}>`,
  });
  const analyses = {
    digest: { id: digest.id, edition: digest.edition, subject: digest.subject, preheader: digest.preheader },
    items: digest.items.map(({ article, analysis, selection }) => ({
      article: { id: article.id, source: article.source, title: article.title, url: article.url ?? null },
      analysis,
      selection,
      ...editedMarks(doc, article.id),
    })),
    notes: edition.notes,
  };

  const files: [string, string | Buffer][] = [
    ['digest.html', message.html],
    ['digest.txt', message.text],
    ['digest.json', `${JSON.stringify(analyses, null, 2)}\n`],
    ['digest.eml', eml],
  ];
  await writeOutputs(outDir, values.out, files);
  if (!webBaseUrl) io.stderr.write(`note: ${NO_WEB_BASE_URL_NOTE}\n`);
  for (const [name, content] of files) {
    io.stdout.write(`wrote ${join(outDir, name)}  ${formatKB(Buffer.byteLength(content))}\n`);
  }
  io.stdout.write(`subject: ${digest.subject}\n`);
  for (const warning of rendered.warnings) io.stderr.write(`warning: ${warning}\n`);
  return 0;
};

/**
 * Writes the files of one edition all or nothing: each goes to a temporary file first and only a
 * complete set is renamed into place, so a failure never leaves an old and a new file side by side.
 * Problems name --out as the user typed it (exit 2).
 */
async function writeOutputs(
  outDir: string,
  typed: string,
  files: [string, string | Buffer][],
): Promise<void> {
  const problem = (error: unknown, path: string) => {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'a part of the path is a file, not a directory'
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? 'permission denied'
          : code === 'ENOSPC'
            ? 'no space left on the device'
            : (error as Error).message;
    return new InputError(`render: cannot write --out ${typed} (${path}): ${why}`, { cause: error });
  };
  try {
    await mkdir(outDir, { recursive: true });
  } catch (error) {
    throw problem(error, outDir);
  }
  for (const [name] of files) {
    const existing = await stat(join(outDir, name)).catch(() => null);
    if (existing && !existing.isFile())
      throw new InputError(`render: cannot write --out ${typed}: ${name} there is not a file`);
  }
  const suffix = `.${randomBytes(6).toString('hex')}.tmp`;
  const written: string[] = [];
  try {
    for (const [name, content] of files) {
      const tmp = join(outDir, `.${name}${suffix}`);
      written.push(tmp);
      await writeFile(tmp, content);
    }
    for (const [name] of files) await rename(join(outDir, `.${name}${suffix}`), join(outDir, name));
  } catch (error) {
    await Promise.all(written.map((tmp) => rm(tmp, { force: true })));
    throw problem(error, outDir);
  }
}
