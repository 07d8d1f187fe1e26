import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createUnsubscribeToken, verifyUnsubscribeToken } from '../../src/email/signed-tokens.js';

const KEY = 'test-hmac-key';
const CLAIMS = { email: 'reader@example.com', listId: 'digest.example.com' };

describe('unsubscribe tokens', () => {
  it('round-trips the email and list id', () => {
    // Prepare / Act
    const token = createUnsubscribeToken(KEY, CLAIMS);
    // Assess
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyUnsubscribeToken(KEY, token)).toEqual(CLAIMS);
    expect(verifyUnsubscribeToken(Buffer.from(KEY), token)).toEqual(CLAIMS);
  });

  it('rejects a token whose payload was changed to another address', () => {
    const [, signature] = createUnsubscribeToken(KEY, CLAIMS).split('.');
    const forged = Buffer.from(JSON.stringify({ e: 'victim@example.com', l: CLAIMS.listId })).toString(
      'base64url',
    );
    expect(verifyUnsubscribeToken(KEY, `${forged}.${signature}`)).toBeNull();
  });

  it('rejects every single-character change of the signature, padding bits included', () => {
    const token = createUnsubscribeToken(KEY, CLAIMS);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = token.length - 1;
    for (const position of [last, last - 5, token.indexOf('.') + 1]) {
      for (const replacement of alphabet) {
        if (replacement === token[position]) continue;
        const tampered = token.slice(0, position) + replacement + token.slice(position + 1);
        expect(verifyUnsubscribeToken(KEY, tampered)).toBeNull();
      }
    }
  });

  it('survivor: rejects a token whose signature is a prefix of the real one (every length, down to one character)', () => {
    // Prepare
    const token = createUnsubscribeToken(KEY, CLAIMS);
    const [payload, signature] = token.split('.') as [string, string];
    // Act / Assess
    for (let length = 1; length < signature.length; length++) {
      expect(verifyUnsubscribeToken(KEY, `${payload}.${signature.slice(0, length)}`)).toBeNull();
    }
    expect(verifyUnsubscribeToken(KEY, `${payload}.${signature}A`)).toBeNull();
  });

  it('rejects a token signed with another key', () => {
    expect(verifyUnsubscribeToken('other-key', createUnsubscribeToken(KEY, CLAIMS))).toBeNull();
  });

  it('returns null for malformed input instead of throwing', () => {
    const valid = createUnsubscribeToken(KEY, CLAIMS);
    const malformed: unknown[] = [
      '',
      'no-dot',
      `${valid}.extra`,
      '.',
      `${valid.split('.')[0]}.`,
      'a b.c',
      '%%%.###',
      'x'.repeat(5000),
      undefined,
      null,
      42,
      { token: valid },
    ];
    for (const token of malformed) expect(verifyUnsubscribeToken(KEY, token)).toBeNull();
  });

  it('rejects a correctly signed payload that is not the expected shape', () => {
    const payload = Buffer.from('["not","an","object"]').toString('base64url');
    const sig = createHmac('sha256', KEY).update(payload).digest('base64url');
    expect(verifyUnsubscribeToken(KEY, `${payload}.${sig}`)).toBeNull();
  });

  it('refuses to sign or verify with an empty key', () => {
    expect(() => createUnsubscribeToken('', CLAIMS)).toThrow(/key/);
    expect(() => verifyUnsubscribeToken(new Uint8Array(), 'a.b')).toThrow(/key/);
  });
});
