import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { renderNotice } from '../../src/email/notice.js';
import {
  createConfirmToken,
  createUnsubscribeToken,
  verifyConfirmToken,
  verifyUnsubscribeToken,
} from '../../src/email/signed-tokens.js';
import { MemorySignupLimits, meets } from '../../src/subscription/ports.js';
import { describeSchedule } from '../../src/subscription/schedule-text.js';
import { parseSignup, SignupInputError } from '../../src/subscription/signup-input.js';
import { sourceKey } from '../../src/subscription/source-key.js';
import { captureIO } from '../helpers/capture-io.js';

const KEY = 'k'.repeat(48);
const claims = { email: 'a@example.com', listId: 'l.example.com', expiresAt: 2_000_000_000, nonce: 'n1' };

describe('confirm tokens', () => {
  it('round-trips purpose, address, list, expiry and nonce', () => {
    expect(verifyConfirmToken(KEY, createConfirmToken(KEY, claims), 1_000)).toEqual({ ok: true, claims });
  });

  it('are refused after their expiry', () => {
    expect(verifyConfirmToken(KEY, createConfirmToken(KEY, claims), claims.expiresAt)).toEqual({
      ok: false,
      problem: 'expired',
    });
  });

  it('never verify as unsubscribe tokens, and unsubscribe tokens never verify as confirm tokens', () => {
    const confirm = createConfirmToken(KEY, claims);
    const unsubscribe = createUnsubscribeToken(KEY, { email: claims.email, listId: claims.listId });
    expect(verifyUnsubscribeToken(KEY, confirm)).toBeNull();
    expect(verifyConfirmToken(KEY, unsubscribe, 1_000)).toEqual({ ok: false, problem: 'forged' });
    // Same payload re-signed as an unsubscribe token (without the confirm context): still refused both ways.
    const [payload] = confirm.split('.');
    const unsubscribeOfConfirmPayload = createUnsubscribeToken(KEY, {
      email: 'x@example.com',
      listId: 'y.z',
    });
    expect(verifyConfirmToken(KEY, `${payload}.${unsubscribeOfConfirmPayload.split('.')[1]}`, 1_000)).toEqual(
      {
        ok: false,
        problem: 'forged',
      },
    );
  });

  it('refuses another key, a changed payload and garbage', () => {
    const token = createConfirmToken(KEY, claims);
    expect(verifyConfirmToken('x'.repeat(48), token, 1_000)).toMatchObject({ ok: false, problem: 'forged' });
    const other = createConfirmToken(KEY, { ...claims, email: 'b@example.com' });
    expect(verifyConfirmToken(KEY, `${other.split('.')[0]}.${token.split('.')[1]}`, 1_000)).toMatchObject({
      ok: false,
    });
    for (const junk of ['', 'a.b.c', 'x'.repeat(3000), 42, null]) {
      expect(verifyConfirmToken(KEY, junk, 1_000)).toMatchObject({ ok: false, problem: 'malformed' });
    }
  });
});

describe('signup input', () => {
  it('lower-cases the whole address (one reader whatever the spelling) and keeps a plain name', () => {
    expect(
      parseSignup('email=Ada%40Example.COM&name=%20Ada%20%20Lovelace', 'application/x-www-form-urlencoded'),
    ).toEqual({
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      form: 'subscribe-form',
      honeypotFilled: false,
    });
  });

  it.each([
    ['{"email": 42}', 'application/json', 'Please give an email address'],
    ['[1]', 'application/json', 'Expected a JSON object'],
    ['{', 'application/json', 'not valid JSON'],
    ['email=a%40example.com&form=..%2Fx', 'application/x-www-form-urlencoded', 'short slug'],
    ['email=a%40example.com&name=%3Cb%3E', 'application/x-www-form-urlencoded', 'may not contain < or >'],
  ])('refuses %s with a reason', (body, type, reason) => {
    expect(() => parseSignup(body, type)).toThrow(SignupInputError);
    expect(() => parseSignup(body, type)).toThrow(reason);
  });

  it('notes a filled honeypot', () => {
    expect(parseSignup('{"email":"a@example.com","website":"x"}', 'application/json').honeypotFilled).toBe(
      true,
    );
  });
});

describe('limits and conditions', () => {
  it('the in-memory limits hold one address per cooldown and a budget per source and window', async () => {
    const limits = new MemorySignupLimits({
      addressCooldownSeconds: 600,
      perSource: 2,
      sourceWindowSeconds: 3600,
    });
    expect(await limits.takeAddress('a', 0)).toBe(true);
    expect(await limits.takeAddress('a', 599)).toBe(false);
    expect(await limits.takeAddress('a', 600)).toBe(true);
    expect([
      await limits.takeSource('ip', 0),
      await limits.takeSource('ip', 1),
      await limits.takeSource('ip', 2),
    ]).toEqual([true, true, false]);
    expect(await limits.takeSource('ip', 3600)).toBe(true);
  });

  it('the in-memory limits give back what a failed send took, but not a slot taken again since', async () => {
    const limits = new MemorySignupLimits({
      addressCooldownSeconds: 600,
      perSource: 1,
      sourceWindowSeconds: 3600,
    });
    expect(await limits.takeSource('ip', 10)).toBe(true);
    expect(await limits.takeAddress('a', 10)).toBe(true);
    await limits.giveBack('ip', 'a', 10);
    expect(await limits.takeSource('ip', 11)).toBe(true);
    expect(await limits.takeAddress('a', 11)).toBe(true);
    // A give-back for the attempt at 10 must not reopen the slot taken at 11.
    await limits.giveBack('other-ip', 'a', 10);
    expect(await limits.takeAddress('a', 12)).toBe(false);
  });

  it('a conditional write needs the status and the nonce', () => {
    const pending = { email: 'a@x.io', status: 'pending' as const, confirmNonce: 'n' };
    expect(meets(undefined, { absent: true })).toBe(true);
    expect(meets(pending, { absent: true })).toBe(false);
    expect(meets(pending, { status: ['pending'], nonce: 'n' })).toBe(true);
    expect(meets(pending, { status: ['pending'], nonce: 'old' })).toBe(false);
    expect(meets({ ...pending, status: 'bounced' }, { status: ['pending', 'unsubscribed'] })).toBe(false);
  });
});

