import { randomBytes } from 'node:crypto';
import type { Mailer, Subscriber } from '../delivery/ports.js';
import { SendFailure, type SendFailureKind } from '../delivery/send-failure.js';
import { addressHash, redactAddresses } from '../email/address-hash.js';
import { verifyConfirmToken } from '../email/signed-tokens.js';
import { type NoticeSettings, sendConfirmation, sendWelcome } from './notices.js';
import { escapeHtml, type HttpResponse, json, page, subscribeFormHtml } from './pages.js';
import type { SignupLimits, SubscriptionStore } from './ports.js';
import { MAX_BODY_BYTES, parseSignup, SignupInputError } from './signup-input.js';
import { SIGNUP_SEND_FAILED_LOG_FIELD } from './signup-log.js';
import { sourceKey } from './source-key.js';

export type { HttpResponse } from './pages.js';

/** A request to the subscribe endpoint, decoded from a Function URL event or a local HTTP request. */
export interface SubscribeHttpRequest {
  method: string;
  /** The `token` query parameter of a confirmation link. */
  token?: string | undefined;
  /** The raw body, already base64-decoded. */
  body: string;
  contentType?: string | undefined;
  accept?: string | undefined;
  /** The caller's IP address (the per-source budget). */
  sourceIp: string;
  /** This endpoint's public URL, without query: confirmation links point here. */
  endpointUrl: string;
  /** Path and query as received: the confirm page's form posts back to it. */
  selfUrl: string;
}

export interface SubscribeDeps {
  subscribers: SubscriptionStore;
  limits: SignupLimits;
  mailer: Mailer;
  hmacKey: () => Promise<string>;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Where outcomes are logged (never shown to the caller, never with an address in clear). */
  log?: (event: string, fields: Record<string, unknown>, level?: LogLevel) => void;
}

export interface SubscribeSettings extends NoticeSettings {
  /** How long a confirmation link and an unconfirmed record live (seconds). */
  confirmTtlSeconds: number;
  /**
   * Every signup answer takes at least this long, whatever the address's state, so that the time taken
   * does not tell a new address (a confirmation sent) from a listed one (nothing sent).
   */
  minResponseMs: number;
}

export type LogLevel = 'info' | 'warn' | 'error';

/** 48 hours: the confirmation link's life and the unconfirmed record's TTL. */
export const CONFIRM_TTL_SECONDS = 48 * 3600;

const ACCEPTED_MESSAGE =
  'If this address can subscribe, a confirmation link is on its way. Nothing is sent until it is clicked.';
/** The answer when our side could not send the confirmation just now (503): no address, no provider text. */
export const TRY_LATER_MESSAGE =
  'We could not send your confirmation email right now. Please try again in a few minutes.';
/** Seconds a caller is told to wait (Retry-After) after a send failure. */
export const TRY_LATER_SECONDS = 120;

/**
 * The send failures a retry in a few minutes can cure (SES throttling, its daily quota, SES unreachable
 * or not answering, the sending account paused): they answer 503, and the signup's limits are given back.
 * `rejected` (SES refused this message or recipient) is not one: it answers like any other signup.
 */
const TRY_LATER_KINDS: ReadonlySet<SendFailureKind> = new Set([
  'throttled',
  'quota',
  'unavailable',
  'unknown',
  'account',
]);

function wantsJson(request: SubscribeHttpRequest): boolean {
  const type = (request.contentType ?? '').toLowerCase();
  return type.startsWith('application/json') || /application\/json/i.test(request.accept ?? '');
}

/**
 * The public subscribe endpoint. `GET` without a token shows the signup form; `POST` signs up (form or
 * JSON). `GET ?token=` shows a Confirm button and changes nothing (link scanners open every link);
 * `POST ?token=` confirms. A signup answers the same (status, body, time) whether the address is new,
 * pending, active, unsubscribed, bounced or complained.
 */
export async function handleSubscribeRequest(
  request: SubscribeHttpRequest,
  deps: SubscribeDeps,
  settings: SubscribeSettings,
): Promise<HttpResponse> {
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'POST') {
    const refused = page(405, 'Method not allowed', '<p>Use the signup form.</p>');
    return { ...refused, headers: { ...refused.headers, allow: 'GET, POST' } };
  }
  if (request.token !== undefined) return confirm(method, request, deps, settings);
  if (method === 'GET') {
    return page(
      200,
      `Subscribe to ${settings.publication.name}`,
      subscribeFormHtml(request.selfUrl, settings.publication.name),
    );
  }
  return signup(request, deps, settings);
}

