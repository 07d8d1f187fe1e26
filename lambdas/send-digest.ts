import { IdempotencyAlreadyInProgressError, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import {
  exposedMessage,
  type IdempotentEditionRequest,
  isFunctionUrlEvent,
  jsonResponse,
  parseSendDigestEvent,
} from '../src/adapters/aws/lambda-events.js';
import { APPROVAL_STUCK_LOG_FIELD, REVIEW_OVERDUE_LOG_FIELD } from '../src/adapters/aws/review-log.js';
import { parseApprovalMessage } from '../src/adapters/aws/sqs-approval-queue.js';
import {
  LEFT_OUT_LOG_FIELD,
  type LeftOutArticle,
  REFUSAL_LOG_FIELD,
  SENT_AS_ANOTHER_EDITION,
} from '../src/edition/earlier-edition-check.js';
import { checkReview, holdForReview, sendApproved } from '../src/edition/review.js';
import { type EditionResult, runEdition } from '../src/edition/run.js';
import { InputError } from '../src/errors.js';
import { fromEnvironment } from './core-services.js';
import { deadlineSignal } from './deadline.js';
import { createEditionServices, type EditionServices } from './edition-services.js';

/** Exported so tests can raise its level and read what an operator would see in the log group. */
export const logger = new Logger({ serviceName: 'digest-send-digest' });

/** The log field the review alarm's metric filter counts (infra/digest-stack.ts). */
export const REVIEW_OVERDUE_FIELD = REVIEW_OVERDUE_LOG_FIELD;
/** The log field the stuck-approval alarm's metric filter counts (infra/digest-stack.ts). */
export const APPROVAL_STUCK_FIELD = APPROVAL_STUCK_LOG_FIELD;

function isSqsEvent(event: unknown): event is { Records: Array<{ body: string; eventSource?: string }> } {
  const records = (event as { Records?: unknown } | null)?.Records;
  return (
    Array.isArray(records) && records.every((r) => (r as { eventSource?: string }).eventSource === 'aws:sqs')
  );
}

const isReviewCheck = (event: unknown) => (event as { source?: unknown } | null)?.source === 'review-check';

/**
 * Review mode's events: approved drafts from the approval queue (each sent through the edition flow; a
 * failure fails the message so that it is retried, then dead-lettered) and the periodic review check
 * (auto-approve at the deadline, the overdue warning the alarm counts, a stuck approval's send queued
 * again with a warning its alarm counts; a queue fault there fails the check, the next one tries again).
 */
async function handleReviewEvent(event: unknown, services: EditionServices): Promise<unknown> {
  const deps = { edition: services.deps, drafts: services.drafts };
  if (isSqsEvent(event)) {
    const results = [];
    for (const record of event.Records) {
      const { editionId } = parseApprovalMessage(record.body);
      const result = await sendApproved(editionId, deps, services.settings());
      logger.info('approved edition', { editionId, result });
      results.push(result);
    }
    return results;
  }
  const check = await checkReview({ ...deps, startSend: services.startSend }, services.settings());
  if (check.status === 'requeued') {
    logger.warn(
      `edition ${check.editionId} was approved ${check.approvedSeconds} s ago but its send never started; queued again`,
      { [APPROVAL_STUCK_FIELD.name]: APPROVAL_STUCK_FIELD.value, check },
    );
  } else if (check.status === 'waiting' && check.overdue) {
    logger.warn(`draft ${check.editionId} has waited ${check.waitingSeconds} s for approval`, {
      [REVIEW_OVERDUE_FIELD.name]: REVIEW_OVERDUE_FIELD.value,
      check,
    });
  } else logger.info('review check', { check });
  return check;
}

/**
 * A scheduled run that left out uploads whose text already went out: said once per upload (each is
 * marked seen); no alarm counts it, since the rest of the edition (or draft) went on.
 */
function warnLeftOut(result: { leftOut?: LeftOutArticle[] } | object): void {
  const leftOut = 'leftOut' in result ? result.leftOut : undefined;
  if (!leftOut?.length) return;
  const keys = leftOut.map((item) => item.itemKey).join(', ');
  logger.warn(`left out upload(s) whose text already went out in an earlier edition: ${keys}`, {
    [LEFT_OUT_LOG_FIELD.name]: LEFT_OUT_LOG_FIELD.value,
    uploads: leftOut,
  });
}

/** Builds the handler around injected services (tests pass local endpoints). */
export function createSendDigestHandler(getServices: () => EditionServices) {
  type Invocation = { signal: AbortSignal; runId: string };
  let run:
    | ((request: IdempotentEditionRequest, invocation: Invocation) => Promise<EditionResult>)
    | undefined;
  return async (event: unknown, context: Context) => {
    const http = isFunctionUrlEvent(event);
    if (!http && (isSqsEvent(event) || isReviewCheck(event))) return handleReviewEvent(event, getServices());
    try {
      const parsed = parseSendDigestEvent(event);
      const services = getServices();
      const review = services.review();
      if (review && parsed.request.source === 'schedule') {
        // Review mode: the schedule drafts and mails the editors; an approval sends (handleReviewEvent).
        const result = await holdForReview(
          parsed.request,
          { edition: services.deps, drafts: services.drafts },
          services.settings(),
          review,
        );
        warnLeftOut(result);
        logger.info('send-digest drafted for review', { request: parsed.request, result });
        return result;
      }
      run ??= makeIdempotent(
        // Only the request is hashed for idempotency (dataIndexArgument 0); the invocation rides along.
        (request: IdempotentEditionRequest, invocation: Invocation) =>
          runEdition(request, services.deps, services.settings(), invocation),
        { ...services.idempotency, dataIndexArgument: 0 },
      );
      services.idempotency.config.registerLambdaContext(context);
      const result = await run(parsed.request, {
        signal: deadlineSignal(context, 60_000),
        runId: `lambda-${context.awsRequestId}`,
      });
      if (result.status === SENT_AS_ANOTHER_EDITION) {
        // The alarm's metric filter counts this line (infra/digest-stack.ts): nothing went out, on purpose.
        logger.warn(result.notes.at(-1) ?? 'these articles already went out under another digest id', {
          [REFUSAL_LOG_FIELD.name]: REFUSAL_LOG_FIELD.value,
          request: parsed.request,
          result,
        });
      }
      warnLeftOut(result);
      logger.info('send-digest finished', { request: parsed.request, result });
      return http ? jsonResponse(200, result) : result;
    } catch (error) {
      // One error boundary: bad requests are answered (retrying cannot help); anything else fails the
      // invocation so that it is retried, dead-lettered and alarmed on.
      if (error instanceof IdempotencyAlreadyInProgressError) {
        const message = 'an edition with this idempotency key is already running';
        return http ? jsonResponse(409, { error: message }) : { error: message };
      }
      if (error instanceof InputError) {
        logger.warn('send-digest refused the request', { error: error.message });
        return http ? jsonResponse(400, { error: error.message }) : { error: error.message };
      }
      logger.error('send-digest failed', error as Error);
      if (http)
        return jsonResponse(500, { error: exposedMessage(error) ?? 'internal error; see the function logs' });
      throw error;
    }
  };
}

export const handler = createSendDigestHandler(fromEnvironment(createEditionServices));
