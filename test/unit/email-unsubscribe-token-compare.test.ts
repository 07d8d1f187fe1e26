// Survivor of the issue 11 mutation audit: the signature compare must be constant-time. Timing cannot be
// measured reliably in a unit test, so this asserts the compare used: node's timingSafeEqual, spied on
// (the real function still does the comparing).
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const crypto = await import('node:crypto');
const { createUnsubscribeToken, verifyUnsubscribeToken } = await import('../../src/email/signed-tokens.js');

describe('unsubscribe token signature compare', () => {
  it('survivor: compares signatures with crypto.timingSafeEqual, never a plain string compare', () => {
    // Prepare
    const claims = { email: 'reader@example.com', listId: 'digest.example.com' };
    const token = createUnsubscribeToken('test-hmac-key', claims);
    const [payload, signature] = token.split('.') as [string, string];
    const forged = `${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const compare = vi.mocked(crypto.timingSafeEqual);
    compare.mockClear();
    // Act
    const good = verifyUnsubscribeToken('test-hmac-key', token);
    const bad = verifyUnsubscribeToken('test-hmac-key', forged);
    // Assess
    expect(good).toEqual(claims);
    expect(bad).toBeNull();
    expect(compare).toHaveBeenCalledTimes(2);
    expect(compare.mock.results.map((r) => r.value)).toEqual([true, false]);
  });
});
