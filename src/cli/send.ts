import { accessSync, constants, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SENT_DIR, LocalSentEditions } from '../adapters/local/archive-store.js';
import { DEFAULT_EDITIONS_FILE, JsonEditionStore } from '../adapters/local/edition-store.js';
import { JsonSendLedger } from '../adapters/local/json-send-ledger.js';
import { describeTwins, JsonSubscriberStore } from '../adapters/local/json-subscriber-store.js';
import { sentDocument } from '../archive/sent.js';
import { editionRecordFor, type SourceResult } from '../article/sources.js';
import { sourceArgOptions, sourceOptionsFromArgs } from '../article/sources-args.js';
import { MemorySendLedger } from '../delivery/memory-send-ledger.js';
import type { Mailer } from '../delivery/ports.js';
import { formatReport, reportSucceeded, type SendReport } from '../delivery/send-report.js';
import { deliverEdition } from '../edition/deliver.js';
import type { EditionDocument, EditionStatus } from '../edition/document.js';
import { applyChange, assertTransition, EditionStateError } from '../edition/edits.js';
import { loadAndRender } from '../edition/local.js';
import { renderDocument } from '../edition/render.js';
import { loadEdition, saveEdition } from '../edition/store.js';
import { normalizeAddress } from '../email/mime.js';
import type { Rendered } from '../email/types.js';
import { InputError, type MessageError } from '../errors.js';
import {
  ENVIRONMENT,
  editorName,
  loadDeliveryConfig,
  localWebBaseUrl,
  NO_WEB_BASE_URL_NOTE,
  quietAwsSdkNodeWarning,
  remoteSendTarget,
} from '../settings/local.js';
import type { Command } from './io.js';
import { type OpenedMailer, openMailer } from './open-mailer.js';
import { beforeListSend } from './send-checks.js';

const HELP = `Usage: digest send FILE|URL... [options]
       digest send --edition FILE [--approve] [options]

Renders the digest of the given articles and sends it to every active subscriber, once: a send
ledger records each recipient, so a rerun, a retry or two runs at once never send twice.

 With --edition it sends that edition document exactly (\`digest draft\`, edited in the
desk): only once it is approved (\`digest edition approve FILE\`, or --approve here); test sends
(--to) and dry runs work on a draft too. The file records the send: sending, then sent.

Options:
  --edition FILE        send this edition document (see above)
  --approve             approve the edition (as \`digest edition approve\`) and send it in one step
  --by NAME             who approves (default DIGEST_EDITOR, else the login name)
  --to ADDR             send a test to ADDR instead of the list (repeatable; not recorded in the ledger)
  --subscribers FILE    subscriber list (default .digest/subscribers.json)
  --ledger FILE         send ledger (default .digest/send-ledger.jsonl)
  --ses-endpoint URL    send through this SES endpoint (e.g. a running aws-ses-v2-local)
  --region R            send through real Amazon SES in region R (AWS credentials from the SDK chain)
  --rate N              messages per second (default 14; 0 turns pacing off)
  --concurrency N       sends in flight at once (default 4)
  --date YYYY-MM-DD     edition date (default today, UTC)
  --dry-run             render and check every message, send nothing
  --force               resend to recipients already sent, failed or unknown (lists them first)
  --resend-unknown      resend only to recipients whose outcome is unknown (a send that timed out,
                        a run that died mid-send); check first that they did not get it
  --new-edition         send even though these articles already went out under another digest id
                        (e.g. a send resumed after midnight UTC: rerun with --date of the first run)
  --report FILE         write the final report as JSON
  --feed URL            also take the new items of this RSS/Atom feed (repeatable)
  --since DATE|7d       only feed items published since then
  --follow              fetch the page of a feed item that carries only an excerpt
  --allow-loopback      let URLs on this machine be fetched (local work and tests)
  --remote              invoke the deployed send-digest function instead (AWS credentials from the
                        SDK chain); FILE... are object keys under its articles prefix, --to,
                        --dry-run and --new-edition pass through; --force runs an edition that
                        was already sent again (the function's ledger still skips whoever has
                        it); exit 1 when the function sent nothing because it already went out
  --function NAME       the deployed function for --remote (or DIGEST_SEND_FUNCTION)

Feed items already sent in an earlier edition (recorded in .digest/editions.json) are skipped;
when nothing is new, nothing is sent and the command says so.

Without --ses-endpoint or --region the command starts a local SES emulator in process and delivers
there (it stops when the command ends). Environment:
${Object.entries(ENVIRONMENT)
  .map(([name, what]) => `  ${name.padEnd(29)} ${what}`)
  .join('\n')}
`;

