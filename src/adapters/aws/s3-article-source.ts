import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { parseArticle } from '../../article/index.js';
import { httpHref } from '../../article/links.js';
import type { Article } from '../../article/types.js';
import type { CollectedArticles, EditionStore } from '../../edition/ports.js';
import { DigestError, InputError } from '../../errors.js';

export interface S3ArticleSourceOptions {
  s3: S3Client;
  bucket: string;
  /** Key prefix editors upload to, ending in "/". */
  prefix: string;
  /** Largest article accepted, in bytes. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/** The edition-store key of an uploaded article: its object key, so re-uploading a fix does not resend it. */
export const s3ItemKey = (key: string): string => `s3:${key}`;

/** Reads articles from the articles bucket. */
export class S3ArticleSource {
  constructor(private readonly options: S3ArticleSourceOptions) {}

  /**
   * The articles uploaded under the prefix that no earlier edition carried, oldest first, at most `max`.
   * A broken upload is skipped with a note so that one bad file does not stop the edition.
   */
  async collectNew(editions: EditionStore, max: number): Promise<CollectedArticles> {
    const objects: Array<{ key: string; modified: number }> = [];
    const pages = paginateListObjectsV2(
      { client: this.options.s3 },
      { Bucket: this.options.bucket, Prefix: this.options.prefix },
    );
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        if (!object.Key || object.Key.endsWith('/')) continue;
        objects.push({ key: object.Key, modified: object.LastModified?.getTime() ?? 0 });
      }
    }
    const seen = await editions.seen(objects.map((o) => s3ItemKey(o.key)));
    const fresh = objects
      .filter((o) => !seen.has(s3ItemKey(o.key)))
      .sort((a, b) => a.modified - b.modified || a.key.localeCompare(b.key));
    const result: CollectedArticles = { articles: [], itemKeys: [], notes: [] };
    for (const object of fresh) {
      if (result.articles.length >= max) {
        result.notes.push(`${fresh.length - max} more new article(s) wait for the next edition`);
        break;
      }
      try {
        result.articles.push(await this.read(object.key));
        result.itemKeys.push(s3ItemKey(object.key));
      } catch (error) {
        if (!(error instanceof DigestError)) throw error;
        result.notes.push(`skipped ${object.key}: ${error.message}`);
      }
    }
    return result;
  }

  /** Exactly the named keys (relative to the prefix or full keys under it); any problem is an InputError. */
  async collectNamed(names: string[]): Promise<CollectedArticles> {
    const result: CollectedArticles = { articles: [], itemKeys: [], notes: [] };
    for (const name of names) {
      const key = name.startsWith(this.options.prefix) ? name : `${this.options.prefix}${name}`;
      if (key.includes('..') || key.endsWith('/'))
        throw new InputError(`article "${name}": not an object key under ${this.options.prefix}`);
      result.articles.push(await this.read(key));
      result.itemKeys.push(s3ItemKey(key));
    }
    return result;
  }

  private async read(key: string): Promise<Article> {
    const source = `s3://${this.options.bucket}/${key}`;
    const maxBytes = this.options.maxBytes ?? DEFAULT_MAX_BYTES;
    let bytes: Uint8Array;
    let sourceUrl: string | undefined;
    try {
      const object = await this.options.s3.send(
        new GetObjectCommand({ Bucket: this.options.bucket, Key: key }),
      );
      if ((object.ContentLength ?? 0) > maxBytes)
        throw new InputError(`${source}: larger than ${maxBytes} bytes`);
      bytes = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
      // `aws s3 cp --metadata url=https://...`: the article's own page, for "Read the full article".
      sourceUrl = httpHref(object.Metadata?.['url'] ?? '');
    } catch (error) {
      if (error instanceof DigestError) throw error;
      const name = (error as { name?: string }).name;
      if (name === 'NoSuchKey' || name === 'NotFound')
        throw new InputError(`${source}: no such article`, { cause: error });
      throw error;
    }
    if (bytes.byteLength > maxBytes) throw new InputError(`${source}: larger than ${maxBytes} bytes`);
    let content: string;
    try {
      content = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (error) {
      throw new InputError(`${source}: not valid UTF-8`, { cause: error });
    }
    const article = parseArticle(content, { source });
    return sourceUrl && !article.url ? { ...article, url: sourceUrl } : article;
  }
}
