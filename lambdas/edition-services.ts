import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoS3DraftStore } from '../src/adapters/aws/draft-store.js';
import { DynamoEditionStore } from '../src/adapters/aws/dynamo-edition-store.js';
import { S3ArticleSource } from '../src/adapters/aws/s3-article-source.js';
import { S3EditionArchive } from '../src/adapters/aws/s3-edition-archive.js';
import { S3PublicArchive } from '../src/adapters/aws/s3-public-archive.js';
import { SesMailer } from '../src/adapters/aws/ses-mailer.js';
import { sqsApprovalStarter } from '../src/adapters/aws/sqs-approval-queue.js';
import { SqsBatchQueue } from '../src/adapters/aws/sqs-batch-queue.js';
import { publishEdition } from '../src/archive/publish.js';
import { loadSources } from '../src/article/sources.js';
import type { DraftStore } from '../src/edition/ports.js';
import type { ReviewSettings, StartSend } from '../src/edition/review.js';
import type { EditionDependencies, EditionSettings } from '../src/edition/run.js';
import { ConfigError, DigestError } from '../src/errors.js';
import type { Endpoints, RuntimeConfig } from './config.js';
import { createCoreServices, senderIdentity, unsubscribeUrl } from './core-services.js';

/** What send-digest uses. */
export interface EditionServices {
  deps: EditionDependencies;
  settings: () => EditionSettings;
  idempotency: { persistenceStore: DynamoDBPersistenceLayer; config: IdempotencyConfig };
  /** Deployed drafts (review mode). */
  drafts: DraftStore;
  /** Review mode's settings; undefined when the schedule sends without review. */
  review: () => ReviewSettings | undefined;
  /** Queues an approved draft's send again (review mode: the check's recovery of a stuck approval). */
  startSend: StartSend;
}

/** Review settings from the runtime config (the approve URL is required where review copies are mailed). */
export function reviewSettings(config: RuntimeConfig): ReviewSettings | undefined {
  const review = config.review;
  if (!review) return undefined;
  if (!review.approveUrl) throw new DigestError('DIGEST_CONFIG.review.approveUrl is missing');
  return {
    editors: review.editors,
    approveUrl: review.approveUrl,
    linkTtlSeconds: review.linkTtlSeconds,
    ...(review.autoApproveAfterSeconds !== undefined
      ? { autoApproveAfterSeconds: review.autoApproveAfterSeconds }
      : {}),
    reviewAlarmAfterSeconds: review.reviewAlarmAfterSeconds,
  };
}

/**
 * Reads new feed items (never loopback: the feed URL was validated at synth, safeFetch checks every hop).
 * A feed that cannot be read (unknown host, refused, timed out, unroutable, malformed) is a note in the
 * edition's report, never a failed edition: the bucket's own articles still go out. Errors that are not
 * about the feed (the editions table) still fail the invocation so that it is retried.
 */
export function feedCollector(feedUrl: string): NonNullable<EditionDependencies['collectFeed']> {
  return async (editions, max) => {
    try {
      const result = await loadSources([], {
        feeds: [feedUrl],
        editionStore: editions,
        cacheDir: false,
        allowEmpty: true,
        maxItems: max,
      });
      return { articles: result.articles, itemKeys: result.itemKeys, notes: result.notes };
    } catch (error) {
      if (!(error instanceof DigestError)) throw error;
      return {
        articles: [],
        itemKeys: [],
        notes: [`feed not read, left out of this edition: ${error.message}`],
      };
    }
  };
}

/** Publishes edition pages to the public archive's bucket and invalidates its index and feed. */
function archivePublisher(
  archive: NonNullable<RuntimeConfig['publicArchive']>,
  s3: S3Client,
  endpoints: Endpoints,
): NonNullable<EditionDependencies['publishPage']> {
  const store = new S3PublicArchive(
    s3,
    new CloudFrontClient(endpoints.cloudfront ? { endpoint: endpoints.cloudfront } : {}),
    archive.bucket,
    archive.distributionId,
  );
  const settings = {
    baseUrl: archive.baseUrl,
    ...(archive.signupUrl ? { signupUrl: archive.signupUrl } : {}),
  };
  return (page) => publishEdition(store, page, settings);
}

