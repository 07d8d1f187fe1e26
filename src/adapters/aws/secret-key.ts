import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from '../../errors.js';

/**
 * The unsubscribe HMAC key from Secrets Manager, read once per warm container. A failed read is not
 * cached, so the next invocation tries again.
 */
export function secretsManagerKey(client: SecretsManagerClient, secretId: string): () => Promise<string> {
  let pending: Promise<string> | undefined;
  return () => {
    pending ??= client.send(new GetSecretValueCommand({ SecretId: secretId })).then(
      (result) => {
        const key = result.SecretString;
        if (!key || key.length < 32)
          throw new ConfigError(`secret ${secretId}: the HMAC key must be at least 32 characters`);
        return key;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}
