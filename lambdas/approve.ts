import { Logger } from '@aws-lambda-powertools/logger';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import type { ApproveDependencies } from '../src/adapters/aws/approve-request.js';
import { draftPreview, handleApproveRequest, MAX_APPROVE_BODY } from '../src/adapters/aws/approve-request.js';
import { DynamoS3DraftStore } from '../src/adapters/aws/draft-store.js';
import { functionUrlBody } from '../src/adapters/aws/lambda-events.js';
import { sqsApprovalStarter } from '../src/adapters/aws/sqs-approval-queue.js';
import { type HttpResponse, page } from '../src/adapters/aws/unsubscribe-request.js';
import { ConfigError } from '../src/errors.js';
import type { Endpoints, RuntimeConfig } from './config.js';
import { createCoreServices, fromEnvironment } from './core-services.js';

const logger = new Logger({ serviceName: 'digest-approve' });

/** What the approve endpoint uses. */
export interface ApproveServices {
  deps: ApproveDependencies;
  publicationName: string;
}

/** Builds the approve endpoint's adapters; `overrides` replaces single ones (tests inject a clock). */
export function createApproveServices(
  config: RuntimeConfig,
  endpoints: Endpoints = {},
  overrides: Partial<ApproveDependencies> = {},
): ApproveServices {
  if (!config.review) throw new ConfigError('DIGEST_CONFIG.review is missing (review mode is off)');
  const core = createCoreServices(config, endpoints);
  const s3 = new S3Client(endpoints.s3 ? { endpoint: endpoints.s3, forcePathStyle: true } : {});
  const sqs = new SQSClient(endpoints.sqs ? { endpoint: endpoints.sqs } : {});
  return {
    publicationName: config.publication.name,
    deps: {
      drafts: new DynamoS3DraftStore(
        core.dynamodb,
        config.tables.editions,
        s3,
        config.webArchive.bucket,
        config.webArchive.prefix,
      ),
      hmacKey: core.hmacKey,
      startSend: sqsApprovalStarter(sqs, config.review.approvalQueueUrl),
      onQueueError: (editionId, error) =>
        logger.error('approved, but queueing the send failed; the review check queues it again', {
          editionId,
          error: error as Error,
        }),
      now: () => new Date(),
      render: draftPreview({
        theme: { publicationName: config.publication.name, postalAddress: config.publication.postalAddress },
        ...(config.webArchive.baseUrl ? { webBaseUrl: config.webArchive.baseUrl } : {}),
      }),
      ...overrides,
    },
  };
}

/** Builds the public approve endpoint around injected services. */
export function createApproveHandler(getServices: () => ApproveServices) {
  return async (event: LambdaFunctionURLEvent): Promise<HttpResponse> => {
    try {
      // Refuse a large body before decoding it (base64 is 4/3 of the bytes).
      if ((event.body?.length ?? 0) > MAX_APPROVE_BODY * 2)
        return page(413, 'Request too large', '<p>Nothing was changed.</p>');
      const services = getServices();
      const response = await handleApproveRequest(
        {
          method: event.requestContext.http.method,
          token: event.queryStringParameters?.token,
          body: functionUrlBody(event),
          selfUrl: `${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`,
        },
        services.deps,
        { publicationName: services.publicationName },
      );
      logger.info('approve', { method: event.requestContext.http.method, status: response.statusCode });
      return response;
    } catch (error) {
      logger.error('approve failed', error as Error);
      return page(500, 'Something went wrong', '<p>Nothing was approved. Please try again later.</p>');
    }
  };
}

export const handler = createApproveHandler(fromEnvironment(createApproveServices));
