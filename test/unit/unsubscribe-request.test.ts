import { describe, expect, it } from 'vitest';
import { handleUnsubscribeRequest } from '../../src/adapters/aws/unsubscribe-request.js';
import type { SubscriberStore } from '../../src/delivery/ports.js';

const untouchable: SubscriberStore = {
  list: () => {
    throw new Error('not expected');
  },
  get: () => Promise.reject(new Error('not expected')),
  put: () => Promise.reject(new Error('not expected')),
  setStatus: () => Promise.reject(new Error('not expected')),
  remove: () => Promise.reject(new Error('not expected')),
};

describe('unsubscribe endpoint answers', () => {
  it('fault 12: a 405 keeps content-type, CSP, nosniff and no-store next to Allow', async () => {
    // Prepare
    const deps = { subscribers: untouchable, hmacKey: async () => 'k'.repeat(48) };
    const settings = { listId: 'weekly.digest.example.com', publicationName: 'The Weekly Digest' };

    // Act
    const responses = await Promise.all(
      ['DELETE', 'PUT', 'PATCH'].map((method) =>
        handleUnsubscribeRequest({ method, token: 'x', body: '', selfUrl: '/?token=x' }, deps, settings),
      ),
    );

    // Assess
    for (const response of responses) {
      expect(response.statusCode).toBe(405);
      expect(response.headers).toMatchObject({
        allow: 'GET, POST',
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': expect.stringContaining("default-src 'none'"),
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      });
    }
  });
});
