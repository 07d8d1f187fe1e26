// Preview edit-to-visible in real Chromium: from replacing a file (as editors, sed -i and git do) or
// saving a change in the editing desk, to the email in the page's iframe showing it. Baseline in the
// same run: the same article edit with the debounce the preview had before (100 ms).
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, Page } from 'playwright-core';
import { loadArticle } from '../src/article/index.js';
import { draftEdition } from '../src/edition/draft.js';
import { saveEdition } from '../src/edition/store.js';
import { startPreview } from '../src/preview/server.js';
import { CHROMIUM, launchChromium } from '../test/helpers/chromium.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const SAMPLE = join(root, 'examples/articles/north-korea-human-rights.txt');
const ROUNDS = 15;

function replace(file: string, content: string): void {
  writeFileSync(`${file}.new`, content);
  renameSync(`${file}.new`, file);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p90 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))]!;

/** Whether the email iframe (whichever frame it is now) shows `marker`. */
async function shows(page: Page, marker: string): Promise<boolean> {
  const frames = page.frames().filter((f: Frame) => f !== page.mainFrame() && f.url().includes('/email/'));
  for (const frame of frames) {
    const seen = await frame
      .evaluate((m) => document.readyState !== 'loading' && document.body?.innerText.includes(m), marker)
      .catch(() => false);
    if (seen) return true;
  }
  return false;
}

/** Milliseconds from `act` to the email iframe showing `marker`, polled every 5 ms. */
async function toVisible(page: Page, marker: string, act: () => unknown): Promise<number> {
  const started = performance.now();
  await act();
  while (!(await shows(page, marker))) {
    if (performance.now() - started > 10_000) throw new Error(`"${marker}" not visible after 10 s`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return performance.now() - started;
}

export async function bench(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`preview edit-to-visible: skipped, ${CHROMIUM} is missing`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-preview-'));
  const templatesDir = join(dir, 'templates');
  cpSync(join(root, 'templates'), templatesDir, { recursive: true });
  const article = join(dir, 'story.txt');
  const original = readFileSync(SAMPLE, 'utf8');
  writeFileSync(article, original);
  const footer = join(templatesDir, 'partials', 'footer.mjml');
  const footerText = readFileSync(footer, 'utf8');
  const editionFile = join(dir, 'edition.json');
  const loaded = await loadArticle(SAMPLE);
  saveEdition(editionFile, draftEdition([{ article: loaded, itemKey: SAMPLE }], { date: '2026-12-07' }));

  const files = await startPreview({ inputs: [article], port: 0, templatesDir }, { spamassassin: null });
  let before: Awaited<ReturnType<typeof startPreview>> | undefined;
  let desk: Awaited<ReturnType<typeof startPreview>> | undefined;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(files.url);
    const figures: Record<string, number[]> = {
      article: [],
      template: [],
      desk: [],
      fullReload: [],
      baselineTemplate: [],
    };
    for (let i = 0; i < ROUNDS; i++) {
      const a = `Bench article mark ${i}`;
      figures.article!.push(
        await toVisible(page, a, () =>
          replace(article, original.replace('Human Rights', `Human Rights ${a}`)),
        ),
      );
      const t = `bench template mark ${i}`;
      figures.template!.push(
        await toVisible(page, t, () =>
          replace(footer, footerText.replace('</mj-column>', `<mj-text>${t}</mj-text></mj-column>`)),
        ),
      );
    }
    // Baseline: the same edits with the debounce the preview had before this change (100 ms).
    // One server watching at a time, so the two do not share the CPU.
    await files.close();
    before = await startPreview(
      { inputs: [article], port: 0, templatesDir },
      { spamassassin: null, debounceMs: 100 },
    );
    await page.goto(before.url);
    for (let i = 0; i < ROUNDS; i++) {
      const a = `Baseline mark ${i}`;
      figures.fullReload!.push(
        await toVisible(page, a, () =>
          replace(article, original.replace('Human Rights', `Human Rights ${a}`)),
        ),
      );
      const t = `baseline template mark ${i}`;
      figures.baselineTemplate!.push(
        await toVisible(page, t, () =>
          replace(footer, footerText.replace('</mj-column>', `<mj-text>${t}</mj-text></mj-column>`)),
        ),
      );
    }
    await before.close();
    desk = await startPreview(
      { inputs: [], edition: editionFile, port: 0, templatesDir },
      { spamassassin: null },
    );
    await page.goto(desk.url);
    for (let i = 0; i < ROUNDS; i++) {
      const note = `Desk note ${i}`;
      figures.desk!.push(
        await toVisible(page, note, async () => {
          await page.fill('#desk-note', note);
          await page.click('#desk-note-save');
        }),
      );
    }
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; ${ROUNDS} rounds each, real Chromium`,
    );
    const line = (name: string, xs: number[]) =>
      console.log(
        `  ${name.padEnd(44)} median ${median(xs).toFixed(0).padStart(4)} ms   p90 ${p90(xs).toFixed(0).padStart(4)} ms`,
      );
    line('article file replaced -> visible', figures.article!);
    line('template partial replaced -> visible', figures.template!);
    line('desk change saved -> visible', figures.desk!);
    line('baseline (100 ms debounce): article', figures.fullReload!);
    line('baseline (100 ms debounce): template', figures.baselineTemplate!);
  } finally {
    await browser.close();
    await files.close();
    await before?.close();
    await desk?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
