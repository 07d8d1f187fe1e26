import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { defaultTemplatesDir } from './template-files.js';
import { resolveTheme, type Theme, type ThemeInput } from './theme.js';

/** The theme a user edits to restyle the email: templates/theme.json. */
export const defaultThemeFile = (): string => join(defaultTemplatesDir(), 'theme.json');

/**
 * Reads a theme JSON file and validates it over the defaults. A missing default file means the
 * defaults; a missing explicit file, bad JSON or a bad value is a ConfigError naming the file and key.
 */
export function loadThemeFile(
  path: string = defaultThemeFile(),
  options: { optional?: boolean } = {},
): Theme {
  if (!existsSync(path)) {
    if (options.optional ?? path === defaultThemeFile()) return resolveTheme({});
    throw new ConfigError(`theme file ${path}: not found`);
  }
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`theme file ${path}: not valid JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ConfigError(`theme file ${path}: expected a JSON object`);
  }
  const { $comment: _comment, ...theme } = input as Record<string, unknown>;
  try {
    return resolveTheme(theme as ThemeInput);
  } catch (error) {
    if (error instanceof ConfigError)
      throw new ConfigError(`theme file ${path}: ${error.message}`, { cause: error });
    throw error;
  }
}
