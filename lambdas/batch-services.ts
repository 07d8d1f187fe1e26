import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { S3EditionArchive } from '../src/adapters/aws/s3-edition-archive.js';
import { SesMailer } from '../src/adapters/aws/ses-mailer.js';
import type { BatchDependencies, BatchSettings } from '../src/edition/run-batch.js';
import type { Endpoints, RuntimeConfig } from './config.js';
import { createCoreServices, senderIdentity, unsubscribeUrl } from './core-services.js';

/** What send-batch uses. */
export interface BatchServices {
  deps: BatchDependencies;
  settings: () => BatchSettings;
}

/** Builds send-batch's adapters; `overrides` replaces single dependencies (tests needing a fault on demand). */
export function createBatchServices(
  config: RuntimeConfig,
  endpoints: Endpoints = {},
  overrides: Partial<BatchDependencies> = {},
): BatchServices {
  const core = createCoreServices(config, endpoints);
  const s3 = new S3Client(endpoints.s3 ? { endpoint: endpoints.s3, forcePathStyle: true } : {});
  const ses = new SESClient({ maxAttempts: 1, ...(endpoints.ses ? { endpoint: endpoints.ses } : {}) });
  const archive = new S3EditionArchive(s3, config.webArchive.bucket, config.webArchive.prefix);
  return {
    deps: {
      loadRendered: (digestId) => archive.loadRendered(digestId),
      subscribers: core.subscribers,
      ledger: core.ledger,
      mailer: new SesMailer(ses, { configurationSetName: config.configurationSet }),
      hmacKey: core.hmacKey,
      ...overrides,
    },
    settings: () => ({
      sender: senderIdentity(config),
      unsubscribeUrl: unsubscribeUrl(config),
      workerRate: config.sending.workerRate,
    }),
  };
}
