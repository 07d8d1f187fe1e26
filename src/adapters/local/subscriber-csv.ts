import type { Subscriber } from '../../delivery/ports.js';
import { validSubscriber } from './json-subscriber-store.js';

/** Splits CSV text into rows of fields (RFC 4180: quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    rows.push({ line: rowLine, fields });
  }
  return rows.filter((row) => row.fields.some((f) => f.trim() !== ''));
}

export interface CsvImport {
  subscribers: Subscriber[];
  invalid: { line: number; reason: string }[];
  duplicates: { line: number; email: string }[];
}

/**
 * Reads a subscriber CSV with a header row naming `email` (required) and `name` (optional) columns.
 * Invalid rows are reported by line number, repeated addresses within the file by line too.
 */
export function parseSubscriberCsv(text: string, source: string): CsvImport {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = rows.shift();
  const columns = header?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  const emailAt = columns.indexOf('email');
  const nameAt = columns.indexOf('name');
  if (emailAt < 0)
    throw new Error(`${source}: the first line must be a header with an "email" column (e.g. email,name)`);
  const result: CsvImport = { subscribers: [], invalid: [], duplicates: [] };
  const seen = new Set<string>();
  const now = new Date().toISOString();
  for (const row of rows) {
    const email = (row.fields[emailAt] ?? '').trim();
    const name = nameAt >= 0 ? (row.fields[nameAt] ?? '').trim() : '';
    try {
      const subscriber = validSubscriber(
        { email, ...(name ? { name } : {}), status: 'active', subscribedAt: now },
        `line ${row.line}`,
      );
      const key = subscriber.email.toLowerCase();
      if (seen.has(key)) {
        result.duplicates.push({ line: row.line, email: subscriber.email });
        continue;
      }
      seen.add(key);
      result.subscribers.push(subscriber);
    } catch (error) {
      result.invalid.push({ line: row.line, reason: (error as Error).message.replace(/^line \d+: /, '') });
    }
  }
  return result;
}
