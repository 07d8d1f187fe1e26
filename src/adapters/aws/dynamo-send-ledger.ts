import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, paginateQuery, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type ClaimOptions, DEFAULT_LEASE_MS, notHeld } from '../../delivery/ledger-rules.js';
import type { LedgerEntry, SendLedger } from '../../delivery/ports.js';

/**
 * Key schema of the send-ledger table: partition key `digestId` (S), sort key `recipient` (S, lower-cased
 * address). The CDK table must use the same names. Attributes: status, messageId, reason, claimedBy,
 * leaseUntil (ISO), updatedAt (ISO), attempts (N).
 */
export const SEND_LEDGER_KEY_SCHEMA = {
  partitionKey: { name: 'digestId', type: 'S' },
  sortKey: { name: 'recipient', type: 'S' },
} as const;

/** Creates the ledger table (tests, local development); in AWS the CDK stack owns it. */
export async function createSendLedgerTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'digestId', AttributeType: 'S' },
        { AttributeName: 'recipient', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'digestId', KeyType: 'HASH' },
        { AttributeName: 'recipient', KeyType: 'RANGE' },
      ],
    }),
  );
}

/**
 * `canClaim` (src/delivery/ledger-rules.ts) as a ConditionExpression over `:pending`, `:unknown` and `:now`
 * (ISO timestamps compare correctly as strings). Fresh rows (none, or pending and unclaimed) always; a
 * live claim never; `force` everything else; `resendUnknown` only unknown outcomes: rows recorded
 * `unknown` and claims whose lease ran out (the claiming run died, maybe after sending).
 */
export function claimCondition(options: ClaimOptions): string {
  const fresh = 'attribute_not_exists(digestId) OR (#status = :pending AND attribute_not_exists(claimedBy))';
  if (options.force)
    return 'attribute_not_exists(digestId) OR NOT (#status = :pending AND attribute_exists(claimedBy) AND leaseUntil > :now)';
  if (options.resendUnknown)
    return `${fresh} OR #status = :unknown OR (#status = :pending AND attribute_exists(claimedBy) AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now))`;
  return fresh;
}

const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException ||
  (error as { name?: string })?.name === 'ConditionalCheckFailedException';

/**
 * The SendLedger on DynamoDB. Every transition is one conditional UpdateItem, so two runs (two Lambdas,
 * a Lambda and a CLI) never both claim a row: the claim rule is the one in ledger-rules.ts, as a
 * ConditionExpression.
 */
/** How long ledger rows are kept before DynamoDB's TTL removes them: 400 days. */
export const LEDGER_RETENTION_SECONDS = 400 * 24 * 3600;

export class DynamoSendLedger implements SendLedger {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
    private readonly options: { leaseMs?: number; now?: () => number } = {},
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  private now = () => (this.options.now ?? Date.now)();

  async get(digestId: string, recipient: string): Promise<LedgerEntry | undefined> {
    const result = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { digestId, recipient }, ConsistentRead: true }),
    );
    return result.Item as LedgerEntry | undefined;
  }

  async claim(digestId: string, recipient: string, runId: string, options: ClaimOptions = {}) {
    const now = this.now();
    const nowIso = new Date(now).toISOString();
    const condition = claimCondition(options);
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { digestId, recipient },
          UpdateExpression:
            'SET #status = :pending, claimedBy = :run, leaseUntil = :lease, updatedAt = :now, expiresAt = :expires ADD attempts :one REMOVE messageId',
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ...(options.resendUnknown && !options.force ? { ':unknown': 'unknown' } : {}),
            ':run': runId,
            ':lease': new Date(now + (this.options.leaseMs ?? DEFAULT_LEASE_MS)).toISOString(),
            ':now': nowIso,
            ':one': 1,
            // DynamoDB TTL (epoch seconds): rows outlive any resend window, then the table forgets them.
            ':expires': Math.floor(now / 1000) + LEDGER_RETENTION_SECONDS,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private async finish(
    digestId: string,
    recipient: string,
    runId: string,
    status: LedgerEntry['status'],
    fields: { messageId?: string; reason?: string },
  ): Promise<void> {
    const sets = ['#status = :status', 'updatedAt = :now'];
    const removes = ['leaseUntil'];
    const values: Record<string, unknown> = {
      ':status': status,
      ':now': new Date(this.now()).toISOString(),
      ':run': runId,
      ':pending': 'pending',
    };
    if (fields.messageId !== undefined) {
      sets.push('messageId = :messageId');
      values[':messageId'] = fields.messageId;
    }
    if (fields.reason !== undefined) {
      sets.push('reason = :reason');
      values[':reason'] = fields.reason;
    } else removes.push('reason');
    if (status === 'pending') removes.push('claimedBy');
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { digestId, recipient },
          UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
          ConditionExpression: '#status = :pending AND claimedBy = :run',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw notHeld(digestId, recipient, runId);
      throw error;
    }
  }

  markSent(digestId: string, recipient: string, runId: string, messageId: string) {
    return this.finish(digestId, recipient, runId, 'sent', { messageId });
  }
  markFailed(digestId: string, recipient: string, runId: string, reason: string) {
    return this.finish(digestId, recipient, runId, 'failed', { reason });
  }
  markUnknown(digestId: string, recipient: string, runId: string, reason: string) {
    return this.finish(digestId, recipient, runId, 'unknown', { reason });
  }
  release(digestId: string, recipient: string, runId: string, reason?: string) {
    return this.finish(digestId, recipient, runId, 'pending', { reason });
  }

  async expireClaim(digestId: string, recipient: string, claimedBy: string, reason: string) {
    const nowIso = new Date(this.now()).toISOString();
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { digestId, recipient },
          UpdateExpression: 'SET #status = :unknown, reason = :reason, updatedAt = :now REMOVE leaseUntil',
          // Only the dead run's own claim, and only once its lease has run out.
          ConditionExpression: '#status = :pending AND claimedBy = :run AND leaseUntil <= :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':unknown': 'unknown',
            ':pending': 'pending',
            ':run': claimedBy,
            ':now': nowIso,
            ':reason': reason,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async *list(digestId: string): AsyncIterable<LedgerEntry> {
    const pages = paginateQuery(
      { client: this.doc },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'digestId = :d',
        ExpressionAttributeValues: { ':d': digestId },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) for (const item of page.Items ?? []) yield item as LedgerEntry;
  }
}
