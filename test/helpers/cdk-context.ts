import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';

/** The context from cdk.json: `new App()` in a test does not read it, the CLI does. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

/**
 * An App with the cdk.json context plus overrides, writing to a fresh outdir (so validation-report.json
 * can be read back). `bundle: false` skips esbuild for speed.
 */
export function testApp(options: { overrides?: Record<string, unknown>; bundle?: boolean } = {}): {
  app: App;
  outdir: string;
} {
  const outdir = mkdtempSync(join(tmpdir(), 'digest-cdk-'));
  const context: Record<string, unknown> = { ...cdkJsonContext(), ...options.overrides };
  if (options.bundle === false) context['aws:cdk:bundling-stacks'] = [];
  return { app: new App({ context, outdir }), outdir };
}

export interface ValidationReport {
  pluginReports: Array<{ pluginName: string; conclusion: string; violations: Array<{ ruleName: string }> }>;
}

/** Reads the validation report the App wrote on synth. */
export function readValidationReport(outdir: string): ValidationReport {
  return JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
}
