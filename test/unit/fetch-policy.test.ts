import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { sniffKind } from '../../src/article/fetch.js';
import { declaredCharset, decodeBody, parseContentType } from '../../src/article/fetch-decode.js';
import { parseSince, sourceArgOptions, sourceOptionsFromArgs } from '../../src/article/sources-args.js';
import { addressRefusal } from '../../src/article/url-policy.js';
import { InputError } from '../../src/errors.js';

describe('addressRefusal', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private (10/8, 172.16/12, 192.168/16)'],
    ['172.16.5.4', 'private (10/8, 172.16/12, 192.168/16)'],
    ['192.168.1.1', 'private (10/8, 172.16/12, 192.168/16)'],
    ['100.64.0.1', 'shared address space (100.64/10, CGNAT)'],
    ['169.254.169.254', 'link-local (the cloud metadata service)'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fd00::1', 'unique-local (fc00::/7)'],
    ['fc00::1', 'unique-local (fc00::/7)'],
    ['fd00:ec2::254', 'link-local (the cloud metadata service)'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local (the cloud metadata service)'],
    ['::ffff:10.1.2.3', 'private (10/8, 172.16/12, 192.168/16)'],
    ['64:ff9b::a00:1', 'NAT64 (64:ff9b::/96)'],
  ])('refuses %s as %s', (address, rule) => {
    expect(addressRefusal(address)?.rule).toBe(rule);
  });

  it('fault 13: IPv4-compatible IPv6 addresses and the rest of ::/8 are refused', () => {
    // ipaddr.js calls all of these `unicast`; the old allow-list let them through.
    expect(addressRefusal('::a9fe:a9fe')?.rule).toBe(
      'IPv4-compatible IPv6 (::/96, deprecated; it carries 169.254.169.254)',
    );
    expect(addressRefusal('::7f00:1')?.rule).toBe(
      'IPv4-compatible IPv6 (::/96, deprecated; it carries 127.0.0.1)',
    );
    expect(addressRefusal('::7f00:1', { allowLoopback: true })?.rule).toContain('IPv4-compatible');
    expect(addressRefusal('::808:808')?.rule).toContain('IPv4-compatible');
    expect(addressRefusal('::1:0:0:1')?.rule).toBe('reserved (::/8)');
    expect(addressRefusal('ff::1')?.rule).toBe('reserved (::/8)');
    for (const address of ['4000::1', '8000::1', 'e000::1', '100::1', 'fec0::1', '2001:db8::1', '3fff::1']) {
      expect(addressRefusal(address), address).toBeDefined();
    }
    expect(addressRefusal('100::1')?.rule).toBe('discard-only (100::/64)');
  });

  it('lets public unicast addresses through', () => {
    expect(addressRefusal('93.184.216.34')).toBeUndefined();
    expect(addressRefusal('2a00:1450:4001:82b::200e')).toBeUndefined();
  });

  it('allowLoopback allows loopback only, never private or metadata addresses', () => {
    const policy = { allowLoopback: true };

    expect(addressRefusal('127.0.0.1', policy)).toBeUndefined();
    expect(addressRefusal('::1', policy)).toBeUndefined();
    expect(addressRefusal('::ffff:127.0.0.1', policy)).toBeUndefined();
    expect(addressRefusal('10.0.0.1', policy)?.rule).toContain('private');
    expect(addressRefusal('169.254.169.254', policy)?.rule).toContain('metadata');
    expect(addressRefusal('fd00::1', policy)?.rule).toContain('unique-local');
  });

  it('hints at --allow-loopback only for loopback', () => {
    expect(addressRefusal('127.0.0.1')?.hint).toBe('; pass --allow-loopback for local work');
    expect(addressRefusal('10.0.0.1')?.hint).toBe('; only public addresses are fetched');
  });
});

