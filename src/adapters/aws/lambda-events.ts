import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import type { EditionRequest } from '../../edition/run.js';
import { DigestError, InputError } from '../../errors.js';

/** An edition request with the key Powertools idempotency deduplicates on. */
export type IdempotentEditionRequest = EditionRequest & { idempotencyKey: string };

const MAX_LIST = 100;

/** True for an event from a Lambda Function URL (HTTP), as opposed to a direct or scheduled invoke. */
export function isFunctionUrlEvent(event: unknown): event is LambdaFunctionURLEvent {
  const e = event as Partial<LambdaFunctionURLEvent> | null;
  return !!e && typeof e === 'object' && typeof e.requestContext?.http?.method === 'string' && 'rawPath' in e;
}

function stringList(value: unknown, field: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (
    !Array.isArray(value) ||
    value.length > MAX_LIST ||
    !value.every((v) => typeof v === 'string' && v.length > 0 && v.length <= 1024)
  ) {
    throw new InputError(`send-digest: "${field}" must be a list of at most ${MAX_LIST} non-empty strings`);
  }
  return value as string[];
}

/** Decodes the body of a Function URL event (base64 when Lambda says so). */
export function functionUrlBody(event: LambdaFunctionURLEvent): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/**
 * Reads a send-digest invocation: the scheduler's input, a direct Invoke payload (`digest send --remote`)
 * or the same JSON posted to the IAM-authenticated Function URL. Throws InputError on anything else.
 */
export function parseSendDigestEvent(event: unknown): { request: IdempotentEditionRequest; http: boolean } {
  let payload: unknown = event;
  const http = isFunctionUrlEvent(event);
  if (http) {
    if (event.requestContext.http.method !== 'POST')
      throw new InputError('send-digest: use POST with a JSON body');
    try {
      payload = JSON.parse(functionUrlBody(event) || '{}');
    } catch (error) {
      throw new InputError('send-digest: the body is not JSON', { cause: error });
    }
  }
  const p = payload as Record<string, unknown> | null;
  if (!p || typeof p !== 'object' || Array.isArray(p))
    throw new InputError('send-digest: expected a JSON object');
  const source = http ? 'remote' : p.source;
  if (source !== 'schedule' && source !== 'remote')
    throw new InputError('send-digest: "source" must be "schedule" or "remote"');
  if (
    typeof p.idempotencyKey !== 'string' ||
    p.idempotencyKey.length === 0 ||
    p.idempotencyKey.length > 200
  ) {
    throw new InputError('send-digest: "idempotencyKey" is required (a string up to 200 characters)');
  }
  if (
    p.scheduledTime !== undefined &&
    (typeof p.scheduledTime !== 'string' || Number.isNaN(Date.parse(p.scheduledTime)))
  ) {
    throw new InputError('send-digest: "scheduledTime" must be an ISO timestamp');
  }
  if (source === 'schedule' && p.scheduledTime === undefined)
    throw new InputError('send-digest: a scheduled event needs "scheduledTime"');
  if (p.date !== undefined && (typeof p.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(p.date))) {
    throw new InputError('send-digest: "date" must be YYYY-MM-DD');
  }
  for (const flag of ['dryRun', 'newEdition', 'force'] as const) {
    if (p[flag] !== undefined && typeof p[flag] !== 'boolean')
      throw new InputError(`send-digest: "${flag}" must be true or false`);
  }
  const articles = stringList(p.articles, 'articles');
  const to = stringList(p.to, 'to');
  return {
    http,
    request: {
      source,
      idempotencyKey: p.idempotencyKey,
      ...(articles ? { articles } : {}),
      ...(to ? { to } : {}),
      ...(p.dryRun ? { dryRun: true } : {}),
      ...(p.newEdition ? { newEdition: true } : {}),
      ...(p.force ? { force: true } : {}),
      ...(typeof p.date === 'string' ? { date: p.date } : {}),
      ...(typeof p.scheduledTime === 'string' ? { scheduledTime: p.scheduledTime } : {}),
    },
  };
}

/** A JSON Function URL response. */
export function jsonResponse(statusCode: number, body: unknown): LambdaFunctionURLResult {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** The message a caller may see for an error, or undefined when it must stay in the logs. */
export function exposedMessage(error: unknown): string | undefined {
  return error instanceof DigestError && error.expose ? error.message : undefined;
}
