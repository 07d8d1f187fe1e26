// Delivery bench: 10,000 recipients through the whole loop (render once, personalize + MIME per
// recipient, JSON subscriber list, JSON send ledger, SES adapter) against aws-ses-v2-local with pacing
// off, compared with 10,000 bare SendRawEmailCommand calls to the same server in the same run.
// The emulator runs in a child process: it keeps every message in memory, which would otherwise swamp
// the RSS figures of the loop (its store is also cleared between phases).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SendRawEmailCommand } from '@aws-sdk/client-ses';
import { createSesClient, SesMailer } from '../src/adapters/aws/ses-mailer.js';
import { JsonSendLedger } from '../src/adapters/local/json-send-ledger.js';
import { JsonSubscriberStore } from '../src/adapters/local/json-subscriber-store.js';
import { digestMessages } from '../src/delivery/digest-messages.js';
import { sendDigest } from '../src/delivery/send-digest.js';
import { renderDigest } from '../src/edition/local.js';
import { loadDeliveryConfig, quietAwsSdkNodeWarning } from '../src/settings/local.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SAMPLE = join(ROOT, 'examples/articles/north-korea-human-rights.txt');
const CONCURRENCY = 8;

async function startEmulatorProcess(): Promise<{ endpoint: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      "require('aws-ses-v2-local').default({ host: '127.0.0.1', port: 0 }).then((s) => console.log('PORT ' + s.address().port))",
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const match = /PORT (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`aws-ses-v2-local exited with ${code}`)));
  });
  return { endpoint: `http://127.0.0.1:${port}`, child };
}

const rssPeakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** Heap still reachable after a full GC: what the run keeps, as opposed to garbage not yet collected. */
const retainedMb = (): number => {
  gc();
  return Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
};

/** CPU milliseconds used so far by this process and by the emulator process (Linux /proc). */
function cpuMs(pid: number | undefined): { self: number; emulator: number } {
  const own = process.cpuUsage();
  let emulator = Number.NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    emulator = ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    // not Linux: the emulator's CPU is not shown
  }
  return { self: (own.user + own.system) / 1000, emulator };
}

/** Wall-clock msgs/s plus CPU ms per message on each side. */
async function measure(n: number, pid: number | undefined, fn: () => Promise<void>) {
  const cpu0 = cpuMs(pid);
  const started = performance.now();
  await fn();
  const seconds = (performance.now() - started) / 1000;
  const cpu1 = cpuMs(pid);
  return {
    rate: n / seconds,
    selfMs: (cpu1.self - cpu0.self) / n,
    emulatorMs: (cpu1.emulator - cpu0.emulator) / n,
  };
}

const fmt = (m: { rate: number; selfMs: number; emulatorMs: number }) =>
  `${m.rate.toFixed(0).padStart(5)} msgs/s   CPU per message: ours ${m.selfMs.toFixed(2)} ms, emulator ${m.emulatorMs.toFixed(2)} ms`;

/** Runs `bench()` of this area: prints msgs/s of the loop and of bare sends, the ratio and peak RSS. */
export async function bench(): Promise<void> {
  quietAwsSdkNodeWarning();
  const { endpoint, child } = await startEmulatorProcess();
  const clear = async () => {
    await fetch(`${endpoint}/clear-store`, { method: 'POST' });
  };
  const dir = mkdtempSync(join(tmpdir(), 'digest-bench-delivery-'));
  const config = loadDeliveryConfig({}, dir);
  const rendered = await renderDigest([SAMPLE], '2026-11-30', config);
  const client = createSesClient({ region: 'us-east-1', endpoint, localCredentials: true });
  const mailer = new SesMailer(client);
  const messages = digestMessages(rendered, config.sender, config.personalize);

  const loop = async (n: number, label: string) => {
    const file = join(dir, `subscribers-${label}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        Array.from({ length: n }, (_, i) => ({
          email: `reader${i}@example.com`,
          name: `Reader ${i}`,
          status: 'active',
        })),
      ),
    );
    const store = new JsonSubscriberStore(file);
    const ledger = new JsonSendLedger(join(dir, `ledger-${label}.jsonl`));
    let sent = 0;
    const before = retainedMb();
    const result = await measure(n, child.pid, async () => {
      const report = await sendDigest(
        { digestId: `${rendered.digestId}-${label}`, recipients: () => store.list(), ...messages },
        { mailer, ledger, rate: 0, concurrency: CONCURRENCY },
      );
      sent = report.counts.sent;
    });
    // Measured while the ledger (and its index of this digest's rows) is still open.
    const retained = (retainedMb() - before).toFixed(1);
    ledger.close();
    await clear();
    if (sent !== n) throw new Error(`bench ${label}: sent ${sent} of ${n}`);
    return { ...result, retained };
  };

  const bare = async (n: number) => {
    const sample = await messages.prepare({ email: 'reader0@example.com', name: 'Reader 0' });
    let next = 0;
    const result = await measure(n, child.pid, async () => {
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < n) {
            next++;
            await client.send(
              new SendRawEmailCommand({
                RawMessage: { Data: sample.raw },
                Source: sample.from,
                Destinations: [sample.to],
              }),
            );
          }
        }),
      );
    });
    await clear();
    return result;
  };

  try {
    await loop(300, 'warmup');
    await bare(300);
    const load = loadavg()[0]!.toFixed(1);
    // Bare sends before and after the 10,000 loop (5,000 each), so a change in machine load during the
    // run weighs on both sides of the ratio alike.
    const at1k = await loop(1_000, '1k');
    const peak1k = rssPeakMb();
    const bareBefore = await bare(5_000);
    const at10k = await loop(10_000, '10k');
    const peak10k = rssPeakMb();
    const bareAfter = await bare(5_000);
    const bareRun = {
      rate: 10_000 / (5_000 / bareBefore.rate + 5_000 / bareAfter.rate),
      selfMs: (bareBefore.selfMs + bareAfter.selfMs) / 2,
      emulatorMs: (bareBefore.emulatorMs + bareAfter.emulatorMs) / 2,
    };
    console.log(
      `rendered digest ${Math.round(rendered.html.length / 1024)} KB HTML; concurrency ${CONCURRENCY}, pacing off; load average ${load} -> ${loadavg()[0]!.toFixed(1)}`,
    );
    console.log(
      `loop, 1,000 recipients:    ${fmt(at1k)}   peak RSS ${peak1k} MB, heap kept ${at1k.retained} MB`,
    );
    console.log(
      `loop, 10,000 recipients:   ${fmt(at10k)}   peak RSS ${peak10k} MB, heap kept ${at10k.retained} MB`,
    );
    console.log(
      `bare SendRawEmail x10,000: ${fmt(bareRun)}   (5,000 before: ${bareBefore.rate.toFixed(0)}/s, 5,000 after: ${bareAfter.rate.toFixed(0)}/s)`,
    );
    console.log(`ratio loop/bare (10,000):  ${(at10k.rate / bareRun.rate).toFixed(2)}   (target >= 0.80)`);
    console.log(
      `CPU cost ratio (bare / loop, both processes): ${((bareRun.selfMs + bareRun.emulatorMs) / (at10k.selfMs + at10k.emulatorMs)).toFixed(2)}   (what the ratio tends to when the two cores are saturated)`,
    );
    console.log(`peak RSS growth 1,000 -> 10,000: ${peak10k - peak1k} MB`);
  } finally {
    client.destroy();
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await bench();
