// End to end: `digest send` and `digest subscribers` run in process against the real aws-ses-v2-local.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalSes, readLocalSesStore, startLocalSes } from '../../src/adapters/local/embedded-ses.js';
import { main } from '../../src/cli/index.js';
import { verifyUnsubscribeToken } from '../../src/email/index.js';
import { DEV_HMAC_KEY, NO_WEB_BASE_URL_NOTE } from '../../src/settings/local.js';
import { captureIO } from '../helpers/capture-io.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = join(ROOT, 'examples/articles/north-korea-human-rights.txt');

let ses: LocalSes;
let dir: string;

beforeAll(async () => {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  ses = await startLocalSes();
});
afterAll(() => ses.close());
beforeEach(async () => {
  await ses.clear();
  dir = mkdtempSync(join(tmpdir(), 'digest-cli-send-'));
  return () => rmSync(dir, { recursive: true, force: true });
});

const three = [
  { email: 'ada@example.com', name: 'Ada Lovelace', status: 'active' },
  { email: 'grace@example.org', name: 'Grace Hopper', status: 'active' },
  { email: 'alan@example.com', status: 'active' },
  { email: 'claude@example.com', status: 'unsubscribed' },
];

function tokenIn(html: string): string {
  const match = /unsubscribe\?token=([A-Za-z0-9_.-]+)/.exec(html);
  if (!match?.[1]) throw new Error('no unsubscribe token in the message');
  return match[1];
}

describe('digest send (end to end, real aws-ses-v2-local)', () => {
  it('delivers one message to each of three subscribers, each with its own unsubscribe token; a second run sends nothing', async () => {
    // Prepare
    writeFileSync(join(dir, 'subscribers.json'), JSON.stringify(three));
    const args = [
      'send',
      SAMPLE,
      '--subscribers',
      'subscribers.json',
      '--ses-endpoint',
      ses.endpoint,
      '--rate',
      '0',
    ];
    // Act
    const first = captureIO({ cwd: dir });
    const firstCode = await main([...args, '--report', 'report.json'], first);
    const afterFirst = await readLocalSesStore(ses.endpoint);
    const second = captureIO({ cwd: dir });
    const secondCode = await main(args, second);
    const afterSecond = await readLocalSesStore(ses.endpoint);
    // Assess
    expect(firstCode, first.err()).toBe(0);
    expect(first.out()).toMatch(/sent 3, skipped 1, failed 0, pending 0, unknown 0 \(of 4\)/);
    expect(afterFirst).toHaveLength(3);
    const byRecipient = new Map(
      afterFirst.map((e) => [/<?([^<>\s]+@[^<>\s]+)>?$/.exec(e.destination.to[0]!)?.[1], e]),
    );
    expect([...byRecipient.keys()].sort()).toEqual([
      'ada@example.com',
      'alan@example.com',
      'grace@example.org',
    ]);
    const tokens = new Set<string>();
    for (const [email, message] of byRecipient) {
      const token = tokenIn(message.body.html ?? '');
      tokens.add(token);
      expect(verifyUnsubscribeToken(DEV_HMAC_KEY, token)).toEqual({ email, listId: 'digest.example.com' });
      expect(message.body.text).toContain(token);
      expect(message.subject).toMatch(/North Korea/);
    }
    expect(tokens.size).toBe(3);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ outcome: 'complete', counts: { sent: 3, skipped: 1 } });
    expect(secondCode).toBe(0);
    expect(second.out()).toMatch(/sent 0, skipped 4/);
    expect(afterSecond).toHaveLength(3);
    expect(existsSync(join(dir, '.digest/send-ledger.jsonl'))).toBe(true);
  }, 60_000);

  it('--dry-run renders and checks every message and sends and records nothing', async () => {
    writeFileSync(join(dir, 'subscribers.json'), JSON.stringify(three));
    const io = captureIO({ cwd: dir });
    const code = await main(
      ['send', SAMPLE, '--subscribers', 'subscribers.json', '--ses-endpoint', ses.endpoint, '--dry-run'],
      io,
    );
    expect(code, io.err()).toBe(0);
    expect(io.out()).toMatch(/would send 3, skipped 1/);
    expect(await readLocalSesStore(ses.endpoint)).toHaveLength(0);
    expect(existsSync(join(dir, '.digest/send-ledger.jsonl'))).toBe(false);
  }, 30_000);

  it('--dry-run after a real send reports everyone as already sent', async () => {
    writeFileSync(join(dir, 'subscribers.json'), JSON.stringify(three));
    const args = [
      'send',
      SAMPLE,
      '--subscribers',
      'subscribers.json',
      '--ses-endpoint',
      ses.endpoint,
      '--rate',
      '0',
    ];
    await main(args, captureIO({ cwd: dir }));
    const io = captureIO({ cwd: dir });
    const code = await main([...args, '--dry-run'], io);
    expect(code, io.err()).toBe(0);
    expect(io.out()).toMatch(/would send 0, skipped 4/);
    expect(io.out()).toMatch(/3 x skipped: already sent/);
    expect(await readLocalSesStore(ses.endpoint)).toHaveLength(3);
  }, 30_000);

  it('--to sends a test to the given address only, outside the ledger, so the real send still reaches it', async () => {
    writeFileSync(join(dir, 'subscribers.json'), JSON.stringify(three));
    const test = captureIO({ cwd: dir });
    const testCode = await main(
      ['send', SAMPLE, '--to', 'ada@example.com', '--ses-endpoint', ses.endpoint],
      test,
    );
    const real = captureIO({ cwd: dir });
    await main(
      ['send', SAMPLE, '--subscribers', 'subscribers.json', '--ses-endpoint', ses.endpoint, '--rate', '0'],
      real,
    );
    const store = await readLocalSesStore(ses.endpoint);
    expect(testCode, test.err()).toBe(0);
    expect(test.out()).toMatch(/sent 1, skipped 0/);
    expect(store.filter((e) => e.destination.to[0]?.includes('ada@example.com'))).toHaveLength(2);
    expect(store).toHaveLength(4);
    // The test copy says so (issue 12); the real edition does not.
    expect(store.filter((e) => e.subject.startsWith('[Test] '))).toHaveLength(1);
    expect(store.find((e) => e.subject.startsWith('[Test] '))?.body.html).toContain('data-test-banner');
    expect(store.filter((e) => e.body.text?.includes('TEST SEND'))).toHaveLength(1);
  }, 30_000);

  it('without a web address the message has no view-in-browser link (not one to port 3000) and says so once; DIGEST_WEB_BASE_URL links it', async () => {
    // Prepare
    const args = ['send', SAMPLE, '--to', 'ada@example.com', '--ses-endpoint', ses.endpoint];
    const bare = captureIO({ cwd: dir });
    const web = captureIO({ cwd: dir, env: { DIGEST_WEB_BASE_URL: 'https://news.example.org/editions' } });
    // Act
    const bareCode = await main(args, bare);
    const [plain] = await readLocalSesStore(ses.endpoint);
    await ses.clear();
    const webCode = await main(args, web);
    const [linked] = await readLocalSesStore(ses.endpoint);
    // Assess
    expect(bareCode, bare.err()).toBe(0);
    expect(webCode, web.err()).toBe(0);
    expect(bare.err().split(NO_WEB_BASE_URL_NOTE)).toHaveLength(2);
    expect(web.err()).not.toContain(NO_WEB_BASE_URL_NOTE);
    for (const part of [plain?.body.html, plain?.body.text]) {
      expect(part).toContain('Unsubscribe');
      expect(part).not.toMatch(/View in your browser|127\.0\.0\.1:3000/);
    }
    const link = /href="([^"]+)"[^>]*>View in your browser/.exec(linked?.body.html ?? '')?.[1];
    expect(link).toMatch(/^https:\/\/news\.example\.org\/editions\/\d{4}-\d{2}-\d{2}-[0-9a-f]{16}\.html$/);
    expect(linked?.body.text).toContain(`<${link}>`);
  }, 30_000);

  it('starts the embedded SES itself when no endpoint or region is given', async () => {
    writeFileSync(join(dir, 'subscribers.json'), JSON.stringify(three.slice(0, 2)));
    const io = captureIO({ cwd: dir });
    const code = await main(['send', SAMPLE, '--subscribers', 'subscribers.json', '--rate', '0'], io);
    expect(code, io.err()).toBe(0);
    expect(io.err()).toMatch(/via the embedded local SES at http:\/\/127\.0\.0\.1:\d+/);
    expect(io.out()).toMatch(/sent 2/);
  }, 30_000);

  it.each([
    [['send'], /at least one article/],
    [['send', SAMPLE, '--rate', 'fast'], /--rate: expected a number/],
    [['send', SAMPLE, '--date', '30.11.2026'], /--date: expected YYYY-MM-DD/],
    [['send', SAMPLE, '--to', 'not an address'], /--to/],
    [['send', SAMPLE], /no subscriber list at .*subscribers\.json/],
    [
      ['send', SAMPLE, '--ses-endpoint', 'ftp://x', '--to', 'a@example.com'],
      /--ses-endpoint: expected an http\(s\) URL/,
    ],
  ])('rejects %j with exit 2 and one line', async (argv, pattern) => {
    const io = captureIO({ cwd: dir });
    const code = await main(argv, io);
    expect(code).toBe(2);
    expect(io.err()).toMatch(pattern);
    expect(io.err().trim().split('\n')).toHaveLength(1);
  });
});

