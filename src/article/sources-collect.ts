import type { EditionStore } from '../edition/ports.js';
import { DigestError } from '../errors.js';
import { loadSources, type SourceOptions } from './sources.js';
import type { Article } from './types.js';

/** The settings a deployed run may choose; loopback is not among them. */
export type FeedCollectorOptions = Pick<
  SourceOptions,
  'follow' | 'since' | 'maxBytes' | 'timeoutMs' | 'userAgent' | 'cacheDir' | 'resolve'
>;

/**
 * A collector for the scheduled run: reads the configured feeds, keeps the items that are not in an
 * earlier edition, at most `max` in all. Loopback addresses are always refused here, whatever the
 * options. A feed that cannot be read becomes a note, so one broken feed does not stop the edition.
 */
export function feedCollector(
  feeds: string[],
  options: FeedCollectorOptions = {},
): (
  editions: EditionStore,
  max: number,
) => Promise<{ articles: Article[]; itemKeys: string[]; notes: string[] }> {
  return async (editions, max) => {
    const collected = { articles: [] as Article[], itemKeys: [] as string[], notes: [] as string[] };
    for (const feed of feeds) {
      const room = max - collected.articles.length;
      if (room <= 0) break;
      try {
        const result = await loadSources([], {
          ...options,
          feeds: [feed],
          editionStore: editions,
          maxItems: room,
          allowEmpty: true,
          allowLoopback: false,
        });
        collected.articles.push(...result.articles);
        collected.itemKeys.push(...result.itemKeys);
        collected.notes.push(...result.notes, ...(result.empty ? [result.empty] : []));
      } catch (error) {
        if (!(error instanceof DigestError)) throw error;
        collected.notes.push(error.message);
      }
    }
    return collected;
  };
}
