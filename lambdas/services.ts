import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESClient } from '@aws-sdk/client-ses';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoEditionStore } from '../src/adapters/aws/dynamo-edition-store.js';
import { DynamoSendLedger } from '../src/adapters/aws/dynamo-send-ledger.js';
import { DynamoSubscriberStore } from '../src/adapters/aws/dynamo-subscriber-store.js';
import type { BatchDependencies, BatchSettings } from '../src/adapters/aws/run-batch.js';
import type { EditionDependencies, EditionSettings } from '../src/adapters/aws/run-edition.js';
import { S3ArticleSource } from '../src/adapters/aws/s3-article-source.js';
import { S3EditionArchive } from '../src/adapters/aws/s3-edition-archive.js';
import { secretsManagerKey } from '../src/adapters/aws/secret-key.js';
import { SesMailer } from '../src/adapters/aws/ses-mailer.js';
import { SqsBatchQueue } from '../src/adapters/aws/sqs-batch-queue.js';
import { loadSources } from '../src/article/sources.js';
import { ConfigError } from '../src/errors.js';
import { type Endpoints, loadRuntimeEnvironment, type RuntimeConfig } from './config.js';

/** What the handlers use: the adapters with their clients, and the settings derived from the config. */
export interface Services {
  config: RuntimeConfig;
  edition: EditionDependencies;
  batch: BatchDependencies;
  editionSettings: () => EditionSettings;
  batchSettings: () => BatchSettings;
  idempotency: { persistenceStore: DynamoDBPersistenceLayer; config: IdempotencyConfig };
}

/**
 * Builds the adapters from the runtime config. Endpoint overrides point the clients at local servers
 * (tests, local runs); `overrides` replaces single dependencies (tests that need a fault on demand).
 */
export function createServices(
  config: RuntimeConfig,
  endpoints: Endpoints = {},
  overrides: { edition?: Partial<EditionDependencies>; batch?: Partial<BatchDependencies> } = {},
): Services {
  const dynamodb = new DynamoDBClient(endpoints.dynamodb ? { endpoint: endpoints.dynamodb } : {});
  const s3 = new S3Client(endpoints.s3 ? { endpoint: endpoints.s3, forcePathStyle: true } : {});
  // No SDK retries for sends: a retried timeout may send twice; the send loop retries what was not sent.
  const ses = new SESClient({ maxAttempts: 1, ...(endpoints.ses ? { endpoint: endpoints.ses } : {}) });
  const sqs = new SQSClient(endpoints.sqs ? { endpoint: endpoints.sqs } : {});
  const secrets = new SecretsManagerClient(
    endpoints.secretsManager ? { endpoint: endpoints.secretsManager } : {},
  );

  const subscribers = new DynamoSubscriberStore(dynamodb, config.tables.subscribers);
  const ledger = new DynamoSendLedger(dynamodb, config.tables.ledger);
  const editions = new DynamoEditionStore(dynamodb, config.tables.editions);
  const archive = new S3EditionArchive(s3, config.webArchive.bucket, config.webArchive.prefix);
  const articles = new S3ArticleSource({
    s3,
    bucket: config.articles.bucket,
    prefix: config.articles.prefix,
  });
  const mailer = new SesMailer(ses, { configurationSetName: config.configurationSet });
  const hmacKey = secretsManagerKey(secrets, config.hmacSecretArn);
  const sender = {
    fromAddress: config.sender.fromAddress,
    fromName: config.sender.fromName,
    ...(config.sender.replyTo ? { replyTo: config.sender.replyTo } : {}),
    listId: config.sender.listId,
  };
  const unsubscribeUrl = () => {
    if (!config.unsubscribeUrl) throw new ConfigError('DIGEST_CONFIG.unsubscribeUrl is missing');
    return config.unsubscribeUrl;
  };

  return {
    config,
    edition: {
      collectNew: (store, max) => articles.collectNew(store, max),
      collectNamed: (names) => articles.collectNamed(names),
      ...(config.articles.feedUrl ? { collectFeed: feedCollector(config.articles.feedUrl) } : {}),
      editions,
      archive,
      subscribers,
      ledger,
      mailer,
      queue: new SqsBatchQueue(sqs, config.batchQueueUrl),
      hmacKey,
      now: () => new Date(),
      ...overrides.edition,
    },
    batch: {
      loadRendered: (digestId) => archive.loadRendered(digestId),
      subscribers,
      ledger,
      mailer,
      hmacKey,
      ...overrides.batch,
    },
    editionSettings: () => ({
      sender,
      publication: config.publication,
      unsubscribeUrl: unsubscribeUrl(),
      ...(config.webArchive.baseUrl ? { webBaseUrl: config.webArchive.baseUrl } : {}),
      directRate: config.sending.directRate,
      directSendThreshold: config.sending.directSendThreshold,
      recipientsPerBatch: config.sending.recipientsPerBatch,
      summarySentences: config.digest.summarySentences,
      quotesPerArticle: config.digest.quotesPerArticle,
      maxArticles: config.articles.maxPerEdition,
      scheduleMaxAgeSeconds: config.scheduleMaxAgeSeconds,
    }),
    batchSettings: () => ({
      sender,
      unsubscribeUrl: unsubscribeUrl(),
      workerRate: config.sending.workerRate,
    }),
    idempotency: {
      persistenceStore: new DynamoDBPersistenceLayer({
        tableName: config.tables.idempotency,
        awsSdkV3Client: dynamodb,
      }),
      config: new IdempotencyConfig({
        eventKeyJmesPath: 'idempotencyKey',
        throwOnNoIdempotencyKey: true,
        expiresAfterSeconds: 24 * 60 * 60,
      }),
    },
  };
}

/** Reads new feed items (never loopback: the feed URL was validated at synth, safeFetch checks every hop). */
function feedCollector(feedUrl: string): NonNullable<EditionDependencies['collectFeed']> {
  return async (editions, max) => {
    const result = await loadSources([], {
      feeds: [feedUrl],
      editionStore: editions,
      cacheDir: false,
      allowEmpty: true,
      maxItems: max,
    });
    return { articles: result.articles, itemKeys: result.itemKeys, notes: result.notes };
  };
}

/** The services of this container, built on first use from the environment (lambdas/config.ts). */
export function servicesFromEnvironment(): () => Services {
  let services: Services | undefined;
  return () => {
    if (!services) {
      const { config, endpoints } = loadRuntimeEnvironment();
      services = createServices(config, endpoints);
    }
    return services;
  };
}
