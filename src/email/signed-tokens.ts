import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';

// The HMAC-signed tokens in the links the product mails: unsubscribe, signup confirmation, edition approval.

/** Who unsubscribes from what; the payload of a signed unsubscribe token. */
export interface UnsubscribeClaims {
  email: string;
  listId: string;
}

const MAX_TOKEN_LENGTH = 2048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

// Importing the key once per key, not once per token, matters when signing for every recipient.
const stringKeys = new Map<string, KeyObject>();
const byteKeys = new WeakMap<Uint8Array, KeyObject>();

function keyObject(key: string | Uint8Array): KeyObject {
  if (typeof key === 'string') {
    let found = stringKeys.get(key);
    if (!found) {
      if (stringKeys.size > 16) stringKeys.clear();
      found = createSecretKey(Buffer.from(key, 'utf8'));
      stringKeys.set(key, found);
    }
    return found;
  }
  let found = byteKeys.get(key);
  if (!found) {
    // Copy: the caller may reuse its buffer.
    found = createSecretKey(Buffer.from(key));
    byteKeys.set(key, found);
  }
  return found;
}

/** The base64url HMAC-SHA256 of `payload` (digesting straight to base64url saves a Buffer per token). */
function signature(key: string | Uint8Array, payload: string): string {
  return createHmac('sha256', keyObject(key)).update(payload).digest('base64url');
}

function assertKey(key: string | Uint8Array): void {
  if (key === undefined || key === null || key.length === 0) {
    throw new TypeError('unsubscribe token: the HMAC key must not be empty');
  }
}

/**
 * Creates `base64url(JSON payload).base64url(HMAC-SHA256 signature)`. The token carries no expiry on
 * purpose: an unsubscribe link in an old email must keep working.
 */
export function createUnsubscribeToken(key: string | Uint8Array, claims: UnsubscribeClaims): string {
  assertKey(key);
  const payload = Buffer.from(JSON.stringify({ e: claims.email, l: claims.listId }), 'utf8').toString(
    'base64url',
  );
  return `${payload}.${signature(key, payload)}`;
}

/** Returns the claims of a token signed with `key`, or null when it is malformed or was tampered with. */
export function verifyUnsubscribeToken(key: string | Uint8Array, token: unknown): UnsubscribeClaims | null {
  assertKey(key);
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [payload, sig] = parts as [string, string];
  if (!BASE64URL.test(payload) || !BASE64URL.test(sig)) return null;
  // Compare the canonical encodings: decoding would accept variants that differ in the padding bits.
  const expected = Buffer.from(signature(key, payload), 'ascii');
  const given = Buffer.from(sig, 'ascii');
  // timingSafeEqual needs equal lengths; the length of a signature is public anyway.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (decoded === null || typeof decoded !== 'object') return null;
    const { e, l, p } = decoded as { e?: unknown; l?: unknown; p?: unknown };
    // A token made for another purpose (a signup confirmation) never unsubscribes, whatever it holds.
    if (p !== undefined) return null;
    if (typeof e !== 'string' || typeof l !== 'string' || e === '' || l === '') return null;
    return { email: e, listId: l };
  } catch {
    return null;
  }
}

/** Who confirms a signup to which list; the payload of a signed confirmation token. */
export interface ConfirmClaims {
  email: string;
  listId: string;
  /** Epoch seconds after which the link no longer confirms. */
  expiresAt: number;
  /** The signup attempt this link belongs to: a later signup or a confirmation makes it stale. */
  nonce: string;
}

// Domain separation: a confirmation signature is over a different message than an unsubscribe
// signature of the same payload, so neither kind of token can be turned into the other.
const CONFIRM_CONTEXT = 'digest-confirm\n';

/** Creates a signed, expiring confirmation token (`p: "confirm"`), distinct from any unsubscribe token. */
export function createConfirmToken(key: string | Uint8Array, claims: ConfirmClaims): string {
  assertKey(key);
  const payload = Buffer.from(
    JSON.stringify({ p: 'confirm', e: claims.email, l: claims.listId, x: claims.expiresAt, n: claims.nonce }),
    'utf8',
  ).toString('base64url');
  return `${payload}.${signature(key, CONFIRM_CONTEXT + payload)}`;
}

