import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_USER_AGENT, safeFetch } from '../../src/article/fetch.js';
import { FetchCache } from '../../src/article/fetch-cache.js';
import { FetchError } from '../../src/errors.js';
import { type FeedServer, startFeedServer } from '../fixtures/feeds/server.js';

// Every request in this file goes to 127.0.0.1 only. Non-loopback targets appear solely as redirect
// locations or IP literals that the fetcher must refuse before it opens any connection.
let server: FeedServer;
let cacheDir: string;
const local = { allowLoopback: true } as const;

beforeAll(async () => {
  server = await startFeedServer();
  cacheDir = await mkdtemp(join(tmpdir(), 'digest-http-cache-'));
});
afterAll(async () => {
  await server.close();
  await rm(cacheDir, { recursive: true, force: true });
});

async function refusal(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

describe('safeFetch address rules', () => {
  it('refuses a loopback URL without allowLoopback, naming the URL, the address and the flag', async () => {
    // Prepare
    const url = `${server.base}/rss.xml`;
    const before = server.requests.length;

    // Act
    const error = await refusal(safeFetch(url));

    // Assess
    expect(error.message).toBe(
      `refused ${url}: address 127.0.0.1 is loopback; pass --allow-loopback for local work`,
    );
    expect(error.exitCode).toBe(2);
    expect(server.requests.length).toBe(before);
  });

  it('refuses a host name that resolves to loopback (real DNS lookup of localhost)', async () => {
    const url = `${server.base.replace('127.0.0.1', 'localhost')}/rss.xml`;

    const error = await refusal(safeFetch(url));

    expect(error.message).toMatch(
      /^refused http:\/\/localhost:\d+\/rss\.xml: localhost resolves to (127\.0\.0\.1|::1), which is loopback/,
    );
  });

  it('refuses a redirect to the cloud metadata address before connecting to it', async () => {
    const url = `${server.base}/redirect?to=${encodeURIComponent('http://169.254.169.254/latest/meta-data/')}`;

    const error = await refusal(safeFetch(url, { ...local, timeoutMs: 5_000 }));

    expect(error.message).toBe(
      `refused http://169.254.169.254/latest/meta-data/ (redirected from ${url}): address 169.254.169.254 is link-local (the cloud metadata service); only public addresses are fetched`,
    );
  });

  it('refuses a redirect to a private address even when loopback is allowed', async () => {
    const url = `${server.base}/redirect?to=${encodeURIComponent('http://10.0.0.1/feed.xml')}`;

    const error = await refusal(safeFetch(url, { ...local, timeoutMs: 5_000 }));

    expect(error.message).toContain('address 10.0.0.1 is private');
    expect(error.message).toContain('(redirected from');
  });

  it('refuses a redirect to an IPv4-mapped IPv6 private address', async () => {
    const url = `${server.base}/redirect?to=${encodeURIComponent('http://[::ffff:192.168.1.1]/')}`;

    const error = await refusal(safeFetch(url, { ...local, timeoutMs: 5_000 }));

    expect(error.message).toContain('address 192.168.1.1 is private');
  });

  it('refuses a redirect to a non-http scheme', async () => {
    const url = `${server.base}/redirect?to=${encodeURIComponent('file:///etc/passwd')}`;

    const error = await refusal(safeFetch(url, local));

    expect(error.message).toMatch(
      /^refused file:\/\/\/etc\/passwd \(redirected from .*\): only http and https/,
    );
  });

  it('follows at most 5 redirects', async () => {
    const url = `${server.base}/loop?n=0`;

    const error = await refusal(safeFetch(url, local));

    expect(error.message).toBe(`refused ${url}: more than 5 redirects`);
    expect(server.requests.filter((request) => request.path.startsWith('/loop')).length).toBe(6);
  });

  it('pins the checked address: a rebinding resolver cannot move the connection (resolver mocked: real DNS cannot rebind on demand)', async () => {
    // Prepare: the first answer passes the check; a second lookup would point at a private address.
    let lookups = 0;
    const rebinding = async () => {
      lookups++;
      return [{ address: lookups === 1 ? '127.0.0.1' : '10.0.0.1', family: 4 }];
    };
    const port = new URL(server.base).port;

    // Act
    const result = await safeFetch(`http://rebind.test:${port}/rss.xml`, { ...local, resolve: rebinding });

    // Assess: one lookup only, and the content came from the checked address.
    expect(lookups).toBe(1);
    expect(result.kind).toBe('feed');
    expect(result.text).toContain('Riverside Gazette');
  });
});

describe('safeFetch address rules with several addresses (resolver mocked: real DNS cannot give these answers on demand)', () => {
  it('refuses a host when any of its addresses is refused, before connecting', async () => {
    const resolve = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.1', family: 4 },
    ];

    const error = await refusal(safeFetch('http://mixed.test/feed.xml', { resolve }));

    expect(error.message).toBe(
      'refused http://mixed.test/feed.xml: mixed.test resolves to 10.0.0.1, which is private (10/8, 172.16/12, 192.168/16); only public addresses are fetched',
    );
  });

  it('falls back from an unreachable checked address to the next checked one', async () => {
    const port = new URL(server.base).port;
    const resolve = async () => [
      { address: '::1', family: 6 },
      { address: '127.0.0.1', family: 4 },
    ];

    const result = await safeFetch(`http://dual.test:${port}/rss.xml`, { ...local, resolve });

    expect(result.text).toContain('Riverside Gazette');
  });
});

