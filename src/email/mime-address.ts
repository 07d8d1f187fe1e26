import { domainToASCII } from 'node:url';
import { MessageError } from '../errors.js';

const FORBIDDEN = /[\r\n\0]/;
// RFC 5322 dot-atom local part, ASCII only: SES accepts no SMTPUTF8.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DNS_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** Describes a control character for an error message without echoing it raw. */
const shown = (value: string): string =>
  JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}...` : value);

/** Throws MessageError when a header value carries CR, LF or NUL (header injection). */
export function assertHeaderSafe(field: string, value: string): void {
  if (FORBIDDEN.test(value)) {
    throw new MessageError(`${field} contains a line break or NUL character: ${shown(value)}`);
  }
}

/**
 * Validates an email address for SES and returns it normalised: ASCII local part, domain converted
 * to punycode (IDN -> xn--), lower-cased domain. Throws MessageError with the reason otherwise.
 */
export function normalizeAddress(address: string, field = 'address'): string {
  assertHeaderSafe(field, address);
  const trimmed = address.trim();
  if (trimmed.length === 0) throw new MessageError(`${field} is empty`);
  if (trimmed.length > 254)
    throw new MessageError(`${field} is longer than 254 characters: ${shown(trimmed)}`);
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) {
    throw new MessageError(`${field} ${shown(trimmed)} is not an email address (expected local@domain)`);
  }
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new MessageError(`${field} ${shown(trimmed)} contains a control character`);
  }
  if (/[^\x20-\x7e]/.test(local)) {
    throw new MessageError(
      `${field} ${shown(trimmed)} has a non-ASCII local part; SES does not support SMTPUTF8 addresses`,
    );
  }
  if (local.length > 64 || !LOCAL_PART.test(local)) {
    throw new MessageError(`${field} ${shown(trimmed)} has an invalid local part ${shown(local)}`);
  }
  const ascii = domainToASCII(domain);
  if (!ascii) throw new MessageError(`${field} ${shown(trimmed)} has an invalid domain ${shown(domain)}`);
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => DNS_LABEL.test(label))) {
    throw new MessageError(`${field} ${shown(trimmed)} has an invalid domain ${shown(domain)}`);
  }
  return `${local}@${ascii.toLowerCase()}`;
}

/** True when `normalizeAddress` would accept the address. */
export function isValidAddress(address: string): boolean {
  try {
    normalizeAddress(address);
    return true;
  } catch {
    return false;
  }
}
