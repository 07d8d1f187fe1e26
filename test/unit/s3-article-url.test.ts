import type { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { S3ArticleSource } from '../../src/adapters/aws/s3-article-source.js';

/** A stand-in for GetObject only (the one call `collectNamed` makes): no local server returns user metadata differently. */
function s3With(body: string, metadata: Record<string, string>): S3Client {
  const bytes = new TextEncoder().encode(body);
  return {
    send: async () => ({
      ContentLength: bytes.byteLength,
      Metadata: metadata,
      Body: { transformToByteArray: async () => bytes },
    }),
  } as unknown as S3Client;
}

describe('S3 articles link to their source (issue 10)', () => {
  it('takes the article URL from the object metadata `url`', async () => {
    // Prepare
    const s3 = s3With('Harbour reopens\n\nThe harbour reopened on Monday.', {
      url: 'https://news.example.org/harbour',
    });
    const source = new S3ArticleSource({ s3, bucket: 'b', prefix: 'articles/' });
    // Act
    const { articles } = await source.collectNamed(['harbour.txt']);
    // Assess
    expect(articles[0]?.url).toBe('https://news.example.org/harbour');
  });

  it('ignores metadata that is not an http(s) URL', async () => {
    // Prepare
    const s3 = s3With('Harbour reopens\n\nThe harbour reopened on Monday.', { url: 'javascript:alert(1)' });
    const source = new S3ArticleSource({ s3, bucket: 'b', prefix: 'articles/' });
    // Act
    const { articles } = await source.collectNamed(['harbour.txt']);
    // Assess
    expect(articles[0]?.url).toBeUndefined();
  });

  it('keeps the url a Markdown article names in its own front matter', async () => {
    // Prepare
    const s3 = s3With(
      '---\ntitle: Harbour reopens\nurl: https://own.example.org/a\n---\n\nThe harbour reopened.',
      {
        url: 'https://meta.example.org/b',
      },
    );
    const source = new S3ArticleSource({ s3, bucket: 'b', prefix: 'articles/' });
    // Act
    const { articles } = await source.collectNamed(['harbour.md']);
    // Assess
    expect(articles[0]?.url).toBe('https://own.example.org/a');
  });
});
