import { InputError } from '../errors.js';
import { label } from './build-article.js';

const SNIFF_BYTES = 8192;

/**
 * Decodes input bytes as UTF-8 text, refusing binary content (a NUL byte, or more than 10% control
 * characters in the first 8 KB), UTF-16 and invalid UTF-8 (reported with the first bad byte offset).
 */
export function decodeUtf8(bytes: Uint8Array, source: string): string {
  const name = label(source);
  if (bytes.length === 0) throw new InputError(`${name}: is empty (0 bytes)`);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError(`${name}: is UTF-16 encoded; save it as UTF-8`);
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1)
    throw new InputError(`${name}: looks binary (NUL byte at offset ${nul}), not a text article`);
  if (controlRatio(bytes.subarray(0, SNIFF_BYTES)) > 0.1) {
    throw new InputError(`${name}: looks binary (too many control characters), not a text article`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (error) {
    const offset = firstInvalidOffset(bytes);
    throw new InputError(
      `${name}: is not valid UTF-8 (bad byte 0x${hex(bytes[offset])} at offset ${offset})`,
      {
        cause: error,
      },
    );
  }
}

function controlRatio(sample: Uint8Array): number {
  let controls = 0;
  for (const byte of sample) {
    // Tab, LF, VT, FF, CR and ESC-free text is normal; the rest of C0 and DEL are not.
    if ((byte < 0x20 && (byte < 0x09 || byte > 0x0d)) || byte === 0x7f) controls++;
  }
  return sample.length === 0 ? 0 : controls / sample.length;
}

/**
 * The offset of the first byte that makes the input invalid UTF-8. In streaming mode a prefix ending
 * inside a multi-byte character is not an error, so "prefix of length n fails" is monotonic in n and a
 * binary search finds the first failing length.
 */
function firstInvalidOffset(bytes: Uint8Array): number {
  let low = 1;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (decodes(bytes.subarray(0, mid))) low = mid + 1;
    else high = mid;
  }
  // A truncated character at the very end only fails on the final flush.
  return decodes(bytes.subarray(0, low)) ? lastLeadByte(bytes) : sequenceStart(bytes, low - 1);
}

/**
 * The decoder fails at the byte where a sequence goes wrong, which may be after its lead byte
 * ("Caf\xE9 " fails at the space); report the lead byte of an unfinished sequence instead.
 */
function sequenceStart(bytes: Uint8Array, failing: number): number {
  for (let j = failing - 1; j >= 0 && failing - j <= 3; j--) {
    const byte = bytes[j]!;
    if ((byte & 0xc0) === 0x80) continue;
    return byte >= 0xc0 && failing - j < sequenceLength(byte) ? j : failing;
  }
  return failing;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  return 2;
}

function decodes(prefix: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(prefix, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function lastLeadByte(bytes: Uint8Array): number {
  let i = bytes.length - 1;
  while (i > 0 && (bytes[i]! & 0xc0) === 0x80) i--;
  return i;
}

function hex(byte: number | undefined): string {
  return (byte ?? 0).toString(16).padStart(2, '0').toUpperCase();
}
