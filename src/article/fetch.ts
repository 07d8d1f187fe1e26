import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { FetchError } from '../errors.js';
import type { FetchCache } from './fetch-cache.js';
import { decodeBody, parseContentType } from './fetch-decode.js';
import { type AddressPolicy, addressRefusal, urlHost } from './url-policy.js';

/** The User-Agent every request carries. */
export const DEFAULT_USER_AGENT =
  'digest-generator/0.1 (+https://github.com/digest-generator/digest-generator)';
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const MAX_REDIRECTS = 5;

/** What the caller expects: a feed, an article page, or either (decided by content type or content). */
export type ExpectedContent = 'feed' | 'page' | 'any';

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface SafeFetchOptions extends AddressPolicy {
  /** Size cap in bytes, decompressed (default 5 MB). */
  maxBytes?: number;
  /** Time cap for the whole fetch, redirects included (default 10 s). */
  timeoutMs?: number;
  userAgent?: string;
  expect?: ExpectedContent;
  /** On-disk cache for conditional requests (ETag, Last-Modified). */
  cache?: FetchCache;
  /** DNS resolution; injectable only so a test can simulate a rebinding resolver. */
  resolve?: (host: string) => Promise<ResolvedAddress[]>;
}

export interface FetchResult {
  /** The URL asked for. */
  url: string;
  /** The URL the content came from, after redirects. */
  finalUrl: string;
  kind: 'feed' | 'page';
  mediaType: string;
  charset: string;
  text: string;
  bytes: number;
  /** True when the server answered 304 and the cached copy was used. */
  notModified: boolean;
  redirects: string[];
}

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
]);
const PAGE_TYPES = new Set(['text/html', 'application/xhtml+xml']);
// Servers often label feeds and pages generically; these are accepted and the content decides.
const SNIFFED_TYPES = new Set(['', 'text/plain', 'application/octet-stream', 'binary/octet-stream']);

function kindOfType(mediaType: string): 'feed' | 'page' | 'sniff' | undefined {
  if (PAGE_TYPES.has(mediaType)) return 'page';
  if (FEED_TYPES.has(mediaType) || mediaType.endsWith('+xml')) return 'feed';
  if (SNIFFED_TYPES.has(mediaType)) return 'sniff';
  return undefined;
}

/** Feed or page judged from the first characters of a document, or undefined. */
export function sniffKind(text: string): 'feed' | 'page' | undefined {
  const head = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, '')
    .toLowerCase();
  // Skip the XML declaration, processing instructions and comments before the root element.
  const root = head.replace(/^(\s*(<\?[\s\S]*?\?>|<!--[\s\S]*?-->))*\s*/, '');
  if (/^<!doctype html|^<html[\s>]/.test(root)) return 'page';
  if (/^<(rss|feed|rdf:rdf)[\s>]/.test(root)) return 'feed';
  return undefined;
}

const describe = (expect: ExpectedContent): string =>
  expect === 'feed' ? 'a feed' : expect === 'page' ? 'a web page' : 'a feed or web page';

async function defaultResolve(host: string): Promise<ResolvedAddress[]> {
  return dnsLookup(host, { all: true, verbatim: true });
}

function withDeadline<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Resolves the URL's host and checks every address; returns the one to connect to. An IP literal is
 * checked as it is. A host with any refused address is refused as a whole.
 */
async function resolveChecked(
  url: URL,
  label: string,
  options: SafeFetchOptions,
  signal: AbortSignal,
): Promise<ResolvedAddress[] | undefined> {
  const host = urlHost(url);
  const literal = /^[\d.]+$/.test(host) || host.includes(':');
  if (literal) {
    const refusal = addressRefusal(host, options);
    if (refusal)
      throw new FetchError(`refused ${label}: address ${refusal.address} is ${refusal.rule}${refusal.hint}`);
    return undefined;
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await withDeadline((options.resolve ?? defaultResolve)(host), signal);
  } catch (error) {
    if (signal.aborted) throw error;
    throw new FetchError(`could not fetch ${label}: host ${host} not found`, { cause: error, exitCode: 1 });
  }
  if (addresses.length === 0) throw new FetchError(`could not fetch ${label}: host ${host} has no address`);
  for (const { address } of addresses) {
    const refusal = addressRefusal(address, options);
    if (refusal) {
      throw new FetchError(
        `refused ${label}: ${host} resolves to ${refusal.address}, which is ${refusal.rule}${refusal.hint}`,
      );
    }
  }
  return addresses;
}

