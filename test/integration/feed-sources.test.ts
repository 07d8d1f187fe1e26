import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JsonEditionStore } from '../../src/adapters/local/edition-store.js';
import { editionRecordFor, loadSources, type SourceOptions } from '../../src/article/sources.js';
import { feedCollector } from '../../src/article/sources-collect.js';
import { FetchError, InputError } from '../../src/errors.js';
import { type FeedServer, startFeedServer } from '../fixtures/feeds/server.js';

// Every request goes to the fixture server on 127.0.0.1 (allowLoopback on, as the CLI's --allow-loopback).
let server: FeedServer;
let dir: string;
let options: SourceOptions;

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'digest-sources-'));
  options = { allowLoopback: true, cacheDir: join(dir, 'http-cache'), timeoutMs: 5_000 };
  return () => rm(dir, { recursive: true, force: true });
});

describe('loadSources with feeds', () => {
  it('turns an RSS feed into one article per item, keyed by guid', async () => {
    // Act
    const result = await loadSources([`${server.base}/rss.xml`], options);

    // Assess
    expect(result.articles.map((article) => article.title)).toEqual([
      'Council extends the riverside cycle path',
      'Library opens on Sundays',
    ]);
    expect(result.itemKeys).toEqual([
      `${server.base}/rss.xml#gazette-2026-001`,
      `${server.base}/rss.xml#gazette-2026-002`,
    ]);
    const [cycle] = result.articles;
    expect(cycle?.format).toBe('html');
    expect(cycle?.url).toBe(`${server.base}/news/cycle-path`);
    expect(cycle?.publishedAt).toBe('2026-11-02T09:00:00.000Z');
    expect(cycle?.paragraphs[0]).toMatch(/^The city council voted on Tuesday/);
    expect(cycle?.text).toContain('"People have asked for this for a decade');
    expect(result.feeds[0]).toMatchObject({ items: 2, selected: 2, seen: 0, older: 0 });
  });

  it('reads an Atom feed, with html and xhtml content', async () => {
    const result = await loadSources([`${server.base}/atom.xml`], options);

    expect(result.articles.map((article) => article.title)).toEqual([
      'Library opens on Sundays',
      'Council extends the riverside cycle path',
    ]);
    expect(result.articles[1]?.paragraphs).toHaveLength(3);
    expect(result.itemKeys[0]).toBe('urn:uuid:a6f0a2f6-5d43-4b8e-9b7a-1f0e0f6f9a01');
  });

  it('decodes an ISO-8859-1 feed', async () => {
    const result = await loadSources([`${server.base}/latin1.xml`], options);

    expect(result.articles[0]?.title).toBe('Crème brûlée wins the café contest');
    expect(result.articles[0]?.text).toContain('«It tastes like my grandmother');
    expect(result.articles[0]?.text).toContain('José Núñez');
  });

  it('reports a malformed feed with its line and column', async () => {
    const error = await loadSources([`${server.base}/malformed.xml`], options).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^${server.base}/malformed\\.xml: not a well-formed feed: XML error at line \\d+, column \\d+`,
      ),
    );
  });

  it('reads an article page URL through the HTML reader', async () => {
    const result = await loadSources([`${server.base}/news/library-sundays`], options);

    expect(result.articles).toHaveLength(1);
    expect(result.articles[0]?.title).toContain('Library opens on Sundays');
    expect(result.articles[0]?.text).not.toContain('All rights reserved');
    expect(result.itemKeys).toEqual([`${server.base}/news/library-sundays`]);
  });

  it('keeps the excerpt and says so when follow is off', async () => {
    const result = await loadSources([`${server.base}/excerpt.xml`], options);

    expect(result.articles).toHaveLength(2);
    expect(result.articles[0]?.text).not.toContain('People have asked for this');
    expect(result.notes).toContain(
      `${server.base}/excerpt.xml: 2 item(s) carry only an excerpt; pass --follow to fetch their pages`,
    );
  });

  it('follows excerpt-only items to their pages with follow', async () => {
    // Prepare
    const before = server.requests.length;

    // Act
    const result = await loadSources([`${server.base}/excerpt.xml`], { ...options, follow: true });

    // Assess
    const fetched = server.requests.slice(before).map((request) => request.path);
    expect(fetched).toEqual(
      expect.arrayContaining(['/excerpt.xml', '/news/cycle-path', '/news/library-sundays']),
    );
    expect(result.feeds[0]?.followed).toBe(2);
    expect(result.articles[0]?.text).toContain('People have asked for this for a decade');
    expect(result.articles[0]?.text).toContain('Critics on the council');
    expect(result.articles[0]?.url).toBe(`${server.base}/news/cycle-path`);
    expect(result.articles[0]?.publishedAt).toBe('2026-11-02T09:00:00.000Z');
    expect(result.articles[1]?.text).toContain('only half a library');
    // The feed's headline, not the page's "… | Riverside Gazette" title.
    expect(result.articles[1]?.title).toBe('Library opens on Sundays');
    expect(result.articles[1]?.text.startsWith('Library opens on Sundays\n\n')).toBe(true);
    expect(result.notes).toEqual([]);
  });

  it('selects only the new item in the second edition', async () => {
    // Prepare: edition 1 went out with the feed's two items.
    const editionStore = new JsonEditionStore(join(dir, 'editions.json'));
    server.live.file = 'rss.xml';
    const first = await loadSources([`${server.base}/live.xml`], { ...options, editionStore });
    await editionStore.record(editionRecordFor(first, 'edition-1', '2026-11-16'));

    // Act: the feed gained one item.
    server.live.file = 'rss-updated.xml';
    const second = await loadSources([`${server.base}/live.xml`], { ...options, editionStore });

    // Assess
    expect(first.articles).toHaveLength(2);
    expect(second.articles.map((article) => article.title)).toEqual([
      'Night market returns to the cathedral square',
    ]);
    expect(second.itemKeys).toEqual([`${server.base}/live.xml#gazette-2026-003`]);
    expect(second.feeds[0]).toMatchObject({ items: 3, selected: 1, seen: 2 });
  });

  it('says clearly when nothing is new, or returns the reason with allowEmpty', async () => {
    const editionStore = new JsonEditionStore(join(dir, 'editions.json'));
    const url = `${server.base}/rss.xml`;
    const all = await loadSources([url], options);
    await editionStore.record({
      digestId: 'edition-1',
      date: '2026-11-16',
      articleIds: all.articles.map((article) => article.id),
      itemKeys: all.itemKeys,
      createdAt: '2026-11-16T08:00:00.000Z',
    });
    const since = new Date('2026-11-01T00:00:00Z');

    const thrown = await loadSources([url], { ...options, editionStore, since }).catch(
      (caught: unknown) => caught,
    );
    const empty = await loadSources([url], { ...options, editionStore, since, allowEmpty: true });

    const message = `no new items in ${url} since 2026-11-01T00:00:00.000Z (2 item(s): 2 already in an earlier edition)`;
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as Error).message).toBe(message);
    expect(empty.articles).toEqual([]);
    expect(empty.empty).toBe(message);
  });

  it('uses since and the item dates to choose what is new', async () => {
    const result = await loadSources([`${server.base}/rss.xml`], {
      ...options,
      since: new Date('2026-11-05'),
    });

    expect(result.articles.map((article) => article.title)).toEqual(['Library opens on Sundays']);
    expect(result.feeds[0]).toMatchObject({ items: 2, selected: 1, older: 1 });
  });

  it('costs a 304 when the feed is unchanged', async () => {
    const url = `${server.base}/etag.xml`;
    await loadSources([url], options);

    const again = await loadSources([url], options);

    expect(again.feeds[0]?.notModified).toBe(true);
    expect(again.articles).toHaveLength(2);
  });

  it('finds the feed a page announces for --feed, and refuses a page that names none', async () => {
    const found = await loadSources([], { ...options, feeds: [`${server.base}/news/cycle-path`] });
    const error = await loadSources([], { ...options, feeds: [`${server.base}/news/library-sundays`] }).catch(
      (caught: unknown) => caught,
    );

    expect(found.articles).toHaveLength(2);
    expect(found.feeds[0]?.title).toBe('Riverside Gazette');
    expect(error).toBeInstanceOf(FetchError);
    expect((error as Error).message).toBe(
      `${server.base}/news/library-sundays: a web page, not a feed, and it names no feed (<link rel="alternate" type="application/rss+xml">)`,
    );
  });

  it('refuses a loopback feed URL unless loopback is allowed', async () => {
    const url = `${server.base}/rss.xml`;

    const error = await loadSources([url], { ...options, allowLoopback: false }).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).exitCode).toBe(2);
    expect((error as Error).message).toBe(
      `refused ${url}: address 127.0.0.1 is loopback; pass --allow-loopback for local work`,
    );
  });
});

