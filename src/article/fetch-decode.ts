import iconv from 'iconv-lite';

/** The media type (lower case, no parameters) and charset parameter of a Content-Type header. */
export function parseContentType(header: string | undefined): { mediaType: string; charset?: string } {
  if (!header) return { mediaType: '' };
  const [type, ...params] = header.split(';');
  let charset: string | undefined;
  for (const param of params) {
    const [key, value] = param.split('=');
    if (key?.trim().toLowerCase() === 'charset' && value) {
      charset = value.trim().replace(/^["']|["']$/g, '');
    }
  }
  return { mediaType: (type ?? '').trim().toLowerCase(), charset };
}

// Browsers (WHATWG Encoding) read these labels as windows-1252, a superset; feeds in the wild rely on it.
const ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
};

function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/**
 * The charset a document declares in its first bytes: an XML declaration's `encoding` or an HTML
 * `<meta charset>` / `<meta http-equiv="Content-Type">`. A prescan like the HTML spec's, not a parse.
 */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/i.exec(head);
  if (xml) return xml[1];
  const meta = /<meta\b[^>]*\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  return meta?.[1];
}

/**
 * Decodes fetched bytes to text: a byte-order mark first, then the Content-Type charset, then the
 * document's own declaration, else UTF-8. Unknown charsets fall back to UTF-8 rather than failing.
 */
export function decodeBody(bytes: Uint8Array, headerCharset?: string): { text: string; charset: string } {
  const label = (bomCharset(bytes) ?? headerCharset ?? declaredCharset(bytes) ?? 'utf-8').toLowerCase();
  const charset = ALIASES[label] ?? label;
  const known = iconv.encodingExists(charset) ? charset : 'utf-8';
  // iconv-lite strips a BOM by default.
  return { text: iconv.decode(Buffer.from(bytes), known), charset: known };
}
