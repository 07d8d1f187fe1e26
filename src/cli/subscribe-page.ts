import { JsonSubscriberStore } from '../adapters/local/json-subscriber-store.js';
import { type LocalSubscribeServer, startSubscribeServer } from '../adapters/local/subscribe-server.js';
import type { Mailer } from '../delivery/ports.js';
import { builtTheme } from '../email/built-templates.js';
import type { DeliveryConfig } from '../settings/local.js';
import { CONFIRM_TTL_SECONDS, type SubscribeSettings } from '../subscription/subscribe-request.js';

/** The signup settings of a local run: the sender and key `digest send` uses, the project's theme. */
export function localSubscribeSettings(config: DeliveryConfig): SubscribeSettings {
  const theme = builtTheme();
  return {
    listId: config.sender.listId,
    publication: { name: theme.publicationName, postalAddress: theme.postalAddress },
    sender: {
      fromAddress: config.sender.fromAddress,
      fromName: config.sender.fromName,
      ...(config.sender.replyTo ? { replyTo: config.sender.replyTo } : {}),
    },
    unsubscribeUrl: config.personalize.unsubscribeBaseUrl,
    nextEdition: 'with the next `digest send`',
    confirmTtlSeconds: CONFIRM_TTL_SECONDS,
    // Locally there is nobody to enumerate against; answer at once.
    minResponseMs: 0,
  };
}

/**
 * The local subscribe page over the CLI's subscriber list (`config.subscribersFile`): signups land there
 * as pending, confirmations go through `mailer`, and the next `digest send` reaches the confirmed.
 */
export function startLocalSubscribePage(
  config: DeliveryConfig,
  mailer: Mailer,
  options: { port?: number } = {},
): Promise<LocalSubscribeServer> {
  const key = config.personalize.hmacKey;
  return startSubscribeServer({
    subscribers: new JsonSubscriberStore(config.subscribersFile),
    mailer,
    hmacKey: typeof key === 'string' ? key : Buffer.from(key).toString('utf8'),
    settings: localSubscribeSettings(config),
    ...(options.port === undefined ? {} : { port: options.port }),
  });
}
