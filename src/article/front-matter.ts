import { parse as parseYaml } from 'yaml';
import { InputError } from '../errors.js';
import { httpHref } from './links.js';

/** The front matter fields the reader uses; every other key is ignored. */
export interface FrontMatter {
  title?: string;
  date?: string;
  url?: string;
}

const scalar = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  return undefined;
};

/**
 * Parses Markdown front matter with a YAML 1.2 parser, so quoting and escapes (`"a \"b\""`, `'it''s'`,
 * block scalars) decode as YAML defines them. `title` and an http(s) `url` (or `link`, `canonical`)
 * are kept, `date` becomes an ISO timestamp when it parses. Throws InputError naming `source` on YAML
 * that does not parse or is not a mapping.
 */
export function parseFrontMatter(yaml: string, source = 'markdown'): FrontMatter {
  let data: unknown;
  try {
    // A plain `date: 2026-12-01` stays a string: no custom tags, no timestamp objects.
    data = parseYaml(yaml, { schema: 'core', prettyErrors: false, maxAliasCount: 20 });
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    throw new InputError(`${source}: front matter is not valid YAML (${reason})`, { cause: error });
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(`${source}: front matter must be a YAML mapping of keys to values`);
  }
  const fields = new Map(Object.entries(data).map(([key, value]) => [key.toLowerCase(), value]));
  const meta: FrontMatter = {};
  const title = scalar(fields.get('title'));
  if (title) meta.title = title.replace(/\s+/g, ' ');
  const date = scalar(fields.get('date'));
  if (date && !Number.isNaN(Date.parse(date))) meta.date = new Date(date).toISOString();
  for (const key of ['url', 'link', 'canonical']) {
    const href = scalar(fields.get(key));
    const url = href ? httpHref(href) : undefined;
    if (url) {
      meta.url = url;
      break;
    }
  }
  return meta;
}
