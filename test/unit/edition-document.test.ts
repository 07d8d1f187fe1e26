import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArticle } from '../../src/article/index.js';
import type { Article } from '../../src/article/types.js';
import { main } from '../../src/cli/index.js';
import type { EditionDocument } from '../../src/edition/document.js';
import { draftEdition } from '../../src/edition/draft.js';
import { applyChange, EditionStateError } from '../../src/edition/edits.js';
import { loadEdition, saveEdition } from '../../src/edition/store.js';
import { captureIO } from '../helpers/capture-io.js';

const SAMPLE = 'examples/articles/north-korea-human-rights.txt';
const BRIEFING = 'examples/articles/markdown-briefing.md';
const who = { by: 'Erin', via: 'desk' as const };

describe('the edition document', () => {
  let dir: string;
  let articles: Article[];
  let draft: EditionDocument;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'edition-doc-'));
    articles = await Promise.all([SAMPLE, BRIEFING].map((f) => loadArticle(f)));
    draft = draftEdition(
      articles.map((article) => ({ article, itemKey: article.source })),
      { date: '2026-12-07' },
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes `doc` (or raw text) to a fresh file and returns its path. */
  const write = (name: string, content: EditionDocument | string) => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return file;
  };

  it('has the fields the schema publishes, and the schema requires every one of them', () => {
    const schema = JSON.parse(readFileSync('schemas/edition.schema.json', 'utf8')) as {
      required: string[];
      properties: Record<string, unknown>;
    };
    const fields = Object.keys(draft).filter((k) => k !== '$schema');
    expect(fields.sort()).toEqual([...schema.required].sort());
    expect(Object.keys(schema.properties).sort()).toEqual(['$schema', ...fields].sort());
    expect(draft).toMatchObject({ status: 'draft', version: 0, note: null, lead: articles[0]!.id });
  });

  it('grows the version on every save and writes atomically (no temporary file left)', () => {
    const file = join(dir, 'versions.json');
    const one = saveEdition(file, draft);
    const two = saveEdition(file, applyChange(one, { op: 'note', text: 'Hello' }, who));
    expect([one.version, two.version]).toEqual([1, 2]);
    expect(loadEdition(file).doc.version).toBe(2);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('records each edit with who, when, where, the field and the values', () => {
    const doc = applyChange(
      draft,
      { op: 'speaker', story: articles[0]!.id, quote: 0, speaker: 'Someone Else' },
      who,
    );
    expect(doc.edits).toEqual([
      expect.objectContaining({
        by: 'Erin',
        via: 'desk',
        path: '/stories/0/quotes/0/speaker',
        from: 'Jay Lefkowitz',
        to: 'Someone Else',
      }),
    ]);
    // A role described the analyzer's speaker, not the one typed.
    expect(doc.stories[0]!.quotes[0]!.role).toBeNull();
  });

  it('follows the lifecycle: an edit sends an approved edition back to draft; sent and cancelled ones are final', () => {
    const approved = applyChange(draft, { op: 'approve' }, who);
    expect(approved.status).toBe('approved');
    const edited = applyChange(approved, { op: 'subject', text: 'New subject' }, who);
    expect(edited.status).toBe('draft');
    const cancelled = applyChange(draft, { op: 'cancel' }, who);
    expect(() => applyChange(cancelled, { op: 'note', text: 'x' }, who)).toThrow(EditionStateError);
    expect(() => applyChange(cancelled, { op: 'approve' }, who)).toThrow(/cancelled cannot become approved/);
  });

  it('keeps an unedited subject in step with the lead story, and an edited one as the editor wrote it', () => {
    const moved = applyChange(draft, { op: 'lead', story: articles[1]!.id }, who);
    expect(moved.subject).toMatch(/WHO Declares End to Ebola/);
    const fixed = applyChange(
      applyChange(draft, { op: 'subject', text: 'Mine' }, who),
      { op: 'lead', story: articles[1]!.id },
      who,
    );
    expect(fixed.subject).toBe('Mine');
  });

  it.each([
    [
      'a rewritten quote',
      (d: EditionDocument) => {
        d.stories[0]!.quotes[0]!.parts[0] = 'Words nobody said';
      },
      '/stories/0/quotes/0/parts/0: is not a verbatim span of the article (quotes may be dropped or re-attributed, never rewritten)',
    ],
    [
      'a missing subject',
      (d: EditionDocument) => {
        delete (d as Partial<EditionDocument>).subject;
      },
      '/subject: expected a string, got nothing',
    ],
    [
      'an unknown status',
      (d: EditionDocument) => {
        (d as { status: string }).status = 'published';
      },
      '/status: expected one of draft, approved, sending, sent, cancelled, got "published"',
    ],
    [
      'a date that is no day',
      (d: EditionDocument) => {
        d.date = '2026-02-30';
      },
      '/date: expected YYYY-MM-DD, got "2026-02-30" (no such day in the calendar)',
    ],
    [
      'an empty summary sentence',
      (d: EditionDocument) => {
        d.stories[1]!.summary[0]!.text = ' ';
      },
      '/stories/1/summary/0/text: must not be empty',
    ],
    [
      'a lead of no story',
      (d: EditionDocument) => {
        d.lead = 'nope';
      },
      '/lead: names no story of this edition ("nope")',
    ],
    [
      'a dropped flag that is no boolean',
      (d: EditionDocument) => {
        (d.stories[0]!.quotes[1] as { dropped: unknown }).dropped = 'yes';
      },
      '/stories/0/quotes/1/dropped: expected true or false',
    ],
  ])(
    'refuses %s with one line naming the field by its JSON pointer (exit 2)',
    async (_what, spoil, message) => {
      const doc = structuredClone(draft);
      spoil(doc);
      const file = write('bad.json', doc);
      const io = captureIO({ cwd: dir });
      const code = await main(['edition', 'show', file], io);
      expect(code).toBe(2);
      expect(io.err()).toBe(`digest: ${file}: ${message}\n`);
    },
  );

  it('refuses a file that is not JSON with the line and column', async () => {
    const file = write('broken.json', '{\n  "version": 1,\n  oops\n}');
    const io = captureIO({ cwd: dir });
    expect(await main(['render', '--edition', file, '--out', 'x'], io)).toBe(2);
    expect(io.err()).toMatch(/broken\.json: \/: not valid JSON at line 3 column 3\n$/);
  });

  it('records hand edits of the file as edits from the file, and keeps them at the next save', () => {
    const file = join(dir, 'hand.json');
    const saved = saveEdition(file, draft);
    const byHand = structuredClone(saved);
    byHand.stories[0]!.quotes[2]!.dropped = true;
    byHand.stories[1]!.summary[1]!.text = 'Edited by hand.';
    byHand.note = 'Typed in the file';
    write('hand.json', byHand);
    const { doc, fileEdits } = loadEdition(file, 'git');
    expect(fileEdits.map((e) => [e.path, e.via, e.by, e.to])).toEqual([
      ['/stories/0/quotes/2/dropped', 'file', 'git', true],
      ['/stories/1/summary/1/text', 'file', 'git', 'Edited by hand.'],
      ['/note', 'file', 'git', 'Typed in the file'],
    ]);
    // Saved once, the hand edits are history: the next load finds none.
    saveEdition(file, doc);
    expect(loadEdition(file).fileEdits).toEqual([]);
  });

  it('sends nothing of a draft and says how to approve it (exit 1); --approve approves and sends', async () => {
    const file = join(dir, 'send.json');
    saveEdition(file, draft);
    writeFileSync(join(dir, 'subs.json'), '[]');
    const io = captureIO({ cwd: dir });
    const code = await main(['send', '--edition', file, '--subscribers', 'subs.json', '--dry-run'], io);
    expect(code, io.err()).toBe(0);
    const refused = captureIO({ cwd: dir });
    expect(await main(['send', '--edition', file, '--subscribers', 'subs.json'], refused)).toBe(1);
    expect(refused.err()).toMatch(
      /is a draft, not approved: nothing sent; approve it with `digest edition approve .*send\.json` \(or `digest send --edition .*send\.json --approve`\)/,
    );
    expect(loadEdition(file).doc.status).toBe('draft');
    const approve = captureIO({ cwd: dir });
    expect(await main(['edition', 'approve', file, '--by', 'Erin'], approve), approve.err()).toBe(0);
    expect(loadEdition(file).doc).toMatchObject({ status: 'approved', version: 2 });
  });
});