/** Builds send-digest's adapters; `overrides` replaces single dependencies (tests needing a fault on demand). */
export function createEditionServices(
  config: RuntimeConfig,
  endpoints: Endpoints = {},
  overrides: Partial<EditionDependencies> = {},
): EditionServices {
  const core = createCoreServices(config, endpoints);
  const s3 = new S3Client(endpoints.s3 ? { endpoint: endpoints.s3, forcePathStyle: true } : {});
  // No SDK retries for sends: a retried timeout may send twice; the send loop retries what was not sent.
  const ses = new SESClient({ maxAttempts: 1, ...(endpoints.ses ? { endpoint: endpoints.ses } : {}) });
  const sqs = new SQSClient(endpoints.sqs ? { endpoint: endpoints.sqs } : {});
  const editions = new DynamoEditionStore(core.dynamodb, config.tables.editions);
  const articles = new S3ArticleSource({
    s3,
    bucket: config.articles.bucket,
    prefix: config.articles.prefix,
  });
  return {
    drafts: new DynamoS3DraftStore(
      core.dynamodb,
      config.tables.editions,
      s3,
      config.webArchive.bucket,
      config.webArchive.prefix,
    ),
    review: () => reviewSettings(config),
    startSend: (editionId) => {
      if (!config.review) throw new ConfigError('DIGEST_CONFIG.review is missing (review mode is off)');
      return sqsApprovalStarter(sqs, config.review.approvalQueueUrl)(editionId);
    },
    deps: {
      collectNew: (store, max) => articles.collectNew(store, max),
      collectNamed: (names) => articles.collectNamed(names),
      ...(config.articles.feedUrl ? { collectFeed: feedCollector(config.articles.feedUrl) } : {}),
      editions,
      progress: editions,
      archive: new S3EditionArchive(s3, config.webArchive.bucket, config.webArchive.prefix),
      ...(config.publicArchive ? { publishPage: archivePublisher(config.publicArchive, s3, endpoints) } : {}),
      subscribers: core.subscribers,
      ledger: core.ledger,
      mailer: new SesMailer(ses, { configurationSetName: config.configurationSet }),
      queue: new SqsBatchQueue(sqs, config.batchQueueUrl),
      hmacKey: core.hmacKey,
      now: () => new Date(),
      ...overrides,
    },
    settings: () => ({
      sender: senderIdentity(config),
      publication: config.publication,
      unsubscribeUrl: unsubscribeUrl(config),
      ...(config.webArchive.baseUrl ? { webBaseUrl: config.webArchive.baseUrl } : {}),
      directRate: config.sending.directRate,
      directSendThreshold: config.sending.directSendThreshold,
      recipientsPerBatch: config.sending.recipientsPerBatch,
      summarySentences: config.digest.summarySentences,
      quotesPerArticle: config.digest.quotesPerArticle,
      ...(config.digest.speakerThreshold !== undefined
        ? { speakerThreshold: config.digest.speakerThreshold }
        : {}),
      maxArticles: config.articles.maxPerEdition,
      scheduleMaxAgeSeconds: config.scheduleMaxAgeSeconds,
    }),
    idempotency: {
      persistenceStore: new DynamoDBPersistenceLayer({
        tableName: config.tables.idempotency,
        awsSdkV3Client: core.dynamodb,
      }),
      config: new IdempotencyConfig({
        eventKeyJmesPath: 'idempotencyKey',
        throwOnNoIdempotencyKey: true,
        expiresAfterSeconds: 24 * 60 * 60,
      }),
    },
  };
}