describe('loadSources with awkward items', () => {
  it('leaves out an item with no text or only an image, with a note, and keeps the rest', async () => {
    // Prepare
    const path = join(dir, 'awkward.rss');
    await writeFile(
      path,
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Awkward</title>
        <item><title>Empty</title><guid>urn:empty</guid></item>
        <item><title>Picture only</title><guid>urn:picture</guid><description>&lt;img src="https://news.example/a.png"&gt;</description></item>
        <item><title>Fine</title><guid>urn:fine</guid><description>A short but real paragraph of text.</description></item>
      </channel></rss>`,
    );

    // Act
    const result = await loadSources([path], options);

    // Assess
    expect(result.itemKeys).toEqual(['urn:fine']);
    expect(result.notes).toEqual(
      expect.arrayContaining([
        `${path}: item "Empty" has no text; left out`,
        expect.stringMatching(
          new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: item "Picture only" left out: `),
        ),
      ]),
    );
  });
});

describe('loadSources with local inputs', () => {
  it('reads a local feed file and a plain article file together', async () => {
    const result = await loadSources(
      ['test/fixtures/feeds/latin1.xml', 'examples/articles/north-korea-human-rights.txt'],
      options,
    );

    expect(result.articles.map((article) => article.title)).toEqual([
      'Crème brûlée wins the café contest',
      'China, South Korea Urged To Press North Korea on Human Rights',
    ]);
    expect(result.itemKeys[1]).toBe('examples/articles/north-korea-human-rights.txt');
  });

  it('gives nothing for no inputs, as loadArticles always did', async () => {
    expect(await loadSources([], options)).toEqual({ articles: [], itemKeys: [], feeds: [], notes: [] });
  });

  it('refuses schemes other than http and https', async () => {
    await expect(loadSources(['ftp://news.example/feed.xml'], options)).rejects.toThrow(
      'refused ftp://news.example/feed.xml: only http and https URLs are fetched',
    );
  });
});

