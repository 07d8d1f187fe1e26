import { accessSync, constants, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSesClient, SesMailer } from '../adapters/aws/ses-mailer.js';
import { DEFAULT_EDITIONS_FILE, JsonEditionStore } from '../adapters/local/edition-store.js';
import { type LocalSes, startLocalSes } from '../adapters/local/embedded-ses.js';
import { JsonSendLedger } from '../adapters/local/json-send-ledger.js';
import { describeTwins, JsonSubscriberStore } from '../adapters/local/json-subscriber-store.js';
import { analyze } from '../analysis/index.js';
import { editionRecordFor, loadSources, type SourceOptions, type SourceResult } from '../article/sources.js';
import { sourceArgOptions, sourceOptionsFromArgs } from '../article/sources-args.js';
import { digestMessages } from '../delivery/digest-messages.js';
import { MemorySendLedger } from '../delivery/memory-send-ledger.js';
import type { Mailer, SendLedger } from '../delivery/ports.js';
import { progressPrinter } from '../delivery/progress.js';
import { type SendRecipient, sendDigest } from '../delivery/send-digest.js';
import { formatReport, reportSucceeded, type SendReport } from '../delivery/send-report.js';
import { type Rendered, renderEdition } from '../email/index.js';
import { normalizeAddress } from '../email/mime.js';
import { InputError, type MessageError } from '../errors.js';
import {
  type DeliveryConfig,
  ENVIRONMENT,
  loadDeliveryConfig,
  quietAwsSdkNodeWarning,
  remoteSendTarget,
} from './config.js';
import type { Command } from './io.js';
import { beforeListSend } from './send-checks.js';