describe('decodeBody', () => {
  it('uses the Content-Type charset', () => {
    const bytes = iconv.encode('日本語のニュース', 'shift_jis');

    expect(decodeBody(bytes, 'Shift_JIS').text).toBe('日本語のニュース');
  });

  it('reads an XML declaration and an HTML meta charset', () => {
    const xml = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss>caf\xe9</rss>', 'latin1');
    const html = Buffer.from(
      '<html><head><meta charset="windows-1252"></head><body>\x93quoted\x94</body></html>',
      'latin1',
    );
    const httpEquiv = Buffer.from(
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head>\xfc</html>',
      'latin1',
    );

    expect(decodeBody(xml).text).toContain('café');
    expect(decodeBody(html).text).toContain('“quoted”');
    expect(decodeBody(httpEquiv).text).toContain('ü</html>');
    expect(declaredCharset(xml)).toBe('ISO-8859-1');
  });

  it('lets a byte-order mark win and strips it', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('héllo', 'utf8')]);

    expect(decodeBody(bytes, 'iso-8859-1')).toEqual({ text: 'héllo', charset: 'utf-8' });
  });

  it('falls back to UTF-8 for an unknown charset label', () => {
    expect(decodeBody(Buffer.from('plain ü', 'utf8'), 'x-unknown-charset')).toEqual({
      text: 'plain ü',
      charset: 'utf-8',
    });
  });

  it('parses Content-Type parameters', () => {
    expect(parseContentType('Application/RSS+XML; Charset="ISO-8859-1"')).toEqual({
      mediaType: 'application/rss+xml',
      charset: 'ISO-8859-1',
    });
    expect(parseContentType(undefined)).toEqual({ mediaType: '' });
  });
});

describe('sniffKind', () => {
  it('tells feeds from pages by their root element', () => {
    expect(sniffKind('\uFEFF<?xml version="1.0"?>\n<!-- c --><rss version="2.0">')).toBe('feed');
    expect(sniffKind('<feed xmlns="http://www.w3.org/2005/Atom">')).toBe('feed');
    expect(sniffKind('<?xml version="1.0"?><!DOCTYPE html><html>')).toBe('page');
    expect(sniffKind('<!DOCTYPE html><html lang="en">')).toBe('page');
    expect(sniffKind('just some text')).toBeUndefined();
  });
});

describe('parseSince and sourceOptionsFromArgs', () => {
  it('reads ISO dates and spans back from now', () => {
    const now = new Date('2026-11-30T12:00:00Z');

    expect(parseSince('2026-11-01').toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(parseSince('2026-11-01T08:00:00+01:00').toISOString()).toBe('2026-11-01T07:00:00.000Z');
    expect(parseSince('7d', now).toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(parseSince('36h', now).toISOString()).toBe('2026-11-29T00:00:00.000Z');
  });

  it('refuses a date it cannot read, naming the flag', () => {
    expect(() => parseSince('last tuesday')).toThrow(InputError);
    expect(() => parseSince('2026-13-45')).toThrow('--since 2026-13-45: not a date');
  });

  it("plugs into a command's parseArgs with a spread", () => {
    // Prepare: the way a command adds the flags.
    const { values, positionals } = parseArgs({
      args: [
        'page.html',
        '--feed',
        'https://a.example/feed',
        '--feed',
        'https://b.example/atom',
        '--since',
        '7d',
        '--follow',
        '--allow-loopback',
      ],
      allowPositionals: true,
      options: { json: { type: 'boolean' }, ...sourceArgOptions },
    });

    // Act
    const options = sourceOptionsFromArgs(values, { cwd: '/w' });

    // Assess
    expect(positionals).toEqual(['page.html']);
    expect(options.feeds).toEqual(['https://a.example/feed', 'https://b.example/atom']);
    expect(options.follow).toBe(true);
    expect(options.allowLoopback).toBe(true);
    expect(options.since).toBeInstanceOf(Date);
  });

  it('maps the flags, loopback off unless asked', () => {
    const options = sourceOptionsFromArgs(
      { feed: ['https://news.example/feed.xml'], follow: true, since: '2026-11-01' },
      { cwd: '/srv/digest' },
    );

    expect(options).toMatchObject({
      allowLoopback: false,
      follow: true,
      feeds: ['https://news.example/feed.xml'],
      cacheDir: '/srv/digest/.digest/http-cache',
    });
    expect(options.since?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(sourceOptionsFromArgs({ 'allow-loopback': true }).allowLoopback).toBe(true);
  });
});
