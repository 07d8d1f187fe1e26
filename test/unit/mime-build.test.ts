import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { buildMime, normalizeAddress, type SenderIdentity } from '../../src/email/mime.js';
import type { PersonalizedMessage } from '../../src/email/types.js';
import { MessageError } from '../../src/errors.js';

const sender: SenderIdentity = {
  fromAddress: 'digest@example.com',
  fromName: 'The Weekly Digest',
  listId: 'Weekly Digest <digest.example.com>',
};

const message = (overrides: Partial<PersonalizedMessage> = {}): PersonalizedMessage => ({
  digestId: 'd00121ec50c832b2',
  to: { email: 'ada@example.com', name: 'Ada Lovelace' },
  subject: 'China, South Korea urged to press North Korea — “human rights”',
  html: '<p>Résumé of the week</p>',
  text: 'Résumé of the week',
  unsubscribeUrl: 'https://digest.example.com/unsubscribe?token=abc.def',
  unsubscribeMailto: 'unsubscribe@example.com',
  ...overrides,
});

describe('buildMime', () => {
  it('builds multipart/alternative (text, then HTML) with every list header a bulk sender needs', async () => {
    // Prepare
    const date = new Date('2026-11-30T08:00:00Z');
    // Act
    const raw = await buildMime(message(), sender, { date });
    const parsed = await simpleParser(raw);
    // Assess
    expect(parsed.from?.value[0]).toEqual({ address: 'digest@example.com', name: 'The Weekly Digest' });
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0] : undefined).toEqual({
      address: 'ada@example.com',
      name: 'Ada Lovelace',
    });
    expect(parsed.subject).toBe(message().subject);
    expect(parsed.date?.toISOString()).toBe(date.toISOString());
    expect(parsed.messageId).toMatch(/^<d00121ec50c832b2\.[0-9a-f]{16}@example\.com>$/);
    expect(parsed.text?.trim()).toBe('Résumé of the week');
    expect(parsed.html).toContain('Résumé of the week');
    const list = parsed.headers.get('list') as Record<string, { url?: string; id?: string; name?: string }>;
    expect(list['id']).toMatchObject({ id: 'digest.example.com', name: 'Weekly Digest' });
    const head = raw.toString('latin1').split('\r\n\r\n')[0]!;
    expect(head).toMatch(
      /^List-Unsubscribe: <https:\/\/digest\.example\.com\/unsubscribe\?token=abc\.def>, <mailto:unsubscribe@example\.com>$/m,
    );
    expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(head).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(head).toMatch(/^Content-Type: multipart\/alternative/m);
    const body = raw.toString('latin1');
    expect(body.indexOf('text/plain; charset=utf-8')).toBeLessThan(body.indexOf('text/html; charset=utf-8'));
    expect(body).not.toMatch(/[^\r]\n/);
  });

  it('gives each recipient a different, stable Message-ID', async () => {
    const a1 = await simpleParser(await buildMime(message(), sender));
    const a2 = await simpleParser(await buildMime(message(), sender));
    const b = await simpleParser(await buildMime(message({ to: { email: 'alan@example.com' } }), sender));
    expect(a1.messageId).toBe(a2.messageId);
    expect(b.messageId).not.toBe(a1.messageId);
  });

  it('converts an IDN domain to punycode', async () => {
    const raw = await buildMime(message({ to: { email: 'ann@bücher.example' } }), sender);
    expect(raw.toString('latin1')).toMatch(/^To: ann@xn--bcher-kva\.example$/m);
  });

  it.each([
    [
      'CR/LF and Bcc: in the subject',
      message({ subject: 'Hello\r\nBcc: victim@example.org' }),
      sender,
      /subject/,
    ],
    ['a bare LF in the subject', message({ subject: 'Hello\nX-Evil: 1' }), sender, /subject/],
    ['a NUL in the subject', message({ subject: 'Hello\0' }), sender, /subject/],
    [
      'a newline in the recipient display name',
      message({ to: { email: 'a@example.com', name: 'Ada\nBcc: x@y.z' } }),
      sender,
      /display name/,
    ],
    [
      'a newline in the sender display name',
      message(),
      { ...sender, fromName: 'Digest\r\nBcc: x@y.z' },
      /sender display name/,
    ],
    [
      'a CR in the address',
      message({ to: { email: 'a@example.com\rBcc: x@y.z' } }),
      sender,
      /recipient address/,
    ],
    [
      'a non-ASCII local part',
      message({ to: { email: 'ünïcode@example.com' } }),
      sender,
      /non-ASCII local part/,
    ],
    ['an address without a domain', message({ to: { email: 'ada@' } }), sender, /not an email address/],
    [
      'a javascript: unsubscribe URL',
      message({ unsubscribeUrl: 'javascript:alert(1)' }),
      sender,
      /unsubscribe URL/,
    ],
    ['a List-Id without a domain', message(), { ...sender, listId: 'digest' }, /List-Id/],
  ])('rejects %s with a MessageError', async (_case, input, from, pattern) => {
    await expect(buildMime(input, from)).rejects.toThrow(MessageError);
    await expect(buildMime(input, from)).rejects.toThrow(pattern);
  });
});

describe('normalizeAddress', () => {
  it('lower-cases and punycodes the domain, keeps the local part', () => {
    expect(normalizeAddress(' Ada.L+news@Example.COM ')).toBe('Ada.L+news@example.com');
    expect(normalizeAddress('x@mañana.example')).toBe('x@xn--maana-pta.example');
  });

  it.each([
    '',
    'plain',
    '@example.com',
    'a@b',
    'a..b@example.com',
    'a@-bad-.example',
    `${'x'.repeat(65)}@example.com`,
  ])('rejects %j', (address) => {
    expect(() => normalizeAddress(address)).toThrow(MessageError);
  });
});
