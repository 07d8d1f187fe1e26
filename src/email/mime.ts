// STUB: owned by the delivery work; the signature is the contract other modules rely on.
import type { PersonalizedMessage } from './types.js';

export interface SenderIdentity {
  fromAddress: string;
  fromName: string;
  replyTo?: string;
  /** List-Id value, e.g. "Weekly Digest <digest.example.com>" or just "digest.example.com". */
  listId: string;
}

/** Builds the raw RFC 5322 message. Throws MessageError on CR/LF/NUL in headers or a bad address. */
export async function buildMime(
  _message: PersonalizedMessage,
  _sender: SenderIdentity,
  _options: { date?: Date; messageIdDomain?: string } = {},
): Promise<Buffer> {
  throw new Error('not implemented');
}
