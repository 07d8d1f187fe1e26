import { Logger } from '@aws-lambda-powertools/logger';
import { SESClient } from '@aws-sdk/client-ses';
import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { DynamoSignupLimits } from '../src/adapters/aws/dynamo-signup-limits.js';
import { DynamoSubscriberStore } from '../src/adapters/aws/dynamo-subscriber-store.js';
import { functionUrlBody } from '../src/adapters/aws/lambda-events.js';
import { SesMailer } from '../src/adapters/aws/ses-mailer.js';
import type { Mailer } from '../src/delivery/ports.js';
import { ConfigError } from '../src/errors.js';
import { loggableError, page, somethingWentWrong } from '../src/subscription/pages.js';
import type { SignupLimits, SubscriptionStore } from '../src/subscription/ports.js';
import { MAX_BODY_BYTES } from '../src/subscription/signup-input.js';
import {
  CONFIRM_TTL_SECONDS,
  type HttpResponse,
  handleSubscribeRequest,
  type SubscribeSettings,
} from '../src/subscription/subscribe-request.js';
import type { Endpoints, RuntimeConfig } from './config.js';
import { createCoreServices, fromEnvironment, senderIdentity, unsubscribeUrl } from './core-services.js';

const logger = new Logger({ serviceName: 'digest-subscribe' });
/** The handler's logger (tests turn it on to read what it logs). */
export const subscribeLogger = logger;

/** What the subscribe handler uses; tests build it against dynalite and aws-ses-v2-local. */
export interface SubscribeServices {
  subscribers: SubscriptionStore;
  limits: SignupLimits;
  mailer: Mailer;
  hmacKey: () => Promise<string>;
  settings: SubscribeSettings;
}

/** Builds the services from the runtime config (one set per warm container). */
export function createSubscribeServices(config: RuntimeConfig, endpoints: Endpoints = {}): SubscribeServices {
  const core = createCoreServices(config, endpoints);
  if (!config.tables.signupLimits) throw new ConfigError('DIGEST_CONFIG.tables.signupLimits is missing');
  if (!config.subscribe) throw new ConfigError('DIGEST_CONFIG.subscribe is missing');
  const ses = new SESClient({ maxAttempts: 2, ...(endpoints.ses ? { endpoint: endpoints.ses } : {}) });
  const sender = senderIdentity(config);
  return {
    subscribers: new DynamoSubscriberStore(core.dynamodb, config.tables.subscribers),
    limits: new DynamoSignupLimits(core.dynamodb, config.tables.signupLimits),
    mailer: new SesMailer(ses, { configurationSetName: config.configurationSet }),
    hmacKey: core.hmacKey,
    settings: {
      listId: config.sender.listId,
      publication: config.publication,
      sender: {
        fromAddress: sender.fromAddress,
        fromName: sender.fromName,
        ...(sender.replyTo ? { replyTo: sender.replyTo } : {}),
      },
      unsubscribeUrl: unsubscribeUrl(config),
      nextEdition: config.subscribe.nextEdition,
      confirmTtlSeconds: CONFIRM_TTL_SECONDS,
      minResponseMs: config.subscribe.minResponseMs,
    },
  };
}

/** The public subscribe endpoint (Function URL, no auth) around injected services. */
export function createSubscribeHandler(getServices: () => SubscribeServices) {
  return async (event: LambdaFunctionURLEvent): Promise<HttpResponse> => {
    try {
      // Refuse a large body before decoding it (base64 is 4/3 of the bytes).
      if ((event.body?.length ?? 0) > MAX_BODY_BYTES * 2)
        return page(413, 'Request too large', '<p>Nothing was changed.</p>');
      const services = getServices();
      const headers = event.headers ?? {};
      const http = event.requestContext.http;
      const response = await handleSubscribeRequest(
        {
          method: http.method,
          token: event.queryStringParameters?.token,
          body: functionUrlBody(event),
          contentType: headers['content-type'],
          accept: headers.accept,
          sourceIp: http.sourceIp,
          endpointUrl: `https://${event.requestContext.domainName}${event.rawPath || '/'}`,
          selfUrl: `${event.rawPath || '/'}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`,
        },
        {
          subscribers: services.subscribers,
          limits: services.limits,
          mailer: services.mailer,
          hmacKey: services.hmacKey,
          log: (message, fields, level = 'info') => logger[level](message, fields),
        },
        services.settings,
      );
      logger.info('subscribe request', { method: http.method, status: response.statusCode });
      return response;
    } catch (error) {
      logger.error('subscribe failed', { error: loggableError(error) });
      return somethingWentWrong();
    }
  };
}

export const handler = createSubscribeHandler(fromEnvironment(createSubscribeServices));
