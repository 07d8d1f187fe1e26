// Faults of the local send ledger found by probing (issue 11), each its own test, against the real
// aws-ses-v2-local (in process), the real SES adapter, the real JSON ledger on disk and real processes.
// Where a fault needs a state no local part produces on demand, the test says how it makes it.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSesClient, SesMailer } from '../../src/adapters/aws/ses-mailer.js';
import { type LocalSes, readLocalSesStore, startLocalSes } from '../../src/adapters/local/embedded-ses.js';
import { JsonSendLedger } from '../../src/adapters/local/json-send-ledger.js';
import { main } from '../../src/cli/index.js';
import { digestMessages } from '../../src/delivery/digest-messages.js';
import { MemorySendLedger } from '../../src/delivery/memory-send-ledger.js';
import type { Subscriber } from '../../src/delivery/ports.js';
import { type SendJob, type SendRecipient, sendDigest } from '../../src/delivery/send-digest.js';
import { renderDigest } from '../../src/edition/local.js';
import type { Rendered } from '../../src/email/types.js';
import { MessageError } from '../../src/errors.js';
import { type DeliveryConfig, loadDeliveryConfig } from '../../src/settings/local.js';
import { captureIO } from '../helpers/capture-io.js';

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
  dir = mkdtempSync(join(tmpdir(), 'digest-ledger-faults-'));
  return () => rmSync(dir, { recursive: true, force: true });
});

const readers = (n: number): Subscriber[] =>
  Array.from({ length: n }, (_, i) => ({ email: `reader${i}@example.com`, status: 'active' }));

function subscribersFile(list: Subscriber[]): string {
  const file = join(dir, 'subscribers.json');
  writeFileSync(file, JSON.stringify(list));
  return file;
}

const mailer = () =>
  new SesMailer(createSesClient({ region: 'us-east-1', endpoint: ses.endpoint, localCredentials: true }));

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

/** `digest send` in process against the running emulator, with this test's list and ledger. */
async function send(args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const io = captureIO({ cwd: dir, env });
  const code = await main(
    [
      'send',
      SAMPLE,
      '--date',
      DATE,
      '--subscribers',
      join(dir, 'subscribers.json'),
      '--ledger',
      join(dir, 'ledger.jsonl'),
      '--ses-endpoint',
      ses.endpoint,
      '--rate',
      '0',
      ...args,
    ],
    io,
  );
  return { code, out: io.out(), err: io.err() };
}

/** A separate Node process on the real JSON ledger (see each test for what it does). */
const CHILD = `
const p = JSON.parse(process.env.CHILD_PARAMS);
const load = (f) => import(p.root + f);
const { JsonSendLedger } = await load('src/adapters/local/json-send-ledger.ts');
const { existsSync, writeFileSync } = await import('node:fs');
const ledger = new JsonSendLedger(p.ledger);
if (p.claimThenDie) {
  for (const r of p.claimThenDie) await ledger.claim(p.digestId, r, 'run-that-dies');
  process.kill(process.pid, 'SIGKILL');
}
const { renderDigest } = await load('src/edition/local.ts');
const { loadDeliveryConfig } = await load('src/settings/local.ts');
const { createSesClient, SesMailer } = await load('src/adapters/aws/ses-mailer.ts');
const { JsonSubscriberStore } = await load('src/adapters/local/json-subscriber-store.ts');
const { digestMessages } = await load('src/delivery/digest-messages.ts');
const { sendDigest } = await load('src/delivery/send-digest.ts');
const config = loadDeliveryConfig({}, p.dir);
const rendered = await renderDigest([p.sample], p.date, config);
const store = new JsonSubscriberStore(p.subscribers);
const ses = new SesMailer(createSesClient({ region: 'us-east-1', endpoint: p.endpoint, localCredentials: true }));
// An optional pause between the claim and the send, so the parent can act between the two ledger lines.
const mailer = { sendRaw: async (m) => { await new Promise((r) => setTimeout(r, p.sendDelayMs ?? 0)); return ses.sendRaw(m); } };
writeFileSync(p.ready, 'ready');
while (!existsSync(p.go)) await new Promise((r) => setTimeout(r, 5));
const report = await sendDigest(
  { digestId: rendered.digestId, recipients: () => store.list(), ...digestMessages(rendered, config.sender, config.personalize) },
  { mailer, ledger, rate: p.rate ?? 0, concurrency: 1 },
);
process.stdout.write(JSON.stringify({ counts: report.counts, stopReason: report.stopReason }));
`;