/**
 * A lookup that answers only with the already checked addresses, so the connection cannot be
 * re-resolved. All of them are offered, so Node's happy-eyeballs can fall back from an unreachable
 * IPv6 address to IPv4 (Lambda has no IPv6 egress by default). The answer is deferred as a real DNS
 * answer is: called back synchronously, `net` connects inside `http.request()`, and a synchronous connect
 * error (ENETUNREACH) is emitted before the request has attached its error listener: an uncaught crash.
 */
function pinnedLookup(pinned: ResolvedAddress[]): LookupFunction {
  return ((
    _hostname: string,
    options: { all?: boolean; family?: number },
    answer: (...args: unknown[]) => void,
  ) => {
    const callback = (...args: unknown[]) => setImmediate(() => answer(...args));
    const wanted = options?.family === 4 || options?.family === 6 ? options.family : undefined;
    const candidates = wanted ? pinned.filter((entry) => entry.family === wanted) : pinned;
    if (candidates.length === 0) {
      callback(Object.assign(new Error(`no IPv${wanted} address`), { code: 'ENOTFOUND' }));
    } else if (options?.all) {
      callback(
        null,
        candidates.map(({ address, family }) => ({ address, family })),
      );
    } else {
      callback(null, candidates[0]!.address, candidates[0]!.family);
    }
  }) as unknown as LookupFunction;
}

function request(
  url: URL,
  pinned: ResolvedAddress[] | undefined,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(url, {
      method: 'GET',
      headers,
      signal,
      // No pooling: a kept-alive socket must never carry a request to a differently checked host.
      agent: false,
      ...(pinned ? { lookup: pinnedLookup(pinned), autoSelectFamily: true } : {}),
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.end();
  });
}

