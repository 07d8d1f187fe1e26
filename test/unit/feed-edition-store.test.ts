import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonEditionStore } from '../../src/adapters/local/edition-store.js';
import type { EditionRecord } from '../../src/edition/ports.js';
import { InputError } from '../../src/errors.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'digest-editions-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const edition = (digestId: string, createdAt: string, itemKeys: string[]): EditionRecord => ({
  digestId,
  date: createdAt.slice(0, 10),
  articleIds: itemKeys.map((_, index) => `article-${digestId}-${index}`),
  itemKeys,
  createdAt,
});

describe('JsonEditionStore', () => {
  it('starts empty when the file does not exist', async () => {
    const store = new JsonEditionStore(join(dir, 'missing', 'editions.json'));

    expect(await store.latest()).toBeUndefined();
    expect(await store.seen(['a'])).toEqual(new Set());
  });

  it('records editions and answers which keys went out before', async () => {
    // Prepare
    const path = join(dir, 'nested', 'editions.json');
    const store = new JsonEditionStore(path);

    // Act
    await store.record(edition('d1', '2026-11-02T08:00:00.000Z', ['k1', 'k2']));
    await store.record(edition('d2', '2026-11-09T08:00:00.000Z', ['k3']));

    // Assess: a fresh instance reads the same file.
    const reopened = new JsonEditionStore(path);
    expect(await reopened.seen(['k1', 'k3', 'k4'])).toEqual(new Set(['k1', 'k3']));
    expect((await reopened.latest())?.digestId).toBe('d2');
    expect(await readdir(join(dir, 'nested'))).toEqual(['editions.json']);
  });

  it('replaces a re-recorded digest instead of duplicating it', async () => {
    const store = new JsonEditionStore(join(dir, 'editions.json'));

    await store.record(edition('d1', '2026-11-02T08:00:00.000Z', ['k1']));
    await store.record(edition('d1', '2026-11-02T09:00:00.000Z', ['k1', 'k2']));

    const file = JSON.parse(await readFile(join(dir, 'editions.json'), 'utf8'));
    expect(file.editions).toHaveLength(1);
    expect(file.editions[0].itemKeys).toEqual(['k1', 'k2']);
  });

  it('keeps every record when several are written at once', async () => {
    const store = new JsonEditionStore(join(dir, 'editions.json'));

    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.record(edition(`d${i}`, `2026-11-0${i}T08:00:00.000Z`, [`k${i}`])),
      ),
    );

    expect((await store.seen(Array.from({ length: 10 }, (_, i) => `k${i}`))).size).toBe(10);
  });

  it('refuses a corrupt file with a line naming it', async () => {
    const path = join(dir, 'editions.json');
    await writeFile(path, '{ not json');
    const store = new JsonEditionStore(path);

    await expect(store.seen(['k'])).rejects.toThrow(InputError);
    await expect(store.seen(['k'])).rejects.toThrow(`${path}: not a valid editions record`);
  });
});
