import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_EDITIONS_FILE, JsonEditionStore } from '../adapters/local/edition-store.js';
import { sourceArgOptions, sourceOptionsFromArgs } from '../article/sources-args.js';
import { collectAndDraft } from '../edition/local.js';
import { saveEdition } from '../edition/store.js';
import { InputError } from '../errors.js';
import { editionDate } from './edition-args.js';
import type { Command } from './io.js';
import { quotesOption } from './render.js';

const HELP = `Usage: digest draft FILE|URL... [--feed URL]... [--date YYYY-MM-DD] [--out FILE] [--quotes N]

Reads and analyses the articles and writes the edition as a draft: a versioned JSON document
(schemas/edition.schema.json) holding the articles, their analyses and what the email shows. Edit it
in the editing desk (\`digest preview --edition FILE\`) or by hand, approve it
(\`digest edition approve FILE\`), then \`digest send --edition FILE\`.
--out      where to write the draft (default edition-DATE.json; an existing file is not overwritten)
--date     edition date (default: today, UTC)
--quotes N at most N key quotes per story (default 3)
--force    overwrite an existing --out file
--feed, --follow, --since, --allow-loopback   as for \`digest send\`: feeds and their new items
`;

/** `digest draft`: collect, analyse, select and write the draft. */
export const draftCommand: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      date: { type: 'string' },
      quotes: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      ...sourceArgOptions,
    },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (positionals.length === 0 && !values.feed?.length)
    throw new InputError('draft: name at least one article FILE or URL (or --feed URL)');
  const date = editionDate(values.date);
  const quotesPerArticle = quotesOption(values.quotes);
  const out = values.out ?? `edition-${date}.json`;
  const file = isAbsolute(out) ? out : resolve(io.cwd, out);
  if (existsSync(file) && !values.force)
    throw new InputError(
      `draft: --out ${out} already exists (an edition may hold edits); pass --force to overwrite`,
    );
  const inputs = positionals.map((p) =>
    p === '-' || /^[a-z][a-z0-9+.-]+:\/\//i.test(p) || isAbsolute(p) ? p : resolve(io.cwd, p),
  );
  const editions = new JsonEditionStore(resolve(io.cwd, DEFAULT_EDITIONS_FILE));
  const { sources, doc } = await collectAndDraft(
    inputs,
    date,
    sourceOptionsFromArgs(values, { cwd: io.cwd, editionStore: editions, stdin: io.stdin }),
    quotesPerArticle !== undefined ? { quotesPerArticle } : {},
  );
  for (const note of sources.notes) io.stderr.write(`note: ${note}\n`);
  if (!doc) throw new InputError(`draft: ${sources.empty ?? 'no articles'}`);
  const saved = saveEdition(file, doc);
  io.stdout.write(
    `wrote draft ${file} (version ${saved.version}, ${saved.stories.length} ${saved.stories.length === 1 ? 'story' : 'stories'})\nsubject: ${saved.subject}\n`,
  );
  return 0;
};
