// The local subscribe page in real Chromium: sign up, find the confirmation in the local SES inbox,
// confirm (GET shows a button, the click confirms), and the address then receives a `digest send`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSes, readLocalSesStore, startLocalSes } from '../../src/adapters/local/embedded-ses.js';
import type { LocalSubscribeServer } from '../../src/adapters/local/subscribe-server.js';
import { main } from '../../src/cli/index.js';
import { openMailer } from '../../src/cli/open-mailer.js';
import { startLocalSubscribePage } from '../../src/cli/subscribe-page.js';
import { loadDeliveryConfig } from '../../src/settings/local.js';
import { captureIO } from '../helpers/capture-io.js';
import { chromiumAvailable, launchChromium } from '../helpers/chromium.js';

const SAMPLE = resolve('examples/articles/north-korea-human-rights.txt');
const available = chromiumAvailable('subscribe');

describe.runIf(available)('local subscribe page in real Chromium', () => {
  let dir: string;
  let ses: LocalSes;
  let subscribePage: LocalSubscribeServer;
  let closeMailer: () => Promise<void>;
  let browser: Browser;
  let page: Page;
  const listFile = () => join(dir, 'subscribers.json');
  const statusOf = (email: string) =>
    (JSON.parse(readFileSync(listFile(), 'utf8')) as Array<{ email: string; status: string }>).find(
      (s) => s.email === email,
    )?.status;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'subscribe-e2e-'));
    ses = await startLocalSes();
    const config = loadDeliveryConfig({}, dir, { sesEndpoint: ses.endpoint, subscribers: listFile() });
    const opened = await openMailer(config, ses);
    closeMailer = opened.close;
    subscribePage = await startLocalSubscribePage(config, opened.mailer);
    browser = await launchChromium();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await subscribePage?.close();
    await closeMailer?.();
    await ses?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function signUp(email: string, name?: string): Promise<void> {
    await page.goto(subscribePage.url);
    await page.getByLabel('Email address').fill(email);
    if (name) await page.getByLabel('Name (optional)').fill(name);
    await page.getByRole('button', { name: /Subscribe to/ }).click();
    await page.waitForSelector('h1:has-text("Check your inbox")');
  }

  it('signs up, confirms from the local inbox, and the address receives the next send', async () => {
    // Prepare / Act: two signups from the form; only one will confirm.
    await signUp('Reader@Example.com', 'Grace');
    await signUp('never-confirms@example.com');
    expect(statusOf('reader@example.com')).toBe('pending');
    // The honeypot is off screen for a person, and hidden from assistive technology.
    await page.goto(subscribePage.url);
    const box = await page.locator('input[name="website"]').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(0);
    expect(await page.getByRole('textbox').count()).toBe(2);

    const mail = (await readLocalSesStore(ses.endpoint)).find(
      (m) =>
        m.subject.startsWith('Confirm') && m.destination.to.some((t) => t.includes('reader@example.com')),
    );
    expect(mail).toBeDefined();
    const link = /<(http:\/\/127\.0\.0\.1:\d+\/subscribe\?token=[^>\s]+)>/.exec(mail!.body.text ?? '')?.[1];
    expect(link).toBeDefined();

    // GET shows a Confirm button and changes nothing.
    await page.goto(link!);
    await page.waitForSelector('button:has-text("Confirm")');
    expect(statusOf('reader@example.com')).toBe('pending');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForSelector('h1:has-text("You are subscribed")');
    expect(statusOf('reader@example.com')).toBe('active');

    // Assess: a real send reaches the confirmed reader and not the unconfirmed one.
    const io = captureIO({ cwd: dir });
    const code = await main(
      [
        'send',
        SAMPLE,
        '--subscribers',
        listFile(),
        '--ledger',
        join(dir, 'ledger.jsonl'),
        '--ses-endpoint',
        ses.endpoint,
      ],
      io,
    );
    expect(code, io.err()).toBe(0);
    const inbox = await readLocalSesStore(ses.endpoint);
    const digests = inbox.filter((m) => !m.subject.startsWith('Confirm') && !m.subject.startsWith('Welcome'));
    expect(digests.some((m) => m.destination.to.some((t) => t.includes('reader@example.com')))).toBe(true);
    expect(digests.some((m) => m.destination.to.some((t) => t.includes('never-confirms@example.com')))).toBe(
      false,
    );
    expect(inbox.filter((m) => m.subject.startsWith('Welcome'))).toHaveLength(1);
  }, 60_000);
});