async function readBody(res: IncomingMessage, maxBytes: number, label: string): Promise<Buffer> {
  const encoding = (res.headers['content-encoding'] ?? '').toLowerCase().trim();
  let stream: Readable = res;
  if (encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate' || encoding === 'br') {
    const decoder =
      encoding === 'br'
        ? zlib.createBrotliDecompress()
        : encoding === 'deflate'
          ? zlib.createInflate()
          : zlib.createGunzip();
    res.on('error', (error) => decoder.destroy(error));
    stream = res.pipe(decoder);
  } else if (encoding && encoding !== 'identity') {
    res.destroy();
    throw new FetchError(`could not fetch ${label}: unsupported content encoding ${encoding}`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) {
        throw new FetchError(`refused ${label}: larger than the size cap of ${maxBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
  } finally {
    if (total > maxBytes || !res.complete) res.destroy();
  }
  return Buffer.concat(chunks);
}

/**
 * Fetches a feed or page under the safety rules: http/https only; every host resolved here and only
 * public addresses connected to (the checked address is pinned, so DNS rebinding cannot move the
 * connection); at most 5 redirects, each re-checked; a size and a total time cap; content types
 * checked; conditional requests against the cache. Every refusal is a FetchError naming URL and rule.
 */
export async function safeFetch(input: string, options: SafeFetchOptions = {}): Promise<FetchResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const expect = options.expect ?? 'any';
  let current: URL;
  try {
    current = new URL(input);
  } catch (error) {
    throw new FetchError(`${input}: not a valid URL`, { cause: error });
  }
  const controller = new AbortController();
  const timer = setTimeout(
    () =>
      controller.abort(
        new FetchError(`could not fetch ${input}: timed out after ${timeoutMs} ms`, { exitCode: 1 }),
      ),
    timeoutMs,
  );
  const cached = await options.cache?.get(input);
  const redirects: string[] = [];
  try {
    for (;;) {
      const label = redirects.length === 0 ? current.href : `${current.href} (redirected from ${input})`;
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        throw new FetchError(`refused ${label}: only http and https URLs are fetched`);
      }
      if (current.username || current.password) {
        throw new FetchError(`refused ${label}: URLs with credentials are not fetched`);
      }
      const pinned = await resolveChecked(current, label, options, controller.signal);
      const headers: Record<string, string> = {
        'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
        accept:
          expect === 'feed'
            ? 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1'
            : 'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.1',
        'accept-encoding': 'gzip, deflate, br',
      };
      if (cached?.entry.etag) headers['if-none-match'] = cached.entry.etag;
      if (cached?.entry.lastModified) headers['if-modified-since'] = cached.entry.lastModified;

      const res = await request(current, pinned, headers, controller.signal);
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if ([301, 302, 303, 307, 308].includes(status) && location) {
        // Not drained: a hostile server could stream an endless body after the redirect.
        res.destroy();
        if (redirects.length >= MAX_REDIRECTS) {
          throw new FetchError(`refused ${input}: more than ${MAX_REDIRECTS} redirects`);
        }
        redirects.push(current.href);
        try {
          current = new URL(location, current);
        } catch (error) {
          throw new FetchError(`could not fetch ${label}: bad redirect location ${location}`, {
            cause: error,
          });
        }
        continue;
      }
      if (status === 304 && cached) {
        res.destroy();
        const { mediaType, charset } = parseContentType(cached.entry.contentType);
        const decoded = decodeBody(cached.body, charset);
        return {
          url: input,
          finalUrl: cached.entry.finalUrl,
          kind: classify(mediaType, decoded.text, label, expect),
          mediaType,
          charset: decoded.charset,
          text: decoded.text,
          bytes: cached.body.length,
          notModified: true,
          redirects,
        };
      }
      if (status < 200 || status >= 300) {
        res.destroy();
        throw new FetchError(
          `could not fetch ${label}: HTTP ${status} ${res.statusMessage ?? ''}`.trimEnd(),
          {
            exitCode: status >= 500 ? 1 : 2,
          },
        );
      }
      const contentType = res.headers['content-type'];
      const { mediaType, charset } = parseContentType(contentType);
      if (kindOfType(mediaType) === undefined) {
        res.destroy();
        throw new FetchError(`refused ${label}: content type ${mediaType} is not ${describe(expect)}`);
      }
      const declared = Number(res.headers['content-length']);
      if (!res.headers['content-encoding'] && Number.isFinite(declared) && declared > maxBytes) {
        res.destroy();
        throw new FetchError(
          `refused ${label}: ${declared} bytes is larger than the size cap of ${maxBytes} bytes`,
        );
      }
      const body = await readBody(res, maxBytes, label);
      const decoded = decodeBody(body, charset);
      const kind = classify(mediaType, decoded.text, label, expect);
      await options.cache
        ?.put(
          {
            url: input,
            finalUrl: current.href,
            etag: header(res, 'etag'),
            lastModified: header(res, 'last-modified'),
            contentType,
            storedAt: new Date().toISOString(),
          },
          body,
        )
        .catch(() => undefined);
      return {
        url: input,
        finalUrl: current.href,
        kind,
        mediaType,
        charset: decoded.charset,
        text: decoded.text,
        bytes: body.length,
        notModified: false,
        redirects,
      };
    }
  } catch (error) {
    if (controller.signal.aborted && controller.signal.reason instanceof FetchError)
      throw controller.signal.reason;
    if (error instanceof FetchError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code ? `${(error as Error).message.split('\n')[0]}` : String(error);
    throw new FetchError(`could not fetch ${input}: ${why}`, { cause: error, exitCode: 1 });
  } finally {
    clearTimeout(timer);
  }
}

function header(res: IncomingMessage, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function classify(mediaType: string, text: string, label: string, expect: ExpectedContent): 'feed' | 'page' {
  const byType = kindOfType(mediaType);
  const sniffed = sniffKind(text);
  // The content wins over a generic type: application/xml may carry XHTML, text/html rarely a feed.
  const kind = byType === 'page' || byType === 'feed' ? (sniffed ?? byType) : sniffed;
  if (!kind)
    throw new FetchError(`refused ${label}: content (${mediaType || 'no type'}) is not ${describe(expect)}`);
  if (expect !== 'any' && kind !== expect) {
    throw new FetchError(`refused ${label}: expected ${describe(expect)}, got ${describe(kind)}`);
  }
  return kind;
}
