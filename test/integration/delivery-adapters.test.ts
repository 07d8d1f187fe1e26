// The ledgers and subscriber stores against real storage: DynamoDB adapters on dynalite, the JSON files
// on disk. Both ledgers must follow the same claim rules (ledger-rules.ts).
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSendLedgerTable,
  DynamoSendLedger,
  LEDGER_RETENTION_SECONDS,
} from '../../src/adapters/aws/dynamo-send-ledger.js';
import {
  createSubscribersTable,
  DynamoSubscriberStore,
} from '../../src/adapters/aws/dynamo-subscriber-store.js';
import { withFileLockSync } from '../../src/adapters/local/file-lock.js';
import { JsonSendLedger } from '../../src/adapters/local/json-send-ledger.js';
import { JsonSubscriberStore } from '../../src/adapters/local/json-subscriber-store.js';
import type { SendLedger, Subscriber } from '../../src/delivery/ports.js';
import { InputError } from '../../src/errors.js';

const dynalite = createRequire(import.meta.url)('dynalite') as (options: { createTableMs: number }) => Server;

let server: Server;
let client: DynamoDBClient;
let dir: string;
let tables = 0;

beforeAll(async () => {
  server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  dir = mkdtempSync(join(tmpdir(), 'digest-adapters-'));
});
afterAll(async () => {
  client.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

type LedgerFactory = (options: { leaseMs?: number; now?: () => number }) => Promise<SendLedger>;

const ledgers: [string, LedgerFactory][] = [
  [
    'DynamoSendLedger (dynalite)',
    async (options) => {
      const table = `ledger-${++tables}`;
      await createSendLedgerTable(client, table);
      return new DynamoSendLedger(client, table, options);
    },
  ],
  ['JsonSendLedger', async (options) => new JsonSendLedger(join(dir, `ledger-${++tables}.jsonl`), options)],
];

describe.each(ledgers)('%s', (_name, make) => {
  it('lets exactly one of many concurrent claims win', async () => {
    const ledger = await make({});
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => ledger.claim('d1', 'a@example.com', `run-${i}`)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('walks pending -> sent and refuses a second claim without force, allows it with force', async () => {
    const ledger = await make({});
    expect(await ledger.claim('d1', 'a@example.com', 'run-1')).toBe(true);
    await ledger.markSent('d1', 'a@example.com', 'run-1', 'ses-123');
    expect(await ledger.get('d1', 'a@example.com')).toMatchObject({
      status: 'sent',
      messageId: 'ses-123',
      attempts: 1,
    });
    expect(await ledger.claim('d1', 'a@example.com', 'run-2')).toBe(false);
    expect(await ledger.claim('d1', 'a@example.com', 'run-2', { force: true })).toBe(true);
    expect(await ledger.get('d1', 'a@example.com')).toMatchObject({
      status: 'pending',
      claimedBy: 'run-2',
      attempts: 2,
    });
  });

  it('lets only the claiming run finish a row', async () => {
    const ledger = await make({});
    await ledger.claim('d1', 'a@example.com', 'run-1');
    await expect(ledger.markSent('d1', 'a@example.com', 'run-2', 'x')).rejects.toThrow(
      /not claimed by run run-2/,
    );
    await ledger.markFailed('d1', 'a@example.com', 'run-1', 'rejected: MessageRejected');
    expect(await ledger.get('d1', 'a@example.com')).toMatchObject({
      status: 'failed',
      reason: 'rejected: MessageRejected',
    });
  });

  it('makes a released row claimable again, and keeps an expired claim (run died mid-send) for --force only', async () => {
    let now = Date.parse('2026-11-30T08:00:00Z');
    const ledger = await make({ leaseMs: 1000, now: () => now });
    await ledger.claim('d1', 'a@example.com', 'run-1');
    await ledger.release('d1', 'a@example.com', 'run-1', 'daily quota');
    expect(await ledger.claim('d1', 'a@example.com', 'run-2')).toBe(true);
    expect(await ledger.claim('d1', 'b@example.com', 'run-2')).toBe(true);
    now += 500;
    expect(await ledger.claim('d1', 'b@example.com', 'run-3', { force: true })).toBe(false);
    now += 5000;
    expect(await ledger.claim('d1', 'b@example.com', 'run-3')).toBe(false);
    expect(await ledger.claim('d1', 'b@example.com', 'run-3', { force: true })).toBe(true);
  });

  it('records unknown with its reason and lists rows of one digest only', async () => {
    const ledger = await make({});
    await ledger.claim('d1', 'a@example.com', 'run-1');
    await ledger.markUnknown('d1', 'a@example.com', 'run-1', 'outcome not seen: TimeoutError');
    await ledger.claim('d2', 'b@example.com', 'run-1');
    const rows = [];
    for await (const row of ledger.list('d1')) rows.push(row);
    expect(rows).toEqual([expect.objectContaining({ recipient: 'a@example.com', status: 'unknown' })]);
  });
});

describe('JsonSendLedger on disk', () => {
  it('ignores a torn last line left by a crash and keeps appending on a fresh line', async () => {
    const file = join(dir, 'torn.jsonl');
    const first = new JsonSendLedger(file);
    await first.claim('d1', 'a@example.com', 'run-1');
    await first.markSent('d1', 'a@example.com', 'run-1', 'ses-1');
    first.close();
    appendFileSync(file, '{"digestId":"d1","recipient":"b@exa');
    const second = new JsonSendLedger(file);
    expect(await second.get('d1', 'a@example.com')).toMatchObject({ status: 'sent' });
    expect(await second.claim('d1', 'b@example.com', 'run-2')).toBe(true);
    second.close();
    const third = new JsonSendLedger(file);
    expect(await third.get('d1', 'b@example.com')).toMatchObject({ status: 'pending', claimedBy: 'run-2' });
    third.close();
  });

  it('takes over a lock file left by a dead process', () => {
    const lock = join(dir, 'stale.lock');
    writeFileSync(lock, `${hostname()} 99999999 deadbeef`);
    expect(withFileLockSync(lock, () => 'ran', { timeoutMs: 2000 })).toBe('ran');
  });

  it('waits for a live lock and gives up with a clear error', () => {
    const lock = join(dir, 'live.lock');
    writeFileSync(lock, `${hostname()} ${process.pid} cafe`);
    expect(() => withFileLockSync(lock, () => 'ran', { timeoutMs: 100 })).toThrow(/still locked/);
    rmSync(lock);
  });
});

const ada: Subscriber = { email: 'Ada@Example.com', name: 'Ada', status: 'active' };

describe('DynamoSendLedger retention', () => {
  it('stamps each claimed row with a TTL (expiresAt, epoch seconds) about 400 days ahead', async () => {
    // Prepare
    const table = `ledger-${++tables}`;
    await createSendLedgerTable(client, table);
    const now = Date.UTC(2026, 10, 30);
    const ledger = new DynamoSendLedger(client, table, { now: () => now });
    // Act
    await ledger.claim('d1', 'ada@example.com', 'run-1');
    const row = await client.send(
      new GetItemCommand({
        TableName: table,
        Key: { digestId: { S: 'd1' }, recipient: { S: 'ada@example.com' } },
      }),
    );
    // Assess
    expect(Number(row.Item?.['expiresAt']?.N)).toBe(now / 1000 + LEDGER_RETENTION_SECONDS);
  });
});

describe('DynamoSubscriberStore (dynalite)', () => {
  it('puts, gets case-insensitively, sets status, lists and removes', async () => {
    await createSubscribersTable(client, 'subscribers');
    const store = new DynamoSubscriberStore(client, 'subscribers');
    await store.put(ada);
    await store.put({ email: 'alan@example.com', status: 'active' });
    await store.setStatus('ADA@example.com', 'unsubscribed');
    const all: Subscriber[] = [];
    for await (const s of store.list()) all.push(s);
    expect(await store.get('ada@example.com')).toMatchObject({ status: 'unsubscribed', name: 'Ada' });
    expect(all.map((s) => s.email).sort()).toEqual(['ada@example.com', 'alan@example.com']);
    await expect(store.setStatus('nobody@example.com', 'bounced')).rejects.toThrow(InputError);
    expect(await store.remove('alan@example.com')).toBe(true);
    expect(await store.remove('alan@example.com')).toBe(false);
  });
});

describe('JsonSubscriberStore', () => {
  it('validates on write, replaces by address and rejects a hand-edited hostile entry on read', async () => {
    const file = join(dir, 'subscribers.json');
    const store = new JsonSubscriberStore(file);
    await store.put(ada);
    await store.put({ ...ada, name: 'Ada L.' });
    await expect(
      store.put({ email: 'x@example.com', name: 'X\r\nBcc: y@z.org', status: 'active' }),
    ).rejects.toThrow(InputError);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([
      { email: 'Ada@example.com', name: 'Ada L.', status: 'active' },
    ]);
    writeFileSync(file, JSON.stringify([{ email: 'ünï@example.com' }]));
    await expect(store.get('x@example.com')).rejects.toThrow(/subscriber 1: email .* non-ASCII local part/);
  });
});

describe('JsonSendLedger lock holding', () => {
  it('lets two ledgers in one process on one file alternate without waiting on each other', async () => {
    const file = join(dir, 'two-instances.jsonl');
    const a = new JsonSendLedger(file, { lockHoldMs: 60_000 });
    const b = new JsonSendLedger(file, { lockHoldMs: 60_000 });
    const started = Date.now();
    expect(await a.claim('d1', 'x@example.com', 'run-a')).toBe(true);
    expect(await b.claim('d1', 'x@example.com', 'run-b')).toBe(false);
    expect(await b.claim('d1', 'y@example.com', 'run-b')).toBe(true);
    expect(await a.claim('d1', 'y@example.com', 'run-a')).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    a.close();
    b.close();
  });
});
