import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { bundleHandler, HANDLERS } from '../infra/bundle-handler.js';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** Bundles each Lambda handler as CDK does and prints its size; confirms mjml is in none of them. */
export async function bench(): Promise<void> {
  // Baseline in the same run: what a handler would carry if it loaded the MJML compiler.
  const mjml = await build({
    stdin: { contents: "import mjml2html from 'mjml'; export default mjml2html;", resolveDir: process.cwd() },
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    minify: true,
    logLevel: 'silent',
  });
  const mjmlBytes = mjml.outputFiles[0]!.contents.byteLength;
  console.log(`bundles: baseline, mjml alone: ${kb(mjmlBytes)} minified`);
  for (const name of HANDLERS) {
    const started = performance.now();
    const result = await bundleHandler(name);
    const ms = performance.now() - started;
    const mjmlState =
      result.mjmlInputs.length === 0 ? 'absent' : `PRESENT (${result.mjmlInputs.length} files)`;
    console.log(
      `bundles: ${name.padEnd(12)} ${kb(result.bytes).padStart(7)} minified, ${kb(gzipSync(result.code).byteLength).padStart(6)} gzip, ` +
        `${Object.keys(result.metafile.inputs).length} inputs, mjml ${mjmlState}, ` +
        `${(result.bytes / mjmlBytes).toFixed(2)}x the mjml baseline, bundled in ${ms.toFixed(0)} ms`,
    );
  }
}
