import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Rendered } from '../../email/types.js';

/**
 * Rendered editions in S3: the web version (`<prefix><date>-<digestId>.html`, the path
 * `editionWebUrl` links to) and the rendered digest the send-batch workers personalise from.
 */
export class S3EditionArchive {
  private readonly cache = new Map<string, Rendered>();

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
  ) {}

  /** Stores the web version of an edition; returns its key. */
  async storeWebVersion(date: string, digestId: string, html: string): Promise<string> {
    const key = `${this.prefix}${date}-${digestId}.html`;
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: html,
        ContentType: 'text/html; charset=utf-8',
        CacheControl: 'public, max-age=3600',
      }),
    );
    return key;
  }

  /** Stores the rendered digest (placeholders intact) for the batch workers. */
  async storeRendered(rendered: Rendered): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.renderedKey(rendered.digestId),
        Body: JSON.stringify(rendered),
        ContentType: 'application/json',
      }),
    );
    this.cache.set(rendered.digestId, rendered);
  }

  /** Loads a rendered digest; cached per warm container since an edition never changes. */
  async loadRendered(digestId: string): Promise<Rendered> {
    const cached = this.cache.get(digestId);
    if (cached) return cached;
    const object = await this.s3.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: this.renderedKey(digestId) }),
    );
    const rendered = JSON.parse((await object.Body?.transformToString('utf-8')) ?? '') as Rendered;
    this.cache.set(digestId, rendered);
    return rendered;
  }

  private renderedKey(digestId: string): string {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(digestId))
      throw new Error(`not a digest id: ${JSON.stringify(digestId)}`);
    return `${this.prefix}${digestId}/rendered.json`;
  }
}
