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

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      invocations.push({ path: request.url ?? '', payload: JSON.parse(body) });
      response.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' });
      response.end(JSON.stringify({ status: 'sent', digestId: 'abc123', counts: { sent: 1 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

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
});
