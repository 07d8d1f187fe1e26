import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import type { EditionDocument, EditionEdit } from './document.js';
import { recordFileEdits } from './edits.js';
import { EditionFileError, validateEdition } from './validate.js';

/** Where a JSON syntax error is, as "line L column C" from the parser's offset. */
function syntaxPosition(raw: string, message: string): string {
  const offset = /position (\d+)/.exec(message)?.[1];
  if (offset === undefined) return message;
  const before = raw.slice(0, Number(offset));
  const line = before.split('\n').length;
  return `not valid JSON at line ${line} column ${Number(offset) - before.lastIndexOf('\n')}`;
}

/**
 * Reads and validates an edition file. Changes made to it by hand since the last save come back
 * recorded as edits from the file (`fileEdits`); they are kept in the file at the next save.
 */
export function loadEdition(file: string, by = 'file'): { doc: EditionDocument; fileEdits: EditionEdit[] } {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      `${file}: cannot read the edition: ${code === 'ENOENT' ? 'no such file (write one with `digest draft`)' : (error as Error).message}`,
      { cause: error },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new EditionFileError(file, '', syntaxPosition(raw, (error as Error).message));
  }
  const valid = validateEdition(parsed, file);
  try {
    const { doc, found } = recordFileEdits(valid, by);
    return { doc, fileEdits: found };
  } catch (error) {
    throw new EditionFileError(file, '/status', (error as Error).message);
  }
}

/**
 * Saves an edition atomically: the next version is written to a temporary file in the same folder,
 * flushed, then renamed over the old one, so a reader (the preview, git, an editor) sees either the old
 * file or the new one, never half of one. Returns the saved document (version one higher).
 */
export function saveEdition(file: string, doc: EditionDocument, now = new Date()): EditionDocument {
  const saved: EditionDocument = { ...doc, version: doc.version + 1, updatedAt: now.toISOString() };
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, `${JSON.stringify(saved, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw new InputError(`${file}: cannot save the edition: ${(error as Error).message}`, { cause: error });
  }
  return saved;
}
