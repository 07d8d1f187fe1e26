import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseRecipientBatch } from '../src/adapters/aws/sqs-batch-queue.js';
import { runBatch } from '../src/edition/run-batch.js';
import { type BatchServices, createBatchServices } from './batch-services.js';
import { fromEnvironment } from './core-services.js';
import { deadlineSignal } from './deadline.js';

const logger = new Logger({ serviceName: 'digest-send-batch' });

/** Builds the SQS consumer around injected services; failed messages are reported alone for redelivery. */
export function createSendBatchHandler(getServices: () => BatchServices) {
  const processor = new BatchProcessor(EventType.SQS);
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const services = getServices();
    const settings = services.settings();
    const signal = deadlineSignal(context, 30_000);
    const runId = `lambda-${context.awsRequestId}`;
    const record = async (message: SQSRecord) => {
      const batch = parseRecipientBatch(message.body);
      try {
        const report = await runBatch(batch, services.deps, settings, { signal, runId });
        logger.info('batch sent', {
          messageId: message.messageId,
          digestId: batch.digestId,
          counts: report.counts,
        });
        if (report.counts.unknown > 0) {
          // Left for the SES events to settle (sent or rejected); never resent automatically.
          logger.warn('batch has recipients whose outcome is unknown', {
            digestId: batch.digestId,
            unknown: report.unknown,
          });
        }
      } catch (error) {
        logger.warn('batch left for redelivery', {
          messageId: message.messageId,
          error: (error as Error).message,
        });
        throw error;
      }
    };
    // One message at a time: each worker's pace is its share of the account's SES rate.
    return processPartialResponse(event, record, processor, { context, processInParallel: false });
  };
}

export const handler = createSendBatchHandler(fromEnvironment(createBatchServices));