describe('feedCollector (the scheduled run)', () => {
  it('never fetches from loopback, even when asked to: the refusal becomes a note', async () => {
    // Prepare: a caller trying to smuggle the flag in past the type.
    const collect = feedCollector([`${server.base}/rss.xml`], { allowLoopback: true } as never);
    const editions = new JsonEditionStore(join(dir, 'editions.json'));
    const before = server.requests.length;

    // Act
    const collected = await collect(editions, 10);

    // Assess
    expect(collected.articles).toEqual([]);
    expect(collected.notes).toEqual([
      `refused ${server.base}/rss.xml: address 127.0.0.1 is loopback; pass --allow-loopback for local work`,
    ]);
    expect(server.requests.length).toBe(before);
  });

  it('keeps at most max new items and skips them once recorded', async () => {
    const collect = feedCollector(['test/fixtures/feeds/rss-updated.xml'], { cacheDir: false });
    const editions = new JsonEditionStore(join(dir, 'editions.json'));

    const first = await collect(editions, 2);
    await editions.record({
      digestId: 'e1',
      date: '2026-11-23',
      articleIds: first.articles.map((article) => article.id),
      itemKeys: first.itemKeys,
      createdAt: '2026-11-23T08:00:00.000Z',
    });
    const second = await collect(editions, 10);
    await editions.record({
      digestId: 'e2',
      date: '2026-11-30',
      articleIds: second.articles.map((article) => article.id),
      itemKeys: second.itemKeys,
      createdAt: '2026-11-30T08:00:00.000Z',
    });
    const third = await collect(editions, 10);

    expect(first.articles).toHaveLength(2);
    expect(second.itemKeys).toEqual(['test/fixtures/feeds/rss-updated.xml#gazette-2026-002']);
    expect(third.articles).toEqual([]);
    expect(third.notes).toEqual([
      'no new items in test/fixtures/feeds/rss-updated.xml (3 item(s): 3 already in an earlier edition)',
    ]);
  });
});
