import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { InputError } from '../../errors.js';

/** One message of the approval queue: send this approved draft (send-digest consumes it). */
export interface ApprovalMessage {
  editionId: string;
}

/** Parses an approval message body; throws InputError (then it is retried and dead-lettered). */
export function parseApprovalMessage(body: string): ApprovalMessage {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new InputError('approval message: body is not JSON', { cause: error });
  }
  const editionId = (value as { editionId?: unknown } | null)?.editionId;
  if (typeof editionId !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(editionId))
    throw new InputError('approval message: editionId missing or malformed');
  return { editionId };
}

/** Starts the send of an approved draft by queueing it for send-digest (the approve function cannot run a send). */
export function sqsApprovalStarter(sqs: SQSClient, queueUrl: string): (editionId: string) => Promise<void> {
  return async (editionId) => {
    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [{ Id: 'approval', MessageBody: JSON.stringify({ editionId } satisfies ApprovalMessage) }],
      }),
    );
    if ((result.Failed?.length ?? 0) > 0)
      throw new Error(`approval queue refused the message: ${result.Failed?.[0]?.Message ?? 'unknown'}`);
  };
}
