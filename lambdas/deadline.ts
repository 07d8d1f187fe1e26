import type { Context } from 'aws-lambda';

/**
 * An AbortSignal that fires `marginMs` before the invocation times out, so the send loop stops
 * cleanly (in-flight sends finish, the rest stay pending for the retry) instead of being killed mid-send.
 */
export function deadlineSignal(
  context: Pick<Context, 'getRemainingTimeInMillis'>,
  marginMs: number,
): AbortSignal {
  const remaining = context.getRemainingTimeInMillis();
  return AbortSignal.timeout(Math.max(1_000, remaining - marginMs));
}
