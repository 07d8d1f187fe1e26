import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { applySesEvent, parseSesEventDetail } from '../src/adapters/aws/apply-ses-event.js';
import { InputError } from '../src/errors.js';
import { type CoreServices, createCoreServices, fromEnvironment } from './core-services.js';

const logger = new Logger({ serviceName: 'digest-ses-events' });

/** Builds the SES event consumer (EventBridge) around injected services. */
export function createSesEventsHandler(getServices: () => CoreServices) {
  return async (event: EventBridgeEvent<string, unknown>, context: Context): Promise<void> => {
    try {
      const services = getServices();
      const outcome = await applySesEvent(parseSesEventDetail(event.detail), {
        subscribers: services.subscribers,
        ledger: services.ledger,
        runId: `ses-event-${context.awsRequestId}`,
      });
      logger.info('SES event applied', { id: event.id, ...outcome });
    } catch (error) {
      // An event we cannot read will not improve with retries; anything else is retried, then dead-lettered.
      if (error instanceof InputError) {
        logger.warn('SES event ignored', { id: event.id, error: error.message });
        return;
      }
      logger.error('SES event failed', error as Error);
      throw error;
    }
  };
}

export const handler = createSesEventsHandler(fromEnvironment(createCoreServices));
