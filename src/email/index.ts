// STUB: owned by the rendering work; signatures are the contract other modules rely on.
import type { Digest, DigestItem, Edition, PersonalizedMessage, Recipient, Rendered } from './types.js';

export type * from './types.js';

/** Publication look and identity; validated, with defaults (the rendering work defines it fully). */
export interface Theme {
  publicationName: string;
  postalAddress: string;
  logoUrl?: string;
  [key: string]: unknown;
}

/** Per-recipient link settings used by personalize. */
export interface PersonalizeContext {
  /** e.g. https://example.com/unsubscribe ; the signed token is added as `?token=`. */
  unsubscribeBaseUrl: string;
  /** mailto address for List-Unsubscribe, e.g. unsubscribe@example.com */
  unsubscribeMailto?: string;
  /** HMAC key for unsubscribe tokens. */
  hmacKey: string | Uint8Array;
  listId: string;
}

export function compose(_items: DigestItem[], _edition: Edition, _theme?: Partial<Theme>): Digest {
  throw new Error('not implemented');
}

/** Renders with the precompiled templates (handlebars/runtime only). Throws RenderError over 100 KB. */
export function render(_digest: Digest, _theme?: Partial<Theme>): Rendered {
  throw new Error('not implemented');
}

export function personalize(
  _rendered: Rendered,
  _recipient: Recipient,
  _ctx: PersonalizeContext,
): PersonalizedMessage {
  throw new Error('not implemented');
}
