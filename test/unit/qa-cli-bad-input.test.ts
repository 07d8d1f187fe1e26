// Acceptance QA regressions: bad input to the `digest` CLI gets exit 2 and exactly one stderr line
// naming the input and the problem, and nothing is written or sent before it is refused.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, missingBuild, oneLine } from '../../src/cli/index.js';
import { captureIO } from '../helpers/capture-io.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SAMPLE = join(root, 'examples/articles/north-korea-human-rights.txt');

/** Runs `digest argv` in-process and returns the exit code with stderr split into lines. */
async function run(argv: string[], cwd: string) {
  const io = captureIO({ cwd });
  const code = await main(argv, io);
  return {
    code,
    lines: io
      .err()
      .split('\n')
      .filter((l) => l !== ''),
    out: io.out(),
  };
}

describe('QA: one line on stderr for every refusal', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'digest-qa-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('no command at all: exit 2 with one line on stderr (usage still on stdout)', async () => {
    const { code, lines, out } = await run([], dir);
    expect(code).toBe(2);
    expect(lines).toEqual([expect.stringMatching(/no command given/)]);
    expect(out).toContain('Usage: digest');
  });

  it('subscribers without an action: exit 2 with one line on stderr', async () => {
    const { code, lines } = await run(['subscribers'], dir);
    expect(code).toBe(2);
    expect(lines).toEqual([expect.stringMatching(/subscribers: no action given/)]);
  });

  it('a negative --rate (node reports it over three lines) is one line', async () => {
    const { code, lines } = await run(['send', SAMPLE, '--to', 'a@example.com', '--rate', '-1'], dir);
    expect(code).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/--rate/);
  });

  it('a theme file with line breaks and NUL bytes is reported on one line without raw control characters', async () => {
    // Prepare: JSON.parse quotes the start of the file in its message.
    const theme = join(dir, 'theme.json');
    writeFileSync(theme, 'Hello\0world\n\x1b[31mred\nmore\n');
    // Act
    const { code, lines } = await run(['render', SAMPLE, '--out', 'out', '--theme', theme], dir);
    // Assess
    expect(code).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(theme);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting none got through
    expect(lines[0]).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a missing build/templates.js (npm install --ignore-scripts) becomes one exit-2 line saying what to run', () => {
    // A hand-made loader error: removing build/ would break every other test running alongside.
    const loaderError = Object.assign(
      new Error("Cannot find module '/x/build/templates.js' imported from /x/src/email/built-templates.ts"),
      {
        code: 'ERR_MODULE_NOT_FOUND',
      },
    );
    const mapped = missingBuild(loaderError);
    expect(mapped?.exitCode).toBe(2);
    expect(mapped?.message).toMatch(/npm run build:templates/);
    expect(
      missingBuild(
        Object.assign(new Error("Cannot find module 'left-pad'"), { code: 'ERR_MODULE_NOT_FOUND' }),
      ),
    ).toBeUndefined();
  });

  it('oneLine joins lines and escapes control characters', () => {
    expect(oneLine('a\r\nb\n\nc\rd')).toBe('a b c d');
    expect(oneLine('x\u0000y\u001bz')).toBe('x\\u0000y\\u001bz');
  });

  it.each([
    [['--rate', ''], /--rate: expected a number from 0 to 10000, got ""/],
    [['--rate', ' '], /--rate: expected a number/],
    [['--concurrency', '1.5'], /--concurrency: expected a whole number from 1 to 256, got "1.5"/],
    [['--date', '2026-02-30'], /--date: expected YYYY-MM-DD \(a day of the calendar\), got "2026-02-30"/],
  ])('send refuses %j before sending', async (flags, message) => {
    const { code, lines } = await run(['send', SAMPLE, '--to', 'a@example.com', ...flags], dir);
    expect(code).toBe(2);
    expect(lines).toEqual([expect.stringMatching(message)]);
  });

  it('render --date 2026-02-30 says there is no such day', async () => {
    const { code, lines } = await run(['render', SAMPLE, '--out', 'out', '--date', '2026-02-30'], dir);
    expect(code).toBe(2);
    expect(lines).toEqual([expect.stringMatching(/"2026-02-30" \(no such day in the calendar\)/)]);
  });
});

