import { statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SENT_DIR } from '../adapters/local/archive-store.js';
import type { Rendered } from '../email/types.js';
import { InputError } from '../errors.js';
import {
  type DeliveryConfig,
  editorName,
  loadDeliveryConfig,
  localArchiveSettings,
} from '../settings/local.js';
import type { Command } from './io.js';
import { startLocalSubscribePage } from './subscribe-page.js';

const HELP = `Usage: digest preview [FILE...] [--port N] [--feed URL]... [--ses-endpoint URL]
       digest preview --edition FILE [--port N] [--by NAME]

Serves a live preview of the digest on http://127.0.0.1:N/ (default 3000, or the next free port).
Without FILE it previews every article in examples/articles/. Edits to the templates, the theme
or the articles reload the page. With --ses-endpoint (or DIGEST_SES_ENDPOINT), e.g. a running
aws-ses-v2-local, the page has a "send test" button. Stop it with Ctrl-C.

With --edition FILE (written by \`digest draft\`) the page is the editing desk: drop or restore a quote,
pick or type its speaker, edit summary sentences, reorder stories, mark the lead, edit the subject,
preheader and editor's note, approve. Every change is saved to FILE and the email reloads.
`;

function parsePort(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) {
    throw new InputError(`preview: --port expects a number from 0 to 65535, got "${raw}"`);
  }
  return Number(raw);
}

function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: 'string', short: 'p' },
        feed: { type: 'string', multiple: true },
        'ses-endpoint': { type: 'string' },
        edition: { type: 'string' },
        by: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // node's messages run over several lines; the CLI promises one.
    throw new InputError(`preview: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Checks an article file before the (slow) server module loads; names it as the user typed it. */
function resolveFile(file: string, cwd: string): string {
  if (file === '-') throw new InputError('preview: cannot preview stdin (-); give article files to watch');
  if (/^https?:\/\//i.test(file)) return file;
  const path = isAbsolute(file) ? file : resolve(cwd, file);
  let isFile = false;
  let isDirectory = false;
  try {
    const info = statSync(path);
    isFile = info.isFile();
    isDirectory = info.isDirectory();
  } catch {
    isFile = false;
  }
  if (isDirectory) throw new InputError(`preview: ${file}: is a directory, not an article file`);
  if (!isFile) throw new InputError(`preview: ${file}: no such file`);
  return path;
}

/**
 * With an SES endpoint (--ses-endpoint or DIGEST_SES_ENDPOINT, e.g. a running aws-ses-v2-local) the page
 * gets a "send test" button that delivers the digest exactly as previewed. Real SES is never used here.
 */
async function openTestSender(config: DeliveryConfig) {
  if (config.ses.kind !== 'endpoint') return undefined;
  const { openMailer } = await import('./open-mailer.js');
  const { digestMessages } = await import('../delivery/digest-messages.js');
  const { markTest } = await import('../edition/test-send.js');
  const opened = await openMailer(config);
  const onSendTest = async (to: string, _inputs: string[], shown?: { rendered: Rendered }) => {
    if (!shown) throw new InputError('preview: nothing rendered to send');
    const messages = digestMessages(markTest(shown.rendered), config.sender, config.personalize);
    messages.check?.({ email: to });
    return opened.mailer.sendRaw(await messages.prepare({ email: to }));
  };
  return {
    description: opened.description,
    mailer: opened.mailer,
    options: { onSendTest, ...(opened.inboxUrl ? { inboxUrl: opened.inboxUrl } : {}) },
    close: opened.close,
  };
}

/** Waits for Ctrl-C (SIGINT) or SIGTERM; `signal` lets tests stop the command in-process. */
function untilStopped(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop);
    if (signal?.aborted) stop();
  });
}

/** `digest preview` with an optional stop signal (tests); the CLI runs it until Ctrl-C. */
export async function runPreview(
  argv: string[],
  io: Parameters<Command>[1],
  signal?: AbortSignal,
): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const port = parsePort(values.port);
  const files = positionals.map((file) => resolveFile(file, io.cwd));
  if (values.edition && (files.length > 0 || values.feed?.length))
    throw new InputError(
      'preview: --edition FILE previews that edition; give no article files or --feed with it',
    );
  const edition = values.edition ? resolveFile(values.edition, io.cwd) : undefined;
  const config = loadDeliveryConfig(
    io.env,
    io.cwd,
    values['ses-endpoint'] ? { sesEndpoint: values['ses-endpoint'] } : {},
  );
  const sending = await openTestSender(config);
  // The signup flow can be tried where mail can be read: confirmations go to the same SES endpoint.
  const subscribePage = sending
    ? await startLocalSubscribePage(config, sending.mailer).catch((error: Error) => {
        io.stderr.write(`subscribe page: not started (${error.message})\n`);
        return undefined;
      })
    : undefined;
  const signupUrl = subscribePage?.url ?? localArchiveSettings(io.env).signupUrl;
  const { startPreview } = await import('../preview/server.js');
  let preview: Awaited<ReturnType<typeof startPreview>>;
  try {
    preview = await startPreview({
      ...sending?.options,
      delivery: {
        sender: config.sender,
        personalize: config.personalize,
        ...(config.webBaseUrl ? { webBaseUrl: config.webBaseUrl } : {}),
      },
      inputs: [...files, ...(values.feed ?? [])],
      ...(edition ? { edition, editor: editorName(io.env, values.by) } : {}),
      ...(port === undefined ? {} : { port }),
      archive: { sentDir: join(io.cwd, DEFAULT_SENT_DIR), ...(signupUrl ? { signupUrl } : {}) },
    });
  } catch (error) {
    await subscribePage?.close();
    await sending?.close();
    throw error;
  }
  io.stdout.write(`Preview: ${preview.url}\nWatching templates and articles; press Ctrl-C to stop.\n`);
  io.stdout.write(
    `Archive: ${preview.archiveUrl}   (the editions sent from here; \`digest archive\` writes it out)\n`,
  );
  if (sending) io.stdout.write(`Send test: ${sending.description}\n`);
  if (subscribePage)
    io.stdout.write(`Subscribe: ${subscribePage.url}   (signups go to ${config.subscribersFile})\n`);
  await untilStopped(signal);
  await subscribePage?.close();
  await preview.close();
  await sending?.close();
  io.stdout.write('Preview stopped.\n');
  return 0;
}

export const previewCommand: Command = (argv, io) => runPreview(argv, io);
