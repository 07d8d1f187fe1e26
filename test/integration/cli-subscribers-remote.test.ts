// `digest subscribers ... --remote` against dynalite: a 10,000-row import with progress and exact
// counts, a second import that changes nothing, statuses never downgraded, export, count, --confirm.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSubscribersTable,
  DynamoSubscriberStore,
} from '../../src/adapters/aws/dynamo-subscriber-store.js';
import { readLocalSesStore } from '../../src/adapters/local/embedded-ses.js';
import { main } from '../../src/cli/index.js';
import { type AwsLocal, startAwsLocal } from '../helpers/aws-local.js';
import { captureIO } from '../helpers/capture-io.js';

let local: AwsLocal;
let dir: string;
const TABLE = 'remote-subscribers';
let store: DynamoSubscriberStore;

beforeAll(async () => {
  local = await startAwsLocal();
  await createSubscribersTable(local.dynamodb, TABLE);
  store = new DynamoSubscriberStore(local.dynamodb, TABLE);
  dir = mkdtempSync(join(tmpdir(), 'digest-remote-'));
}, 60_000);

afterAll(async () => {
  await local?.close();
});

const run = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const io = captureIO({ cwd: dir, env: { DIGEST_DYNAMODB_ENDPOINT: local.endpoints.dynamodb!, ...env } });
  const code = await main(['subscribers', ...args, '--remote', '--table', TABLE], io);
  return { code, out: io.out(), err: io.err() };
};

describe('subscribers import --remote', () => {
  it('imports 10,000 rows with progress and exact counts; never downgrades; a second import changes nothing', async () => {
    // Prepare: three readers who left, spelled differently in the file; two bad rows at known lines.
    await store.put({ email: 'reader17@example.com', status: 'unsubscribed' });
    await store.put({ email: 'reader18@example.com', status: 'bounced' });
    await store.put({ email: 'reader19@example.com', status: 'complained' });
    const lines = ['email,name'];
    for (let i = 0; i < 10_000; i++)
      lines.push(`${i === 17 ? 'Reader17@Example.com' : `reader${i}@example.com`},Reader ${i}`);
    lines.splice(101, 0, 'not-an-address,Bad'); // line 102
    lines.splice(5001, 0, '"x@example.com\r\nBcc: y@example.com",Evil'); // a header injection attempt
    const csv = join(dir, 'big.csv');
    writeFileSync(csv, `${lines.join('\n')}\n`);

    // Act
    const first = await run(['import', csv]);

    // Assess: 3 (bad rows reported, good ones in), exact counts, progress lines, line numbers.
    expect(first.code).toBe(3);
    expect(first.out).toMatch(/imported 9997 new subscribers into remote-subscribers; 3 already on the list/);
    expect(first.err).toContain('big.csv:102: invalid:');
    expect(first.err).toMatch(/big\.csv:5002: invalid: .*line break/);
    expect(first.err).toMatch(/import: 1000\/10000 rows/);
    expect(first.err).toMatch(/import: 10000\/10000 rows \(9997 added, 3 already listed\)/);
    console.info(
      `import rate: ${/(\d+) rows\/s\n$/.exec(first.out)?.[1]} rows/s (10,000 conditional puts into dynalite)`,
    );
    expect((await store.get('reader17@example.com'))?.status).toBe('unsubscribed');
    expect((await store.get('reader18@example.com'))?.status).toBe('bounced');
    expect((await store.get('reader19@example.com'))?.status).toBe('complained');
    expect(await store.get('reader20@example.com')).toMatchObject({
      status: 'active',
      consent: { source: 'import' },
    });

    const count = await run(['count']);
    expect(count.out).toBe(
      'active\t9997\npending\t0\nunsubscribed\t1\nbounced\t1\ncomplained\t1\ntotal\t10000\n',
    );
    const before = (await run(['export'])).out;

    const second = await run(['import', csv]);
    expect(second.out).toMatch(
      /imported 0 new subscribers into remote-subscribers; 10000 already on the list/,
    );
    console.info(
      `second import rate: ${/(\d+) rows\/s\n$/.exec(second.out)?.[1]} rows/s (every put refused by its condition)`,
    );
    expect((await run(['export'])).out).toBe(before);
  }, 180_000);

  it('exports CSV with statuses and defuses spreadsheet formulas', async () => {
    await store.put({ email: 'formula@example.com', name: '=HYPERLINK("x")', status: 'active' });
    const out = (await run(['export'])).out;
    expect(out.split('\n')[0]).toBe('email,name,status,subscribedAt,signedUpAt,source,confirmedAt');
    expect(out).toContain('reader18@example.com,,bounced,');
    expect(out).toContain(`formula@example.com,"'=HYPERLINK(""x"")",active`);
  }, 60_000);

  it('add refuses to re-activate someone who left; remove removes', async () => {
    const again = await run(['add', 'READER18@example.com']);
    expect(again.code).toBe(2);
    expect(again.err).toContain('reader18@example.com is bounced');
    expect((await run(['add', 'new-one@example.com', '--name', 'New'])).code).toBe(0);
    expect((await store.get('new-one@example.com'))?.status).toBe('active');
    expect((await run(['remove', 'new-one@example.com'])).code).toBe(0);
    expect(await store.get('new-one@example.com')).toBeUndefined();
  }, 60_000);

  it('import --confirm adds new addresses as pending and sends each one confirmation', async () => {
    const csv = join(dir, 'confirm.csv');
    writeFileSync(
      csv,
      'email,name\nconfirm-a@example.com,A\nconfirm-b@example.com,B\nreader18@example.com,Bounced\n',
    );
    const result = await run(
      ['import', csv, '--confirm', '--rate', '50', '--ses-endpoint', local.endpoints.ses!],
      {
        DIGEST_SUBSCRIBE_URL: 'https://sub.example.com/',
      },
    );
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      'imported 2 new subscribers into remote-subscribers as pending (2 confirmations sent)',
    );
    expect((await store.get('confirm-a@example.com'))?.status).toBe('pending');
    expect((await store.get('confirm-a@example.com'))?.expiresAt).toBeGreaterThan(Date.now() / 1000);
    const mails = (await readLocalSesStore(local.endpoints.ses!)).filter((m) =>
      m.subject.startsWith('Confirm'),
    );
    expect(mails.map((m) => m.destination.to[0]).sort()).toEqual([
      '"A" <confirm-a@example.com>',
      '"B" <confirm-b@example.com>',
    ]);
    expect(mails[0]!.body.text).toContain('https://sub.example.com/?token=');
  }, 60_000);

  it('says where the table name comes from when there is none', async () => {
    const io = captureIO({ cwd: dir, env: {} });
    expect(await main(['subscribers', 'count', '--remote'], io)).toBe(2);
    expect(io.err()).toContain('pass --table NAME, set DIGEST_SUBSCRIBERS_TABLE');
  });
});