describe('digest subscribers', () => {
  it('adds, lists, imports a CSV (invalid rows by line, duplicates skipped) and removes', async () => {
    writeFileSync(
      join(dir, 'list.csv'),
      'email,name\nada@example.com,Ada\nbad-address,X\ngrace@example.org,"Hopper, Grace"\nada@example.com,Again\n',
    );
    const run = async (...argv: string[]) => {
      const io = captureIO({ cwd: dir });
      return { code: await main(['subscribers', ...argv], io), out: io.out(), err: io.err() };
    };
    const added = await run('add', 'alan@example.com', '--name', 'Alan');
    const dup = await run('add', 'ALAN@example.com');
    const imported = await run('import', 'list.csv');
    const listed = await run('list', '--json');
    const removed = await run('remove', 'alan@example.com');
    const missing = await run('remove', 'alan@example.com');
    const hostile = await run('add', 'eve@example.com', '--name', 'Eve\r\nBcc: all@example.org');
    expect(added).toMatchObject({ code: 0, out: expect.stringMatching(/added alan@example.com/) });
    expect(dup.out).toMatch(/already subscribed/);
    expect(imported.code).toBe(3); // the good rows are in, the bad ones reported
    expect(imported.out).toMatch(/imported 2 new subscribers .* 1 repeated in the file, 1 invalid/);
    expect(imported.err).toMatch(/list\.csv:3: invalid: .*bad-address/);
    expect(imported.err).toMatch(/list\.csv:5: skipped: ada@example.com appears earlier/);
    expect(JSON.parse(listed.out).map((s: { email: string }) => s.email)).toEqual([
      'alan@example.com',
      'ada@example.com',
      'grace@example.org',
    ]);
    expect(removed.code).toBe(0);
    expect(missing.code).toBe(2);
    expect(hostile.code).toBe(2);
    expect(hostile.err).toMatch(/line break/);
  });
});