describe('QA: send checks its files before it sends', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'digest-qa-send-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('an unreadable subscriber list is refused before the digest is announced or any mail service starts', async () => {
    // Prepare: a list that is not JSON
    const list = join(dir, 'subscribers.json');
    writeFileSync(list, '# not json\n');
    // Act
    const { code, lines } = await run(['send', SAMPLE, '--subscribers', list], dir);
    // Assess: the only line is the refusal (no "digest send: ... via the embedded local SES" first)
    expect(code).toBe(2);
    expect(lines).toEqual([expect.stringMatching(/subscribers\.json: not valid JSON/)]);
  });

  it('a subscriber list that is a folder is named as such (was the raw EISDIR message)', async () => {
    mkdirSync(join(dir, 'people'));
    const { code, lines } = await run(['send', SAMPLE, '--subscribers', 'people'], dir);
    expect(code).toBe(2);
    expect(lines).toEqual([
      expect.stringMatching(/people: cannot read the subscriber list: is a directory$/),
    ]);
  });

  it('a --report path under a file is refused before sending (not after the mail went out)', async () => {
    // Prepare
    const file = join(dir, 'plain.txt');
    writeFileSync(file, 'x');
    // Act
    const { code, lines } = await run(
      ['send', SAMPLE, '--to', 'a@example.com', '--report', join(file, 'report.json')],
      dir,
    );
    // Assess
    expect(code).toBe(2);
    expect(lines).toEqual([
      expect.stringMatching(/^digest: --report .*plain\.txt\/report\.json: cannot write/),
    ]);
  });

  it('a --ledger that is a folder is refused before sending (was "unexpected error: EISDIR" per recipient, exit 1)', async () => {
    // Prepare
    const list = join(dir, 'subscribers.json');
    writeFileSync(list, JSON.stringify([{ email: 'a@example.com' }]));
    mkdirSync(join(dir, 'ledger'));
    // Act
    const { code, lines } = await run(['send', SAMPLE, '--subscribers', list, '--ledger', 'ledger'], dir);
    // Assess
    expect(code).toBe(2);
    expect(lines).toEqual([
      expect.stringMatching(/send ledger .*ledger: cannot keep the ledger there: it is not a file/),
    ]);
  });

  it('a --report path that is a folder is refused before sending', async () => {
    mkdirSync(join(dir, 'reports'));
    const { code, lines } = await run(['send', SAMPLE, '--to', 'a@example.com', '--report', 'reports'], dir);
    expect(code).toBe(2);
    expect(lines).toEqual([
      expect.stringMatching(/--report reports: cannot write the report there: it is not a file/),
    ]);
  });
});

describe('QA: send --to', () => {
  it('the same test address twice, in another case, is one recipient (was reported as "being sent by another run")', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-qa-to-'));
    try {
      const { code, out, lines } = await run(
        ['send', SAMPLE, '--to', 'a@example.com', '--to', 'A@Example.com', '--dry-run'],
        dir,
      );
      expect(code).toBe(0);
      expect(out).toMatch(/would send 1, skipped 0, .*\(of 1\)/);
      // The progress line agrees with the report: nothing was sent.
      expect(lines.join('\n')).toMatch(/progress: 1\/1 done: 1 would send, 0 skipped/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('QA: render writes all four files or none', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'digest-qa-render-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--out under a file: exit 2, one line naming --out (was an "unexpected error", exit 1)', async () => {
    writeFileSync(join(dir, 'plain.txt'), 'x');
    const { code, lines } = await run(['render', SAMPLE, '--out', 'plain.txt/sub'], dir);
    expect(code).toBe(2);
    expect(lines).toEqual([
      expect.stringMatching(/render: cannot write --out plain\.txt\/sub .*a part of the path is a file/),
    ]);
  });

  it('a folder where digest.txt goes: exit 2 and the earlier files are left as they were', async () => {
    // Prepare: an old digest.html and a folder in the way of digest.txt
    const out = join(dir, 'out');
    mkdirSync(join(out, 'digest.txt'), { recursive: true });
    writeFileSync(join(out, 'digest.html'), 'old edition');
    // Act
    const { code, lines } = await run(['render', SAMPLE, '--out', 'out'], dir);
    // Assess
    expect(code).toBe(2);
    expect(lines).toEqual([
      expect.stringMatching(/render: cannot write --out out: digest\.txt there is not a file/),
    ]);
    expect(readFileSync(join(out, 'digest.html'), 'utf8')).toBe('old edition');
    expect(readdirSync(out).sort()).toEqual(['digest.html', 'digest.txt']);
  });

  it('a successful render leaves no temporary files behind', async () => {
    const { code } = await run(['render', SAMPLE, '--out', 'out', '--date', '2026-11-30'], dir);
    expect(code).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual([
      'digest.eml',
      'digest.html',
      'digest.json',
      'digest.txt',
    ]);
  });
});

describe('QA: file problems in words, not errno codes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'digest-qa-fs-'));
    mkdirSync(join(dir, 'folder'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [['subscribers', 'import', 'missing.csv'], /^digest: missing\.csv: cannot read the CSV: file not found$/],
    [['subscribers', 'import', 'folder'], /^digest: folder: cannot read the CSV: is a directory$/],
    [['analyze', '--feed', 'missing.xml'], /missing\.xml: cannot read the feed: file not found$/],
  ])('%j', async (argv, message) => {
    const { code, lines } = await run(argv, dir);
    expect(code).toBe(2);
    expect(lines).toEqual([expect.stringMatching(message)]);
  });

  it('a CSV row with terminal escapes is reported without raw control characters', async () => {
    // Prepare: ESC sequences in the local part and the domain (per-row lines bypass the error boundary)
    writeFileSync(join(dir, 'people.csv'), 'email,name\n\x1b[31mx@example.com,A\ny@exa\x1b[2Jmple.com,B\n');
    // Act
    const io = captureIO({ cwd: dir });
    const code = await main(['subscribers', 'import', 'people.csv'], io);
    // Assess
    expect(code).toBe(2);
    expect(io.err()).not.toContain('\x1b');
    expect(io.err()).toContain(
      'people.csv:2: invalid: email "\\u001b[31mx@example.com" contains a control character',
    );
    expect(io.err()).toContain(
      'people.csv:3: invalid: email "y@exa\\u001b[2Jmple.com" contains a control character',
    );
  });

  it('preview of a folder says it is a folder, not "no such file"', async () => {
    const { code, lines } = await run(['preview', 'folder'], dir);
    expect(code).toBe(2);
    expect(lines).toEqual(['digest: preview: folder: is a directory, not an article file']);
  });
});
