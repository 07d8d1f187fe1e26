import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What a conditional request needs to revalidate a response, and the body to reuse on 304. */
export interface CachedResponse {
  url: string;
  finalUrl: string;
  etag?: string;
  lastModified?: string;
  contentType?: string;
  storedAt: string;
}

/** The default cache directory, relative to the working directory. */
export const DEFAULT_HTTP_CACHE_DIR = '.digest/http-cache';

/**
 * A small on-disk HTTP cache for conditional requests (ETag / Last-Modified), one metadata file and
 * one body file per URL, named by the URL's sha256. Writes go to a temporary file and are renamed.
 */
export class FetchCache {
  constructor(readonly dir: string) {}

  private paths(url: string): { meta: string; body: string } {
    const key = createHash('sha256').update(url).digest('hex').slice(0, 32);
    return { meta: join(this.dir, `${key}.json`), body: join(this.dir, `${key}.body`) };
  }

  /** The cached entry for a URL with its body, or undefined when missing or unreadable. */
  async get(url: string): Promise<{ entry: CachedResponse; body: Buffer } | undefined> {
    const paths = this.paths(url);
    try {
      const entry = JSON.parse(await readFile(paths.meta, 'utf8')) as CachedResponse;
      if (entry.url !== url) return undefined;
      return { entry, body: await readFile(paths.body) };
    } catch {
      return undefined;
    }
  }

  /** Stores a response that carries a validator; others are not worth caching. */
  async put(entry: CachedResponse, body: Uint8Array): Promise<void> {
    if (!entry.etag && !entry.lastModified) return;
    const paths = this.paths(entry.url);
    await mkdir(this.dir, { recursive: true });
    await atomicWrite(paths.body, body);
    await atomicWrite(paths.meta, `${JSON.stringify(entry, null, 2)}\n`);
  }
}

async function atomicWrite(path: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}
