// `npm start`: render the sample digest, deliver it to the sample subscribers through the embedded
// local SES, then serve the preview and the emulator's inbox until Ctrl-C.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalSentEditions } from '../adapters/local/archive-store.js';
import { startLocalSes } from '../adapters/local/embedded-ses.js';
import { JsonSendLedger } from '../adapters/local/json-send-ledger.js';
import { JsonSubscriberStore } from '../adapters/local/json-subscriber-store.js';
import { sentDocument } from '../archive/sent.js';
import { editionsBaseUrl } from '../archive/site.js';
import { digestMessages } from '../delivery/digest-messages.js';
import { formatReport } from '../delivery/send-report.js';
import { deliverEdition } from '../edition/deliver.js';
import { loadAndRender, renderDigest } from '../edition/local.js';
import { markTest } from '../edition/test-send.js';
import { normalizeAddress } from '../email/mime.js';
import type { Rendered } from '../email/types.js';
import { DigestError, InputError } from '../errors.js';
import { startPreview } from '../preview/server.js';
import { loadDeliveryConfig, quietAwsSdkNodeWarning } from '../settings/local.js';
import { reportError } from './index.js';
import { type CliIO, processIO } from './io.js';
import { openMailer } from './open-mailer.js';
import { startLocalSubscribePage } from './subscribe-page.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = join(ROOT, 'examples/articles/north-korea-human-rights.txt');
const SUBSCRIBERS = join(ROOT, 'examples/subscribers.json');

/** Runs the main job; resolves with a `stop()` that shuts everything down (used by tests and on Ctrl-C). */
export async function runMainJob(
  io: CliIO,
  options: { previewPort?: number; sesPort?: number } = {},
): Promise<{
  stop: () => Promise<void>;
  previewUrl?: string;
  inboxUrl: string;
  subscribeUrl?: string;
  archiveUrl?: string;
  exitCode: number;
  onSendTest: (
    to: string,
    inputs: string[],
    preview?: { rendered: Rendered },
  ) => Promise<{ messageId: string }>;
}> {
  quietAwsSdkNodeWarning();
  const ses = await startLocalSes({ port: options.sesPort ?? 0 });
  // A fresh ledger per run: the emulator's inbox starts empty, so this run must deliver again.
  const stateDir = mkdtempSync(join(tmpdir(), 'digest-main-job-'));
  const ledgerFile = join(stateDir, 'send-ledger.jsonl');
  const config = {
    ...loadDeliveryConfig(io.env, io.cwd, { subscribers: SUBSCRIBERS, ledger: ledgerFile }),
    ses: { kind: 'endpoint' as const, endpoint: ses.endpoint, region: 'us-east-1' },
  };
  const opened = await openMailer(config, ses);
  const date = new Date().toISOString().slice(0, 10);
  let exitCode = 0;

  const sent = new LocalSentEditions(join(stateDir, 'sent'));
  // The preview passes the digest as it shows it (live templates), so the test mail matches the page.
  const onSendTest = async (to: string, inputs: string[], preview?: { rendered: Rendered }) => {
    const address = normalizeAddress(to, 'test address');
    const rendered =
      preview?.rendered ?? (await renderDigest(inputs.length > 0 ? inputs : [SAMPLE], date, config));
    // A test send says so in its subject and at the top, so nobody takes it for the edition.
    const messages = digestMessages(markTest(rendered), config.sender, config.personalize);
    messages.check?.({ email: address });
    return opened.mailer.sendRaw(await messages.prepare({ email: address }));
  };

  // Signups go to the CLI's own list (.digest/subscribers.json), not the shipped sample list, so
  // `npx digest send FILE --ses-endpoint <inbox>` reaches everyone confirmed here.
  const cliConfig = loadDeliveryConfig(io.env, io.cwd);
  const subscribePage = await startLocalSubscribePage(cliConfig, opened.mailer).catch((error: Error) => {
    io.stderr.write(`subscribe page: not started (${error.message})\n`);
    return undefined;
  });

  let preview: { url: string; archiveUrl?: string; close(): Promise<void> } | undefined;
  try {
    preview = await startPreview({
      inputs: [SAMPLE],
      ...(options.previewPort === undefined ? {} : { port: options.previewPort }),
      onSendTest,
      inboxUrl: ses.inboxUrl,
      // The preview's .eml tab then shows exactly the headers and links this job sends.
      delivery: {
        sender: config.sender,
        personalize: config.personalize,
        ...(config.webBaseUrl ? { webBaseUrl: config.webBaseUrl } : {}),
      },
      archive: { sentDir: sent.dir, ...(subscribePage ? { signupUrl: subscribePage.url } : {}) },
    });
  } catch (error) {
    io.stderr.write(
      `preview: not started (${error instanceof DigestError ? error.message : (error as Error).message}); the SES inbox stays up\n`,
    );
  }

  const out = (line: string) => io.stdout.write(`${line}\n`);
  out('digest main job');
  try {
    // The email's view-in-browser link opens the edition in the archive this job serves.
    const webBaseUrl = preview?.archiveUrl ? editionsBaseUrl(preview.archiveUrl) : config.webBaseUrl;
    const loaded = await loadAndRender(
      [SAMPLE],
      date,
      { ...config, ...(webBaseUrl ? { webBaseUrl } : {}) },
      {},
    );
    if (!loaded.rendered || !loaded.doc) throw new InputError(`${SAMPLE}: no article in the sample`);
    const rendered = loaded.rendered;
    out(
      `  rendered "${rendered.subject}" (${Math.round(rendered.html.length / 1024)} KB HTML, digest ${rendered.digestId})`,
    );
    const ledger = new JsonSendLedger(ledgerFile);
    const report = await deliverEdition({
      rendered,
      config,
      mailer: opened.mailer,
      subscribers: new JsonSubscriberStore(config.subscribersFile),
      ledger,
      progress: io.stderr,
    });
    ledger.close();
    out(formatReport(report).replace(/^/gm, '  '));
    if (report.counts.failed + report.counts.pending + report.counts.unknown > 0) exitCode = 1;
    else sent.keep(sentDocument(loaded.doc), rendered.digestId);
  } catch (error) {
    exitCode = reportError(error, io);
  }

  out('');
  if (preview) out(`  preview:    ${preview.url}   (with a "send test" button)`);
  if (preview?.archiveUrl)
    out(`  archive:    ${preview.archiveUrl}   (the editions sent, as the public web archive)`);
  if (subscribePage) out(`  subscribe:  ${subscribePage.url}   (signups go to ${cliConfig.subscribersFile})`);
  out(`  SES inbox:  ${ses.inboxUrl}   (every delivered message)`);
  out(`  ledger:     ${ledgerFile}   (fresh for each run, so each run delivers again)`);
  out('  Ctrl-C stops.');

  const stop = async () => {
    await subscribePage?.close();
    await preview?.close();
    await opened.close();
    await ses.close();
    rmSync(stateDir, { recursive: true, force: true });
  };
  return {
    stop,
    ...(preview ? { previewUrl: preview.url } : {}),
    inboxUrl: ses.inboxUrl,
    ...(subscribePage ? { subscribeUrl: subscribePage.url } : {}),
    ...(preview?.archiveUrl ? { archiveUrl: preview.archiveUrl } : {}),
    exitCode,
    onSendTest,
  };
}

const isEntry = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isEntry) {
  const io = processIO();
  const job = await runMainJob(io);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    io.stdout.write('\nstopping...\n');
    job.stop().then(
      () => process.exit(job.exitCode),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
