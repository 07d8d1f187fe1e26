import { DigestError, InputError } from '../errors.js';
import { type CliIO, type Command, processIO } from './io.js';

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  analyze: {
    summary: 'analyze FILE|URL... [--json]       summary, quotes with speakers, follow-ups',
    load: async () => (await import('./analyze.js')).analyzeCommand,
  },
  render: {
    summary: 'render FILE|URL... --out DIR         write digest.html, .txt, .eml, .json',
    load: async () => (await import('./render.js')).renderCommand,
  },
  preview: {
    summary: 'preview [FILE...] [--port N]         local preview server on 127.0.0.1',
    load: async () => (await import('./preview.js')).previewCommand,
  },
  send: {
    summary: 'send FILE... [--to ADDR]...          deliver the digest through SES',
    load: async () => (await import('./send.js')).sendCommand,
  },
  subscribers: {
    summary: 'subscribers add|remove|list|import   manage the subscriber list',
    load: async () => (await import('./subscribers.js')).subscribersCommand,
  },
};

export const usage = (): string =>
  [
    'Usage: digest <command> [options]',
    '',
    'Commands:',
    ...Object.values(commands).map((c) => `  digest ${c.summary}`),
    '',
    'Run `digest <command> --help` for the options of one command.',
    'Exit status: 0 success, 1 failed run, 2 bad usage or bad input.',
  ].join('\n');

/** Runs the CLI with one error boundary: known errors print one line, unknown ones a short report. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const entry = commands[name];
  try {
    if (!entry) throw new InputError(`unknown command "${name}" (try: ${Object.keys(commands).join(', ')})`);
    const command = await entry.load();
    return await command(rest, io);
  } catch (error) {
    return reportError(error, io);
  }
}

/** Prints one line for a known error; for a bug, one line plus the stack when DIGEST_DEBUG is set. */
export function reportError(error: unknown, io: CliIO): number {
  if (error instanceof DigestError) {
    io.stderr.write(`digest: ${error.message}\n`);
    return error.exitCode;
  }
  const code = (error as { code?: string })?.code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    io.stderr.write(`digest: ${(error as Error).message}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`digest: unexpected error: ${message}\n`);
  if (io.env['DIGEST_DEBUG'] && error instanceof Error) io.stderr.write(`${error.stack}\n`);
  return 1;
}
