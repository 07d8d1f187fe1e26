import { type PersonalizeContext, personalize } from '../email/index.js';
import { assertHeaderSafe, buildMime, normalizeAddress, type SenderIdentity } from '../email/mime.js';
import type { Rendered } from '../email/types.js';
import type { PreparedMessage, SendJob, SendRecipient } from './send-digest.js';

/**
 * The per-recipient half of a send job for a rendered digest: `check` validates a recipient's headers
 * cheaply (preflight), `prepare` personalises (own unsubscribe token) and builds the MIME message.
 */
export function digestMessages(
  rendered: Rendered,
  sender: SenderIdentity,
  context: PersonalizeContext,
  options: { date?: Date; messageIdDomain?: string } = {},
): Pick<SendJob, 'check' | 'prepare'> {
  const from = normalizeAddress(sender.fromAddress, 'sender address');
  return {
    check(recipient: SendRecipient): void {
      normalizeAddress(recipient.email, 'recipient address');
      if (recipient.name !== undefined)
        assertHeaderSafe(`display name of ${recipient.email}`, recipient.name);
    },
    async prepare(recipient: SendRecipient): Promise<PreparedMessage> {
      const to = normalizeAddress(recipient.email, 'recipient address');
      const message = personalize(rendered, { email: to, name: recipient.name }, context);
      const raw = await buildMime(message, sender, options);
      return { raw, from, to, tags: { 'digest-id': rendered.digestId, recipient: to } };
    },
  };
}
