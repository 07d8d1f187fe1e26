// The public archive in real Chromium: axe-core (injected from node_modules, no network) finds no
// violation of the WCAG 2.x A/AA rules on the index and on an edition page, as `npm start` serves them.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMainJob } from '../../src/cli/main-job.js';
import { captureIO } from '../helpers/capture-io.js';
import { chromiumAvailable, launchChromium } from '../helpers/chromium.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SHOTS = process.env['DIGEST_SHOTS_DIR'] ?? '/tmp/issue15-shots';
const available = chromiumAvailable('archive');

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page; one line per violation. */
async function wcagViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, o: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations;
  });
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

describe.runIf(available)('public archive in real Chromium', () => {
  let job: Awaited<ReturnType<typeof runMainJob>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    job = await runMainJob(captureIO(), { previewPort: 0 });
    browser = await launchChromium();
    // The archive's CSP allows no script at all; the test's own axe-core needs the bypass.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1000, height: 900 } });
    page = await context.newPage();
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await job?.stop();
  });

  it('the index lists the sent edition and the signup form, with no WCAG A/AA violation', async () => {
    // Act
    const response = await page.goto(job.archiveUrl!);
    const violations = await wcagViolations(page);
    await page.screenshot({ path: `${SHOTS}/archive-index.png`, fullPage: true });
    // Assess
    expect(response?.status()).toBe(200);
    await expect(page.locator('li.edition h2 a').count()).resolves.toBe(1);
    await expect(page.getByLabel('Email address').count()).resolves.toBe(1);
    expect(violations).toEqual([]);
  }, 60_000);

  it('an edition page, reached from the index, has no WCAG A/AA violation', async () => {
    // Act
    await page.goto(job.archiveUrl!);
    await page.locator('li.edition h2 a').first().click();
    await page.waitForLoadState('load');
    const violations = await wcagViolations(page);
    await page.screenshot({ path: `${SHOTS}/archive-edition.png`, fullPage: true });
    // Assess
    expect(page.url()).toMatch(/\/archive\/editions\/\d{4}-\d{2}-\d{2}-[0-9a-f]{16}\.html$/);
    await expect(page.getByText('Human Rights').count()).resolves.toBeGreaterThan(0);
    await expect(page.getByRole('link', { name: 'Subscribe' }).count()).resolves.toBe(1);
    expect(violations).toEqual([]);
  }, 60_000);

  it('the check itself fails a page with a violation (an image without alt, a field without label)', async () => {
    // Act
    await page.setContent(
      '<!doctype html><html lang="en"><title>t</title><img src="data:,"><input type="text">',
    );
    const violations = await wcagViolations(page);
    // Assess
    expect(violations.map((v) => v.split(' ')[0])).toEqual(expect.arrayContaining(['image-alt', 'label']));
  });
});
