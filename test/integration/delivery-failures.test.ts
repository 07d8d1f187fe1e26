// The failure cases of issue 4, each its own test, against the real aws-ses-v2-local (in process) and the
// real SES adapter. Where the emulator cannot produce a fault (it never throttles, rejects or stalls), a
// fault-injecting HTTP proxy sits between the SES client and the emulator and answers with SES's own
// error responses, so the AWS SDK's parsing and our classification run for real. Crashes are real
// processes killed with SIGKILL.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSendLedgerTable, DynamoSendLedger } from '../../src/adapters/aws/dynamo-send-ledger.js';
import { createSesClient, SesMailer } from '../../src/adapters/aws/ses-mailer.js';
import { type LocalSes, readLocalSesStore, startLocalSes } from '../../src/adapters/local/embedded-ses.js';
import { JsonSendLedger } from '../../src/adapters/local/json-send-ledger.js';
import { JsonSubscriberStore } from '../../src/adapters/local/json-subscriber-store.js';
import { main } from '../../src/cli/index.js';
import { digestMessages } from '../../src/delivery/digest-messages.js';
import type { SendLedger, Subscriber } from '../../src/delivery/ports.js';
import { type SendJob, type SendOptions, sendDigest } from '../../src/delivery/send-digest.js';
import { renderDigest } from '../../src/edition/local.js';
import type { Rendered } from '../../src/email/types.js';
import { DigestError } from '../../src/errors.js';
import { type DeliveryConfig, loadDeliveryConfig } from '../../src/settings/local.js';
import { captureIO } from '../helpers/capture-io.js';

// dynalite ships no types: it returns an http.Server.
const dynalite = createRequire(import.meta.url)('dynalite') as (options: { createTableMs: number }) => Server;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = join(ROOT, 'examples/articles/north-korea-human-rights.txt');
const DATE = '2026-11-30';

let ses: LocalSes;
let config: DeliveryConfig;
let rendered: Rendered;
let dir: string;

beforeAll(async () => {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  ses = await startLocalSes();
  config = loadDeliveryConfig({}, tmpdir());
  rendered = await renderDigest([SAMPLE], DATE, config);
});
afterAll(async () => {
  await ses.close();
});
beforeEach(async () => {
  await ses.clear();
  dir = mkdtempSync(join(tmpdir(), 'digest-failures-'));
  return () => rmSync(dir, { recursive: true, force: true });
});

const readers = (n: number): Subscriber[] =>
  Array.from({ length: n }, (_, i) => ({
    email: `reader${i}@example.com`,
    name: `Reader ${i}`,
    status: 'active',
  }));

function subscribersFile(list: Subscriber[]): string {
  const file = join(dir, 'subscribers.json');
  writeFileSync(file, JSON.stringify(list));
  return file;
}

/** The real job: subscribers from the JSON store, personalised and MIME-built by the real pipeline. */
function jobFor(file: string, digest: Rendered = rendered): SendJob {
  const store = new JsonSubscriberStore(file);
  return {
    digestId: digest.digestId,
    recipients: () => store.list(),
    ...digestMessages(digest, config.sender, config.personalize),
  };
}

const mailerAt = (endpoint: string, requestTimeoutMs?: number) =>
  new SesMailer(
    createSesClient({
      region: 'us-east-1',
      endpoint,
      localCredentials: true,
      ...(requestTimeoutMs ? { requestTimeoutMs } : {}),
    }),
  );

/** How many messages the emulator accepted per recipient address. */
async function deliveries(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const email of await readLocalSesStore(ses.endpoint)) {
    for (const to of email.destination.to) {
      const address = /<([^>]+)>/.exec(to)?.[1] ?? to;
      counts.set(address, (counts.get(address) ?? 0) + 1);
    }
  }
  return counts;
}

async function ledgerRows(ledger: SendLedger, digestId = rendered.digestId) {
  const rows = [];
  for await (const row of ledger.list(digestId)) rows.push(row);
  return rows;
}

