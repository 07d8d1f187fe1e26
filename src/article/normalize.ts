// Spaces that look like a blank but are not U+0020: NBSP, Ogham, en/em/thin/hair spaces, narrow NBSP,
// medium math space, ideographic space. Tabs count too.
const ODD_SPACES = /[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
// Invisible characters that only get in the way of matching: zero-width space/joiners, word joiner, BOM.
const INVISIBLES = /[\u200b\u2060\ufeff]/g;
// C0 controls other than tab and newline, DEL, and C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;

// biome-ignore lint/suspicious/noControlCharactersInRegex: vertical tab, form feed and NEL are line breaks
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u000b\u000c\u0085]/g;

/**
 * Normalises raw article text: BOM, CRLF/CR and Unicode line separators to LF, odd spaces to plain
 * spaces, runs of spaces collapsed, trailing whitespace removed, runs of blank lines reduced to one,
 * Unicode NFC. Quote and dash characters are kept as they are.
 */
export function normalizeText(raw: string): string {
  const lines = raw
    .normalize('NFC')
    .replace(LINE_BREAKS, '\n')
    .replace(INVISIBLES, '')
    .replace(CONTROLS, '')
    .replace(ODD_SPACES, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trimEnd());
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

/** Normalises one paragraph (or title) to a single line: every whitespace run becomes one space. */
export function normalizeInline(raw: string): string {
  return normalizeText(raw).replace(/\s+/g, ' ').trim();
}
