import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ConfigError } from '../errors.js';

/** Where `npx cdk deploy --outputs-file cdk-outputs.json` writes the stack outputs. */
export const DEFAULT_OUTPUTS_FILE = 'cdk-outputs.json';

/**
 * Reads one output of the deployed stack from the CDK outputs file (`{ "Digest-prod": { "Key": "..." } }`),
 * or undefined when there is no file. With several stacks holding the key, `stack` must pick one.
 */
export function stackOutput(
  cwd: string,
  key: string,
  options: { file?: string | undefined; stack?: string | undefined } = {},
): string | undefined {
  const file = options.file ?? DEFAULT_OUTPUTS_FILE;
  const path = isAbsolute(file) ? file : join(cwd, file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && options.file === undefined) return undefined;
    throw new ConfigError(`${file}: cannot read the stack outputs: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const stacks = Object.entries((parsed ?? {}) as Record<string, Record<string, unknown>>).filter(
    ([name, outputs]) => (!options.stack || name === options.stack) && typeof outputs?.[key] === 'string',
  );
  if (stacks.length > 1)
    throw new ConfigError(
      `${file}: several stacks have ${key} (${stacks.map(([n]) => n).join(', ')}); pick one with --stack`,
    );
  return stacks[0]?.[1][key] as string | undefined;
}
