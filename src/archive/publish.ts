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

/** Where the deployed archive lives: its bucket (or prefix) and the CDN in front of it. Adapters implement it. */
export interface PublicArchiveStore {
  read(path: string): Promise<string | undefined>;
  write(file: ArchiveFile): Promise<void>;
  remove(path: string): Promise<void>;
  /** Makes the CDN drop its copies of these paths (`/index.html`, `/feed.xml`, ...). */
  invalidate(paths: string[]): Promise<void>;
}

export interface PublishSettings {
  baseUrl: string;
  signupUrl?: string;
  theme?: Theme;
}

async function readEntries(store: PublicArchiveStore): Promise<ArchiveEntry[]> {
  const raw = await store.read(ENTRIES_FILE);
  if (raw === undefined) return [];
  const parsed = JSON.parse(raw) as unknown;
  if (!Array.isArray(parsed)) throw new InputError(`${ENTRIES_FILE}: not a list of editions`);
  return parsed as ArchiveEntry[];
}

async function writeListing(
  store: PublicArchiveStore,
  entries: ArchiveEntry[],
  settings: PublishSettings,
  extraPaths: string[],
): Promise<void> {
  await store.write({
    path: ENTRIES_FILE,
    contentType: 'application/json',
    body: `${JSON.stringify(entries, null, 2)}\n`,
    immutable: false,
  });
  for (const file of listingFiles(entries, settings)) await store.write(file);
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
  const entries = sortEntries([entry, ...(await readEntries(store)).filter((e) => e.id !== page.id)]);
  await writeListing(store, entries, settings, []);
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
  const entries = await readEntries(store);
  const found = entries.find((e) => e.id === id || e.digestId === id);
  if (!found)
    throw new InputError(`archive remove: no edition "${id}" in the archive (${entries.length} editions)`);
  const path = `${EDITIONS_DIR}/${found.id}.html`;
  await store.remove(path);
  await writeListing(
    store,
    entries.filter((e) => e.id !== found.id),
    settings,
    [`/${path}`],
  );
  return found;
}
