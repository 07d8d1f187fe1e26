import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeFetch } from '../../src/article/fetch.js';
import { FetchError } from '../../src/errors.js';

// Servers on 127.0.0.1 and ::1 only. The TLS certificate is a self-signed test certificate for
// feeds.test, committed under test/fixtures/feeds/tls (never trusted outside this test).
const tls = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/feeds/tls');
const key = readFileSync(join(tls, 'self-signed.key'));
const cert = readFileSync(join(tls, 'self-signed.crt'));
const feed = '<?xml version="1.0"?><rss version="2.0"><channel><title>over ::1</title></channel></rss>';

let httpsServer: HttpsServer;
let httpsPort = 0;
const serverNames: string[] = [];
let ipv6Server: Server | undefined;
let ipv6Port = 0;

beforeAll(async () => {
  httpsServer = createHttpsServer(
    {
      key,
      cert,
      SNICallback: (name, callback) => {
        serverNames.push(name);
        callback(null, createSecureContext({ key, cert }));
      },
    },
    (_req, res) => res.end(feed),
  );
  httpsServer.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => httpsServer.listen(0, '127.0.0.1', resolve));
  httpsPort = (httpsServer.address() as AddressInfo).port;

  const server = createHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(feed);
  });
  ipv6Server = await new Promise<Server | undefined>((resolve) => {
    server.once('error', () => resolve(undefined));
    server.listen(0, '::1', () => resolve(server));
  });
  if (ipv6Server) ipv6Port = (ipv6Server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => httpsServer.close(resolve));
  if (ipv6Server) await new Promise((resolve) => ipv6Server?.close(resolve));
});

describe('safeFetch over TLS and IPv6', () => {
  it('verifies certificates and sends the host name (SNI) to the pinned address (resolver mocked: feeds.test has no DNS)', async () => {
    const resolve = async () => [{ address: '127.0.0.1', family: 4 }];

    const error = await safeFetch(`https://feeds.test:${httpsPort}/rss.xml`, {
      allowLoopback: true,
      resolve,
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(FetchError);
    expect((error as Error).message).toMatch(
      new RegExp(`^could not fetch https://feeds\\.test:${httpsPort}/rss\\.xml: self[- ]signed certificate`),
    );
    expect(serverNames).toContain('feeds.test');
  });

  it('refuses ::1 without allowLoopback and reads from it with', async () => {
    const url = `http://[::1]:${ipv6Port || 9}/feed.xml`;

    const error = await safeFetch(url).catch((caught: unknown) => caught);

    expect((error as Error).message).toBe(
      `refused ${url}: address ::1 is loopback; pass --allow-loopback for local work`,
    );
    if (!ipv6Server) {
      console.warn('IPv6 loopback (::1) is not available here: only the refusal was checked');
      return;
    }
    expect((await safeFetch(url, { allowLoopback: true })).text).toContain('over ::1');
  });
});