type Fault = { code: string; message: string } | 'forward' | 'forward-then-stall';

/** An HTTP proxy in front of the emulator that answers some calls with SES errors (see the file comment). */
async function faultProxy(decide: (to: string, call: number) => Fault) {
  let calls = 0;
  const stalled: (() => void)[] = [];
  const target = new URL(ses.endpoint);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const to = new URLSearchParams(body.toString()).get('Destinations.member.1') ?? '';
      const fault = decide(to, ++calls);
      if (typeof fault === 'object') {
        res.writeHead(400, { 'content-type': 'text/xml' });
        res.end(
          `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>${fault.code}</Code><Message>${fault.message}</Message></Error><RequestId>fault-${calls}</RequestId></ErrorResponse>`,
        );
        return;
      }
      const upstream = request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (c: Buffer) => parts.push(c));
          answer.on('end', () => {
            const reply = () => {
              if (res.destroyed) return;
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(Buffer.concat(parts));
            };
            // Accepted upstream, but the answer is held past the client's timeout.
            if (fault === 'forward-then-stall') stalled.push(reply);
            else reply();
          });
        },
      );
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls: () => calls,
    close: () =>
      new Promise<void>((resolve) => {
        for (const reply of stalled) reply();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A separate Node process running the real loop (JSON store and ledger, SES adapter). */
const CHILD = `
const p = JSON.parse(process.env.CHILD_PARAMS);
const load = (f) => import(p.root + f);
const { renderDigest } = await load('src/edition/local.ts');
const { loadDeliveryConfig } = await load('src/settings/local.ts');
const { createSesClient, SesMailer } = await load('src/adapters/aws/ses-mailer.ts');
const { JsonSendLedger } = await load('src/adapters/local/json-send-ledger.ts');
const { JsonSubscriberStore } = await load('src/adapters/local/json-subscriber-store.ts');
const { digestMessages } = await load('src/delivery/digest-messages.ts');
const { sendDigest } = await load('src/delivery/send-digest.ts');
const { existsSync, writeFileSync } = await import('node:fs');
const config = loadDeliveryConfig({}, p.dir);
const rendered = await renderDigest([p.sample], p.date, config);
const store = new JsonSubscriberStore(p.subscribers);
const ledger = new JsonSendLedger(p.ledger, p.leaseMs ? { leaseMs: p.leaseMs } : {});
const mailer = new SesMailer(createSesClient({ region: 'us-east-1', endpoint: p.endpoint, localCredentials: true }));
if (p.ready) {
  writeFileSync(p.ready, 'ready');
  while (!existsSync(p.go)) await new Promise((r) => setTimeout(r, 5));
}
const report = await sendDigest(
  { digestId: rendered.digestId, recipients: () => store.list(), ...digestMessages(rendered, config.sender, config.personalize) },
  { mailer, ledger, rate: p.rate ?? 0, concurrency: p.concurrency ?? 1, onEvent: (e) => {
    if (p.killAtStart && e.type === 'start') process.kill(process.pid, 'SIGKILL');
    if (p.killAfterSent !== undefined && e.type === 'result' && e.counts.sent === p.killAfterSent) process.kill(process.pid, 'SIGKILL');
  } },
);
process.stdout.write(JSON.stringify(report.counts));
`;

interface ChildParams {
  subscribers: string;
  ledger: string;
  endpoint?: string;
  killAfterSent?: number;
  killAtStart?: boolean;
  concurrency?: number;
  rate?: number;
  leaseMs?: number;
  ready?: string;
  go?: string;
}

function startChild(params: ChildParams): {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: string | null; out: string; err: string }>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
    cwd: ROOT,
    env: {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      CHILD_PARAMS: JSON.stringify({
        root: ROOT,
        sample: SAMPLE,
        date: DATE,
        dir,
        endpoint: ses.endpoint,
        ...params,
      }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c) => {
    out += c;
  });
  child.stderr?.on('data', (c) => {
    err += c;
  });
  const done = new Promise<{ code: number | null; signal: string | null; out: string; err: string }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out, err })),
  );
  return { child, done };
}

