// Rendering benchmarks: per-recipient throughput against compiling MJML per recipient (the baseline,
// measured in the same run), and the size of a bundle that renders a digest without mjml.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import Handlebars from 'handlebars';
import mjml2html from 'mjml';
import { analyze } from '../src/analysis/index.js';
import { loadArticle } from '../src/article/index.js';
import { compileTemplates } from '../src/email/compile-templates.js';
import { compose, type PersonalizeContext, personalize, render } from '../src/email/index.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const SAMPLE = join(root, 'examples/articles/north-korea-human-rights.txt');
const CTX: PersonalizeContext = {
  unsubscribeBaseUrl: 'https://digest.example.com/unsubscribe',
  hmacKey: 'bench-key',
  listId: 'digest.example.com',
};
const EDITION = { date: '2026-11-30', webBaseUrl: 'https://digest.example.com/editions' };

const rate = (count: number, ms: number): number => (count / ms) * 1000;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

function timed(count: number, fn: (i: number) => unknown): number {
  let sink = 0;
  const started = performance.now();
  for (let i = 0; i < count; i++) sink += (fn(i) as { html: string }).html.length;
  const ms = performance.now() - started;
  if (sink === 0) throw new Error('nothing rendered');
  return rate(count, ms);
}

/** Prints throughput, the MJML-per-recipient ratio and the mjml-free bundle size. */
export async function bench(): Promise<void> {
  const article = await loadArticle(SAMPLE);
  const digest = compose([{ article, analysis: analyze(article) }], EDITION);
  const recipient = (i: number) => ({ email: `reader${i}@example.com`, name: `Reader ${i}` });

  // The send path: render once per edition, personalise per recipient.
  const rendered = render(digest);
  personalize(rendered, recipient(0), CTX);
  const sendPath = timed(100_000, (i) => personalize(rendered, recipient(i), CTX));
  // Worst case: the whole render again for every recipient.
  const fullPath = timed(20_000, (i) => personalize(render(digest), recipient(i), CTX));

  // Baseline: what a naive sender does, MJML compile + Handlebars compile for every recipient.
  const compiled = await compileTemplates();
  if (!compiled.htmlSource) throw new Error('templates do not compile');
  const { readFileSync } = await import('node:fs');
  const mjmlSource = readFileSync(join(root, 'templates/digest.mjml'), 'utf8');
  const expanded = mjmlSource.replace(/\{\{>\s*([\w-]+)\s*\}\}/g, (_m, name: string) =>
    readFileSync(join(root, 'templates/partials', `${name}.mjml`), 'utf8'),
  );
  const baselineCount = 20;
  const started = performance.now();
  for (let i = 0; i < baselineCount; i++) {
    // Colours are fixed here so strict validation passes, as a naive per-recipient renderer would.
    const source = expanded.replace(/\{\{\{\s*@root\.theme\.[\w.]+\s*\}\}\}/g, '#336699');
    const { html } = await mjml2html(source, { validationLevel: 'skip' });
    Handlebars.compile(html)({ ...digest, slots: { name: recipient(i).name } });
  }
  const baseline = rate(baselineCount, performance.now() - started);

  console.log(
    `render: load average ${loadavg()[0]!.toFixed(1)} (figures drop when other work shares the CPUs)`,
  );
  console.log(
    `render: personalize per recipient (render once per edition): ${fmt(sendPath)} msg/s (target >= 50,000)`,
  );
  console.log(`render: render + personalize per recipient:                ${fmt(fullPath)} msg/s`);
  console.log(`render: baseline, MJML + Handlebars compile per recipient:  ${fmt(baseline)} msg/s`);
  console.log(
    `render: ratio against the baseline: ${fmt(sendPath / baseline)}x (send path), ${fmt(fullPath / baseline)}x (full render) (target >= 500x)`,
  );
  console.log(
    `render: sample digest HTML ${(Buffer.byteLength(rendered.html) / 1024).toFixed(1)} KB (limit 60 KB)`,
  );

  // A bundle that composes, renders and personalises, as a Lambda would; it must not carry mjml.
  const out = mkdtempSync(join(tmpdir(), 'digest-render-bundle-'));
  try {
    const result = await build({
      stdin: {
        contents: `import { compose, render, personalize } from './src/email/index.js';
export function send(items, edition, recipient, ctx) { return personalize(render(compose(items, edition)), recipient, ctx); }`,
        resolveDir: root,
        sourcefile: 'render-entry.ts',
        loader: 'ts',
      },
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.contents;
    const inputs = Object.keys(result.metafile.inputs);
    const mjmlInputs = inputs.filter((p) => /node_modules\/mjml/.test(p));
    const compilerInputs = inputs.filter((p) => /handlebars\/compiler\//.test(p));
    if (compilerInputs.length > 0) throw new Error('the render bundle contains the Handlebars compiler');
    if (mjmlInputs.length > 0)
      throw new Error(`the render bundle contains mjml: ${mjmlInputs.slice(0, 3).join(', ')}`);
    // Run the bundle to show it really renders without mjml installed next to it.
    const file = join(out, 'render-bundle.mjs');
    writeFileSync(file, code);
    const bundled = (await import(file)) as { send: typeof personalizeAll };
    const message = bundled.send(digest.items, EDITION, recipient(1), CTX);
    if (!message.html.includes('Jay Lefkowitz')) throw new Error('the bundle rendered an incomplete digest');
    console.log(
      `render: bundle without mjml: ${(code.byteLength / 1024).toFixed(1)} KB minified (target < 200 KB), ${inputs.length} inputs, mjml and the Handlebars compiler absent, renders the sample`,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

declare function personalizeAll(
  items: Parameters<typeof compose>[0],
  edition: typeof EDITION,
  recipient: { email: string; name: string },
  ctx: PersonalizeContext,
): ReturnType<typeof personalize>;

if (process.argv[1] === fileURLToPath(import.meta.url)) await bench();
