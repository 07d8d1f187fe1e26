// Fault 4 of issue 11: a fetch whose connection fails synchronously (ENETUNREACH) crashed the process.
// The connection failure is real: 127.255.255.255 is the broadcast address of the loopback network, and
// the kernel refuses a TCP connect to it with ENETUNREACH at once. Only the DNS answer is mocked (no real
// resolver answers a name with an unroutable address on demand); everything after it is the real stack.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { feedCollector } from '../../lambdas/edition-services.js';
import { safeFetch } from '../../src/article/fetch.js';
import { main } from '../../src/cli/index.js';
import type { EditionStore } from '../../src/edition/ports.js';
import { FetchError } from '../../src/errors.js';
import { captureIO } from '../helpers/capture-io.js';

const UNROUTABLE = '127.255.255.255';

vi.mock('node:dns/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:dns/promises')>();
  const lookup = async (host: string, options: object) =>
    host.endsWith('.unroutable.test')
      ? [{ address: UNROUTABLE, family: 4 }]
      : real.lookup(host, options as never);
  return { ...real, lookup, default: { ...real, lookup } };
});

const crashes: unknown[] = [];
const onCrash = (error: unknown) => crashes.push(error);

afterEach(() => {
  process.off('uncaughtException', onCrash);
  crashes.length = 0;
});

const noEditions: EditionStore = {
  record: async () => {},
  seen: async () => new Set(),
  latest: async () => undefined,
};

describe('fault 4: ENETUNREACH ends as a handled error, never a crash', () => {
  it('fault 4: safeFetch rejects with one "could not fetch" FetchError (exit 1) for an unroutable pinned address', async () => {
    // Prepare
    process.on('uncaughtException', onCrash);
    const resolve = async () => [{ address: UNROUTABLE, family: 4 }];

    // Act
    const error = await safeFetch('http://feed.example/rss.xml', { allowLoopback: true, resolve }).catch(
      (caught: unknown) => caught,
    );

    // Assess
    expect(crashes).toEqual([]);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).message).toMatch(
      /^could not fetch http:\/\/feed\.example\/rss\.xml: connect ENETUNREACH 127\.255\.255\.255:80/,
    );
    expect((error as FetchError).exitCode).toBe(1);
  });

  it('fault 4: digest analyze prints one "could not fetch" line and exits 1', async () => {
    process.on('uncaughtException', onCrash);
    const io = captureIO();

    const code = await main(['analyze', 'http://news.unroutable.test/feed.xml', '--allow-loopback'], io);

    expect(crashes).toEqual([]);
    expect(code).toBe(1);
    expect(io.out()).toBe('');
    const lines = io.err().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /could not fetch http:\/\/news\.unroutable\.test\/feed\.xml: connect ENETUNREACH/,
    );
  });

  it('fault 4: in the Lambda a feed that cannot be reached is a handled note of the edition', async () => {
    // The Lambda never allows loopback, so here the same address is refused by the policy before any
    // connection; the ENETUNREACH path itself is the shared safeFetch above. Either way the collector
    // returns a note instead of throwing or crashing.
    process.on('uncaughtException', onCrash);
    const collect = feedCollector('https://news.unroutable.test/feed.xml');

    const collected = await collect(noEditions, 5);

    expect(crashes).toEqual([]);
    expect(collected.articles).toEqual([]);
    expect(collected.notes).toHaveLength(1);
    expect(collected.notes[0]).toMatch(/^feed not read, left out of this edition: .*news\.unroutable\.test/);
  });
});
