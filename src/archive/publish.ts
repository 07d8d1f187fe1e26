import type { Theme } from '../email/theme.js';
import { InputError } from '../errors.js';
import type { ArchiveEntry, EditionPage } from './page.js';
import {
  type ArchiveFile,
  EDITIONS_DIR,
  editionFile,
  FEED_FILE,
  INDEX_FILE,
  listingFiles,
  sortEntries,
} from './site.js';

/** The list of published editions the index and the feed are rebuilt from (public data only). */
export const ENTRIES_FILE = 'editions.json';

/** An object's text and its version (S3's ETag): what a conditional write names. */
export interface Versioned {
  body: string;
  version: string;
}

/** Where the deployed archive lives: its bucket (or prefix) and the CDN in front of it. Adapters implement it. */
export interface PublicArchiveStore {
  /** The object and its current version, or undefined when there is none. */
  read(path: string): Promise<Versioned | undefined>;
  write(file: ArchiveFile): Promise<void>;
  /**
   * Writes `file` only if the object is still at version `expected` (undefined: only if there is none),
   * atomically with the check. Returns the version written, or undefined when another writer changed
   * the object first (S3: 412 PreconditionFailed, 409 ConditionalRequestConflict).
   */
  writeIfUnchanged(file: ArchiveFile, expected: string | undefined): Promise<string | undefined>;
  remove(path: string): Promise<void>;
  /** Makes the CDN drop its copies of these paths (`/index.html`, `/feed.xml`, ...). */
  invalidate(paths: string[]): Promise<void>;
}

export interface PublishSettings {
  baseUrl: string;
  signupUrl?: string;
  theme?: Theme;
}

/** How many times a change of editions.json is read, changed and written when other writers keep winning. */
export const MAX_LIST_ATTEMPTS = 8;

interface Listed {
  entries: ArchiveEntry[];
  /** The version of editions.json these entries are; undefined when there is none. */
  version: string | undefined;
}

async function readEntries(store: PublicArchiveStore): Promise<Listed> {
  const object = await store.read(ENTRIES_FILE);
  if (object === undefined) return { entries: [], version: undefined };
  const parsed = JSON.parse(object.body) as unknown;
  if (!Array.isArray(parsed)) throw new InputError(`${ENTRIES_FILE}: not a list of editions`);
  return { entries: parsed as ArchiveEntry[], version: object.version };
}

const contended = (attempts: number): Error =>
  new Error(`${ENTRIES_FILE}: changed by another writer ${attempts} times in a row; try again`);

/** A short random pause before trying again, so two writers that collided do not collide again. */
const backoff = (attempt: number): Promise<void> =>
  new Promise((done) => setTimeout(done, Math.random() * 25 * 2 ** Math.min(attempt, 5)));

/**
 * Reads editions.json, applies `change` and writes the result only if nobody wrote the list in
 * between (optimistic concurrency); else reads again, up to MAX_LIST_ATTEMPTS times. Returns the list
 * as written, with its new version.
 */
async function updateEntries(
  store: PublicArchiveStore,
  change: (entries: ArchiveEntry[]) => ArchiveEntry[],
): Promise<Listed> {
  for (let attempt = 1; ; attempt++) {
    const current = await readEntries(store);
    const entries = change(current.entries);
    const version = await store.writeIfUnchanged(
      {
        path: ENTRIES_FILE,
        contentType: 'application/json',
        body: `${JSON.stringify(entries, null, 2)}\n`,
        immutable: false,
      },
      current.version,
    );
    if (version !== undefined) return { entries, version };
    if (attempt >= MAX_LIST_ATTEMPTS) throw contended(attempt);
    await backoff(attempt);
  }
}

/**
 * Rebuilds the index and the feed from the list as written, then checks the list is still that
 * version: if another writer changed it meanwhile, its index may have been overwritten by this older
 * one, so they are rebuilt from the newer list. The last index written is then from the last list.
 */
async function writeListing(
  store: PublicArchiveStore,
  written: Listed,
  settings: PublishSettings,
  extraPaths: string[],
): Promise<void> {
  let listed = written;
  for (let attempt = 1; ; attempt++) {
    for (const file of listingFiles(listed.entries, settings)) await store.write(file);
    const latest = await readEntries(store);
    if (latest.version === listed.version) break;
    if (attempt >= MAX_LIST_ATTEMPTS) throw contended(attempt);
    listed = latest;
  }
  // The index and the feed are cached briefly; an invalidation makes the change visible at once.
  await store.invalidate(['/', `/${INDEX_FILE}`, `/${FEED_FILE}`, ...extraPaths]);
}

/**
 * Publishes a sent edition: its page (immutable), then the index and the feed with it added, then
 * invalidates the index and the feed. Publishing the same edition again replaces its entry.
 */
export async function publishEdition(
  store: PublicArchiveStore,
  page: EditionPage,
  settings: PublishSettings,
): Promise<void> {
  await store.write(editionFile(page.id, page.html));
  const { html: _html, ...entry } = page;
  const written = await updateEntries(store, (entries) =>
    sortEntries([entry, ...entries.filter((e) => e.id !== page.id)]),
  );
  await writeListing(store, written, settings, []);
}

/**
 * Withdraws an edition (`<date>-<digest id>` or the digest id): its page is deleted, the index and
 * the feed are rebuilt without it, and all three paths are invalidated. Throws InputError for an
 * edition the archive does not hold.
 */
export async function withdrawEdition(
  store: PublicArchiveStore,
  id: string,
  settings: PublishSettings,
): Promise<ArchiveEntry> {
  const { entries } = await readEntries(store);
  const found = entries.find((e) => e.id === id || e.digestId === id);
  if (!found)
    throw new InputError(`archive remove: no edition "${id}" in the archive (${entries.length} editions)`);
  const path = `${EDITIONS_DIR}/${found.id}.html`;
  await store.remove(path);
  // Filtered again from the list as it is when written: an edition published meanwhile stays.
  const written = await updateEntries(store, (current) => current.filter((e) => e.id !== found.id));
  await writeListing(store, written, settings, [`/${path}`]);
  return found;
}
