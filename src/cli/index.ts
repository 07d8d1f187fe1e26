import { ConfigError, DigestError, InputError } from '../errors.js';
import { type CliIO, type Command, processIO } from './io.js';

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  analyze: {
    summary: 'analyze FILE|URL... [--json]         summary, quotes with speakers, follow-ups',
    load: async () => (await import('./analyze.js')).analyzeCommand,
  },
  draft: {
    summary: 'draft FILE|URL... [--out FILE]         write the edition as a draft to edit and approve',
    load: async () => (await import('./draft.js')).draftCommand,
  },
  edition: {
    summary:
      'edition show|approve|cancel FILE | pull|push|approve|cancel --remote   an edition draft: look, edit, approve, cancel',
    load: async () => (await import('./edition.js')).editionCommand,
  },
  render: {
    summary: 'render FILE|URL...|--edition FILE --out DIR   write digest.html, .txt, .eml, .json',
    load: async () => (await import('./render.js')).renderCommand,
  },
  preview: {
    summary: 'preview [FILE...] [--port N]         local preview server on 127.0.0.1',
    load: async () => (await import('./preview.js')).previewCommand,
  },
  send: {
    summary: 'send FILE|URL...|--edition FILE [--to ADDR]...   deliver the digest through SES',
    load: async () => (await import('./send.js')).sendCommand,
  },
  subscribers: {
    summary: 'subscribers add|remove|list|import|export|count [--remote]   manage the subscriber list',
    load: async () => (await import('./subscribers.js')).subscribersCommand,
  },
  archive: {
    summary:
      'archive [--out DIR] | archive remove ID    build the public web archive, or withdraw an edition',
    load: async () => (await import('./archive.js')).archiveCommand,
  },
  form: {
    summary: 'form [--endpoint URL]                 print an embeddable HTML signup form',
    load: async () => (await import('./form.js')).formCommand,
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
    if (name) return 0;
    io.stderr.write(`digest: no command given (try: ${Object.keys(commands).join(', ')})\n`);
    return 2;
  }
  const entry = commands[name];
  try {
    if (!entry) throw new InputError(`unknown command "${name}" (try: ${Object.keys(commands).join(', ')})`);
    const command = await entry.load().catch((error: unknown) => {
      throw missingBuild(error) ?? error;
    });
    return await command(rest, io);
  } catch (error) {
    return reportError(error, io);
  }
}

/** A clone installed with --ignore-scripts has no build/templates.js: say how to make it. */
export function missingBuild(error: unknown): ConfigError | undefined {
  const { code, message } = error as { code?: string; message?: string };
  if (code !== 'ERR_MODULE_NOT_FOUND' || !/build[\\/]templates\.js/.test(message ?? '')) return undefined;
  return new ConfigError(
    'the email templates are not built (build/templates.js is missing): run `npm run build:templates`',
    { cause: error },
  );
}

const USAGE_ERRORS = new Set([
  'ERR_PARSE_ARGS_UNKNOWN_OPTION',
  'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
  'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
]);

// biome-ignore lint/suspicious/noControlCharactersInRegex: showing control characters as escapes is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * One line, whatever the message holds: node's option errors run over several lines, and a message
 * may quote input (JSON.parse quotes the file) with line breaks, NUL or terminal escapes in it.
 */
export function oneLine(message: string): string {
  return message
    .split(/\r\n|[\r\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ')
    .replace(/\t/g, ' ')
    .replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Prints one line for a known error; for a bug, one line plus the stack when DIGEST_DEBUG is set. */
export function reportError(error: unknown, io: CliIO): number {
  if (error instanceof DigestError) {
    io.stderr.write(`digest: ${oneLine(error.message)}\n`);
    return error.exitCode;
  }
  const code = (error as { code?: string })?.code;
  if (code && USAGE_ERRORS.has(code)) {
    io.stderr.write(`digest: ${oneLine((error as Error).message)}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`digest: unexpected error: ${oneLine(message)}\n`);
  if (io.env['DIGEST_DEBUG'] && error instanceof Error) io.stderr.write(`${error.stack}\n`);
  return 1;
}