function numberFlag(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
  whole = false,
): number | undefined {
  if (value === undefined) return undefined;
  // Number('') and Number(' ') are 0: an empty value must not silently turn pacing off.
  const n = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(n) || n < min || n > max || (whole && !Number.isInteger(n))) {
    const what = whole ? 'a whole number' : 'a number';
    throw new InputError(`--${name}: expected ${what} from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

const today = () => new Date().toISOString().slice(0, 10);

/** `digest send`: see HELP. Exit 0 when everyone due got it, 1 when anything failed or is left, 2 on bad input. */
export const sendCommand: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      to: { type: 'string', multiple: true },
      subscribers: { type: 'string' },
      ledger: { type: 'string' },
      'ses-endpoint': { type: 'string' },
      region: { type: 'string' },
      rate: { type: 'string' },
      concurrency: { type: 'string' },
      date: { type: 'string' },
      'dry-run': { type: 'boolean' },
      force: { type: 'boolean' },
      'resend-unknown': { type: 'boolean' },
      'new-edition': { type: 'boolean' },
      report: { type: 'string' },
      remote: { type: 'boolean' },
      function: { type: 'string' },
      edition: { type: 'string' },
      approve: { type: 'boolean' },
      by: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...sourceArgOptions,
    },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (values.remote && values.edition)
    throw new InputError(
      'send: --remote cannot send an --edition FILE yet; send it locally or name the articles',
    );
  if (values.remote) return sendRemote(values, positionals, io);
  if (values.edition && (positionals.length > 0 || values.feed?.length || values.date))
    throw new InputError(
      'send: --edition FILE sends that edition; give no articles, --feed or --date with it',
    );
  if (values.approve && !values.edition) throw new InputError('send: --approve goes with --edition FILE');
  if (!values.edition && positionals.length === 0 && !values.feed?.length)
    throw new InputError(
      'send: give at least one article FILE or URL, --feed URL or --edition FILE (see --help)',
    );
  const rate = numberFlag('rate', values.rate, 0, 10_000);
  const concurrency = numberFlag('concurrency', values.concurrency, 1, 256, true);
  let date = values.date ?? today();
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
    Number.isNaN(Date.parse(date)) ||
    new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
  ) {
    throw new InputError(`--date: expected YYYY-MM-DD (a day of the calendar), got "${date}"`);
  }
  const normalized = (values.to ?? []).map((address) => {
    try {
      return normalizeAddress(address, '--to');
    } catch (error) {
      throw new InputError((error as MessageError).message);
    }
  });
  // The same address twice (in any case) is one test recipient, as the ledger would count it.
  const to = normalized.filter(
    (address, i) => normalized.findIndex((a) => a.toLowerCase() === address.toLowerCase()) === i,
  );
  quietAwsSdkNodeWarning();
  const config = loadDeliveryConfig(io.env, io.cwd, {
    sesEndpoint: values['ses-endpoint'],
    region: values.region,
    subscribers: values.subscribers,
    ledger: values.ledger,
  });
  if (to.length === 0 && !existsSync(config.subscribersFile)) {
    throw new InputError(
      `no subscriber list at ${config.subscribersFile}: add subscribers with \`digest subscribers add\`, pass --subscribers FILE, or send a test with --to ADDR`,
    );
  }
  // Refuse an unreadable list or an unwritable report before anything is sent, not after.
  if (to.length === 0) {
    const twins = await new JsonSubscriberStore(config.subscribersFile).twins();
    for (const line of describeTwins(config.subscribersFile, twins)) io.stderr.write(`note: ${line}\n`);
    assertWritableFile(config.ledgerFile, `send ledger ${config.ledgerFile}: cannot keep the ledger there`);
  }
  const reportFile = values.report ? writableReportFile(values.report, io.cwd) : undefined;
  const editions = new JsonEditionStore(join(io.cwd, DEFAULT_EDITIONS_FILE));
  // The view-in-browser link opens the edition in the archive (DIGEST_WEB_BASE_URL, else under
  // DIGEST_ARCHIVE_URL); with neither set, no link (said once on stderr).
  const webBaseUrl = localWebBaseUrl(io.env);
  const dryRun = values['dry-run'] ?? false;
  const edition = values.edition
    ? openEditionForSend(values.edition, io, {
        approve: values.approve ?? false,
        by: editorName(io.env, values.by),
        list: to.length === 0 && !dryRun,
      })
    : undefined;
  let rendered: Rendered;
  let recordOf: { articles: { id: string }[]; itemKeys: string[] };
  let sentDoc: EditionDocument | undefined;
  if (edition) {
    date = edition.doc.date;
    const result = renderDocument(edition.doc, webBaseUrl ? { webBaseUrl } : {});
    for (const note of result.notes) io.stderr.write(`note: ${note}\n`);
    rendered = result.rendered;
    recordOf = {
      articles: edition.doc.stories.map((story) => story.article),
      itemKeys: edition.doc.stories.map((story) => story.itemKey),
    };
  } else {
    const loaded = await loadAndRender(
      positionals,
      date,
      { ...config, ...(webBaseUrl ? { webBaseUrl } : {}) },
      {
        ...sourceOptionsFromArgs(values, { cwd: io.cwd, editionStore: editions, stdin: io.stdin }),
        allowEmpty: true,
      },
    );
    for (const note of loaded.sources.notes) io.stderr.write(`note: ${note}\n`);
    if (!loaded.rendered) {
      io.stdout.write(`digest send: ${loaded.sources.empty ?? 'no articles'}; nothing sent\n`);
      return 0;
    }
    rendered = loaded.rendered;
    recordOf = loaded.sources;
    sentDoc = loaded.doc;
  }
  for (const warning of rendered.warnings) io.stderr.write(`warning: ${warning}\n`);

  const force = values.force ?? false;
  const resendUnknown = values['resend-unknown'] ?? false;
  // The list's own ledger (a test send uses a throwaway one): read whole first, so a garbled line or an
  // edition already sent under another id stops the run before anything is sent.
  const ledger = to.length === 0 ? new JsonSendLedger(config.ledgerFile) : undefined;
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  let opened: OpenedMailer | undefined;
  let report: SendReport;
  try {
    if (ledger) {
      await beforeListSend(ledger, new JsonSubscriberStore(config.subscribersFile), io.stderr, {
        digestId: rendered.digestId,
        date,
        articleIds: recordOf.articles.map((a) => a.id),
        newEdition: values['new-edition'] ?? false,
        force,
        resendUnknown,
        dryRun,
      });
    }
    if (edition && to.length === 0 && !dryRun) edition.mark('sending');
    opened = dryRun
      ? { mailer: refusingMailer, description: 'nothing (dry run)', close: async () => {} }
      : await openMailer(config);
    process.once('SIGINT', onSigint);
    io.stderr.write(
      `digest send: ${rendered.digestId} "${rendered.subject}" -> ${to.length > 0 ? to.join(', ') : config.subscribersFile} via ${opened.description}\n`,
    );
    if (config.devHmacKey && !dryRun)
      io.stderr.write('note: unsubscribe links are signed with the development key\n');
    // Said once the checks passed, so a refused send still reports one line.
    if (!webBaseUrl) io.stderr.write(`note: ${NO_WEB_BASE_URL_NOTE}\n`);
    report = await deliverEdition({
      rendered,
      config,
      mailer: opened.mailer,
      subscribers: new JsonSubscriberStore(config.subscribersFile),
      ledger: ledger ?? new MemorySendLedger(),
      to,
      ...(rate === undefined ? {} : { rate }),
      ...(concurrency === undefined ? {} : { concurrency }),
      dryRun,
      force,
      resendUnknown,
      signal: abort.signal,
      progress: io.stderr,
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
    await opened?.close();
    ledger?.close();
  }
  io.stdout.write(`${formatReport(report)}\n`);
  if (report.counts.total === 0) io.stderr.write(`note: no recipients in ${config.subscribersFile}\n`);
  // Recorded only after a complete real send, so a rerun after a partial failure recomposes the
  // same digest and the ledger skips those already sent; and before the report, so a report that
  // cannot be written never leaves sent feed items unrecorded.
  if (edition && to.length === 0 && !dryRun && reportSucceeded(report)) edition.mark('sent');
  // The archive is built from the editions that went to the list; test sends and dry runs never are.
  if (!dryRun && to.length === 0 && reportSucceeded(report)) {
    const doc = edition ? edition.doc : sentDoc && sentDocument(sentDoc, editorName(io.env, values.by));
    if (doc) new LocalSentEditions(join(io.cwd, DEFAULT_SENT_DIR)).keep(doc, rendered.digestId);
  }
  if (!dryRun && to.length === 0 && reportSucceeded(report) && recordOf.itemKeys.length > 0) {
    await editions.record(editionRecordFor(recordOf as SourceResult, rendered.digestId, date));
  }
  if (reportFile) {
    try {
      writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
    } catch (error) {
      throw new InputError(
        `--report ${values.report}: cannot write the report: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }
  if (opened.inboxUrl && !dryRun && config.ses.kind === 'embedded') {
    io.stderr.write('note: the embedded SES inbox closes with this command; `npm start` keeps one open\n');
  }
  return reportSucceeded(report) ? 0 : 1;
};

/** Resolves --report and makes sure it can be written (its folder exists or is created, it is no folder). */
function writableReportFile(report: string, cwd: string): string {
  const file = isAbsolute(report) ? report : join(cwd, report);
  assertWritableFile(file, `--report ${report}: cannot write the report there`);
  return file;
}

/** Throws one InputError line, prefixed with `what`, unless `file` can be created or overwritten. */
function assertWritableFile(file: string, what: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    if (existsSync(file) && !statSync(file).isFile()) throw new Error('it is not a file');
    accessSync(dirname(file), constants.W_OK);
    if (existsSync(file)) accessSync(file, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'a part of the path is a file, not a folder'
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? 'permission denied'
          : (error as Error).message;
    throw new InputError(`${what}: ${why}`, { cause: error });
  }
}

const refusingMailer: Mailer = {
  sendRaw: async () => {
    throw new Error('dry run: nothing is sent');
  },
};

/** `digest send --remote`: the deployed function composes and sends; this only invokes it. */
async function sendRemote(
  values: {
    to?: string[];
    'dry-run'?: boolean;
    force?: boolean;
    'new-edition'?: boolean;
    function?: string;
    region?: string;
  },
  positionals: string[],
  io: Parameters<Command>[1],
): Promise<number> {
  const target = remoteSendTarget(io.env, { functionName: values.function, region: values.region });
  if (!target.functionName) {
    throw new InputError(
      'send --remote: name the deployed function with --function NAME or DIGEST_SEND_FUNCTION',
    );
  }
  quietAwsSdkNodeWarning();
  const { invokeRemoteSend, remoteSendOutcome } = await import('../adapters/aws/remote-send.js');
  const result = await invokeRemoteSend({
    functionName: target.functionName,
    ...(target.region ? { region: target.region } : {}),
    payload: {
      ...(positionals.length > 0 ? { articles: positionals } : {}),
      ...(values.to?.length ? { to: values.to } : {}),
      ...(values['dry-run'] ? { dryRun: true } : {}),
      ...(values.force ? { force: true } : {}),
      ...(values['new-edition'] ? { newEdition: true } : {}),
    },
  });
  io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  const outcome = remoteSendOutcome(result);
  if (outcome.message) io.stderr.write(`${outcome.message}\n`);
  return outcome.exitCode;
}

/**
 * Opens an edition document for `digest send --edition`: approves it first with --approve, refuses a
 * list send of an edition that is not approved (exit 1, nothing sent), and returns a `mark` that
 * records the send's progress (sending, then sent) in the file.
 */
function openEditionForSend(
  typed: string,
  io: Parameters<Command>[1],
  options: { approve: boolean; by: string; list: boolean },
): { doc: EditionDocument; mark(status: EditionStatus): void } {
  const file = isAbsolute(typed) ? typed : join(io.cwd, typed);
  let { doc } = loadEdition(file, options.by);
  if (options.approve && doc.status === 'draft') {
    doc = saveEdition(file, applyChange(doc, { op: 'approve' }, { by: options.by, via: 'cli' }));
    io.stderr.write(`note: ${typed} approved by ${options.by}\n`);
  }
  if (options.list && doc.status === 'draft') {
    throw new EditionStateError(
      `${typed} is a draft, not approved: nothing sent; approve it with \`digest edition approve ${typed}\` (or \`digest send --edition ${typed} --approve\`)`,
    );
  }
  if (options.list && doc.status !== 'approved' && doc.status !== 'sending')
    throw new EditionStateError(`${typed} is ${doc.status}: nothing sent`);
  if (doc.status === 'cancelled') throw new EditionStateError(`${typed} is cancelled: nothing sent`);
  return {
    get doc() {
      return doc;
    },
    mark(status) {
      if (doc.status === status) return;
      doc = saveEdition(file, markStatus(doc, status, options.by));
    },
  };
}

/** Records a lifecycle step of the send itself (sending, sent) as an edit of the document. */
function markStatus(doc: EditionDocument, status: EditionStatus, by: string): EditionDocument {
  assertTransition(doc.status, status);
  const at = new Date().toISOString();
  return {
    ...doc,
    status,
    edits: [
      ...doc.edits,
      { at, by, via: 'cli', path: '/status', target: 'status', from: doc.status, to: status },
    ],
  };
}
