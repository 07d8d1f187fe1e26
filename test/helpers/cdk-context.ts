import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';

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

/** Every "action resource" a role's policies allow, resources named by logical id without its hash. */
export function allowedActions(template: Template, rolePrefix: string): string[] {
  const role = Object.keys(template.findResources('AWS::IAM::Role')).find((id) => id.startsWith(rolePrefix))!;
  const name = (resource: unknown): string =>
    JSON.stringify(resource)
      .replace(/\{"Fn::GetAtt":\["(\w+?)[0-9A-F]{8}","Arn"\]\}/g, '$1')
      .replace(/\{"Ref":"(\w+?)[0-9A-F]{8}"\}/g, '$1')
      .replace(/\{"Ref":"AWS::\w+"\}/g, '*')
      .replace(/\{"Fn::Join":\["",\[(.*)\]\]\}/g, (_, parts: string) => parts.replace(/[",]/g, ''))
      .replace(/^"|"$/g, '');
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${role}"`))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: unknown; Resource: unknown }>)
    .flatMap((s) =>
      [s.Action]
        .flat()
        .flatMap((action) => [s.Resource].flat().map((resource) => `${action} ${name(resource)}`)),
    )
    .sort();
}
