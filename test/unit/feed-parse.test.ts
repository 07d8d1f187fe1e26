import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/article/feed.js';
import { InputError } from '../../src/errors.js';
import { fixture } from '../fixtures/feeds/server.js';

const BASE = 'http://news.example';

describe('parseFeed', () => {
  it('reads RSS 2.0 items: title, link, guid key, date, content:encoded over description', () => {
    // Prepare
    const xml = fixture('rss.xml', BASE).toString('utf8');

    // Act
    const feed = parseFeed(xml, `${BASE}/rss.xml`);

    // Assess
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('Riverside Gazette');
    expect(feed.items).toHaveLength(2);
    const [first, second] = feed.items;
    expect(first).toMatchObject({
      key: `${BASE}/rss.xml#gazette-2026-001`,
      title: 'Council extends the riverside cycle path',
      link: `${BASE}/news/cycle-path`,
      publishedAt: '2026-11-02T09:00:00.000Z',
      excerpt: false,
    });
    expect(first?.html).toContain('<p>The city council voted');
    // An entity-escaped description is HTML once parsed.
    expect(second?.html).toContain('<p>The public library will open on Sundays');
    expect(second?.publishedAt).toBe('2026-11-10T08:30:00.000Z');
  });

  it('reads Atom entries: html and xhtml content, relative links, published else updated', () => {
    const feed = parseFeed(fixture('atom.xml', BASE).toString('utf8'), `${BASE}/atom.xml`);

    expect(feed.format).toBe('atom');
    expect(feed.title).toBe('Harbour & Hill Weekly');
    const [library, cycle] = feed.items;
    expect(library).toMatchObject({
      key: 'urn:uuid:a6f0a2f6-5d43-4b8e-9b7a-1f0e0f6f9a01',
      title: 'Library opens on Sundays',
      link: `${BASE}/news/library-sundays`,
      publishedAt: '2026-11-10T08:30:00.000Z',
      updatedAt: '2026-11-11T08:30:00.000Z',
    });
    expect(cycle?.link).toBe(`${BASE}/news/cycle-path`);
    expect(cycle?.publishedAt).toBe('2026-11-02T09:00:00.000Z');
    // xhtml content keeps its paragraphs in order.
    expect(cycle?.html.indexOf('The city council voted')).toBeLessThan(
      cycle?.html.indexOf('Critics on the council') ?? 0,
    );
    expect(cycle?.excerpt).toBe(false);
  });

  it('marks short or "Read more" bodies as excerpts and keys guid-less items by link', () => {
    const feed = parseFeed(fixture('excerpt.xml', BASE).toString('utf8'), `${BASE}/excerpt.xml`);

    expect(feed.items.map((item) => item.excerpt)).toEqual([true, true]);
    expect(feed.items[0]?.key).toBe(`${BASE}/news/cycle-path`);
    expect(feed.items[1]?.key).toBe(`${BASE}/news/library-sundays`);
  });

  it('reads RSS 1.0 (RDF) items keyed by rdf:about', () => {
    const xml = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="${BASE}/"><title>RDF news</title><link>${BASE}/</link></channel>
  <item rdf:about="${BASE}/a"><title>A</title><link>${BASE}/a</link><dc:date>2026-11-03T10:00:00Z</dc:date><description>Short.</description></item>
</rdf:RDF>`;

    const feed = parseFeed(xml, `${BASE}/rdf`);

    expect(feed.format).toBe('rdf');
    expect(feed.items[0]).toMatchObject({
      key: `${BASE}/a`,
      title: 'A',
      publishedAt: '2026-11-03T10:00:00.000Z',
    });
  });

  it('keeps a numeric-looking guid as written', () => {
    const xml =
      '<rss><channel><title>t</title><item><title>x</title><guid>0042</guid></item></channel></rss>';

    expect(parseFeed(xml, 'f.xml').items[0]?.key).toBe('f.xml#0042');
  });

  it('keys an item with neither guid nor link by a hash of its title and body', () => {
    const xml = (body: string) =>
      `<rss><channel><title>t</title><item><title>x</title><description>${body}</description></item></channel></rss>`;

    const [a, b, c] = [xml('one'), xml('one'), xml('two')].map(
      (doc) => parseFeed(doc, 'f.xml').items[0]?.key,
    );

    expect(a).toMatch(/^f\.xml#sha256:[0-9a-f]{16}$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('drops item links that are not http(s)', () => {
    const xml = `<rss><channel><title>t</title>
      <item><title>a</title><link>javascript:alert(1)</link><guid>urn:a</guid></item>
      <item><title>b</title><link>file:///etc/passwd</link><guid>urn:b</guid></item>
      <item><title>c</title><link>/relative/path</link><guid>urn:c</guid></item>
    </channel></rss>`;

    const feed = parseFeed(xml, 'https://news.example/feed.xml');

    expect(feed.items.map((item) => item.link)).toEqual([
      undefined,
      undefined,
      'https://news.example/relative/path',
    ]);
  });

  it('names the line and column of broken XML', () => {
    const xml = fixture('malformed.xml', BASE).toString('utf8');

    expect(() => parseFeed(xml, 'malformed.xml')).toThrow(InputError);
    expect(() => parseFeed(xml, 'malformed.xml')).toThrow(
      /^malformed\.xml: not a well-formed feed: XML error at line \d+, column \d+: .+/,
    );
  });

  it('says so for XML that is not a feed, an empty document and binary junk', () => {
    expect(() => parseFeed('<?xml version="1.0"?><html><body/></html>', 'page.xml')).toThrow(
      'page.xml: XML but not an RSS or Atom feed (root element <html>)',
    );
    expect(() => parseFeed('  \n', 'empty.xml')).toThrow('empty.xml: empty feed');
    expect(() => parseFeed('\u0000\u0001\u0002PNG', 'junk.xml')).toThrow(InputError);
  });

  it('does not expand a billion-laughs entity bomb', () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
]>
<rss><channel><title>t</title><item><title>&e;&e;&e;&e;&e;&e;</title></item></channel></rss>`;

    let title = '';
    try {
      title = parseFeed(bomb, 'bomb.xml').items[0]?.title ?? '';
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
    }
    expect(title.length).toBeLessThan(200_000);
  });
});
