import { Logger } from '@aws-lambda-powertools/logger';
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { functionUrlBody } from '../src/adapters/aws/lambda-events.js';
import { type HttpResponse, handleUnsubscribeRequest } from '../src/adapters/aws/unsubscribe-request.js';
import { type CoreServices, createCoreServices, fromEnvironment } from './core-services.js';

const logger = new Logger({ serviceName: 'digest-unsubscribe' });

/** Builds the public one-click unsubscribe endpoint around injected services. */
export function createUnsubscribeHandler(getServices: () => CoreServices) {
  return async (event: LambdaFunctionURLEvent): Promise<HttpResponse> => {
    try {
      const services = getServices();
      const headers = event.headers ?? {};
      const response = await handleUnsubscribeRequest(
        {
          method: event.requestContext.http.method,
          token: event.queryStringParameters?.token,
          body: functionUrlBody(event),
          contentType: headers['content-type'],
          selfUrl: `${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`,
        },
        { subscribers: services.subscribers, hmacKey: services.hmacKey },
        { listId: services.config.sender.listId, publicationName: services.config.publication.name },
      );
      logger.info('unsubscribe', { method: event.requestContext.http.method, status: response.statusCode });
      return response;
    } catch (error) {
      logger.error('unsubscribe failed', error as Error);
      return {
        statusCode: 500,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: 'Something went wrong; nothing was changed. Please try again later.',
      };
    }
  };
}

export const handler = createUnsubscribeHandler(fromEnvironment(createCoreServices));
