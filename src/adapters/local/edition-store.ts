import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { EditionRecord, EditionStore } from '../../edition/ports.js';
import { InputError } from '../../errors.js';

/** Where the CLI keeps its editions record, relative to the working directory. */
export const DEFAULT_EDITIONS_FILE = '.digest/editions.json';

interface EditionsFile {
  version: 1;
  editions: EditionRecord[];
}

/**
 * The EditionStore as one local JSON file: which articles and feed items went out in which edition.
 * Writes are atomic (temporary file, then rename) and serialised within the process.
 */
export class JsonEditionStore implements EditionStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  private async read(): Promise<EditionsFile> {
    let raw: string;
    try {
      raw = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, editions: [] };
      throw new InputError(`${this.path}: cannot read the editions record: ${(error as Error).message}`, {
        cause: error,
      });
    }
    try {
      const parsed = JSON.parse(raw) as EditionsFile;
      if (!parsed || !Array.isArray(parsed.editions)) throw new Error('no "editions" list');
      return parsed;
    } catch (error) {
      throw new InputError(`${this.path}: not a valid editions record: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  /** Adds an edition; recording the same digestId again replaces the earlier record. */
  record(edition: EditionRecord): Promise<void> {
    const next = this.queue.then(async () => {
      const file = await this.read();
      file.editions = file.editions.filter((existing) => existing.digestId !== edition.digestId);
      file.editions.push(edition);
      await mkdir(dirname(this.path), { recursive: true });
      const tmp = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(tmp, `${JSON.stringify(file, null, 2)}\n`);
      await rename(tmp, this.path);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async seen(itemKeys: string[]): Promise<Set<string>> {
    const file = await this.read();
    const recorded = new Set(file.editions.flatMap((edition) => edition.itemKeys));
    return new Set(itemKeys.filter((key) => recorded.has(key)));
  }

  async latest(): Promise<EditionRecord | undefined> {
    const file = await this.read();
    return file.editions.reduce<EditionRecord | undefined>(
      (latest, edition) => (!latest || edition.createdAt > latest.createdAt ? edition : latest),
      undefined,
    );
  }
}
