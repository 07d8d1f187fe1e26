import { createSesClient, SesMailer } from '../adapters/aws/ses-mailer.js';
import { type LocalSes, startLocalSes } from '../adapters/local/embedded-ses.js';
import type { Mailer } from '../delivery/ports.js';
import type { DeliveryConfig } from '../settings/local.js';

/** A mail transport opened for one run, with what to tell the user about it. */
export interface OpenedMailer {
  mailer: Mailer;
  description: string;
  inboxUrl?: string;
  close(): Promise<void>;
}

/** Opens the Mailer the configuration asks for; `embedded` starts aws-ses-v2-local in process. */
export async function openMailer(config: DeliveryConfig, existing?: LocalSes): Promise<OpenedMailer> {
  const options = config.configurationSetName ? { configurationSetName: config.configurationSetName } : {};
  if (config.ses.kind === 'aws') {
    const client = createSesClient({ region: config.ses.region, endpoint: config.ses.endpoint });
    return {
      mailer: new SesMailer(client, options),
      description: `Amazon SES (${config.ses.region})`,
      close: async () => client.destroy(),
    };
  }
  const ses = config.ses.kind === 'endpoint' ? undefined : (existing ?? (await startLocalSes()));
  const endpoint = config.ses.kind === 'endpoint' ? config.ses.endpoint : ses!.endpoint;
  const client = createSesClient({ region: 'us-east-1', endpoint, localCredentials: true });
  return {
    mailer: new SesMailer(client, options),
    description: ses ? `the embedded local SES at ${endpoint}` : `the SES endpoint ${endpoint}`,
    inboxUrl: `${endpoint.replace(/\/$/, '')}/`,
    close: async () => {
      client.destroy();
      if (ses && !existing) await ses.close();
    },
  };
}
