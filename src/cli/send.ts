import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSesClient, SesMailer } from '../adapters/aws/ses-mailer.js';
import { type LocalSes, startLocalSes } from '../adapters/local/embedded-ses.js';
import { JsonSendLedger } from '../adapters/local/json-send-ledger.js';
import { JsonSubscriberStore } from '../adapters/local/json-subscriber-store.js';
import { analyze } from '../analysis/index.js';
import { loadArticles } from '../article/index.js';
import { digestMessages } from '../delivery/digest-messages.js';
import { MemorySendLedger } from '../delivery/memory-send-ledger.js';
import type { Mailer, SendLedger } from '../delivery/ports.js';
import { progressPrinter } from '../delivery/progress.js';
import { type SendRecipient, sendDigest } from '../delivery/send-digest.js';
import { formatReport, reportSucceeded, type SendReport } from '../delivery/send-report.js';
import { compose, type Rendered, render } from '../email/index.js';
import { normalizeAddress } from '../email/mime.js';
import { InputError, type MessageError } from '../errors.js';
import { type DeliveryConfig, ENVIRONMENT, loadDeliveryConfig, quietAwsSdkNodeWarning } from './config.js';
import type { Command } from './io.js';

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
  --force               resend to recipients already sent, failed or unknown
  --report FILE         write the final report as JSON

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
  const articles = await loadArticles(inputs, stdin ? { stdin } : {});
  const items = articles.map((article) => ({ article, analysis: analyze(article) }));
  const digest = compose(items, { date, ...(config.webBaseUrl ? { webBaseUrl: config.webBaseUrl } : {}) });
  return render(digest);
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
  const printer = options.progress ? progressPrinter(options.progress) : undefined;
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
        ...(options.signal ? { signal: options.signal } : {}),
        ...(printer ? { onEvent: printer.onEvent } : {}),
      },
    );
  } finally {
    printer?.done();
    if (ledger instanceof JsonSendLedger && ledger !== options.ledger) ledger.close();
  }
}

function numberFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new InputError(`--${name}: expected a number from ${min} to ${max}, got "${value}"`);
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
      report: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (positionals.length === 0)
    throw new InputError('send: give at least one article FILE or URL (see --help)');
  const rate = numberFlag('rate', values.rate, 0, 10_000);
  const concurrency = numberFlag('concurrency', values.concurrency, 1, 256);
  const date = values.date ?? today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) {
    throw new InputError(`--date: expected YYYY-MM-DD, got "${date}"`);
  }
  const to = (values.to ?? []).map((address) => {
    try {
      return normalizeAddress(address, '--to');
    } catch (error) {
      throw new InputError((error as MessageError).message);
    }
  });
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
  const rendered = await renderDigest(positionals, date, config, io.stdin);
  for (const warning of rendered.warnings) io.stderr.write(`warning: ${warning}\n`);

  const dryRun = values['dry-run'] ?? false;
  const opened: OpenedMailer = dryRun
    ? { mailer: refusingMailer, description: 'nothing (dry run)', close: async () => {} }
    : await openMailer(config);
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  let report: SendReport;
  try {
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
      dryRun,
      force: values.force ?? false,
      signal: abort.signal,
      progress: io.stderr,
    });
  } finally {
    process.removeListener('SIGINT', onSigint);
    await opened.close();
  }
  io.stdout.write(`${formatReport(report)}\n`);
  if (report.counts.total === 0) io.stderr.write(`note: no recipients in ${config.subscribersFile}\n`);
  if (values.report) {
    const file = isAbsolute(values.report) ? values.report : join(io.cwd, values.report);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  }
  if (opened.inboxUrl && !dryRun && config.ses.kind === 'embedded') {
    io.stderr.write('note: the embedded SES inbox closes with this command; `npm start` keeps one open\n');
  }
  return reportSucceeded(report) ? 0 : 1;
};

const refusingMailer: Mailer = {
  sendRaw: async () => {
    throw new Error('dry run: nothing is sent');
  },
};
