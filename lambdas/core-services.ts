import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoSendLedger } from '../src/adapters/aws/dynamo-send-ledger.js';
import { DynamoSubscriberStore } from '../src/adapters/aws/dynamo-subscriber-store.js';
import { secretsManagerKey } from '../src/adapters/aws/secret-key.js';
import type { SendLedger, SubscriberStore } from '../src/delivery/ports.js';
import type { SenderIdentity } from '../src/email/mime.js';
import { ConfigError } from '../src/errors.js';
import { type Endpoints, loadRuntimeEnvironment, type RuntimeConfig } from './config.js';

/** What every handler shares: the subscriber store, the send ledger and the unsubscribe HMAC key. */
export interface CoreServices {
  config: RuntimeConfig;
  dynamodb: DynamoDBClient;
  subscribers: SubscriberStore;
  ledger: SendLedger;
  hmacKey: () => Promise<string>;
}

/** Builds the shared adapters; endpoint overrides point them at local servers (tests, local runs). */
export function createCoreServices(config: RuntimeConfig, endpoints: Endpoints = {}): CoreServices {
  const dynamodb = new DynamoDBClient(endpoints.dynamodb ? { endpoint: endpoints.dynamodb } : {});
  const secrets = new SecretsManagerClient(
    endpoints.secretsManager ? { endpoint: endpoints.secretsManager } : {},
  );
  return {
    config,
    dynamodb,
    subscribers: new DynamoSubscriberStore(dynamodb, config.tables.subscribers),
    ledger: new DynamoSendLedger(dynamodb, config.tables.ledger),
    hmacKey: secretsManagerKey(secrets, config.hmacSecretArn),
  };
}

/** The From/Reply-To/List-Id identity of every message. */
export function senderIdentity(config: RuntimeConfig): SenderIdentity {
  return {
    fromAddress: config.sender.fromAddress,
    fromName: config.sender.fromName,
    ...(config.sender.replyTo ? { replyTo: config.sender.replyTo } : {}),
    listId: config.sender.listId,
  };
}

/** The unsubscribe URL, which only the sending functions have (the unsubscribe function is that URL). */
export function unsubscribeUrl(config: RuntimeConfig): string {
  if (!config.unsubscribeUrl) throw new ConfigError('DIGEST_CONFIG.unsubscribeUrl is missing');
  return config.unsubscribeUrl;
}

/** Memoises a factory over the environment: one set of clients per warm container. */
export function fromEnvironment<T>(create: (config: RuntimeConfig, endpoints: Endpoints) => T): () => T {
  let services: T | undefined;
  return () => {
    if (services === undefined) {
      const { config, endpoints } = loadRuntimeEnvironment();
      services = create(config, endpoints);
    }
    return services;
  };
}
