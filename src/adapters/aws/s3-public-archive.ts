import { randomUUID } from 'node:crypto';
import { type CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { PublicArchiveStore, Versioned } from '../../archive/publish.js';
import type { ArchiveFile } from '../../archive/site.js';

/** Edition pages never change; the index, the feed and the list of editions change with every edition. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
export const SHORT_CACHE = 'public, max-age=60';

/**
 * The deployed public archive: its own bucket (only public pages; CloudFront reads it through origin
 * access control) and the distribution whose cache is invalidated when the index or a page changes.
 */
export class S3PublicArchive implements PublicArchiveStore {
  constructor(
    private readonly s3: S3Client,
    private readonly cloudfront: CloudFrontClient,
    private readonly bucket: string,
    private readonly distributionId: string,
  ) {}

  async read(path: string): Promise<Versioned | undefined> {
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: path }));
      return { body: (await object.Body?.transformToString('utf-8')) ?? '', version: object.ETag ?? '' };
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'NoSuchKey' || name === 'NotFound') return undefined;
      throw error;
    }
  }

  async write(file: ArchiveFile): Promise<void> {
    await this.s3.send(this.put(file));
  }

  /**
   * S3 conditional writes: `If-Match: <ETag read>`, or `If-None-Match: *` to create. S3 answers 412
   * PreconditionFailed when the object changed, 409 ConditionalRequestConflict when a concurrent write
   * to the same key is in progress; both mean another writer won.
   */
  async writeIfUnchanged(file: ArchiveFile, expected: string | undefined): Promise<string | undefined> {
    const condition = expected === undefined ? { IfNoneMatch: '*' } : { IfMatch: expected };
    try {
      return (await this.s3.send(this.put(file, condition))).ETag ?? '';
    } catch (error) {
      const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (name === 'PreconditionFailed' || name === 'ConditionalRequestConflict') return undefined;
      if ($metadata?.httpStatusCode === 412) return undefined;
      throw error;
    }
  }

  private put(
    file: ArchiveFile,
    condition: { IfMatch?: string; IfNoneMatch?: string } = {},
  ): PutObjectCommand {
    return new PutObjectCommand({
      Bucket: this.bucket,
      Key: file.path,
      Body: file.body,
      ContentType: file.contentType,
      CacheControl: file.immutable ? IMMUTABLE_CACHE : SHORT_CACHE,
      ...condition,
    });
  }

  async remove(path: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: path }));
  }

  async invalidate(paths: string[]): Promise<void> {
    await this.cloudfront.send(
      new CreateInvalidationCommand({
        DistributionId: this.distributionId,
        InvalidationBatch: { CallerReference: randomUUID(), Paths: { Quantity: paths.length, Items: paths } },
      }),
    );
  }
}
