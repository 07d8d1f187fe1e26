import { ConfigError } from '../src/errors.js';

/**
 * Everything a handler needs to know about its deployment. The stack writes it as one JSON
 * environment variable (DIGEST_CONFIG); this is the only module in the Lambda runtime that reads env.
 */
export interface RuntimeConfig {
  stage: string;
  tables: {
    subscribers: string;
    ledger: string;
    editions: string;
    idempotency: string;
    /** Signup counters (the subscribe function only). */
    signupLimits?: string;
  };
  articles: { bucket: string; prefix: string; feedUrl?: string; maxPerEdition: number };
  /** Where the web version of each edition is stored, and the public base URL it is served under, if any. */
  webArchive: { bucket: string; prefix: string; baseUrl?: string };
  /** The public web archive (issue 15): its bucket, CloudFront distribution, address and signup endpoint. */
  publicArchive?: { bucket: string; distributionId: string; baseUrl: string; signupUrl?: string };
  batchQueueUrl: string;
  sender: { fromAddress: string; fromName: string; replyTo?: string; listId: string };
  publication: { name: string; postalAddress: string };
  configurationSet: string;
  /** Absent only in the unsubscribe function's own copy (its URL cannot reference itself). */
  unsubscribeUrl?: string;
  hmacSecretArn: string;
  sending: {
    /** Messages per second for a direct send from send-digest (the whole configured rate). */
    directRate: number;
    /** Messages per second for each concurrent send-batch worker (rate / reserved concurrency). */
    workerRate: number;
    directSendThreshold: number;
    recipientsPerBatch: number;
  };
  digest: { summarySentences: number; quotesPerArticle: number; speakerThreshold?: number };
  /** The subscribe function's settings; absent in the other functions' copies. */
  subscribe?: {
    /** When editions go out, in words, for the welcome email. */
    nextEdition: string;
    /** Every signup answer takes at least this long (no timing difference between new and listed addresses). */
    minResponseMs: number;
  };
  /** Review mode (issue 13); absent: the schedule sends what it drafted. */
  review?: {
    editors: string[];
    /** The approve Function URL (absent in the approve function's own copy: its URL cannot reference itself). */
    approveUrl?: string;
    approvalQueueUrl: string;
    linkTtlSeconds: number;
    autoApproveAfterSeconds?: number;
    reviewAlarmAfterSeconds: number;
  };
  /** Scheduled events older than this are rejected instead of sending a late edition. */
  scheduleMaxAgeSeconds: number;
}

/** Endpoint overrides for local runs and tests (dynalite, s3rver, aws-ses-v2-local); unset in AWS. */
export interface Endpoints {
  dynamodb?: string;
  s3?: string;
  ses?: string;
  sqs?: string;
  secretsManager?: string;
  cloudfront?: string;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new ConfigError(`environment variable ${name} is not set`);
  return value;
}

/** Parses the DIGEST_CONFIG JSON; throws ConfigError naming the first missing field. */
export function parseRuntimeConfig(json: string, extraRequired: string[] = []): RuntimeConfig {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new ConfigError('DIGEST_CONFIG is not valid JSON', { cause: error });
  }
  const config = value as RuntimeConfig;
  const paths = [
    'stage',
    'tables.subscribers',
    'tables.ledger',
    'tables.editions',
    'tables.idempotency',
    'articles.bucket',
    'articles.prefix',
    'webArchive.bucket',
    'batchQueueUrl',
    'sender.fromAddress',
    'sender.fromName',
    'sender.listId',
    'publication.name',
    'publication.postalAddress',
    'configurationSet',
    'hmacSecretArn',
    'sending.directRate',
    'sending.workerRate',
    'sending.recipientsPerBatch',
    ...extraRequired,
  ];
  for (const path of paths) {
    const found = path
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], value);
    if (found === undefined || found === null || found === '')
      throw new ConfigError(`DIGEST_CONFIG.${path} is missing`);
  }
  return config;
}

/** Reads the runtime config and the optional endpoint overrides from the environment, once per cold start. */
export function loadRuntimeEnvironment(
  env: NodeJS.ProcessEnv = process.env,
  extraRequired: string[] = [],
): {
  config: RuntimeConfig;
  endpoints: Endpoints;
} {
  return {
    config: parseRuntimeConfig(required(env, 'DIGEST_CONFIG'), extraRequired),
    endpoints: {
      dynamodb: env.DIGEST_DYNAMODB_ENDPOINT || undefined,
      s3: env.DIGEST_S3_ENDPOINT || undefined,
      ses: env.DIGEST_SES_ENDPOINT || undefined,
      sqs: env.DIGEST_SQS_ENDPOINT || undefined,
      secretsManager: env.DIGEST_SECRETS_ENDPOINT || undefined,
    },
  };
}
