import { open, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { label } from './build-article.js';

/** Default maximum input size: 5 MB. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/** Options for reading raw input bytes. */
export interface ReadOptions {
  maxBytes?: number;
  stdin?: NodeJS.ReadableStream;
}

/**
 * Reads a file path or `-` (stdin) as bytes, refusing a missing or unreadable file, a directory and
 * anything over `maxBytes` (checked with stat before reading a file; counted while reading a stream).
 */
export async function readInputBytes(input: string, options: ReadOptions = {}): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (input === '-') return readStream(options.stdin ?? process.stdin, input, maxBytes);
  if (input.trim() === '') throw new InputError('article input: the file name is empty');
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(input);
  } catch (error) {
    throw describeFsError(input, error);
  }
  if (info.isDirectory()) throw new InputError(`${input}: is a directory, not an article file`);
  if (info.isFile() && info.size > maxBytes) throw tooLarge(input, maxBytes, info.size);
  try {
    const handle = await open(input, 'r');
    try {
      // Pipes and devices report no size, so every read is bounded by maxBytes + 1.
      return await readStream(handle.createReadStream({ autoClose: false }), input, maxBytes);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw describeFsError(input, error);
  }
}

async function readStream(
  stream: NodeJS.ReadableStream,
  source: string,
  maxBytes: number,
): Promise<Uint8Array> {
  if (source === '-' && (stream as { isTTY?: boolean }).isTTY) {
    throw new InputError('stdin: is a terminal; pipe an article in or give a file name');
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    total += buffer.length;
    if (total > maxBytes) {
      (stream as { destroy?: () => void }).destroy?.();
      throw tooLarge(source, maxBytes);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(source: string, maxBytes: number, size?: number): InputError {
  const actual = size === undefined ? '' : `${formatBytes(size)}, `;
  return new InputError(`${label(source)}: is too large (${actual}over the ${formatBytes(maxBytes)} limit)`);
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** Turns a file-system error into one InputError line naming the input. */
export function describeFsError(source: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT'
      ? 'file not found'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory, not an article file'
          : code === 'ENOTDIR'
            ? 'file not found (a parent is not a directory)'
            : code === 'ELOOP'
              ? 'too many symbolic links'
              : `cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
  return new InputError(`${label(source)}: ${reason}`, { cause: error });
}
