import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { BUNDLING } from './constructs/digest-function.js';

/** The Lambda entry points, by name (lambdas/<name>.ts). */
export const HANDLERS = ['send-digest', 'send-batch', 'unsubscribe', 'ses-events', 'subscribe'] as const;

export interface BundleResult {
  name: string;
  bytes: number;
  /** The bundle itself (index.mjs). */
  code: Uint8Array;
  metafile: Metafile;
  /** Input paths under node_modules/mjml*: must be empty. */
  mjmlInputs: string[];
}

/** Bundles one handler in memory exactly as NodejsFunction does (same esbuild options). */
export async function bundleHandler(name: (typeof HANDLERS)[number]): Promise<BundleResult> {
  const entry = fileURLToPath(new URL(`../lambdas/${name}.ts`, import.meta.url));
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'node',
    format: BUNDLING.format,
    target: BUNDLING.target,
    minify: BUNDLING.minify,
    mainFields: ['module', 'main'],
    external: [...BUNDLING.externalModules],
    banner: { js: BUNDLING.banner },
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return {
    name,
    bytes: code.byteLength,
    code,
    metafile: result.metafile,
    mjmlInputs: mjmlInputs(result.metafile),
  };
}

/** Inputs of a bundle that come from mjml or its packages. */
export function mjmlInputs(metafile: Metafile): string[] {
  return Object.keys(metafile.inputs).filter((path) => /node_modules\/mjml(-[^/]+)?\//.test(path));
}
