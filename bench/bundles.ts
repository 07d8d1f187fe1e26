import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { bundleHandler, HANDLERS } from '../infra/bundle-handler.js';
import { BUNDLING } from '../infra/constructs/digest-function.js';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** Milliseconds a fresh Node process spends importing a bundle: the module-load part of a cold start. */
function coldImportMs(code: Uint8Array, dir: string, name: string): number {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, code);
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now() - t);`;
  const runs = [0, 1, 2].map(() =>
    Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })),
  );
  return runs.sort((a, b) => a - b)[1]!;
}

/**
 * Bundles each Lambda handler as CDK does and prints its size and the time a fresh Node process takes to
 * import it; confirms mjml is in none of them. Baseline in the same run: mjml alone.
 */
export async function bench(): Promise<void> {
  // Baseline in the same run: what a handler would carry if it loaded the MJML compiler.
  const mjml = await build({
    stdin: { contents: "import mjml2html from 'mjml'; export default mjml2html;", resolveDir: process.cwd() },
    bundle: true,
    write: false,
    platform: 'node',
    format: BUNDLING.format,
    target: BUNDLING.target,
    minify: BUNDLING.minify,
    banner: { js: BUNDLING.banner },
    logLevel: 'silent',
  });
  const mjmlBytes = mjml.outputFiles[0]!.contents.byteLength;
  const dir = mkdtempSync(join(tmpdir(), 'digest-bundles-'));
  const mjmlImport = coldImportMs(mjml.outputFiles[0]!.contents, dir, 'mjml');
  console.log(
    `bundles: baseline, mjml alone: ${kb(mjmlBytes)} minified, cold import ${mjmlImport.toFixed(0)} ms`,
  );
  for (const name of HANDLERS) {
    const started = performance.now();
    const result = await bundleHandler(name);
    const ms = performance.now() - started;
    const importMs = coldImportMs(result.code, dir, name);
    const mjmlState =
      result.mjmlInputs.length === 0 ? 'absent' : `PRESENT (${result.mjmlInputs.length} files)`;
    console.log(
      `bundles: ${name.padEnd(12)} ${kb(result.bytes).padStart(7)} minified, ${kb(gzipSync(result.code).byteLength).padStart(6)} gzip, ` +
        `${Object.keys(result.metafile.inputs).length} inputs, mjml ${mjmlState}, ` +
        `${(result.bytes / mjmlBytes).toFixed(2)}x the mjml baseline, bundled in ${ms.toFixed(0)} ms, ` +
        `cold import ${importMs.toFixed(0)} ms (${(importMs / mjmlImport).toFixed(2)}x mjml's)`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
}