const quick: Partial<SendOptions> = { rate: 0, backoff: { baseMs: 2, maxMs: 20 } };

describe('delivery failure cases', () => {
  it('1. the process dies after k of N sends (real SIGKILL): the rerun sends exactly the other N-k', async () => {
    // Prepare
    const n = 8;
    const k = 3;
    const file = subscribersFile(readers(n));
    const ledgerFile = join(dir, 'ledger.jsonl');
    // Act
    const killed = await startChild({ subscribers: file, ledger: ledgerFile, killAfterSent: k }).done;
    const afterCrash = await deliveries();
    const ledger = new JsonSendLedger(ledgerFile);
    const rerun = await sendDigest(jobFor(file), { mailer: mailerAt(ses.endpoint), ledger, ...quick });
    // Assess
    expect(killed.signal).toBe('SIGKILL');
    expect([...afterCrash.values()].reduce((a, b) => a + b, 0)).toBe(k);
    expect(rerun.counts).toMatchObject({ sent: n - k, skipped: k, failed: 0, pending: 0, unknown: 0 });
    const final = await deliveries();
    expect(final.size).toBe(n);
    expect([...final.values()].every((count) => count === 1)).toBe(true);
    ledger.close();
  }, 60_000);

  it('1b. killed from outside at an arbitrary moment (SIGKILL from the parent): after the rerun nobody has it twice, at most the one in-flight recipient is reported unknown', async () => {
    const n = 12;
    const file = subscribersFile(readers(n));
    const ledgerFile = join(dir, 'ledger.jsonl');
    const { child, done } = startChild({ subscribers: file, ledger: ledgerFile, rate: 20, leaseMs: 500 });
    const deadline = Date.now() + 40_000;
    while ((await readLocalSesStore(ses.endpoint)).length < 4 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    const killed = await done;
    const afterCrash = await deliveries();
    await new Promise((r) => setTimeout(r, 600)); // the dead run's claim lease runs out
    const ledger = new JsonSendLedger(ledgerFile);
    const rerun = await sendDigest(jobFor(file), { mailer: mailerAt(ses.endpoint), ledger, ...quick });
    const final = await deliveries();
    ledger.close();
    expect(killed.signal).toBe('SIGKILL');
    expect(afterCrash.size).toBeGreaterThanOrEqual(4);
    expect(afterCrash.size).toBeLessThan(n);
    expect([...final.values()].every((count) => count === 1)).toBe(true);
    expect(rerun.counts.unknown).toBeLessThanOrEqual(1);
    const missing = readers(n)
      .map((r) => r.email)
      .filter((email) => !final.has(email));
    expect(missing.every((email) => rerun.unknown.some((u) => u.email === email))).toBe(true);
    expect(final.size + missing.length).toBe(n);
  }, 60_000);

  it('2. a crash between loading subscribers and sending (real SIGKILL) skips nobody', async () => {
    const n = 5;
    const file = subscribersFile(readers(n));
    const ledgerFile = join(dir, 'ledger.jsonl');
    const killed = await startChild({ subscribers: file, ledger: ledgerFile, killAtStart: true }).done;
    const ledger = new JsonSendLedger(ledgerFile);
    const rowsAfterCrash = await ledgerRows(ledger);
    const rerun = await sendDigest(jobFor(file), { mailer: mailerAt(ses.endpoint), ledger, ...quick });
    expect(killed.signal).toBe('SIGKILL');
    expect(rowsAfterCrash).toEqual([]);
    expect(rerun.counts.sent).toBe(n);
    expect([...(await deliveries()).values()]).toEqual(Array(n).fill(1));
    ledger.close();
  }, 60_000);

  it('3. throttling bursts (fault proxy: SES "Maximum sending rate exceeded"): everyone sent once, only accepted ones marked sent', async () => {
    const n = 12;
    const file = subscribersFile(readers(n));
    const proxy = await faultProxy((_to, call) =>
      call % 5 === 1 || call % 5 === 2
        ? { code: 'Throttling', message: 'Maximum sending rate exceeded.' }
        : 'forward',
    );
    const ledger = new JsonSendLedger(join(dir, 'ledger.jsonl'));
    const retries: string[] = [];
    const report = await sendDigest(jobFor(file), {
      mailer: mailerAt(proxy.endpoint),
      ledger,
      ...quick,
      concurrency: 4,
      onEvent: (e) => e.type === 'retry' && retries.push(e.email),
    });
    await proxy.close();
    expect(retries.length).toBeGreaterThan(0);
    expect(report.counts).toMatchObject({ sent: n, failed: 0, pending: 0, unknown: 0 });
    expect([...(await deliveries()).values()]).toEqual(Array(n).fill(1));
    const accepted = new Set((await readLocalSesStore(ses.endpoint)).map((e) => e.messageId));
    const rows = await ledgerRows(ledger);
    expect(rows.filter((r) => r.status === 'sent').every((r) => accepted.has(r.messageId!))).toBe(true);
    ledger.close();
  }, 30_000);

  it('4. the daily quota runs out mid-run (fault proxy): `digest send` stops with exit 1, the rest stay pending, the next run finishes without duplicates', async () => {
    const n = 10;
    const file = subscribersFile(readers(n));
    const ledgerFile = join(dir, 'ledger.jsonl');
    let forwarded = 0;
    const proxy = await faultProxy(() => {
      if (forwarded >= 4) return { code: 'Throttling', message: 'Daily message quota exceeded.' };
      forwarded++;
      return 'forward';
    });
    const args = [
      SAMPLE,
      '--subscribers',
      file,
      '--ledger',
      ledgerFile,
      '--date',
      DATE,
      '--rate',
      '0',
      '--concurrency',
      '1',
    ];
    const first = captureIO({ cwd: dir });
    const firstCode = await main(
      ['send', ...args, '--ses-endpoint', proxy.endpoint, '--report', join(dir, 'r1.json')],
      first,
    );
    await proxy.close();
    const afterFirst = await deliveries();
    const second = captureIO({ cwd: dir });
    const secondCode = await main(['send', ...args, '--ses-endpoint', ses.endpoint], second);
    const report1 = JSON.parse(readFileSync(join(dir, 'r1.json'), 'utf8'));
    expect(firstCode).toBe(1);
    expect(first.out()).toMatch(/stopped: daily message quota exceeded/);
    expect(report1.counts).toMatchObject({ sent: 4, pending: 6 });
    expect(afterFirst.size).toBe(4);
    expect(secondCode).toBe(0);
    expect(second.out()).toMatch(/sent 6, skipped 4/);
    const final = await deliveries();
    expect(final.size).toBe(n);
    expect([...final.values()].every((count) => count === 1)).toBe(true);
  }, 30_000);

  it('5. one MessageRejected (fault proxy): only that recipient fails', async () => {
    const file = subscribersFile(readers(5));
    const proxy = await faultProxy((to) =>
      to === 'reader2@example.com'
        ? { code: 'MessageRejected', message: 'Email address is on the suppression list.' }
        : 'forward',
    );
    const ledger = new JsonSendLedger(join(dir, 'ledger.jsonl'));
    const report = await sendDigest(jobFor(file), { mailer: mailerAt(proxy.endpoint), ledger, ...quick });
    await proxy.close();
    expect(report.counts).toMatchObject({ sent: 4, failed: 1, pending: 0, unknown: 0 });
    expect(report.failed).toEqual([
      { email: 'reader2@example.com', reason: expect.stringMatching(/MessageRejected/) },
    ]);
    const got = await deliveries();
    expect(got.has('reader2@example.com')).toBe(false);
    expect(got.size).toBe(4);
    expect(await ledger.get(rendered.digestId, 'reader2@example.com')).toMatchObject({ status: 'failed' });
    ledger.close();
  }, 30_000);

  it('6a. two runs of the same digest at once, two processes on one JSON ledger: each recipient receives it once', async () => {
    const n = 60;
    const file = subscribersFile(readers(n));
    const ledgerFile = join(dir, 'ledger.jsonl');
    const go = join(dir, 'go');
    const a = startChild({
      subscribers: file,
      ledger: ledgerFile,
      concurrency: 4,
      ready: join(dir, 'a'),
      go,
    });
    const b = startChild({
      subscribers: file,
      ledger: ledgerFile,
      concurrency: 4,
      ready: join(dir, 'b'),
      go,
    });
    const deadline = Date.now() + 40_000;
    while (!(existsSync(join(dir, 'a')) && existsSync(join(dir, 'b'))) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    writeFileSync(go, 'go');
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect(ra.code, ra.err).toBe(0);
    expect(rb.code, rb.err).toBe(0);
    const ca = JSON.parse(ra.out);
    const cb = JSON.parse(rb.out);
    expect(ca.sent + cb.sent).toBe(n);
    const ledger = new JsonSendLedger(ledgerFile);
    const rows = await ledgerRows(ledger);
    ledger.close();
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(n);
    const got = await deliveries();
    expect(got.size).toBe(n);
    expect([...got.values()].every((count) => count === 1)).toBe(true);
  }, 60_000);

  it('6b. two runs of the same digest at once on the DynamoDB ledger (dynalite): each recipient receives it once', async () => {
    const server = dynalite({ createTableMs: 0 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const client = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      await createSendLedgerTable(client, 'ledger');
      const n = 40;
      const file = subscribersFile(readers(n));
      const runs = await Promise.all(
        ['run-a', 'run-b'].map((runId) =>
          sendDigest(jobFor(file), {
            mailer: mailerAt(ses.endpoint),
            ledger: new DynamoSendLedger(client, 'ledger'),
            runId,
            ...quick,
            concurrency: 4,
          }),
        ),
      );
      expect(runs[0]!.counts.sent + runs[1]!.counts.sent).toBe(n);
      const got = await deliveries();
      expect(got.size).toBe(n);
      expect([...got.values()].every((count) => count === 1)).toBe(true);
      const rows = await ledgerRows(new DynamoSendLedger(client, 'ledger'));
      expect(rows.filter((r) => r.status === 'sent')).toHaveLength(n);
    } finally {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 60_000);

  it('7. a timeout after SES accepted (fault proxy holds the answer): ledger says unknown; at most one duplicate, and only with --force', async () => {
    const file = subscribersFile(readers(3));
    const proxy = await faultProxy((to) => (to === 'reader1@example.com' ? 'forward-then-stall' : 'forward'));
    const ledger = new JsonSendLedger(join(dir, 'ledger.jsonl'));
    const first = await sendDigest(jobFor(file), { mailer: mailerAt(proxy.endpoint, 400), ledger, ...quick });
    const rerun = await sendDigest(jobFor(file), { mailer: mailerAt(ses.endpoint), ledger, ...quick });
    const afterRerun = await deliveries();
    const forced = await sendDigest(jobFor(file), {
      mailer: mailerAt(ses.endpoint),
      ledger,
      ...quick,
      force: true,
    });
    await proxy.close();
    expect(first.counts).toMatchObject({ sent: 2, unknown: 1 });
    expect(await ledger.get(rendered.digestId, 'reader1@example.com')).toMatchObject({ status: 'sent' });
    expect(rerun.counts).toMatchObject({ sent: 0, unknown: 1 });
    expect(rerun.unknown[0]?.reason).toMatch(/outcome unknown/);
    expect(afterRerun.get('reader1@example.com')).toBe(1);
    expect(forced.counts.sent).toBe(3);
    const final = await deliveries();
    expect(final.get('reader1@example.com')).toBe(2);
    ledger.close();
  }, 30_000);

  it('7b. the ledger row of a timed-out send reads unknown until a forced resend', async () => {
    const file = subscribersFile(readers(1));
    const proxy = await faultProxy(() => 'forward-then-stall');
    const ledger = new JsonSendLedger(join(dir, 'ledger.jsonl'));
    await sendDigest(jobFor(file), { mailer: mailerAt(proxy.endpoint, 300), ledger, ...quick });
    await proxy.close();
    expect(await ledger.get(rendered.digestId, 'reader0@example.com')).toMatchObject({
      status: 'unknown',
      reason: expect.stringMatching(/outcome not seen/),
    });
    expect((await deliveries()).get('reader0@example.com')).toBe(1);
    ledger.close();
  }, 30_000);

  describe('8. hostile input is rejected before any send, nothing half-sent', () => {
    it('CR/LF plus "Bcc:" in the title', async () => {
      const file = subscribersFile(readers(3));
      const hostile = { ...rendered, subject: 'Weekly digest\r\nBcc: everyone@example.org' };
      const ledger = new JsonSendLedger(join(dir, 'ledger.jsonl'));
      await expect(
        sendDigest(jobFor(file, hostile), { mailer: mailerAt(ses.endpoint), ledger, ...quick }),
      ).rejects.toThrow(/subject contains a line break/);
      expect((await deliveries()).size).toBe(0);
      expect(await ledgerRows(ledger)).toEqual([]);
      ledger.close();
    });

    it('a display name with a newline', async () => {
      const list = [
        ...readers(3),
        { email: 'eve@example.com', name: 'Eve\nBcc: everyone@example.org', status: 'active' as const },
      ];
      const file = subscribersFile(list);
      const ledger = new JsonSendLedger(join(dir, 'ledger.jsonl'));
      await expect(
        sendDigest(jobFor(file), { mailer: mailerAt(ses.endpoint), ledger, ...quick }),
      ).rejects.toThrow(DigestError);
      expect((await deliveries()).size).toBe(0);
      expect(await ledgerRows(ledger)).toEqual([]);
      ledger.close();
    });

    it('an address with a non-ASCII local part, on the list and as --to', async () => {
      const file = subscribersFile([...readers(2), { email: 'jürgen@example.com', status: 'active' }]);
      const ledger = new JsonSendLedger(join(dir, 'ledger.jsonl'));
      await expect(
        sendDigest(jobFor(file), { mailer: mailerAt(ses.endpoint), ledger, ...quick }),
      ).rejects.toThrow(/non-ASCII local part/);
      const io = captureIO({ cwd: dir });
      const code = await main(
        ['send', SAMPLE, '--to', 'jürgen@example.com', '--ses-endpoint', ses.endpoint],
        io,
      );
      expect(code).toBe(2);
      expect(io.err()).toMatch(/non-ASCII local part/);
      expect((await deliveries()).size).toBe(0);
      expect(await ledgerRows(ledger)).toEqual([]);
      ledger.close();
    });

    it('a sender display name with CR/LF', async () => {
      const file = subscribersFile(readers(2));
      const store = new JsonSubscriberStore(file);
      const job: SendJob = {
        digestId: rendered.digestId,
        recipients: () => store.list(),
        ...digestMessages(
          rendered,
          { ...config.sender, fromName: 'Digest\r\nBcc: all@example.org' },
          config.personalize,
        ),
      };
      await expect(
        sendDigest(job, {
          mailer: mailerAt(ses.endpoint),
          ledger: new JsonSendLedger(join(dir, 'l.jsonl')),
          ...quick,
        }),
      ).rejects.toThrow(/sender display name/);
      expect((await deliveries()).size).toBe(0);
    });
  });
});