describe('safeFetch caps and content', () => {
  it('sends the User-Agent and reads a feed', async () => {
    const result = await safeFetch(`${server.base}/rss.xml`, local);

    expect(result.kind).toBe('feed');
    expect(result.mediaType).toBe('application/rss+xml');
    expect(server.requests.at(-1)?.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
  });

  it('aborts a body larger than the size cap while streaming', async () => {
    const started = Date.now();

    const error = await refusal(safeFetch(`${server.base}/big`, { ...local, maxBytes: 1024 * 1024 }));

    expect(error.message).toBe(`refused ${server.base}/big: larger than the size cap of 1048576 bytes`);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('counts decompressed bytes against the size cap (gzip bomb)', async () => {
    const error = await refusal(safeFetch(`${server.base}/gzip-bomb`, local));

    expect(error.message).toBe(`refused ${server.base}/gzip-bomb: larger than the size cap of 5242880 bytes`);
  });

  it('follows a redirect without draining its body', async () => {
    const started = Date.now();

    const result = await safeFetch(`${server.base}/redirect-endless-body`, { ...local, timeoutMs: 3_000 });

    expect(result.finalUrl).toBe(`${server.base}/rss.xml`);
    expect(result.redirects).toEqual([`${server.base}/redirect-endless-body`]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses a declared Content-Length above the cap without reading the body', async () => {
    const error = await refusal(safeFetch(`${server.base}/big-declared`, local));

    expect(error.message).toContain('52428800 bytes is larger than the size cap of 5242880 bytes');
  });

  it('gives up on a server that stalls after the time cap', async () => {
    const started = Date.now();

    const error = await refusal(safeFetch(`${server.base}/stall`, { ...local, timeoutMs: 300 }));

    expect(error.message).toBe(`could not fetch ${server.base}/stall: timed out after 300 ms`);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('gives up on a body that stops arriving after the time cap', async () => {
    const error = await refusal(safeFetch(`${server.base}/slow-body`, { ...local, timeoutMs: 300 }));

    expect(error.message).toBe(`could not fetch ${server.base}/slow-body: timed out after 300 ms`);
    expect(error.exitCode).toBe(1);
  });

  it('refuses a content type that is neither a feed nor a page', async () => {
    const error = await refusal(safeFetch(`${server.base}/image.png`, local));

    expect(error.message).toBe(
      `refused ${server.base}/image.png: content type image/png is not a feed or web page`,
    );
  });

  it('refuses a page where a feed is required', async () => {
    const error = await refusal(safeFetch(`${server.base}/news/cycle-path`, { ...local, expect: 'feed' }));

    expect(error.message).toContain('expected a feed, got a web page');
  });

  it('names the HTTP status of a failed fetch', async () => {
    const error = await refusal(safeFetch(`${server.base}/missing`, local));

    expect(error.message).toBe(`could not fetch ${server.base}/missing: HTTP 404 Not Found`);
  });

  it('decodes a gzip-encoded feed', async () => {
    const result = await safeFetch(`${server.base}/gzip.xml`, local);

    expect(result.text).toContain('<title>Riverside Gazette</title>');
  });

  it('decodes ISO-8859-1 declared only in the XML declaration', async () => {
    const result = await safeFetch(`${server.base}/latin1.xml`, local);

    expect(result.charset).toBe('windows-1252');
    expect(result.text).toContain('Crème brûlée wins the café contest');
    expect(result.text).toContain('José Núñez');
  });

  it('revalidates with If-None-Match and reuses the cached body on 304', async () => {
    // Prepare
    const cache = new FetchCache(cacheDir);
    const url = `${server.base}/etag.xml`;
    const first = await safeFetch(url, { ...local, cache });

    // Act
    const second = await safeFetch(url, { ...local, cache });

    // Assess
    const sent = server.requests.filter((request) => request.path === '/etag.xml');
    expect(first.notModified).toBe(false);
    expect(second.notModified).toBe(true);
    expect(second.text).toBe(first.text);
    expect(sent.at(-1)?.headers['if-none-match']).toBe('"rss-v1"');
    expect(sent.at(-1)?.headers['if-modified-since']).toBe('Mon, 02 Nov 2026 09:00:00 GMT');
  });

  it('refuses URLs that are not http or https, and malformed ones', async () => {
    expect((await refusal(safeFetch('ftp://127.0.0.1/feed.xml', local))).message).toBe(
      'refused ftp://127.0.0.1/feed.xml: only http and https URLs are fetched',
    );
    expect((await refusal(safeFetch('http://', local))).message).toBe('http://: not a valid URL');
  });
});
