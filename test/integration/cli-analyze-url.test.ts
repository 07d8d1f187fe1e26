import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { type FeedServer, startFeedServer } from '../fixtures/feeds/server.js';
import { captureIO } from '../helpers/capture-io.js';

let server: FeedServer;
const cwd = mkdtempSync(join(tmpdir(), 'digest-analyze-url-'));

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

describe('digest analyze on URLs served locally', () => {
  it('analyses an article page with --allow-loopback: contract JSON with its quote and speaker', async () => {
    // Prepare
    const io = captureIO({ cwd });
    // Act
    const code = await main(['analyze', `${server.base}/news/cycle-path`, '--allow-loopback', '--json'], io);
    // Assess
    expect(code).toBe(0);
    const lines = io.out().trim().split('\n');
    expect(lines).toHaveLength(1);
    const analysis = JSON.parse(lines[0]!);
    expect(analysis.title).toBe('Council extends the riverside cycle path');
    expect(analysis.quotes.map((q: { speaker: string }) => q.speaker)).toContain('Ada Brenner');
  });

  it('prints one JSON line per feed item for a feed', async () => {
    const io = captureIO({ cwd });
    const code = await main(
      ['analyze', '--feed', `${server.base}/rss.xml`, '--allow-loopback', '--json'],
      io,
    );
    expect(code).toBe(0);
    const titles = io
      .out()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).title);
    expect(titles.length).toBeGreaterThanOrEqual(2);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('refuses a loopback URL without --allow-loopback: exit 2, one line naming the address and the rule', async () => {
    const io = captureIO({ cwd });
    const code = await main(['analyze', `${server.base}/rss.xml`], io);
    expect(code).toBe(2);
    expect(io.out()).toBe('');
    const lines = io.err().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/127\.0\.0\.1 is loopback/);
    expect(lines[0]).toContain(`${server.base}/rss.xml`);
  });
});
