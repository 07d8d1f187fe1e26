import { ConfigError } from '../src/errors.js';
import type { DigestConfig } from './config.js';

/** Messages per second one send-batch worker sustains with sequential SendRawEmail calls (~100 ms each). */
export const WORKER_CAPACITY_PER_SECOND = 10;
/** send-batch timeout; each invocation plans for at most 80% of it. */
export const BATCH_TIMEOUT_SECONDS = 300;

/** How the fan-out is sized from the configured SES rate. */
export interface SendingPlan {
  /** Reserved concurrency of send-batch (and the SQS event source's maximum concurrency). */
  workers: number;
  /** Pace of each worker so that all of them together stay at the configured rate. */
  workerRate: number;
  /** SQS messages per invocation so one invocation finishes well inside its timeout. */
  messagesPerInvocation: number;
}

/** Derives send-batch concurrency and batching from maxSendRate; throws ConfigError when a batch cannot fit. */
export function planSending(config: Pick<DigestConfig, 'maxSendRate' | 'recipientsPerBatch'>): SendingPlan {
  // SQS event sources need a maximum concurrency of at least 2.
  const workers = Math.max(2, Math.ceil(config.maxSendRate / WORKER_CAPACITY_PER_SECOND));
  const workerRate = Math.floor((config.maxSendRate / workers) * 100) / 100;
  const budget = BATCH_TIMEOUT_SECONDS * 0.8;
  const secondsPerMessage = config.recipientsPerBatch / workerRate;
  if (secondsPerMessage > budget) {
    throw new ConfigError(
      `CDK context "digest:recipientsPerBatch": ${config.recipientsPerBatch} recipients at ${workerRate}/s per worker take ${Math.ceil(secondsPerMessage)} s, over the ${budget} s budget of one invocation`,
    );
  }
  const messagesPerInvocation = Math.min(10, Math.max(1, Math.floor(budget / secondsPerMessage)));
  return { workers, workerRate, messagesPerInvocation };
}
