import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { captureIO } from '../helpers/capture-io.js';
import { ARTICLES_DIR, SAMPLE } from './analysis-helpers.js';

const sample = join(ARTICLES_DIR, SAMPLE);

describe('digest analyze', () => {
  it('prints exactly one contract JSON object with --json', async () => {
    // Prepare
    const io = captureIO();
    // Act
    const code = await main(['analyze', sample, '--json'], io);
    // Assess
    expect(code).toBe(0);
    expect(io.err()).toBe('');
    const lines = io.out().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    // The contract's keys first and unrenamed; `notShown` is an addition.
    expect(Object.keys(json)).toEqual([
      'title',
      'summary',
      'quotes',
      'followUps',
      'entities',
      'stats',
      'notShown',
    ]);
    expect(json.title).toBe('China, South Korea Urged To Press North Korea on Human Rights');
    expect(json.quotes).toHaveLength(7);
    for (const q of json.quotes) {
      expect(Object.keys(q).slice(0, 6)).toEqual(['text', 'speaker', 'role', 'kind', 'start', 'end']);
    }
    expect(json.quotes[0].speaker).toBe('Jay Lefkowitz');
    expect(Object.keys(json.entities)).toEqual(['people', 'organizations', 'places', 'dates']);
    expect(Object.keys(json.stats)).toEqual(['words', 'readingMinutes']);
    for (const f of json.followUps)
      expect(['action', 'pending', 'suggestion', 'reading', 'event']).toContain(f.kind);
  });

  it('marks each quote shown or not, as the digest shows them (issue 10)', async () => {
    // Prepare
    const io = captureIO();
    // Act
    await main(['analyze', sample, '--json'], io);
    // Assess
    const json = JSON.parse(io.out());
    for (const q of json.quotes) expect(typeof q.shown).toBe('boolean');
    const shown = json.quotes.filter(
      (q: { shown: boolean; continues?: number }) => q.shown && q.continues === undefined,
    );
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThanOrEqual(3);
    const china = json.quotes.find((q: { text: string }) => q.text.startsWith('needs to understand'));
    expect(china).toMatchObject({ shown: true, leadIn: 'China' });
    // The summary printed is the one the digest shows: the dateline is cut.
    expect(json.summary[0]).not.toMatch(/^United Nations - /);
    // No follow-up repeats a shown quote.
    const shownTexts = json.quotes
      .filter((q: { shown: boolean }) => q.shown)
      .map((q: { text: string }) => q.text);
    for (const f of json.followUps) for (const t of shownTexts) expect(f.sentence).not.toContain(t);
  });

  it('honours --quotes N and refuses a bad N with exit 2', async () => {
    // Act
    const one = captureIO();
    await main(['analyze', sample, '--json', '--quotes', '1'], one);
    const bad = captureIO();
    const code = await main(['analyze', sample, '--quotes', 'many'], bad);
    // Assess
    const json = JSON.parse(one.out());
    expect(
      json.quotes.filter((q: { shown: boolean; continues?: number }) => q.shown && q.continues === undefined),
    ).toHaveLength(1);
    expect(code).toBe(2);
    expect(bad.err()).toMatch(/--quotes expects a whole number from 0 to 20, got "many"/);
  });

  it('prints one JSON line per article for several files', async () => {
    const io = captureIO();
    const code = await main(['analyze', sample, join(ARTICLES_DIR, 'split-quote.txt'), '--json'], io);
    expect(code).toBe(0);
    const lines = io.out().trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).title)).toEqual([
      'China, South Korea Urged To Press North Korea on Human Rights',
      'Fed Holds Rates Steady, Signals Patience on Cuts',
    ]);
  });

  it('reads stdin for - and honours --summary-sentences', async () => {
    const io = captureIO({
      stdin:
        'Rain Expected\n\nForecasters said rain would fall on Monday. Farmers welcomed it. "We need it," one said.\n\nThe dry spell has lasted two months.',
    });
    const code = await main(['analyze', '-', '--json', '--summary-sentences', '2'], io);
    expect(code).toBe(0);
    const json = JSON.parse(io.out());
    expect(json.title).toBe('Rain Expected');
    expect(json.summary).toHaveLength(2);
  });

  it('prints a readable report without --json', async () => {
    const io = captureIO();
    const code = await main(['analyze', sample], io);
    expect(code).toBe(0);
    const out = io.out();
    expect(out).toContain('China, South Korea Urged To Press North Korea on Human Rights');
    expect(out).toContain('Summary');
    expect(out).toMatch(/Jay Lefkowitz, United States' special envoy on human rights in North Korea/);
    expect(out).toContain('Calls to action:');
    expect(out).toContain('Further reading:');
    expect(out).toContain('People: Jay Lefkowitz');
  });

  it('exits 2 with one line naming a missing file', async () => {
    const io = captureIO();
    const code = await main(['analyze', 'no/such/article.txt', '--json'], io);
    expect(code).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err().trimEnd().split('\n')).toHaveLength(1);
    expect(io.err()).toContain('no/such/article.txt');
  });

  it.each([
    [['analyze'], /no input/],
    [['analyze', sample, '--summary-sentences', '9'], /--summary-sentences/],
    [['analyze', sample, '--max-bytes', 'lots'], /--max-bytes/],
    [['analyze', sample, '--format', 'pdf'], /--format/],
    [['analyze', sample, '--bogus'], /bogus/],
  ])('exits 2 with one line on bad usage %j', async (argv, message) => {
    const io = captureIO();
    const code = await main(argv, io);
    expect(code).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err().trimEnd().split('\n')).toHaveLength(1);
  });

  it('exits 2 on an empty file and on a file over --max-bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-analyze-'));
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const io = captureIO();
    expect(await main(['analyze', empty], io)).toBe(2);
    expect(io.err()).toContain('empty.txt');
    const io2 = captureIO();
    expect(await main(['analyze', sample, '--max-bytes', '100'], io2)).toBe(2);
    expect(io2.err().trimEnd().split('\n')).toHaveLength(1);
  });
});
