import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { mjmlInputs } from '../../infra/bundle-handler.js';
import { defineApp } from '../../infra/define-app.js';
import { testApp } from '../helpers/cdk-context.js';

// The one synth that really bundles (with the local esbuild, never Docker), as `cdk synth` and deploy do.
let outdir: string;
let assets: Array<{ dir: string; handler: string }>;

beforeAll(() => {
  const built = testApp({ bundle: true });
  outdir = built.outdir;
  const stack = defineApp(built.app);
  built.app.synth();
  const functions = Template.fromStack(stack).findResources('AWS::Lambda::Function');
  assets = Object.values(functions)
    .filter((f) => String(f.Properties.Description).startsWith('digest '))
    .map((f) => ({
      // The asset directory is named after the same hash as the S3 key of the zip.
      dir: join(outdir, `asset.${String(f.Properties.Code.S3Key).replace(/\.zip$/, '')}`),
      handler: String(f.Properties.Handler),
    }));
}, 120_000);

describe('Lambda bundles', () => {
  it('bundles all five handlers as ESM with a metafile', () => {
    expect(assets).toHaveLength(5);
    for (const asset of assets) {
      expect(asset.handler).toBe('index.handler');
      expect(existsSync(join(asset.dir, 'index.mjs'))).toBe(true);
      expect(existsSync(join(asset.dir, 'index.meta.json'))).toBe(true);
    }
  });

  it('keeps mjml out of every bundle (the renderer ships precompiled templates)', () => {
    for (const asset of assets) {
      const metafile = JSON.parse(readFileSync(join(asset.dir, 'index.meta.json'), 'utf8'));
      expect(Object.keys(metafile.inputs).length).toBeGreaterThan(10);
      expect(mjmlInputs(metafile)).toEqual([]);
      expect(readFileSync(join(asset.dir, 'index.mjs'), 'utf8')).not.toMatch(
        /from\s*["']mjml["']|require\(["']mjml["']\)/,
      );
    }
  });

  it('stays under 3 MB per bundle', () => {
    for (const asset of assets)
      expect(statSync(join(asset.dir, 'index.mjs')).size).toBeLessThan(3 * 1024 * 1024);
  });

  it('loads in plain Node and exports a handler function (ESM with the createRequire banner)', () => {
    for (const asset of assets) {
      const url = pathToFileURL(join(asset.dir, 'index.mjs')).href;
      const script = `const m = await import(${JSON.stringify(url)}); console.log(typeof m.handler);`;

      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });

      expect(run.stderr).toBe('');
      expect(run.stdout.trim()).toBe('function');
    }
  });

  it('needs no Docker image assets', () => {
    const manifest = readdirSync(outdir).filter((f) => f.endsWith('.assets.json'));
    expect(manifest).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(outdir, manifest[0]!), 'utf8')).dockerImages).toEqual({});
  });
});
