import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type ArchiveFile, EDITIONS_DIR } from '../../archive/site.js';
import type { EditionDocument } from '../../edition/document.js';
import { loadEdition } from '../../edition/store.js';
import { InputError } from '../../errors.js';

/** Where a local list send keeps the documents of the editions it sent (the archive's source). */
export const DEFAULT_SENT_DIR = '.digest/sent';
/** Where `digest archive` writes the site unless told otherwise (and what the preview serves). */
export const DEFAULT_ARCHIVE_DIR = '.digest/archive';
const WITHDRAWN_FILE = 'withdrawn.json';

/**
 * The sent edition documents of local runs, one file per edition (`<date>-<digest id>.json`), and the
 * list of editions withdrawn from the archive.
 */
export class LocalSentEditions {
  constructor(readonly dir: string) {}

  /** Keeps the document of an edition that went out to the list (status `sent`). */
  keep(doc: EditionDocument, digestId: string): string {
    if (doc.status !== 'sent')
      throw new InputError(`edition ${digestId} is ${doc.status}, not sent: not kept`);
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, `${doc.date}-${digestId}.json`);
    writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
    return file;
  }

  /** Every sent document in the folder (others are ignored); none when the folder does not exist. */
  all(): EditionDocument[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((name) => name.endsWith('.json') && name !== WITHDRAWN_FILE)
      .sort()
      .map((name) => loadEdition(join(this.dir, name)).doc)
      .filter((doc) => doc.status === 'sent');
  }

  withdrawn(): Set<string> {
    const file = join(this.dir, WITHDRAWN_FILE);
    if (!existsSync(file)) return new Set();
    try {
      const list = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      if (!Array.isArray(list) || !list.every((id) => typeof id === 'string'))
        throw new Error('not a list of ids');
      return new Set(list as string[]);
    } catch (error) {
      throw new InputError(`${file}: ${(error as Error).message}`, { cause: error });
    }
  }

  withdraw(id: string): void {
    const ids = this.withdrawn();
    ids.add(id);
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(join(this.dir, WITHDRAWN_FILE), `${JSON.stringify([...ids].sort(), null, 2)}\n`);
  }
}

/**
 * Writes the site to `outDir`; edition pages no longer in it (withdrawn) are deleted, so the folder is
 * exactly the archive. Returns the paths written.
 */
export function writeArchive(outDir: string, files: readonly ArchiveFile[]): string[] {
  const keep = new Set(files.map((file) => file.path));
  const editions = join(outDir, EDITIONS_DIR);
  if (existsSync(editions)) {
    for (const name of readdirSync(editions)) {
      if (!keep.has(`${EDITIONS_DIR}/${name}`)) rmSync(join(editions, name), { force: true });
    }
  }
  for (const file of files) {
    const target = join(outDir, ...file.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.body);
  }
  return files.map((file) => file.path);
}
