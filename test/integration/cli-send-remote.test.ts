// `digest send --remote` as a user runs it: a child process with the AWS SDK pointed (through the
// standard AWS_ENDPOINT_URL_LAMBDA variable) at a local stand-in for the Lambda Invoke API, since no
// Lambda emulator runs here. The stand-in records the payload and answers as the function would.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/digest.js', import.meta.url));
let server: Server;
let endpoint: string;
const invocations: { path: string; payload: Record<string, unknown> }[] = [];
const SENT = { status: 'sent', digestId: 'abc123', counts: { sent: 1 } };
/** What the stand-in answers for a request naming this article first (the function's real result shapes). */
const answers: Record<string, unknown> = {
  'articles/already.md': {
    status: 'already-sent',
    digestId: 'abc123',
    date: '2026-12-01',
    recordedAt: '2026-12-01T08:00:00.000Z',
    notes: [
      'edition abc123 of 2026-12-01 (the same articles) was already sent or queued at 2026-12-01T08:00:00.000Z; nothing sent or queued again',
    ],
  },
  'articles/yesterday.md': {
    status: 'sent-as-another-edition',
    digestId: 'def456',
    date: '2026-12-02',
    earlier: { digestId: 'abc123', date: '2026-12-01', reached: 2 },
    notes: [
      'these articles already went out as digest abc123 (edition 2026-12-01, 2 reader(s) reached); ...',
    ],
  },
};

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const payload = JSON.parse(body);
      invocations.push({ path: request.url ?? '', payload });
      response.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' });
      response.end(JSON.stringify(answers[String(payload.articles?.[0])] ?? SENT));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The payload of the invocation that named `article` first. */
const sentFor = (article: string) =>
  invocations.find((i) => (i.payload.articles as string[] | undefined)?.[0] === article)?.payload;

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        env: {
          PATH: process.env['PATH'],
          AWS_ENDPOINT_URL_LAMBDA: endpoint,
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_EC2_METADATA_DISABLED: 'true',
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('digest send --remote', () => {
  it('invokes the named function with the articles, --to and --dry-run, and prints its result', async () => {
    // Act
    const result = await run([
      'send',
      '--remote',
      '--function',
      'Digest-dev-SendDigest',
      '--region',
      'eu-central-1',
      '--to',
      'ada@example.com',
      '--dry-run',
      'articles/a.txt',
    ]);
    // Assess
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'sent', digestId: 'abc123' });
    const call = invocations.at(-1)!;
    expect(call.path).toContain('/functions/Digest-dev-SendDigest/invocations');
    expect(call.payload).toMatchObject({
      articles: ['articles/a.txt'],
      to: ['ada@example.com'],
      dryRun: true,
    });
  });

  it('refuses to run without a function name: exit 2, one line saying how to name it', async () => {
    const result = await run(['send', '--remote', '--region', 'eu-central-1']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--function NAME or DIGEST_SEND_FUNCTION/);
  });

  it('fault 17: exits 1 with one line when the function answers already-sent, and --force asks it to run the edition again', async () => {
    // Act (two processes at once: each takes a second to start)
    const remote = ['send', '--remote', '--function', 'F', '--region', 'eu-central-1'];
    const [refused, forced] = await Promise.all([
      run([...remote, 'articles/already.md']),
      run([...remote, '--force', 'articles/forced.txt']),
    ]);
    // Assess
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ status: 'already-sent' });
    expect(refused.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^send --remote: nothing sent: edition abc123 of 2026-12-01 .*already sent or queued.*--force/,
      ),
    ]);
    expect(forced.code).toBe(0);
    expect(sentFor('articles/forced.txt')).toMatchObject({
      force: true,
    });
  });

  it('fault 9: exits 1 naming the earlier edition when the function answers that the articles went out under another digest id; --new-edition passes through', async () => {
    const remote = ['send', '--remote', '--function', 'F', '--region', 'eu-central-1'];
    const [refused, asked] = await Promise.all([
      run([...remote, 'articles/yesterday.md']),
      run([...remote, '--new-edition', 'articles/asked.txt']),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([
      'send --remote: nothing sent: these articles already went out as digest abc123 (edition 2026-12-01, 2 reader(s) reached); pass --new-edition to send them again as a new edition',
    ]);
    expect(asked.code).toBe(0);
    expect(sentFor('articles/asked.txt')).toMatchObject({
      newEdition: true,
    });
  });
});
