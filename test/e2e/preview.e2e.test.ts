import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PreviewServer, startPreview } from '../../src/preview/server.js';
import { findOnPath } from '../../src/preview/spam-check.js';
import { chromiumAvailable, launchChromium } from '../helpers/chromium.js';

const ARTIFACTS = resolve('test-artifacts');
const SAMPLE = resolve('examples/articles/north-korea-human-rights.txt');
const available = chromiumAvailable('preview');

/** The email iframe's frame, once its document has loaded. */
async function emailFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe#email');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the email iframe has no frame');
  await frame.waitForLoadState('load');
  return frame;
}

describe.runIf(available)('preview in real Chromium', () => {
  let dir: string;
  let templatesDir: string;
  let preview: PreviewServer;
  let browser: Browser;
  let page: Page;
  const sent: { to: string; inputs: string[] }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'preview-e2e-'));
    templatesDir = join(dir, 'templates');
    cpSync(resolve('templates'), templatesDir, { recursive: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    preview = await startPreview({
      inputs: [SAMPLE],
      port: 0,
      templatesDir,
      // The real sender is the delivery module's; here the button's round trip is what is tested.
      onSendTest: async (to, inputs) => {
        sent.push({ to, inputs });
        return { messageId: 'e2e-message-1' };
      },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the sample digest with its quotes and speakers inside the iframe', async () => {
    // Prepare
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/.test(message.text()))
        errors.push(message.text());
    });
    const analysis = JSON.parse(await (await fetch(new URL('/email/0.json', preview.url))).text()) as {
      quotes: { text: string; speaker: string | null; shown: boolean }[];
    };
    // Act
    await page.goto(preview.url);
    const frame = await emailFrame(page);
    // Assess
    await expect(frame.getByText('Jay Lefkowitz').first().isVisible()).resolves.toBe(true);
    // The JSON is what the email shows (issue 10): every quote marked shown or not.
    const shown = analysis.quotes.filter((q) => q.shown);
    const speakers = [...new Set(shown.map((q) => q.speaker).filter((s): s is string => s !== null))];
    expect(speakers).toContain('Jay Lefkowitz');
    for (const speaker of speakers) {
      await expect(frame.getByText(speaker).first().isVisible(), speaker).resolves.toBe(true);
    }
    // Every shown quote is rendered visibly (not dropped, not hidden): its opening words are in the iframe.
    expect(shown.length).toBeGreaterThan(2);
    expect(analysis.quotes.length).toBeGreaterThan(shown.length);
    for (const quote of shown) {
      const opening = quote.text.replace(/\s+/g, ' ').split(' ').slice(0, 6).join(' ');
      await expect(frame.getByText(opening).first().isVisible(), opening).resolves.toBe(true);
    }
    expect(errors).toEqual([]);
    if (findOnPath('spamassassin')) {
      // The score arrives later over server-sent events and replaces the "running" line.
      await page.waitForSelector('[data-check="spamassassin"]:not(.status-pending)', { timeout: 25_000 });
      await expect(page.locator('[data-check="spamassassin"]').textContent()).resolves.toMatch(/score -?\d/);
    }
    const desktop = await page.locator('iframe#email').boundingBox();
    expect(desktop?.width).toBeGreaterThanOrEqual(600);
    const shot = join(ARTIFACTS, 'preview-desktop.png');
    await page.screenshot({ path: shot });
    console.log(`screenshot: ${shot}`);
  });

  it('switches to the mobile width', async () => {
    // Act
    await page.click('[data-view="mobile"]');
    await page.waitForFunction(
      () => document.querySelector('iframe#email')?.getBoundingClientRect().width === 375,
    );
    // Assess
    const box = await page.locator('iframe#email').boundingBox();
    expect(box?.width).toBe(375);
    expect(page.url()).toContain('view=mobile');
    const shot = join(ARTIFACTS, 'preview-mobile.png');
    await page.screenshot({ path: shot });
    console.log(`screenshot: ${shot}`);
  });

  it('toggles dark mode and the email background turns dark', async () => {
    // Prepare
    const background = async () => {
      const frame = await emailFrame(page);
      return frame.evaluate(() => {
        // The card behind the article text: the element that holds the first article heading.
        const heading = document.querySelector('h1, h2, h3') ?? document.body;
        let el: Element | null = heading;
        while (el && getComputedStyle(el).backgroundColor === 'rgba(0, 0, 0, 0)') el = el.parentElement;
        return el ? getComputedStyle(el).backgroundColor : '';
      });
    };
    const luminance = (rgb: string) => {
      const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const light = await background();
    // Act
    await page.click('[data-scheme="dark"]');
    await page.waitForFunction(() =>
      document.querySelector('iframe#email')?.getAttribute('src')?.includes('scheme=dark'),
    );
    await page.waitForTimeout(300);
    const dark = await background();
    // Assess
    expect(dark).not.toBe(light);
    expect(luminance(light)).toBeGreaterThan(200);
    expect(luminance(dark)).toBeLessThan(80);
    const shot = join(ARTIFACTS, 'preview-mobile-dark.png');
    await page.screenshot({ path: shot });
    console.log(`screenshot: ${shot}`);
  });

  it('reloads the page within a few seconds when a template file changes', async () => {
    // Prepare
    const file = join(templatesDir, 'partials', 'footer.mjml');
    const marker = `Edited footer ${Date.now()}`;
    const original = readFileSync(file, 'utf8');
    const version = await page.locator('body').getAttribute('data-version');
    // Act
    const started = Date.now();
    writeFileSync(file, original.replace('</mj-column>', `<mj-text>${marker}</mj-text></mj-column>`));
    await page.waitForFunction((v) => document.body.dataset.version !== v, version, { timeout: 5000 });
    const reloaded = Date.now() - started;
    const frame = await emailFrame(page);
    await frame.getByText(marker).waitFor({ timeout: 5000 });
    const elapsed = Date.now() - started;
    // Assess
    expect(elapsed).toBeLessThan(5000);
    console.log(`live reload after a template edit: page ${reloaded} ms, email shown ${elapsed} ms`);
    // The toggles survive the reload: they live in the URL.
    expect((await page.locator('iframe#email').boundingBox())?.width).toBe(375);
    expect(await page.locator('a[data-scheme="dark"]').getAttribute('aria-pressed')).toBe('true');
  });

  it('sends a test message from the page and says so', async () => {
    // Act
    await page.fill('#send-to', 'editor@example.com');
    await page.click('#send-test button');
    await page.waitForFunction(() => document.getElementById('send-status')?.textContent?.startsWith('Sent'));
    // Assess
    expect(await page.textContent('#send-status')).toBe('Sent to editor@example.com (message e2e-message-1)');
    expect(sent).toEqual([{ to: 'editor@example.com', inputs: [SAMPLE] }]);
  });

  it('navigates between the edition and single articles from the list', async () => {
    // Act
    await page.click('nav a:has-text("Full edition")');
    await page.waitForURL(/a=all/);
    // Assess
    expect(await page.locator('body').getAttribute('data-selection')).toBe('all');
    expect(page.url()).toContain('view=mobile');
    await page.click('nav .articles a:has-text("China, South Korea")');
    await page.waitForURL(/a=0/);
  });

  it('saves the whole email at both widths for review', async () => {
    // Prepare
    const shots: string[] = [];
    // Act
    for (const [name, width] of [
      ['desktop', 680],
      ['mobile', 375],
    ] as const) {
      const emailPage = await browser.newPage({ viewport: { width, height: 800 } });
      await emailPage.goto(new URL('/email/0.html', preview.url).href);
      const shot = join(ARTIFACTS, `email-${name}-full.png`);
      await emailPage.screenshot({ path: shot, fullPage: true });
      const overflow = await emailPage.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      await emailPage.close();
      shots.push(shot);
      // Assess: nothing sticks out sideways at either width
      expect(overflow).toBeLessThanOrEqual(0);
    }
    for (const shot of shots) console.log(`screenshot: ${shot}`);
    expect(shots.every((shot) => existsSync(shot))).toBe(true);
  });

  it('shows a template error in the page and keeps serving', async () => {
    // Prepare
    const file = join(templatesDir, 'partials', 'footer.mjml');
    const good = readFileSync(file, 'utf8');
    const version = await page.locator('body').getAttribute('data-version');
    // Act
    writeFileSync(file, `${good}\n<mj-section><mj-column><mj-nonsense /></mj-column></mj-section>\n`);
    await page.waitForFunction((v) => document.body.dataset.version !== v, version, { timeout: 5000 });
    // Assess
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('Template error');
    const shot = join(ARTIFACTS, 'preview-template-error.png');
    await page.screenshot({ path: shot });
    console.log(`screenshot: ${shot}`);
    writeFileSync(file, good);
  });
});
