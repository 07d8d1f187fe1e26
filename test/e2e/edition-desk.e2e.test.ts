import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSes, readLocalSesStore, startLocalSes } from '../../src/adapters/local/embedded-ses.js';
import { loadArticle } from '../../src/article/index.js';
import { main } from '../../src/cli/index.js';
import type { EditionDocument } from '../../src/edition/document.js';
import { draftEdition } from '../../src/edition/draft.js';
import { saveEdition } from '../../src/edition/store.js';
import { type PreviewServer, startPreview } from '../../src/preview/server.js';
import { captureIO } from '../helpers/capture-io.js';
import { chromiumAvailable, launchChromium } from '../helpers/chromium.js';

const SHOTS = process.env['DIGEST_DESK_SHOTS'] ?? resolve('test-artifacts');
const FILES = [
  'examples/articles/north-korea-human-rights.txt',
  'examples/articles/markdown-briefing.md',
].map((f) => resolve(f));
const available = chromiumAvailable('editing desk');

describe.runIf(available)('the editing desk in real Chromium: draft -> edit -> approve -> send', () => {
  let dir: string;
  let file: string;
  let ses: LocalSes;
  let preview: PreviewServer;
  let browser: Browser;
  let page: Page;
  let korea: string;
  let ebola: string;
  const read = () => JSON.parse(readFileSync(file, 'utf8')) as EditionDocument;
  /** The email as the iframe shows it now. */
  const emailText = () => page.frameLocator('#email').locator('body').innerText();
  /** Waits until the page shows the saved version after a change. */
  const savedVersion = async (version: number) => {
    await expect
      .poll(() => page.locator('#edition-version').textContent(), { timeout: 10_000 })
      .toBe(String(version));
  };
  /** Presses a control with the keyboard, as a keyboard user would. */
  const press = async (selector: string) => {
    await page.focus(selector);
    await page.keyboard.press('Enter');
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-'));
    mkdirSync(SHOTS, { recursive: true });
    file = join(dir, 'edition.json');
    const articles = await Promise.all(FILES.map((f) => loadArticle(f)));
    [korea, ebola] = articles.map((a) => a.id) as [string, string];
    saveEdition(
      file,
      draftEdition(
        articles.map((article) => ({ article, itemKey: article.source })),
        { date: '2026-12-07' },
      ),
    );
    ses = await startLocalSes();
    preview = await startPreview({ inputs: [], edition: file, editor: 'Erin Editor', port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1400 } });
    await page.goto(preview.url);
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    await ses?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives every control a label or a name, and shows the draft', async () => {
    // Assess
    const unlabelled = await page.$$eval(
      '#desk input:not([type=hidden]), #desk select, #desk textarea',
      (els) => els.filter((el) => (el as HTMLInputElement).labels?.length === 0).map((el) => el.id),
    );
    expect(unlabelled).toEqual([]);
    const nameless = await page.$$eval(
      '#desk button',
      (els) => els.filter((b) => !b.textContent?.trim()).length,
    );
    expect(nameless).toBe(0);
    await expect(page.locator('#edition-status').textContent()).resolves.toBe('draft');
    expect(await emailText()).toContain('Jay Lefkowitz');
    await page.screenshot({ path: join(SHOTS, 'desk-draft.png'), fullPage: true });
  });

  it('drops a quote and restores it', async () => {
    // Act
    const quote = read().stories[0]!.quotes[1]!.parts[0]!.split(' ').slice(0, 6).join(' ');
    await press(`#drop-${korea}-1`);
    await savedVersion(2);
    // Assess
    expect(read().stories[0]!.quotes[1]!.dropped).toBe(true);
    await expect.poll(emailText).not.toContain(quote);
    await page.screenshot({ path: join(SHOTS, 'desk-quote-dropped.png'), fullPage: true });
    // Act
    await press(`#drop-${korea}-1`);
    await savedVersion(3);
    // Assess
    expect(read().stories[0]!.quotes[1]!.dropped).toBe(false);
    await expect.poll(emailText).toContain(quote);
    // And drop the third for good: the delivered message must not carry it.
    await press(`#drop-${korea}-2`);
    await savedVersion(4);
  });

  it('picks a speaker among the candidates, and types another', async () => {
    // Act: the second candidate the analyzer weighed for the Ebola quote
    const candidates = read().stories[1]!.quotes[0]!.candidates;
    expect(candidates.length).toBeGreaterThan(1);
    await page.focus(`#speaker-${ebola}-0`);
    await page.selectOption(`#speaker-${ebola}-0`, 'World Health Organization');
    await press(`#speaker-save-${ebola}-0`);
    await savedVersion(5);
    // Assess
    expect(read().stories[1]!.quotes[0]!.speaker).toBe('World Health Organization');
    await expect.poll(emailText).toContain('World Health Organization');
    // Act: a name the analyzer did not see, typed and submitted with Enter
    await page.fill(`#speaker-typed-${korea}-0`, 'Ambassador Jay Lefkowitz');
    await press(`#speaker-typed-${korea}-0`);
    await savedVersion(6);
    // Assess
    expect(read().stories[0]!.quotes[0]!.speaker).toBe('Ambassador Jay Lefkowitz');
    await expect.poll(emailText).toContain('Ambassador Jay Lefkowitz');
  });

  it('edits a summary sentence', async () => {
    // Act
    await page.fill(`#summary-${ebola}-2`, 'The outbreak began in September in Mubende district.');
    await press(`#summary-save-${ebola}-2`);
    await savedVersion(7);
    // Assess
    const sentence = read().stories[1]!.summary[2]!;
    expect(sentence).toEqual({
      text: 'The outbreak began in September in Mubende district.',
      original: 'The outbreak began in September.',
    });
    await expect.poll(emailText).toContain('in Mubende district');
    const json = (await (await fetch(new URL('/email/all.json', preview.url))).json()) as {
      edited?: { what: string; edited: boolean }[];
    }[];
    expect(json[1]?.edited?.some((e) => e.what === 'summary' && e.edited)).toBe(true);
  });

  it('reorders stories by keyboard and by dragging, and marks the lead', async () => {
    // Act: move the lead down
    await press(`#down-${korea}`);
    await savedVersion(8);
    // Assess
    expect(read().stories.map((s) => s.article.id)).toEqual([ebola, korea]);
    expect(read().lead).toBe(ebola);
    await expect
      .poll(
        async () =>
          (await emailText()).indexOf('WHO Declares') < (await emailText()).indexOf('China, South Korea'),
      )
      .toBe(true);
    // Act: drag the North Korea story back above
    await page.locator('#order-heading').scrollIntoViewIfNeeded();
    await page.dragAndDrop(
      `li.desk-order-item[data-story="${korea}"]`,
      `li.desk-order-item[data-story="${ebola}"]`,
      { sourcePosition: { x: 12, y: 8 }, targetPosition: { x: 12, y: 8 } },
    );
    await savedVersion(9);
    expect(read().stories.map((s) => s.article.id)).toEqual([korea, ebola]);
    // Act: make the Ebola story the lead
    await press(`#lead-${ebola}`);
    await savedVersion(10);
    // Assess
    expect(read().lead).toBe(ebola);
    expect(read().stories[0]!.article.id).toBe(ebola);
    await expect.poll(() => page.locator('#subject').textContent()).toMatch(/WHO Declares End to Ebola/);
  });

  it('edits the subject, the preheader and the editor note', async () => {
    // Act
    await page.fill('#desk-subject', 'Ebola is over in Uganda; pressure on Pyongyang');
    await press('#desk-subject');
    await savedVersion(11);
    await page.fill('#desk-preheader', 'Two stories the editor picked this week');
    await press('#desk-preheader-save');
    await savedVersion(12);
    await page.fill('#desk-note', 'A short edition this week: two stories worth your time.');
    await press('#desk-note-save');
    await savedVersion(13);
    // Assess
    const doc = read();
    expect([doc.subject, doc.preheader, doc.note]).toEqual([
      'Ebola is over in Uganda; pressure on Pyongyang',
      'Two stories the editor picked this week',
      'A short edition this week: two stories worth your time.',
    ]);
    await expect.poll(() => page.locator('#subject').textContent()).toMatch(/Ebola is over in Uganda/);
    await expect.poll(emailText).toContain('two stories worth your time');
    await page.screenshot({ path: join(SHOTS, 'desk-edited.png'), fullPage: true });
    await page.locator('iframe#email').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'desk-edited-with-email.png') });
  });

  it('approves, and the send delivers every edit through the embedded SES', async () => {
    // Act
    await press('#approve');
    await savedVersion(14);
    expect(read().status).toBe('approved');
    expect(read().edits.every((e) => e.by === 'Erin Editor' && e.via === 'desk')).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'desk-approved.png'), fullPage: true });
    writeFileSync(
      join(dir, 'subscribers.json'),
      JSON.stringify([{ email: 'ada@example.com', status: 'active' }]),
    );
    const io = captureIO({ cwd: dir });
    const code = await main(
      ['send', '--edition', file, '--subscribers', 'subscribers.json', '--ses-endpoint', ses.endpoint],
      io,
    );
    // Assess
    expect(code, io.err()).toBe(0);
    expect(read().status).toBe('sent');
    const [message] = await readLocalSesStore(ses.endpoint);
    expect(message?.subject).toBe('Ebola is over in Uganda; pressure on Pyongyang');
    const text = message?.body.text ?? '';
    expect(text).toContain('two stories worth your time');
    expect(text).toContain('Ambassador Jay Lefkowitz');
    expect(text).toContain('World Health Organization');
    expect(text).toContain('in Mubende district');
    expect(text).not.toContain('There is an opportunity for using a vehicle like Kaesong');
    expect(text.indexOf('WHO Declares')).toBeLessThan(text.indexOf('China, South Korea'));
    expect(message?.body.html).toContain('two stories worth your time');
  });
});
