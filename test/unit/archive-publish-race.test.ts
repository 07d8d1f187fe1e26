// Two publishes (or a publish and a withdrawal) of the public archive at about the same time: both
// read editions.json, both write it back. Against an in-memory store that enforces the conditional
// write contract of PublicArchiveStore atomically, as S3 does; s3rver (the local S3 emulator) ignores
// If-Match / If-None-Match on PUT, so the race itself is not run against it (see archive-aws.test.ts
// for the headers the S3 adapter sends and how it reads 412 / 409).
import { describe, expect, it } from 'vitest';
import type { EditionPage } from '../../src/archive/page.js';
import {
  ENTRIES_FILE,
  MAX_LIST_ATTEMPTS,
  type PublicArchiveStore,
  publishEdition,
  type Versioned,
  withdrawEdition,
} from '../../src/archive/publish.js';
import type { ArchiveFile } from '../../src/archive/site.js';

const SETTINGS = { baseUrl: 'https://news.example.org/archive/' };

const page = (date: string, digestId: string): EditionPage => ({
  id: `${date}-${digestId}`,
  digestId,
  date,
  subject: `Edition of ${date}`,
  preheader: '',
  storyTitles: [`Story of ${date}`],
  stories: [{ title: `Story of ${date}`, url: null, summary: ['One sentence.'] }],
  html: `<p>${date}</p>`,
});

/**
 * The bucket, in memory, with S3's conditional write: the check and the write happen in one step.
 * Every read of editions.json waits until `gate` readers have read (then none wait), so concurrent
 * writers all read the same list; `hold` can delay a write of one path until a promise settles.
 */
class MemoryArchive implements PublicArchiveStore {
  readonly files = new Map<string, Versioned>();
  readonly conflicts: string[] = [];
  hold: { path: string; until: Promise<unknown> } | undefined;
  private versions = 0;
  private waiting: Array<() => void> = [];
  constructor(private gate = 2) {}

  private async meet(path: string): Promise<void> {
    if (path !== ENTRIES_FILE || this.gate === 0) return;
    if (this.waiting.length + 1 >= this.gate) {
      this.gate = 0;
      for (const go of this.waiting.splice(0)) go();
      return;
    }
    await new Promise<void>((go) => this.waiting.push(go));
  }

  private async put(file: ArchiveFile): Promise<void> {
    const hold = this.hold;
    if (hold?.path === file.path) {
      this.hold = undefined;
      await hold.until;
    }
    await Promise.resolve();
  }

  body = (path: string): string | undefined => this.files.get(path)?.body;
  listed = (): string[] =>
    (JSON.parse(this.body(ENTRIES_FILE) ?? '[]') as Array<{ id: string }>).map((e) => e.id);

  async read(path: string): Promise<Versioned | undefined> {
    await this.meet(path);
    return this.files.get(path);
  }
  async write(file: ArchiveFile): Promise<void> {
    await this.put(file);
    this.files.set(file.path, { body: file.body, version: `v${++this.versions}` });
  }
  async writeIfUnchanged(file: ArchiveFile, expected: string | undefined): Promise<string | undefined> {
    await this.put(file);
    if (this.files.get(file.path)?.version !== expected) {
      this.conflicts.push(file.path);
      return undefined;
    }
    const version = `v${++this.versions}`;
    this.files.set(file.path, { body: file.body, version });
    return version;
  }
  async remove(path: string): Promise<void> {
    this.files.delete(path);
  }
  async invalidate(_paths: string[]): Promise<void> {}
}

describe('publishing the archive: two writers of editions.json at once', () => {
  it('two concurrent publishes: both editions stay in the list, the index and the feed', async () => {
    // Prepare
    const store = new MemoryArchive();
    const first = page('2026-12-06', 'aaaaaaaaaaaaaaaa');
    const second = page('2026-12-07', 'bbbbbbbbbbbbbbbb');
    // Act: both read the (absent) list before either writes it
    await Promise.all([publishEdition(store, first, SETTINGS), publishEdition(store, second, SETTINGS)]);
    // Assess: one of them lost the conditional write and did it again on the new list
    expect(store.conflicts).toEqual([ENTRIES_FILE]);
    expect(store.listed()).toEqual([second.id, first.id]);
    for (const file of ['index.html', 'feed.xml']) {
      expect(store.body(file)).toContain(first.id);
      expect(store.body(file)).toContain(second.id);
    }
  });

  it('a withdrawal overlapping a publish: the published edition stays, the withdrawn one goes', async () => {
    // Prepare
    const store = new MemoryArchive(0);
    const old = page('2026-11-29', 'cccccccccccccccc');
    const fresh = page('2026-12-06', 'dddddddddddddddd');
    await publishEdition(store, old, SETTINGS);
    let publishDone!: () => void;
    store.hold = { path: ENTRIES_FILE, until: new Promise<void>((done) => (publishDone = done)) };
    // Act: the withdrawal has read the list without the new edition; its write waits for the publish
    const withdrawing = withdrawEdition(store, old.id, SETTINGS);
    await new Promise((done) => setTimeout(done, 5));
    await publishEdition(store, fresh, SETTINGS);
    publishDone();
    const removed = await withdrawing;
    // Assess
    expect(removed.id).toBe(old.id);
    expect(store.conflicts).toEqual([ENTRIES_FILE]);
    expect(store.listed()).toEqual([fresh.id]);
    expect(store.body('index.html')).toContain(fresh.id);
    expect(store.body('index.html')).not.toContain(old.id);
    expect(store.body('feed.xml')).toContain(fresh.id);
    expect(store.body(`editions/${old.id}.html`)).toBeUndefined();
  });

  it("an older writer's index written last is rebuilt from the newer list", async () => {
    // Prepare: the first publish's index write waits until the second publish has finished
    const store = new MemoryArchive(0);
    const first = page('2026-12-06', 'eeeeeeeeeeeeeeee');
    const second = page('2026-12-07', 'ffffffffffffffff');
    let finishSecond!: () => void;
    const secondDone = new Promise<void>((done) => {
      finishSecond = done;
    });
    store.hold = { path: 'index.html', until: secondDone };
    // Act
    const publishing = publishEdition(store, first, SETTINGS);
    await new Promise((done) => setTimeout(done, 5));
    await publishEdition(store, second, SETTINGS);
    finishSecond();
    await publishing;
    // Assess
    expect(store.listed()).toEqual([second.id, first.id]);
    expect(store.body('index.html')).toContain(second.id);
    expect(store.body('feed.xml')).toContain(second.id);
  });

  it('gives up with an error, not a lost edition, when the list keeps changing', async () => {
    // Prepare: every conditional write loses
    const store = new MemoryArchive(0);
    store.writeIfUnchanged = async (file) => {
      store.conflicts.push(file.path);
      return undefined;
    };
    // Act / Assess
    await expect(publishEdition(store, page('2026-12-06', '1111111111111111'), SETTINGS)).rejects.toThrow(
      /changed by another writer 8 times in a row/,
    );
    expect(store.conflicts).toHaveLength(MAX_LIST_ATTEMPTS);
  });
});
