// Fault 5 of issue 11: addresses that differ only in case are one reader in the local JSON list, in
// `digest send`, `subscribers remove`, `list` and `import`; and the exit status of a partial import.
// Real files and the real aws-ses-v2-local (in process).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalSes, readLocalSesStore, startLocalSes } from '../../src/adapters/local/embedded-ses.js';
import { main } from '../../src/cli/index.js';
import { IMPORTED_WITH_BAD_ROWS } from '../../src/cli/subscribers.js';
import type { Subscriber } from '../../src/delivery/ports.js';
import { captureIO } from '../helpers/capture-io.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = join(ROOT, 'examples/articles/north-korea-human-rights.txt');

let ses: LocalSes;
let dir: string;

beforeAll(async () => {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  ses = await startLocalSes();
});
afterAll(async () => {
  await ses.close();
});
beforeEach(async () => {
  await ses.clear();
  dir = mkdtempSync(join(tmpdir(), 'digest-identity-'));
  return () => rmSync(dir, { recursive: true, force: true });
});

const listFile = () => join(dir, 'subscribers.json');
const writeList = (list: Subscriber[]) => writeFileSync(listFile(), JSON.stringify(list, null, 2));

async function digest(...argv: string[]) {
  const io = captureIO({ cwd: dir });
  const code = await main([...argv, '--subscribers', listFile()], io);
  return { code, out: io.out(), err: io.err() };
}

const sendArgs = ['send', SAMPLE, '--ses-endpoint', 'SES', '--ledger', 'ledger.jsonl', '--rate', '0'];
const send = () => digest(...sendArgs.map((a) => (a === 'SES' ? ses.endpoint : a)));

async function recipients(): Promise<string[]> {
  return (await readLocalSesStore(ses.endpoint))
    .map((e) => e.destination.to[0] ?? '')
    .map((to) => /<([^>]+)>/.exec(to)?.[1] ?? to)
    .sort();
}

describe('one reader per address, whatever its case (issue 11)', () => {
  it('fault 5: a list holding an unsubscribed carol@ and an active Carol@ never mails Carol; the twins are named by position', async () => {
    // Prepare
    writeList([
      { email: 'ann@example.com', status: 'active' },
      { email: 'carol@example.com', status: 'unsubscribed' },
      { email: 'bob@example.com', status: 'active' },
      { email: 'Carol@example.com', name: 'Carol', status: 'active' },
      { email: 'BOB@example.com', status: 'active' },
    ]);
    // Act
    const sent = await send();
    const listed = await digest('subscribers', 'list', '--json');
    // Assess
    expect(sent.code, sent.err).toBe(0);
    expect(await recipients()).toEqual(['ann@example.com', 'bob@example.com']);
    expect(sent.out).toMatch(/sent 2, skipped 1, failed 0, pending 0, unknown 0 \(of 3\)/);
    expect(sent.err).toContain(
      'subscribers.json: subscribers 2, 4 (carol@example.com, Carol@example.com) are one address; kept once as unsubscribed',
    );
    expect(sent.err).toContain('subscribers 3, 5 (bob@example.com, BOB@example.com) are one address');
    expect(JSON.parse(listed.out)).toEqual([
      { email: 'ann@example.com', status: 'active' },
      { email: 'carol@example.com', name: 'Carol', status: 'unsubscribed' },
      { email: 'bob@example.com', status: 'active' },
    ]);
  }, 60_000);

  it('fault 5: `subscribers remove dave@` also removes Dave@, so neither is mailed', async () => {
    // Prepare
    writeList([
      { email: 'Dave@example.com', status: 'active' },
      { email: 'erin@example.com', status: 'active' },
      { email: 'dave@example.com', status: 'active' },
    ]);
    // Act
    const removed = await digest('subscribers', 'remove', 'dave@example.com');
    const sent = await send();
    // Assess
    expect(removed.code, removed.err).toBe(0);
    expect(sent.code, sent.err).toBe(0);
    expect(readFileSync(listFile(), 'utf8').toLowerCase()).not.toContain('dave@');
    expect(await recipients()).toEqual(['erin@example.com']);
  }, 60_000);

  it('guard for fault 5 (import already compared addresses case-insensitively): importing Frank@ does not bring back an unsubscribed frank@, and twins within the CSV are reported by line', async () => {
    // Prepare
    writeList([{ email: 'frank@example.com', status: 'unsubscribed' }]);
    writeFileSync(
      join(dir, 'people.csv'),
      'email,name\nFrank@example.com,Frank\ngina@example.com,Gina\nGINA@example.com,G\n',
    );
    // Act
    const imported = await digest('subscribers', 'import', 'people.csv');
    const sent = await send();
    // Assess
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(
      /imported 1 new subscribers .* 1 already on the list, 1 repeated in the file/,
    );
    expect(imported.err).toMatch(/people\.csv:4: skipped: GINA@example\.com appears earlier/);
    expect(await recipients()).toEqual(['gina@example.com']);
    expect(sent.out).toMatch(/skipped 1/);
  }, 60_000);

  it('loose end: `subscribers import` exits 3 when it imported the good rows and skipped bad ones, 2 when nothing could be imported', async () => {
    // Prepare
    writeFileSync(join(dir, 'mixed.csv'), 'email\nhal@example.com\nnot-an-address\n');
    writeFileSync(join(dir, 'bad.csv'), 'email\nnot-an-address\nalso bad\n');
    // Act
    const mixed = await digest('subscribers', 'import', 'mixed.csv');
    const bad = await digest('subscribers', 'import', 'bad.csv');
    // Assess
    expect(IMPORTED_WITH_BAD_ROWS).toBe(3);
    expect(mixed.code).toBe(3);
    expect(mixed.out).toMatch(/imported 1 new subscribers/);
    expect(mixed.err).toMatch(/mixed\.csv:3: invalid: /);
    expect(bad.code).toBe(2);
    expect(bad.out).toMatch(/imported 0 new subscribers/);
  });
});