async function signup(
  request: SubscribeHttpRequest,
  deps: SubscribeDeps,
  settings: SubscribeSettings,
): Promise<HttpResponse> {
  const now = deps.now ?? (() => new Date());
  const started = Date.now();
  const asJson = wantsJson(request);
  let input: ReturnType<typeof parseSignup>;
  try {
    input = parseSignup(request.body, request.contentType);
  } catch (error) {
    if (!(error instanceof SignupInputError)) throw error;
    return asJson
      ? json(error.statusCode, { status: 'refused', message: error.message })
      : page(
          error.statusCode,
          'Not subscribed',
          `<p>${escapeHtml(error.message)}</p><p>Nothing was changed.</p>`,
        );
  }
  const accepted = (): HttpResponse =>
    asJson
      ? json(202, { status: 'accepted', message: ACCEPTED_MESSAGE })
      : page(
          202,
          'Check your inbox',
          `<p>${escapeHtml(ACCEPTED_MESSAGE)}</p><p>The link works for ${Math.round(settings.confirmTtlSeconds / 3600)} hours.</p>`,
        );
  const { outcome, failure } = await decide(input, request, deps, settings, now());
  if (failure) {
    // The address only as its hash (as in Message-IDs); the provider's text with any address blanked.
    deps.log?.(
      'signup',
      {
        [SIGNUP_SEND_FAILED_LOG_FIELD.name]: SIGNUP_SEND_FAILED_LOG_FIELD.value,
        sendFailure: failure.kind,
        error: redactAddresses(failure.message),
        addressHash: addressHash(input.email),
      },
      'error',
    );
  } else deps.log?.('signup', { outcome });
  if (outcome === 'source-limit') {
    const message = 'Too many signups from your network just now. Please try again in an hour.';
    return asJson
      ? json(429, { status: 'limited', message })
      : page(429, 'Please try later', `<p>${escapeHtml(message)}</p>`);
  }
  // The same floor for every outcome: a listed address (no mail) must not answer faster than a new one.
  const wait = settings.minResponseMs - (Date.now() - started);
  if (wait > 0) await (deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(wait);
  return outcome === SIGNUP_SEND_FAILED_LOG_FIELD.value && TRY_LATER_KINDS.has(failure!.kind)
    ? tryLater(asJson)
    : accepted();
}

/** 503 with Retry-After: the confirmation could not be sent just now; the same words for every address. */
export function tryLater(asJson: boolean): HttpResponse {
  const response = asJson
    ? json(503, { status: 'unavailable', message: TRY_LATER_MESSAGE })
    : page(
        503,
        'Please try again in a few minutes',
        `<p>${escapeHtml(TRY_LATER_MESSAGE)}</p><p>Nothing was sent. Trying again is safe: you will get one working link.</p>`,
      );
  return { ...response, headers: { ...response.headers, 'retry-after': String(TRY_LATER_SECONDS) } };
}

type Outcome =
  | 'honeypot'
  | 'source-limit'
  | 'address-limit'
  | 'listed'
  | 'blocked'
  | 'race'
  | 'confirmation-sent'
  | typeof SIGNUP_SEND_FAILED_LOG_FIELD.value;

async function decide(
  input: ReturnType<typeof parseSignup>,
  request: SubscribeHttpRequest,
  deps: SubscribeDeps,
  settings: SubscribeSettings,
  now: Date,
): Promise<{ outcome: Outcome; failure?: SendFailure }> {
  if (input.honeypotFilled) return { outcome: 'honeypot' };
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const source = sourceKey(request.sourceIp);
  if (!(await deps.limits.takeSource(source, nowSeconds))) return { outcome: 'source-limit' };
  const current = await deps.subscribers.get(input.email);
  if (current?.status === 'active') return { outcome: 'listed' };
  // A bounced or complaining address is never mailed again by a form anyone can fill in.
  if (current?.status === 'bounced' || current?.status === 'complained') return { outcome: 'blocked' };
  if (!(await deps.limits.takeAddress(input.email, nowSeconds))) return { outcome: 'address-limit' };
  const nonce = randomBytes(12).toString('base64url');
  const expiresAt = nowSeconds + settings.confirmTtlSeconds;
  const consent = { signedUpAt: now.toISOString(), source: input.form };
  const name = input.name ?? current?.name;
  let next: Subscriber;
  if (current?.status === 'unsubscribed') {
    // Stays unsubscribed (and kept: no TTL) until the new link is clicked.
    next = { ...current, consent, confirmNonce: nonce, updatedAt: now.toISOString() };
    if (name) next.name = name;
  } else {
    next = {
      email: input.email,
      status: 'pending',
      ...(name ? { name } : {}),
      subscribedAt: now.toISOString(),
      updatedAt: now.toISOString(),
      consent,
      expiresAt,
      confirmNonce: nonce,
    };
  }
  const written = await deps.subscribers.putIf(
    next,
    current
      ? { status: [current.status], ...(current.confirmNonce ? { nonce: current.confirmNonce } : {}) }
      : { absent: true },
  );
  if (!written) return { outcome: 'race' };
  try {
    await sendConfirmation(
      { mailer: deps.mailer, hmacKey: await deps.hmacKey() },
      settings,
      { email: input.email, ...(name ? { name } : {}), nonce, expiresAt },
      request.endpointUrl,
    );
  } catch (error) {
    // The record stays as written (pending with its TTL, or unsubscribed): a retry replaces its nonce,
    // so there is never a second row, and only the newest link confirms.
    const failure =
      error instanceof SendFailure ? error : new SendFailure('unknown', String(error), { cause: error });
    if (TRY_LATER_KINDS.has(failure.kind)) await deps.limits.giveBack(source, input.email, nowSeconds);
    return { outcome: SIGNUP_SEND_FAILED_LOG_FIELD.value, failure };
  }
  return { outcome: 'confirmation-sent' };
}

async function confirm(
  method: 'GET' | 'POST' | string,
  request: SubscribeHttpRequest,
  deps: SubscribeDeps,
  settings: SubscribeSettings,
): Promise<HttpResponse> {
  const now = (deps.now ?? (() => new Date()))();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const key = await deps.hmacKey();
  const verified = verifyConfirmToken(key, request.token, nowSeconds);
  const name = escapeHtml(settings.publication.name);
  if (!verified.ok) {
    if (verified.problem === 'expired')
      return page(
        410,
        'Link expired',
        `<p>This confirmation link has expired. Sign up again to get a new one. Nothing was changed.</p>`,
      );
    return page(403, 'Link not valid', `<p>This link was not issued by ${name}. Nothing was changed.</p>`);
  }
  const { claims } = verified;
  if (claims.listId !== settings.listId)
    return page(403, 'Link not valid', `<p>This link was not issued by ${name}. Nothing was changed.</p>`);
  if (method === 'GET') {
    return page(
      200,
      `Confirm your subscription to ${settings.publication.name}`,
      `<p>Subscribe <strong>${escapeHtml(claims.email)}</strong> to ${name}?</p><form method="post" action="${escapeHtml(request.selfUrl)}"><button type="submit">Confirm</button></form>`,
    );
  }
  if (Buffer.byteLength(request.body, 'utf8') > MAX_BODY_BYTES)
    return page(413, 'Request too large', '<p>Nothing was changed.</p>');
  const stale = () =>
    page(
      410,
      'Link already used',
      '<p>This confirmation link was already used or replaced by a newer one. Nothing was changed.</p>',
    );
  const current = await deps.subscribers.get(claims.email);
  if (!current || current.confirmNonce !== claims.nonce) return stale();
  if (current.status !== 'pending' && current.status !== 'unsubscribed') return stale();
  const { expiresAt: _ttl, confirmNonce: _nonce, ...kept } = current;
  const next: Subscriber = {
    ...kept,
    status: 'active',
    updatedAt: now.toISOString(),
    consent: {
      ...(current.consent ?? { signedUpAt: now.toISOString(), source: 'unknown' }),
      confirmedAt: now.toISOString(),
    },
  };
  if (!(await deps.subscribers.putIf(next, { status: [current.status], nonce: claims.nonce })))
    return stale();
  deps.log?.('confirmed', {});
  await sendWelcome({ mailer: deps.mailer, hmacKey: key }, settings, {
    email: current.email,
    ...(current.name ? { name: current.name } : {}),
  });
  return page(
    200,
    'You are subscribed',
    `<p>${escapeHtml(current.email)} will receive ${name} ${escapeHtml(settings.nextEdition)}. A welcome email is on its way.</p>`,
  );
}