const HELP = `Usage: digest send FILE|URL... [options]

Renders the digest of the given articles and sends it to every active subscriber, once: a send
ledger records each recipient, so a rerun, a retry or two runs at once never send twice.

Options:
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

/** A mail transport opened for one run, with what to tell the user about it. */
export interface OpenedMailer {
  mailer: Mailer;
  description: string;
  inboxUrl?: string;
  close(): Promise<void>;
}

/** Opens the Mailer the configuration asks for; `embedded` starts aws-ses-v2-local in process. */
export async function openMailer(config: DeliveryConfig, existing?: LocalSes): Promise<OpenedMailer> {
  const options = config.configurationSetName ? { configurationSetName: config.configurationSetName } : {};
  if (config.ses.kind === 'aws') {
    const client = createSesClient({ region: config.ses.region, endpoint: config.ses.endpoint });
    return {
      mailer: new SesMailer(client, options),
      description: `Amazon SES (${config.ses.region})`,
      close: async () => client.destroy(),
    };
  }
  const ses = config.ses.kind === 'endpoint' ? undefined : (existing ?? (await startLocalSes()));
  const endpoint = config.ses.kind === 'endpoint' ? config.ses.endpoint : ses!.endpoint;
  const client = createSesClient({ region: 'us-east-1', endpoint, localCredentials: true });
  return {
    mailer: new SesMailer(client, options),
    description: ses ? `the embedded local SES at ${endpoint}` : `the SES endpoint ${endpoint}`,
    inboxUrl: `${endpoint.replace(/\/$/, '')}/`,
    close: async () => {
      client.destroy();
      if (ses && !existing) await ses.close();
    },
  };
}

/** Reads, analyses, composes and renders the digest of `inputs` for the edition `date`. */
export async function renderDigest(
  inputs: string[],
  date: string,
  config: Pick<DeliveryConfig, 'webBaseUrl'>,
  stdin?: NodeJS.ReadableStream,
): Promise<Rendered> {
  const { rendered } = await loadAndRender(inputs, date, config, stdin ? { stdin } : {});
  if (!rendered) throw new InputError('no articles in the inputs');
  return rendered;
}

/**
 * Loads the sources (files, URLs, feeds) and renders their digest; `rendered` is absent when the
 * sources hold nothing new (`sources.empty` says why).
 */
export async function loadAndRender(
  inputs: string[],
  date: string,
  config: Pick<DeliveryConfig, 'webBaseUrl'>,
  sourceOptions: SourceOptions,
): Promise<{ sources: SourceResult; rendered?: Rendered }> {
  const sources = await loadSources(inputs, sourceOptions);
  if (sources.articles.length === 0) return { sources };
  const items = sources.articles.map((article) => ({ article, analysis: analyze(article) }));
  // The shared edition render path: the same selection and budget fit as the preview and the Lambdas.
  const edition = renderEdition(items, {
    date,
    ...(config.webBaseUrl ? { webBaseUrl: config.webBaseUrl } : {}),
  });
  sources.notes.push(...edition.notes);
  return { sources, rendered: edition.rendered };
}

/** Streams the subscriber list as send recipients. */
async function* fromStore(store: JsonSubscriberStore): AsyncIterable<SendRecipient> {
  for await (const s of store.list())
    yield { email: s.email, status: s.status, ...(s.name ? { name: s.name } : {}) };
}

async function* fromAddresses(addresses: string[]): AsyncIterable<SendRecipient> {
  for (const email of addresses) yield { email };
}

export interface DeliverOptions {
  rendered: Rendered;
  config: DeliveryConfig;
  mailer: Mailer;
  /** Test addresses: sent through an in-memory ledger, so the real send still reaches them. */
  to?: string[];
  ledger?: SendLedger;
  rate?: number;
  concurrency?: number;
  dryRun?: boolean;
  force?: boolean;
  resendUnknown?: boolean;
  signal?: AbortSignal;
  progress?: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Sends a rendered digest to the list (or the test addresses) and returns the report. */
export async function deliverDigest(options: DeliverOptions): Promise<SendReport> {
  const { rendered, config } = options;
  const messages = digestMessages(rendered, config.sender, config.personalize);
  const test = options.to !== undefined && options.to.length > 0;
  const store = new JsonSubscriberStore(config.subscribersFile);
  // A dry run reads the real ledger (to report who would be skipped) but never writes it.
  const ledger = test ? new MemorySendLedger() : (options.ledger ?? new JsonSendLedger(config.ledgerFile));
  const printer = options.progress
    ? progressPrinter(options.progress, { dryRun: options.dryRun ?? false })
    : undefined;
  try {
    return await sendDigest(
      {
        digestId: rendered.digestId,
        recipients: () => (test ? fromAddresses(options.to!) : fromStore(store)),
        ...messages,
      },
      {
        mailer: options.mailer,
        ledger,
        ...(options.rate === undefined ? {} : { rate: options.rate }),
        ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
        dryRun: options.dryRun ?? false,
        force: options.force ?? false,
        resendUnknown: options.resendUnknown ?? false,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(printer ? { onEvent: printer.onEvent } : {}),
      },
    );
  } finally {
    printer?.done();
    if (ledger instanceof JsonSendLedger && ledger !== options.ledger) ledger.close();
  }
}

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
      help: { type: 'boolean', short: 'h' },
      ...sourceArgOptions,
    },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (values.remote) return sendRemote(values, positionals, io);
  if (positionals.length === 0 && !values.feed?.length)
    throw new InputError('send: give at least one article FILE or URL, or --feed URL (see --help)');
  const rate = numberFlag('rate', values.rate, 0, 10_000);
  const concurrency = numberFlag('concurrency', values.concurrency, 1, 256, true);
  const date = values.date ?? today();
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
  const { sources, rendered } = await loadAndRender(positionals, date, config, {
    ...sourceOptionsFromArgs(values, { cwd: io.cwd, editionStore: editions, stdin: io.stdin }),
    allowEmpty: true,
  });
  for (const note of sources.notes) io.stderr.write(`note: ${note}\n`);
  if (!rendered) {
    io.stdout.write(`digest send: ${sources.empty ?? 'no articles'}; nothing sent\n`);
    return 0;
  }
  for (const warning of rendered.warnings) io.stderr.write(`warning: ${warning}\n`);

  const dryRun = values['dry-run'] ?? false;
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
        articleIds: sources.articles.map((a) => a.id),
        newEdition: values['new-edition'] ?? false,
        force,
        resendUnknown,
        dryRun,
      });
    }
    opened = dryRun
      ? { mailer: refusingMailer, description: 'nothing (dry run)', close: async () => {} }
      : await openMailer(config);
    process.once('SIGINT', onSigint);
    io.stderr.write(
      `digest send: ${rendered.digestId} "${rendered.subject}" -> ${to.length > 0 ? to.join(', ') : config.subscribersFile} via ${opened.description}\n`,
    );
    if (config.devHmacKey && !dryRun)
      io.stderr.write('note: unsubscribe links are signed with the development key\n');
    report = await deliverDigest({
      rendered,
      config,
      mailer: opened.mailer,
      to,
      ...(rate === undefined ? {} : { rate }),
      ...(concurrency === undefined ? {} : { concurrency }),
      ...(ledger ? { ledger } : {}),
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
  if (!dryRun && to.length === 0 && reportSucceeded(report) && sources.itemKeys.length > 0) {
    await editions.record(editionRecordFor(sources, rendered.digestId, date));
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
