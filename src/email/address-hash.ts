import { createHash } from 'node:crypto';

/**
 * A reader's address as logs and Message-IDs carry it: the first 16 hex digits of SHA-256 of the
 * lower-cased address. The same reader always gets the same value; the value does not give the address.
 */
export function addressHash(email: string): string {
  return createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 16);
}

/** Replaces anything shaped like an email address in `text` (a provider's error message) with `[address]`. */
export function redactAddresses(text: string): string {
  return text.replace(/[^\s<>"'(),;:[\]]+@[^\s<>"'(),;:[\]]+/g, '[address]');
}
