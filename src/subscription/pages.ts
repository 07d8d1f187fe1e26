import { redactAddresses } from '../email/address-hash.js';
import { HONEYPOT_FIELD } from './signup-input.js';

/** An HTTP response of the subscribe endpoint (a Function URL result, or the local server's). */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The headers of every response: no caching, no sniffing, no scripts, no framing, no referrer. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
});

/** A small HTML page with the security headers. `content` must already be escaped. */
export function page(statusCode: number, title: string, content: string): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><h1>${escapeHtml(title)}</h1>${content}</body></html>`,
  };
}

/** The answer to an unexpected failure: no error text (it may carry an address or internals). */
export function somethingWentWrong(): HttpResponse {
  return page(
    500,
    'Something went wrong',
    '<p>Something went wrong on our side. Please try again later.</p>',
  );
}

/** An unexpected error as the subscribe endpoints log it: its name and message, any address blanked. */
export function loggableError(error: unknown): { name: string; message: string } {
  const e = error as { name?: unknown; message?: unknown };
  return {
    name: typeof e?.name === 'string' ? e.name : 'Error',
    message: redactAddresses(typeof e?.message === 'string' ? e.message : String(error)),
  };
}

/** The same answer as JSON, for requests that sent JSON. */
export function json(statusCode: number, body: Record<string, unknown>): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS },
    body: JSON.stringify(body),
  };
}

/**
 * The signup form: labelled fields with autocomplete, a honeypot hidden from people and assistive
 * technology, and a plain POST, so it works without JavaScript and the endpoint's page is the answer.
 */
export function subscribeFormHtml(endpoint: string, publicationName: string): string {
  const id = 'digest-subscribe';
  return `<form method="post" action="${escapeHtml(endpoint)}" id="${id}" accept-charset="utf-8">
  <p><label for="${id}-email">Email address</label><br>
  <input type="email" id="${id}-email" name="email" autocomplete="email" required maxlength="254" inputmode="email" spellcheck="false"></p>
  <p><label for="${id}-name">Name (optional)</label><br>
  <input type="text" id="${id}-name" name="name" autocomplete="name" maxlength="80"></p>
  <div aria-hidden="true" style="position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden">
    <label for="${id}-${HONEYPOT_FIELD}">Leave this field empty</label>
    <input type="text" id="${id}-${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off" value="">
  </div>
  <p><button type="submit">Subscribe to ${escapeHtml(publicationName)}</button></p>
  <p><small>We send a link to confirm; nothing arrives until you click it.</small></p>
</form>`;
}
