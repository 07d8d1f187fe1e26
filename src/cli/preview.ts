import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import type { Command } from './io.js';

const HELP = `Usage: digest preview [FILE...] [--port N] [--feed URL]...

Serves a live preview of the digest on http://127.0.0.1:N/ (default 3000, or the next free port).
Without FILE it previews every article in examples/articles/. Edits to the templates, the theme
or the articles reload the page. Stop it with Ctrl-C.
`;

function parsePort(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) {
    throw new InputError(`preview: --port expects a number from 0 to 65535, got "${raw}"`);
  }
  return Number(raw);
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
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', short: 'p' },
      feed: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const port = parsePort(values.port);
  const { startPreview } = await import('../preview/server.js');
  const preview = await startPreview({
    inputs: [
      ...positionals.map((file) => (file === '-' || isAbsolute(file) ? file : resolve(io.cwd, file))),
      ...(values.feed ?? []),
    ],
    ...(port === undefined ? {} : { port }),
  });
  io.stdout.write(`Preview: ${preview.url}\nWatching templates and articles; press Ctrl-C to stop.\n`);
  await untilStopped(signal);
  await preview.close();
  io.stdout.write('Preview stopped.\n');
  return 0;
}

export const previewCommand: Command = (argv, io) => runPreview(argv, io);