describe('source key', () => {
  it('counts IPv4 by address and IPv6 by its /64', () => {
    expect(sourceKey('192.0.2.7')).toBe('192.0.2.7');
    expect(sourceKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(sourceKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(sourceKey('2001:db8:1:2:ffff::9')).toBe(sourceKey('2001:db8:1:2::1'));
    expect(sourceKey('2001:db8:1:3::1')).not.toBe(sourceKey('2001:db8:1:2::1'));
  });
});

describe('schedule in words', () => {
  it.each([
    ['0 8 ? * MON *', 'Europe/Berlin', 'every Monday at 08:00 (Europe/Berlin time)'],
    ['30 6 ? * TUE,FRI *', 'America/New_York', 'every Tuesday and Friday at 06:30 (America/New_York time)'],
    ['0 7 * * ? *', 'UTC', 'every day at 07:00 (UTC time)'],
    ['0 7 1 * ? *', 'UTC', 'on day 1 of every month at 07:00 (UTC time)'],
    ['0/15 * ? * * *', 'UTC', 'on its regular schedule'],
  ])('%s in %s', (cron, zone, words) => {
    expect(describeSchedule(cron, zone)).toBe(words);
  });
});

describe('notice emails', () => {
  it('render from the build-time templates with the theme, a text part, the link in both parts and no tracking', () => {
    const rendered = renderNotice({
      to: { email: 'a@example.com' },
      subject: 'Confirm',
      heading: 'Please confirm <now>',
      paragraphs: ['First paragraph & more.', 'Second paragraph.'],
      action: {
        label: 'Confirm my subscription',
        url: 'https://sub.example.com/?token=abc&x=1',
        note: 'Or open:',
      },
      footerNote: 'Why you got this.',
    });
    for (const text of [
      'First paragraph &amp; more.',
      'Second paragraph.',
      'Please confirm &lt;now&gt;',
      'Confirm my subscription',
      'Why you got this.',
    ]) {
      expect(rendered.html).toContain(text);
    }
    expect(rendered.html).toContain('href="https://sub.example.com/?token=abc&x=1"');
    expect(rendered.html).toContain('#9c2f1f'); // the theme's accent colour
    expect(rendered.html).not.toMatch(/<img/i);
    expect(rendered.html).not.toContain('Unsubscribe');
    expect(rendered.text).toContain('<https://sub.example.com/?token=abc&x=1>');
    expect(rendered.text).toContain('First paragraph & more.');
  });

  it('refuse an action link that is not http(s)', () => {
    expect(() =>
      renderNotice({
        to: { email: 'a@example.com' },
        subject: 's',
        heading: 'h',
        paragraphs: [],
        action: { label: 'x', url: 'javascript:alert(1)', note: '' },
        footerNote: 'f',
      }),
    ).toThrow('must be http(s)');
  });
});

describe('digest form', () => {
  it('prints an accessible form for the given endpoint', async () => {
    const io = captureIO();
    expect(await main(['form', '--endpoint', 'https://sub.example.com/'], io)).toBe(0);
    expect(io.out()).toContain('action="https://sub.example.com/"');
    expect(io.out()).toContain('<label for="digest-subscribe-email">Email address</label>');
    expect(io.out()).toContain('autocomplete="email"');
    expect(io.out()).toMatch(/aria-hidden="true"[^>]*>\s*<label[^>]*>Leave this field empty/);
    expect(io.err()).toBe('');
  });

  it('takes the endpoint from the stack outputs, else prints a placeholder and says so (exit 0)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-form-'));
    const none = captureIO({ cwd: dir });
    expect(await main(['form'], none)).toBe(0);
    expect(none.out()).toContain('https://YOUR-SUBSCRIBE-URL');
    expect(none.err()).toContain('no endpoint');
    writeFileSync(
      join(dir, 'cdk-outputs.json'),
      JSON.stringify({ 'Digest-prod': { SubscribeUrl: 'https://x.lambda-url.eu-west-1.on.aws/' } }),
    );
    const fromOutputs = captureIO({ cwd: dir });
    expect(await main(['form'], fromOutputs)).toBe(0);
    expect(fromOutputs.out()).toContain('action="https://x.lambda-url.eu-west-1.on.aws/"');
    const env = captureIO({ cwd: dir, env: { DIGEST_SUBSCRIBE_URL: 'https://env.example.com/s' } });
    expect(await main(['form'], env)).toBe(0);
    expect(env.out()).toContain('action="https://env.example.com/s"');
  });

  it('refuses an endpoint that is not an http(s) URL (exit 2)', async () => {
    const io = captureIO();
    expect(await main(['form', '--endpoint', 'javascript:alert(1)'], io)).toBe(2);
    expect(io.err()).toContain('must be an http(s) URL');
  });
});
