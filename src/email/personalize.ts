import { ConfigError, MessageError, RenderError } from '../errors.js';
import { escapeHtml, plainUrl, safeHttpUrl } from './links.js';
import { createUnsubscribeToken } from './signed-tokens.js';
import { fillSlots, type SlotName, type SlottedDocument, splitAtSlots } from './slots.js';
import type { PersonalizedMessage, Recipient, Rendered } from './types.js';
import { cleanText } from './view-model.js';

/** Per-recipient link settings used by personalize. */
export interface PersonalizeContext {
  /** e.g. https://example.com/unsubscribe ; the signed token is added as `?token=`. */
  unsubscribeBaseUrl: string;
  /** mailto address for List-Unsubscribe, e.g. unsubscribe@example.com */
  unsubscribeMailto?: string;
  /** HMAC key for unsubscribe tokens. */
  hmacKey: string | Uint8Array;
  listId: string;
  /** Overrides the edition's web version URL (`Rendered.webUrl`) for the view-in-browser link. */
  viewInBrowserUrl?: string;
}

interface Prepared {
  html: SlottedDocument;
  text: SlottedDocument;
  needsViewUrl: boolean;
  /** The last view-in-browser URL validated for this digest, and its result. */
  viewUrlChecked?: { input: string | undefined; url: string | undefined };
}

// Cutting a 30 KB document at its slots costs more than filling it; do it once per rendered digest.
const prepared = new WeakMap<Rendered, Prepared>();

function prepare(rendered: Rendered): Prepared {
  let entry = prepared.get(rendered);
  if (entry === undefined) {
    if (!rendered.slotKey)
      throw new RenderError(`digest ${rendered.digestId}: rendered without slots (no slotKey)`);
    const html = splitAtSlots(rendered.html, rendered.slotKey);
    const text = splitAtSlots(rendered.text, rendered.slotKey);
    const needsViewUrl = html.slots.includes('viewInBrowserUrl') || text.slots.includes('viewInBrowserUrl');
    entry = { html, text, needsViewUrl };
    prepared.set(rendered, entry);
  }
  return entry;
}

// The last unsubscribe base URL validated (a send run uses one for every recipient).
let lastBase: { input: string; base: string } | undefined;

function unsubscribeBase(ctx: PersonalizeContext): string {
  if (lastBase && lastBase.input === ctx.unsubscribeBaseUrl) return lastBase.base;
  const safe = safeHttpUrl(ctx.unsubscribeBaseUrl);
  if (safe === null) {
    throw new ConfigError(
      `unsubscribeBaseUrl: expected an http(s) URL, got ${JSON.stringify(ctx.unsubscribeBaseUrl)}`,
    );
  }
  const plain = plainUrl(safe);
  const base = `${plain}${plain.includes('?') ? '&' : '?'}token=`;
  lastBase = { input: ctx.unsubscribeBaseUrl, base };
  return base;
}

/** The validated view-in-browser URL: the context's, else the edition's web version. */
function viewUrl(rendered: Rendered, docs: Prepared, ctx: PersonalizeContext): string | undefined {
  const input = ctx.viewInBrowserUrl === undefined ? rendered.webUrl : ctx.viewInBrowserUrl;
  if (docs.viewUrlChecked && docs.viewUrlChecked.input === input) return docs.viewUrlChecked.url;
  const safe = input === undefined ? null : safeHttpUrl(input);
  const url = safe === null ? undefined : plainUrl(safe);
  if (input !== undefined && url === undefined) {
    throw new ConfigError(`viewInBrowserUrl: expected an http(s) URL, got ${JSON.stringify(input)}`);
  }
  if (docs.needsViewUrl && url === undefined) {
    throw new RenderError(`digest ${rendered.digestId}: has a view-in-browser link but no URL for it`);
  }
  docs.viewUrlChecked = { input, url };
  return url;
}

function checkRecipient(recipient: Recipient): void {
  const email = recipient?.email;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (typeof email !== 'string' || /[\u0000-\u001f\u007f\s<>]/.test(email) || !/^[^@]+@[^@]+$/.test(email)) {
    throw new MessageError(`recipient: invalid email address ${JSON.stringify(email)}`);
  }
}

/**
 * Fills the per-recipient slots of a rendered digest: unsubscribe URL with an HMAC-signed token,
 * view-in-browser URL and the reader's name. Plain substitution, no template work per recipient.
 */
export function personalize(
  rendered: Rendered,
  recipient: Recipient,
  ctx: PersonalizeContext,
): PersonalizedMessage {
  checkRecipient(recipient);
  const docs = prepare(rendered);
  const unsubscribeUrl =
    unsubscribeBase(ctx) +
    createUnsubscribeToken(ctx.hmacKey, { email: recipient.email, listId: ctx.listId });
  const viewInBrowserUrl = viewUrl(rendered, docs, ctx);
  const cleanName = cleanText(recipient.name);
  const name = cleanName || 'there';
  const textValues: Record<SlotName, string> = {
    unsubscribeUrl,
    viewInBrowserUrl: viewInBrowserUrl ?? '',
    name,
  };
  const htmlValues: Record<SlotName, string> = {
    unsubscribeUrl: unsubscribeUrl.replace(/&/g, '&amp;'),
    viewInBrowserUrl: (viewInBrowserUrl ?? '').replace(/&/g, '&amp;'),
    name: escapeHtml(name),
  };
  return {
    digestId: rendered.digestId,
    to: {
      email: recipient.email,
      ...(recipient.name === undefined ? {} : { name: cleanName }),
    },
    subject: rendered.subject,
    html: fillSlots(docs.html, htmlValues),
    text: fillSlots(docs.text, textValues),
    unsubscribeUrl,
    ...(ctx.unsubscribeMailto === undefined ? {} : { unsubscribeMailto: ctx.unsubscribeMailto }),
    ...(viewInBrowserUrl === undefined ? {} : { viewInBrowserUrl }),
    ...(rendered.calendar === undefined ? {} : { calendar: rendered.calendar }),
  };
}
