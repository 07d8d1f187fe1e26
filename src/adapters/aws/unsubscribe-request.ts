import type { SubscriberStore } from '../../delivery/ports.js';
import { verifyUnsubscribeToken } from '../../email/signed-tokens.js';

/** An HTTP request as the unsubscribe endpoint sees it (decoded from the Function URL event). */
export interface UnsubscribeHttpRequest {
  method: string;
  token: string | undefined;
  /** The raw body, already base64-decoded. */
  body: string;
  contentType?: string;
  /** The URL the confirmation form posts back to (path and query as received). */
  selfUrl: string;
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface UnsubscribeSettings {
  listId: string;
  publicationName: string;
}

const MAX_BODY = 4096;

export const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** An HTML page with the public endpoints' security headers (CSP, nosniff, no-store, no referrer). */
export function page(statusCode: number, title: string, content: string): HttpResponse {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem"><h1>${escapeHtml(title)}</h1>${content}</body></html>`,
  };
}

/** True when the body carries List-Unsubscribe=One-Click (urlencoded or multipart form, RFC 8058). */
function isOneClick(body: string, contentType = ''): boolean {
  if (contentType.toLowerCase().startsWith('multipart/form-data')) {
    return /name="List-Unsubscribe"\r?\n\r?\nOne-Click\r?\n/i.test(body);
  }
  return new URLSearchParams(body).get('List-Unsubscribe') === 'One-Click';
}

/**
 * The one-click unsubscribe endpoint. GET only shows a confirmation form and changes nothing (link
 * scanners open every URL); POST with `List-Unsubscribe=One-Click` and a token signed for this list
 * unsubscribes, and says so again on repeat. A forged or foreign token gets 403 and changes nothing.
 */
export async function handleUnsubscribeRequest(
  request: UnsubscribeHttpRequest,
  deps: { subscribers: SubscriberStore; hmacKey: () => Promise<string> },
  settings: UnsubscribeSettings,
): Promise<HttpResponse> {
  const name = escapeHtml(settings.publicationName);
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'POST') {
    const refused = page(405, 'Method not allowed', '<p>Use the link in the email.</p>');
    // Merged, not replaced: the page keeps its content type, CSP, nosniff and no-store.
    return { ...refused, headers: { ...refused.headers, allow: 'GET, POST' } };
  }
  if (!request.token)
    return page(400, 'Link incomplete', '<p>This unsubscribe link is missing its token.</p>');
  const claims = verifyUnsubscribeToken(await deps.hmacKey(), request.token);
  if (!claims || claims.listId !== settings.listId) {
    return page(403, 'Link not valid', `<p>This link was not issued by ${name}. Nothing was changed.</p>`);
  }
  if (method === 'GET') {
    return page(
      200,
      `Unsubscribe from ${settings.publicationName}?`,
      `<p>${escapeHtml(claims.email)} will get no more emails from ${name}.</p><form method="post" action="${escapeHtml(request.selfUrl)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
    );
  }
  if (request.body.length > MAX_BODY || !isOneClick(request.body, request.contentType)) {
    return page(
      400,
      'Request not understood',
      '<p>Expected List-Unsubscribe=One-Click. Nothing was changed.</p>',
    );
  }
  const subscriber = await deps.subscribers.get(claims.email);
  if (subscriber && subscriber.status === 'active')
    await deps.subscribers.setStatus(claims.email, 'unsubscribed');
  return page(
    200,
    'Unsubscribed',
    `<p>${escapeHtml(claims.email)} will get no more emails from ${name}.</p>`,
  );
}