function startChild(params: Record<string, unknown>) {
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
        digestId: rendered.digestId,
        ledger: join(dir, 'ledger.jsonl'),
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

async function waitFor(file: string): Promise<void> {
  const deadline = Date.now() + 40_000;
  while (!existsSync(file) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

const hasPrlimit = (() => {
  try {
    execFileSync('prlimit', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasPrlimit) {
  const message = 'ledger-faults: `prlimit` (util-linux) is missing; the real short-write test cannot run';
  if (process.env['DIGEST_REQUIRE_SYSTEM_TOOLS']) throw new Error(message);
  console.warn(`WARNING: ${message}`);
}

describe('JSON ledger faults (issue 11)', () => {
  it.skipIf(!hasPrlimit).each([
    ['its claim', 'sent', 'fails the claim before sending'],
    ['the record of its send', 'pending', 'leaves that reader unknown, never mailed twice'],
  ])(
    'fault 1: a short ledger write of %s (after a %s line; real short write: the file size limit cuts it as a full disk does) %s',
    async (_what, lastStatus) => {
      // Prepare: a real run in a child process, paced at 2 a second, each send 200 ms after its claim (so
      // either line stays the last one for 200 ms or more). When the journal's last line is
      // `lastStatus`, the kernel's file size limit (RLIMIT_FSIZE, set with prlimit) is put 80 bytes past
      // its end: the next ledger line is cut short by the kernel and every later write fails (EFBIG),
      // as on a full disk.
      const n = 20;
      const file = subscribersFile(readers(n));
      const ledgerFile = join(dir, 'ledger.jsonl');
      const run = startChild({
        subscribers: file,
        ready: join(dir, 'ready'),
        go: join(dir, 'go'),
        rate: 2,
        sendDelayMs: 200,
      });
      await waitFor(join(dir, 'ready'));
      writeFileSync(join(dir, 'go'), 'go');
      const deadline = Date.now() + 40_000;
      for (;;) {
        const text = existsSync(ledgerFile) ? readFileSync(ledgerFile, 'utf8') : '';
        const last = text.endsWith('\n') ? text.trimEnd().split('\n').at(-1) : undefined;
        const sentSoFar = text.split('"status":"sent"').length - 1;
        if (sentSoFar >= 3 && last?.includes(`"status":"${lastStatus}"`)) {
          const limit = Buffer.byteLength(text) + 80;
          execFileSync('prlimit', ['--pid', String(run.child.pid), `--fsize=${limit}:${limit}`]);
          break;
        }
        if (Date.now() > deadline) throw new Error(`the child never wrote a ${lastStatus} line`);
        await new Promise((r) => setTimeout(r, 2));
      }
      // Act
      const first = await run.done;
      const afterFirst = await deliveries();
      const rerun = await send();
      const final = await deliveries();
      // Assess: nobody got the digest twice, everyone either got it once or is reported unknown (never
      // silently skipped), and the first run stopped on the ledger write.
      const report = JSON.parse(first.out) as { stopReason: string };
      expect(first.code, first.err).toBe(0);
      expect(afterFirst.size).toBeGreaterThanOrEqual(3);
      expect(afterFirst.size).toBeLessThan(n);
      expect([...final.values()].every((count) => count === 1)).toBe(true);
      const missing = readers(n)
        .map((r) => r.email)
        .filter((email) => !final.has(email));
      expect(missing).toEqual([]);
      // A cut claim sent nothing, so the rerun sends to that reader; a cut record of a send may follow
      // the send, so that reader is reported unknown (it did get it: the emulator has it once).
      expect(rerun.out).toMatch(lastStatus === 'sent' ? /unknown 0 \(of 20\)/ : /unknown 1 \(of 20\)/);
      if (lastStatus === 'pending')
        expect(rerun.out, rerun.out).toMatch(/reader\d+@example\.com: outcome unknown .*torn/);
      expect(rerun.out).not.toMatch(/being sent by another run/);
      expect(report.stopReason).toMatch(/send ledger .*(short write|cannot write)/);
    },
    60_000,
  );

  it('fault 1: a torn ledger line after a send leaves that reader unknown, not mailed again until --resend-unknown', async () => {
    // Prepare: the journal a run leaves when the disk fills (or it dies) while recording a send: the
    // claim line whole, the `sent` line cut short. Written by the real ledger, then cut by the test.
    subscribersFile(readers(3));
    const ledgerFile = join(dir, 'ledger.jsonl');
    const writer = new JsonSendLedger(ledgerFile);
    await writer.claim(rendered.digestId, 'reader0@example.com', 'run-cut');
    writer.close();
    const claimLine = readFileSync(ledgerFile, 'utf8');
    const sentLine = JSON.stringify({
      digestId: rendered.digestId,
      recipient: 'reader0@example.com',
      status: 'sent',
      messageId: 'ses-1',
    });
    appendFileSync(ledgerFile, sentLine.slice(0, 70));
    // Act
    const first = await send();
    const second = await send();
    const afterTwo = await deliveries();
    const settled = await send(['--resend-unknown']);
    const final = await deliveries();
    // Assess
    expect(claimLine.endsWith('\n')).toBe(true);
    expect(first.code).toBe(1);
    expect(first.out).toMatch(/reader0@example\.com: outcome unknown .*torn/);
    expect(second.code).toBe(1);
    expect(afterTwo.get('reader0@example.com')).toBeUndefined();
    expect([...afterTwo.keys()].sort()).toEqual(['reader1@example.com', 'reader2@example.com']);
    expect(settled.code, settled.err).toBe(0);
    expect(settled.err).toMatch(
      /--resend-unknown: will resend to 1 reader\(s\)[^\n]*\n {2}reader0@example\.com \(unknown\)\n/,
    );
    expect([...final.values()]).toEqual([1, 1, 1]);
  }, 60_000);

  it('fault 6: the claims of a local run that died become unknown at once (pid check), not "being sent by another run"; --resend-unknown settles only them', async () => {
    // Prepare: a real process claims two readers and is killed (SIGKILL) before sending: its claims'
    // leases are live for 10 more minutes.
    subscribersFile(readers(4));
    const dead = await startChild({ claimThenDie: ['reader0@example.com', 'reader1@example.com'] }).done;
    // Act
    const rerun = await send();
    const afterRerun = await deliveries();
    const settled = await send(['--resend-unknown']);
    const again = await send();
    const final = await deliveries();
    // Assess
    expect(dead.signal).toBe('SIGKILL');
    expect(rerun.code).toBe(1);
    expect(rerun.out).toMatch(/sent 2, skipped 0, failed 0, pending 0, unknown 2 \(of 4\)/);
    expect(rerun.out).toMatch(/reader0@example\.com: .*ended while holding the claim/);
    expect(rerun.out).not.toMatch(/being sent by another run/);
    expect([...afterRerun.keys()].sort()).toEqual(['reader2@example.com', 'reader3@example.com']);
    expect(settled.code, settled.err).toBe(0);
    expect(settled.err).toContain('will resend to 2 reader(s)');
    expect(settled.out).toMatch(/sent 2, skipped 2/);
    expect(again.code).toBe(0);
    expect([...final.values()]).toEqual([1, 1, 1, 1]);
  }, 60_000);

  it('fault 6: a reader being sent by another live run is reported and the run exits 1', async () => {
    // Prepare: a live claim by another run of this (live) process.
    subscribersFile(readers(2));
    const other = new JsonSendLedger(join(dir, 'ledger.jsonl'));
    await other.claim(rendered.digestId, 'reader0@example.com', 'run-elsewhere');
    // Act
    const result = await send();
    other.close();
    // Assess
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/reader0@example\.com: being sent by another run \(run-elsewhere\)/);
    expect([...(await deliveries()).keys()]).toEqual(['reader1@example.com']);
  }, 60_000);

  it('fault 6: --force says exactly whom it will resend to before it sends', async () => {
    // Prepare
    subscribersFile(readers(3));
    await send();
    const before = (await readLocalSesStore(ses.endpoint)).length;
    // Act
    const forced = await send(['--force']);
    // Assess
    const plan = forced.err.slice(0, forced.err.indexOf('digest send: '));
    expect(plan).toContain('--force: will resend to 3 reader(s) already in the ledger:');
    for (let i = 0; i < 3; i++) expect(plan).toContain(`  reader${i}@example.com (sent)`);
    expect(before).toBe(3);
    expect([...(await deliveries()).values()]).toEqual([2, 2, 2]);
  }, 60_000);

  it('fault 8: a garbled line in the middle of the ledger stops the run with its line number; a torn last line does not', async () => {
    // Prepare: a real ledger of three sends, then line 2 overwritten by junk (a hand edit, a bad disk).
    subscribersFile(readers(3));
    await send();
    const ledgerFile = join(dir, 'ledger.jsonl');
    const lines = readFileSync(ledgerFile, 'utf8').split('\n');
    await ses.clear();
    writeFileSync(ledgerFile, [lines[0], '{"digestId":"x",#garbled', ...lines.slice(2)].join('\n'));
    // Act
    const garbled = await send();
    writeFileSync(ledgerFile, `${lines.join('\n')}{"digestId":"torn`);
    const tornTail = await send();
    // Assess
    expect(garbled.code).toBe(2);
    expect(garbled.err.trim().split('\n')).toHaveLength(1);
    expect(garbled.err).toMatch(/send ledger .*ledger\.jsonl: line 2 is garbled/);
    expect(tornTail.code, tornTail.err).toBe(0);
    expect(tornTail.out).toMatch(/sent 0, skipped 3/);
    expect((await deliveries()).size).toBe(0);
  }, 60_000);

  it('fault 9: resuming after midnight UTC (a new digest id for the same articles) says so and stops unless --new-edition', async () => {
    // Prepare: the edition of DATE reached two of four readers, then the run stopped.
    subscribersFile(readers(2));
    await send();
    subscribersFile(readers(4));
    // Act: the rerun happens the next day (UTC), so the date in the digest id changed.
    const nextDay = await send(['--date', '2026-12-01']);
    const afterRefusal = await deliveries();
    const resumed = await send();
    const asked = await send(['--date', '2026-12-01', '--new-edition']);
    // Assess
    expect(nextDay.code).toBe(1);
    expect(nextDay.err.trim().split('\n').at(-1)).toMatch(
      new RegExp(
        `already went out as digest ${rendered.digestId} \\(edition ${DATE}, 2 reader\\(s\\) reached\\).*--date ${DATE}.*--new-edition`,
      ),
    );
    expect(afterRefusal.size).toBe(2);
    expect(resumed.code).toBe(0);
    expect(resumed.out).toMatch(/sent 2, skipped 2/);
    expect(asked.code).toBe(0);
    expect([...(await deliveries()).values()]).toEqual([2, 2, 2, 2]);
  }, 60_000);

  it('survivor: the ledger notices that another run took its expired claim and refuses to write', async () => {
    // Prepare: two ledgers on one file and one clock (injected, so the lease runs out deterministically).
    let now = Date.parse('2026-11-30T08:00:00Z');
    const ledgerFile = join(dir, 'ledger.jsonl');
    const a = new JsonSendLedger(ledgerFile, { leaseMs: 60_000, now: () => now });
    const b = new JsonSendLedger(ledgerFile, { leaseMs: 60_000, now: () => now });
    await a.claim('d1', 'reader0@example.com', 'run-a');
    now += 120_000;
    await b.claim('d1', 'reader0@example.com', 'run-b', { force: true });
    // Act
    const late = a.markSent('d1', 'reader0@example.com', 'run-a', 'ses-late');
    // Assess
    await expect(late).rejects.toThrow(/not claimed by run run-a/);
    expect(await b.get('d1', 'reader0@example.com')).toMatchObject({ status: 'pending', claimedBy: 'run-b' });
    expect(readFileSync(ledgerFile, 'utf8')).not.toContain('ses-late');
    a.close();
    b.close();
  });

  it('fault 15: expireClaim on the JSON and in-memory ledgers turns only a run-out claim of the named run into unknown, as on DynamoDB', async () => {
    // Prepare: one clock for both ledgers (injected so the lease runs out deterministically); the claims
    // are made by this live process, so the dead-pid rule does not apply and only the lease decides.
    let now = Date.parse('2026-11-30T08:00:00Z');
    const json = new JsonSendLedger(join(dir, 'ledger.jsonl'), { now: () => now });
    const memory = new MemorySendLedger({ now: () => now });
    for (const ledger of [json, memory]) {
      await ledger.claim('d1', 'live@example.com', 'run-dead');
      await ledger.claim('d1', 'done@example.com', 'run-dead');
      await ledger.markSent('d1', 'done@example.com', 'run-dead', 'ses-1');
    }
    for (const ledger of [json, memory]) {
      const expire = ledger.expireClaim.bind(ledger);
      // Act + Assess: within the lease nothing changes
      expect(await expire('d1', 'live@example.com', 'run-dead', 'died')).toBe(false);
    }
    now += 11 * 60_000;
    for (const ledger of [json, memory]) {
      const expire = ledger.expireClaim.bind(ledger);
      expect(await expire('d1', 'live@example.com', 'run-other', 'died')).toBe(false);
      expect(await expire('d1', 'done@example.com', 'run-dead', 'died')).toBe(false);
      expect(await expire('d1', 'nobody@example.com', 'run-dead', 'died')).toBe(false);
      expect(await expire('d1', 'live@example.com', 'run-dead', 'died')).toBe(true);
      expect(await ledger.get('d1', 'live@example.com')).toMatchObject({ status: 'unknown', reason: 'died' });
      expect(await ledger.get('d1', 'done@example.com')).toMatchObject({
        status: 'sent',
        messageId: 'ses-1',
      });
      expect(await ledger.claim('d1', 'live@example.com', 'run-new')).toBe(false);
      expect(await ledger.claim('d1', 'live@example.com', 'run-new', { resendUnknown: true })).toBe(true);
    }
    // The JSON ledger wrote it down: a fresh reader of the journal sees the same row.
    const reread = new JsonSendLedger(join(dir, 'ledger.jsonl'), { now: () => now });
    expect((await reread.get('d1', 'live@example.com'))?.attempts).toBe(2);
    json.close();
    reread.close();
  });

  it('survivor: a claim waits for the lock file held by another live process and never claims without it', async () => {
    // Prepare: the lock file as a live process holds it (this test's own pid is alive).
    const ledgerFile = join(dir, 'ledger.jsonl');
    const ledger = new JsonSendLedger(ledgerFile, { lockTimeoutMs: 100 });
    writeFileSync(`${ledgerFile}.lock`, `${(await import('node:os')).hostname()} ${process.pid} other`);
    // Act
    const claim = ledger.claim('d1', 'reader0@example.com', 'run-a');
    // Assess
    await expect(claim).rejects.toThrow(/still locked/);
    rmSync(`${ledgerFile}.lock`);
    expect(await ledger.get('d1', 'reader0@example.com')).toBeUndefined();
    ledger.close();
  });

  it('survivor: the preflight refuses a recipient display name with a line break before any send (a list not read through the JSON store)', async () => {
    // Prepare: recipients as a store that does not validate names would hand them over.
    const list: SendRecipient[] = [
      ...readers(3),
      { email: 'eve@example.com', name: 'Eve\r\nBcc: everyone@example.org', status: 'active' },
    ];
    const job: SendJob = {
      digestId: rendered.digestId,
      recipients: async function* () {
        yield* list;
      },
      ...digestMessages(rendered, config.sender, config.personalize),
    };
    const ledger = new JsonSendLedger(join(dir, 'ledger.jsonl'));
    // Act
    const run = sendDigest(job, { mailer: mailer(), ledger, rate: 0 });
    // Assess
    await expect(run).rejects.toThrow(MessageError);
    await expect(run).rejects.toThrow(/refusing to send: 1 of 4 recipients are unsafe: display name of eve/);
    expect((await deliveries()).size).toBe(0);
    ledger.close();
  });
});
