import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's templates/ folder. */
export const defaultTemplatesDir = (): string => fileURLToPath(new URL('../../templates/', import.meta.url));

/** The files that make up a template set (templates, partials, theme.json), relative to its folder, sorted. */
export function templateFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(mjml|hbs)$/.test(entry.name) || (folder === dir && entry.name === 'theme.json')) {
        files.push(relative(dir, path));
      }
    }
  };
  walk(dir);
  return files.sort();
}

/** sha256 over the names and contents of the template files: tells whether a build is stale. */
export function templatesSourceHash(dir: string = defaultTemplatesDir()): string {
  const hash = createHash('sha256');
  for (const file of templateFiles(dir)) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(dir, file)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}
