import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_ARCHIVE_DIR,
  DEFAULT_SENT_DIR,
  LocalSentEditions,
  writeArchive,
} from '../adapters/local/archive-store.js';
import { archiveBase, buildArchive, FEED_FILE, INDEX_FILE } from '../archive/site.js';
import { InputError } from '../errors.js';
import { localArchiveSettings } from '../settings/local.js';
import type { Command } from './io.js';

const HELP = `Usage: digest archive [--out DIR] [--sent DIR] [--base-url URL] [--signup-url URL]
       digest archive remove ID [--out DIR] [--sent DIR]
       digest archive remove ID --remote [--bucket NAME --distribution ID --base-url URL]

Builds the public web archive from the editions sent to the list (their documents are kept in
${DEFAULT_SENT_DIR} by \`digest send\`): ${INDEX_FILE} (newest first, with the signup form when a signup
URL is known) and the Atom feed ${FEED_FILE} at the top of DIR, one page per edition under editions/.
Drafts, approved or cancelled editions and test sends (--to) never appear. The pages carry no
personal data: no name, no unsubscribe link; a Subscribe link instead.

  --out DIR         where to write the site (default ${DEFAULT_ARCHIVE_DIR}); \`digest preview\` and
                    \`npm start\` serve it under /archive/
  --sent DIR        the sent edition documents (default ${DEFAULT_SENT_DIR})
  --base-url URL    the archive's public address, for the feed's absolute links (default
                    DIGEST_ARCHIVE_URL, else the local preview's http://127.0.0.1:3000/archive/)
  --signup-url URL  the signup endpoint for the form (default DIGEST_SUBSCRIBE_URL)

remove ID withdraws an edition (ID is <date>-<digest id> or the digest id): it is left out of every
later build, and the site in DIR is rebuilt without it.

remove ID --remote withdraws it from the deployed archive: deletes its page from the archive bucket,
rebuilds the index and the feed without it and invalidates them in CloudFront, so a correction never
waits for the cache. The archive comes from cdk-outputs.json (ArchiveBucketName, ArchiveDistributionId,
ArchiveUrl; \`npx cdk deploy --outputs-file cdk-outputs.json\`), or --bucket NAME --distribution ID
--base-url URL; --region R (or DIGEST_AWS_REGION); --outputs FILE and --stack NAME pick another file
or stack. AWS credentials come from the SDK chain.
`;

/** `digest archive`: builds the local static archive, or withdraws an edition from it. */
export const archiveCommand: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      sent: { type: 'string' },
      'base-url': { type: 'string' },
      'signup-url': { type: 'string' },
      remote: { type: 'boolean' },
      bucket: { type: 'string' },
      distribution: { type: 'string' },
      region: { type: 'string' },
      outputs: { type: 'string' },
      stack: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const resolve = (path: string) => (isAbsolute(path) ? path : join(io.cwd, path));
  const [action, id, ...extra] = positionals;
  if (action !== undefined && action !== 'remove')
    throw new InputError(
      `archive: unknown action "${action}" (try: digest archive, digest archive remove ID)`,
    );
  if (action === 'remove' && (!id || extra.length > 0))
    throw new InputError('archive remove: give exactly one edition ID (<date>-<digest id> or the digest id)');
  if (values.remote) {
    if (action !== 'remove' || !id)
      throw new InputError(
        'archive --remote: only `digest archive remove ID --remote` works on the deployed archive',
      );
    const { removeRemote } = await import('./archive-remote.js');
    return removeRemote(
      id,
      {
        bucket: values.bucket,
        distribution: values.distribution,
        region: values.region,
        outputs: values.outputs,
        stack: values.stack,
        baseUrl: values['base-url'],
      },
      io,
    );
  }
  const settings = localArchiveSettings(io.env, {
    baseUrl: values['base-url'],
    signupUrl: values['signup-url'],
  });
  const sent = new LocalSentEditions(resolve(values.sent ?? DEFAULT_SENT_DIR));
  const out = resolve(values.out ?? DEFAULT_ARCHIVE_DIR);
  const docs = sent.all();
  if (action === 'remove' && id) {
    const known = buildArchive(docs, { baseUrl: settings.baseUrl, withdrawn: sent.withdrawn() })
      .filter((file) => file.immutable)
      .map((file) => file.path.replace(/^editions\/|\.html$/g, ''));
    if (!known.some((name) => name === id || name.endsWith(`-${id}`)))
      throw new InputError(
        `archive remove: no edition "${id}" in the archive (${known.length} editions: see ${INDEX_FILE})`,
      );
    sent.withdraw(id);
  }
  const files = buildArchive(docs, {
    baseUrl: archiveBase(settings.baseUrl),
    ...(settings.signupUrl ? { signupUrl: settings.signupUrl } : {}),
    withdrawn: sent.withdrawn(),
  });
  writeArchive(out, files);
  const editions = files.filter((file) => file.immutable).length;
  io.stdout.write(
    `${action === 'remove' ? `withdrew ${id}; ` : ''}archive: ${editions} edition${editions === 1 ? '' : 's'} -> ${out} (${INDEX_FILE}, ${FEED_FILE}, editions/)\n`,
  );
  return 0;
};
