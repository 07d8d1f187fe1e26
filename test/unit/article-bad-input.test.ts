import { chmod, mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArticle } from '../../src/article/index.js';
import { describeFsError } from '../../src/article/read-input.js';
import { InputError } from '../../src/errors.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'article-bad-input-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** Loads `path` and returns the InputError it must throw, after checking it is one line. */
async function inputError(
  path: string,
  options: Parameters<typeof loadArticle>[1] = {},
): Promise<InputError> {
  const error = await loadArticle(path, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  const inputErr = error as InputError;
  expect(inputErr.exitCode).toBe(2);
  expect(inputErr.message).not.toContain('\n');
  expect(inputErr.message.startsWith(`${path}: `)).toBe(true);
  return inputErr;
}

describe('bad article input: one clear line naming the file, exit status 2', () => {
  it('a missing file', async () => {
    // Act
    const error = await inputError(join(dir, 'nope.txt'));

    // Assess
    expect(error.message).toBe(`${join(dir, 'nope.txt')}: file not found`);
  });

  it('an empty file name', async () => {
    // Act
    const attempt = loadArticle('  ');

    // Assess
    await expect(attempt).rejects.toThrow(new InputError('article input: the file name is empty'));
  });

  it('a directory', async () => {
    // Prepare
    const path = join(dir, 'folder.txt');
    await mkdir(path);

    // Act
    const error = await inputError(path);

    // Assess
    expect(error.message).toBe(`${path}: is a directory, not an article file`);
  });

  it('an empty file and a whitespace-only file', async () => {
    // Prepare
    const empty = await file('empty.txt', '');
    const blank = await file('blank.md', '\ufeff \r\n\u00a0\t\n\n  \n');

    // Act
    const emptyError = await inputError(empty);
    const blankError = await inputError(blank);

    // Assess
    expect(emptyError.message).toBe(`${empty}: is empty (0 bytes)`);
    expect(blankError.message).toBe(`${blank}: is empty`);
  });

  it('a title but no body, in text, Markdown and HTML', async () => {
    // Prepare
    const text = await file('title-only.txt', 'Just A Headline\n\n\n');
    const markdown = await file('title-only.md', '# Just A Headline\n\n![only an image](x.png)\n');
    const html = await file(
      'title-only.html',
      '<!doctype html><html><head><title>Just A Headline</title></head><body><script>x()</script></body></html>',
    );

    // Act
    const errors = await Promise.all([text, markdown, html].map((path) => inputError(path)));

    // Assess
    expect(errors.map((e) => e.message)).toEqual([
      `${text}: has a title but no body text`,
      `${markdown}: has a title but no body text`,
      `${html}: has a title but no body text`,
    ]);
  });

  it('binary content: a NUL byte, or mostly control characters', async () => {
    // Prepare
    const png = await file(
      'image.txt',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    const controls = await file(
      'controls.txt',
      Buffer.from('Title\n\n\x01\x02\x03\x04\x05 body \x06\x07\x08'),
    );

    // Act
    const pngError = await inputError(png);
    const controlsError = await inputError(controls);

    // Assess
    expect(pngError.message).toBe(`${png}: looks binary (NUL byte at offset 8), not a text article`);
    expect(controlsError.message).toBe(
      `${controls}: looks binary (too many control characters), not a text article`,
    );
  });

  it('non-UTF-8 content, with the offset of the first bad byte', async () => {
    // Prepare
    const latin1 = await file('latin1.txt', Buffer.from('Caf\u00e9 News\n\nThe caf\u00e9 opened.', 'latin1'));
    const truncated = await file(
      'truncated.txt',
      Buffer.concat([Buffer.from('Title\n\nEnds in \u20ac'), Buffer.from([0xe2, 0x82])]),
    );
    const utf16 = await file('utf16.txt', Buffer.from('\ufeffTitle\n\nBody.', 'utf16le'));

    // Act
    const latin1Error = await inputError(latin1);
    const truncatedError = await inputError(truncated);
    const utf16Error = await inputError(utf16);

    // Assess
    expect(latin1Error.message).toBe(`${latin1}: is not valid UTF-8 (bad byte 0xE9 at offset 3)`);
    expect(truncatedError.message).toBe(`${truncated}: is not valid UTF-8 (bad byte 0xE2 at offset 18)`);
    expect(utf16Error.message).toBe(`${utf16}: is UTF-16 encoded; save it as UTF-8`);
  });

  it('a file over the default 5 MB limit is refused from its size, before reading', async () => {
    // Prepare: a sparse 6 MB file costs nothing to create and would be slow to read.
    const path = join(dir, 'huge.txt');
    const handle = await open(path, 'w');
    await handle.truncate(6 * 1024 * 1024);
    await handle.close();

    // Act
    const error = await inputError(path);

    // Assess
    expect(error.message).toBe(`${path}: is too large (6 MB, over the 5 MB limit)`);
  });

  it('a file over a configured maxBytes', async () => {
    // Prepare
    const path = await file('small-limit.txt', `Title\n\n${'word '.repeat(400)}`);

    // Act
    const error = await inputError(path, { maxBytes: 1024 });
    const fits = await loadArticle(path, { maxBytes: 4096 });

    // Assess
    expect(error.message).toBe(`${path}: is too large (2 KB, over the 1 KB limit)`);
    expect(fits.paragraphs).toHaveLength(1);
  });

  it('an unreadable file', async () => {
    // Prepare
    const path = await file('locked.txt', 'Title\n\nBody.');
    await chmod(path, 0o000);
    const root = process.getuid?.() === 0;

    // Act
    const result = await loadArticle(path).then(
      (article) => article.title,
      (e: unknown) => (e as Error).message,
    );

    // Assess: root reads anything, so there the real read must simply succeed.
    expect(result).toBe(root ? 'Title' : `${path}: permission denied`);
  });

  it('maps permission errors to one line (simulated EACCES/EPERM: root cannot be denied a read)', () => {
    // Prepare
    const denied = Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' });
    const notPermitted = Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
    const odd = Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });

    // Act
    const messages = [denied, notPermitted, odd].map((e) => describeFsError('secret.txt', e).message);

    // Assess
    expect(messages).toEqual([
      'secret.txt: permission denied',
      'secret.txt: permission denied',
      'secret.txt: cannot be read (EIO)',
    ]);
  });
});