/** Why a confirmation token was refused. */
export type ConfirmTokenProblem = 'malformed' | 'forged' | 'expired';

/**
 * Checks a confirmation token: signature (constant time, in full), purpose and expiry. Returns the
 * claims, or the reason it is refused; an unsubscribe token is `forged` here.
 */
export function verifyConfirmToken(
  key: string | Uint8Array,
  token: unknown,
  nowSeconds: number,
): { ok: true; claims: ConfirmClaims } | { ok: false; problem: ConfirmTokenProblem } {
  const opened = openSigned(key, token, CONFIRM_CONTEXT);
  if (!opened.ok) return opened;
  const { p, e, l, x, n } = opened.fields;
  if (p !== 'confirm' || typeof e !== 'string' || typeof l !== 'string' || typeof n !== 'string')
    return { ok: false, problem: 'malformed' };
  if (typeof x !== 'number' || !Number.isFinite(x) || e === '' || l === '' || n === '')
    return { ok: false, problem: 'malformed' };
  if (x <= nowSeconds) return { ok: false, problem: 'expired' };
  return { ok: true, claims: { email: e, listId: l, expiresAt: x, nonce: n } };
}

/** Which draft an editor approves: the edition id and the version they were shown. */
export interface ApproveClaims {
  editionId: string;
  version: number;
  /** Epoch seconds after which the link no longer approves. */
  expiresAt: number;
}

/**
 * The shared part of checking a `payload.signature` token: shape, signature under this context
 * (constant time, in full), then the payload's JSON fields. Purpose and expiry are the caller's.
 */
function openSigned(
  key: string | Uint8Array,
  token: unknown,
  context: string,
): { ok: true; fields: Record<string, unknown> } | { ok: false; problem: 'malformed' | 'forged' } {
  assertKey(key);
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH)
    return { ok: false, problem: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2) return { ok: false, problem: 'malformed' };
  const [payload, sig] = parts as [string, string];
  if (!BASE64URL.test(payload) || !BASE64URL.test(sig)) return { ok: false, problem: 'malformed' };
  const expected = Buffer.from(signature(key, context + payload), 'ascii');
  const given = Buffer.from(sig, 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, problem: 'forged' };
  try {
    return {
      ok: true,
      fields: (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) ?? {}) as Record<
        string,
        unknown
      >,
    };
  } catch {
    return { ok: false, problem: 'malformed' };
  }
}

// Its own domain-separation prefix: an approve signature is never a valid unsubscribe or confirm one.
const APPROVE_CONTEXT = 'digest-approve\n';

/** Creates a signed, expiring approve token (`p: "approve"`) bound to one edition id and version. */
export function createApproveToken(key: string | Uint8Array, claims: ApproveClaims): string {
  assertKey(key);
  const payload = Buffer.from(
    JSON.stringify({ p: 'approve', i: claims.editionId, v: claims.version, x: claims.expiresAt }),
    'utf8',
  ).toString('base64url');
  return `${payload}.${signature(key, APPROVE_CONTEXT + payload)}`;
}

/**
 * Checks an approve token: signature (constant time), purpose and expiry. An unsubscribe or signup
 * token is `forged` here (signed under another prefix).
 */
export function verifyApproveToken(
  key: string | Uint8Array,
  token: unknown,
  nowSeconds: number,
): { ok: true; claims: ApproveClaims } | { ok: false; problem: ConfirmTokenProblem } {
  const opened = openSigned(key, token, APPROVE_CONTEXT);
  if (!opened.ok) return opened;
  const { p, i, v, x } = opened.fields;
  if (p !== 'approve' || typeof i !== 'string' || i === '' || typeof v !== 'number' || !Number.isInteger(v))
    return { ok: false, problem: 'malformed' };
  if (typeof x !== 'number' || !Number.isFinite(x)) return { ok: false, problem: 'malformed' };
  if (x <= nowSeconds) return { ok: false, problem: 'expired' };
  return { ok: true, claims: { editionId: i, version: v, expiresAt: x } };
}
