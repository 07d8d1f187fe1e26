import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateScan,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Subscriber, SubscriberStatus, SubscriberStore } from '../../delivery/ports.js';
import { InputError } from '../../errors.js';
import type { SubscriptionStore, WriteCondition } from '../../subscription/ports.js';

/**
 * Key schema of the subscribers table: partition key `email` (S, the lower-cased address).
 * Attributes: name, status, subscribedAt, updatedAt, consent, confirmNonce, and expiresAt (the table's TTL
 * attribute: set on an unconfirmed signup, removed on confirmation).
 */
export const SUBSCRIBERS_KEY_SCHEMA = { partitionKey: { name: 'email', type: 'S' } } as const;

/** Creates the subscribers table (tests, local development); in AWS the CDK stack owns it. */
export async function createSubscribersTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'email', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }],
    }),
  );
}

const key = (email: string) => email.trim().toLowerCase();

/** The SubscriberStore on DynamoDB; `list()` streams a paginated Scan page by page. */
export class DynamoSubscriberStore implements SubscriberStore, SubscriptionStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async *list(): AsyncIterable<Subscriber> {
    for await (const page of paginateScan(
      { client: this.doc },
      { TableName: this.tableName, ConsistentRead: true },
    )) {
      for (const item of page.Items ?? []) yield item as Subscriber;
    }
  }

  async get(email: string): Promise<Subscriber | undefined> {
    const result = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { email: key(email) }, ConsistentRead: true }),
    );
    return result.Item as Subscriber | undefined;
  }

  async put(subscriber: Subscriber): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.tableName, Item: { ...subscriber, email: key(subscriber.email) } }),
    );
  }

  /** A whole-record put under a condition expression; false when the condition failed. */
  async putIf(next: Subscriber, when: WriteCondition): Promise<boolean> {
    const values: Record<string, unknown> = {};
    const alternatives: string[] = [];
    if (when.absent) alternatives.push('attribute_not_exists(email)');
    if (when.status && when.status.length > 0) {
      const names = when.status.map((status, i) => {
        values[`:s${i}`] = status;
        return `:s${i}`;
      });
      alternatives.push(`#status IN (${names.join(', ')})`);
    }
    if (alternatives.length === 0) throw new TypeError('putIf: a condition is required');
    // DynamoDB (and dynalite) refuse redundant parentheses: only group what needs it.
    let condition =
      alternatives.length === 1 ? alternatives[0]! : alternatives.map((a) => `(${a})`).join(' OR ');
    if (when.nonce !== undefined) {
      values[':nonce'] = when.nonce;
      condition = `${alternatives.length === 1 ? condition : `(${condition})`} AND confirmNonce = :nonce`;
    }
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...next, email: key(next.email) },
          ConditionExpression: condition,
          ...(when.status?.length ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
          ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async setStatus(email: string, status: SubscriberStatus): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { email: key(email) },
          // Any status but pending is kept: an expiry set at signup must not delete a bounced record.
          UpdateExpression: `SET #status = :status, updatedAt = :now${status === 'pending' ? '' : ' REMOVE expiresAt'}`,
          ConditionExpression: 'attribute_exists(email)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status, ':now': new Date().toISOString() },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new InputError(`${email} is not a subscriber`);
      throw error;
    }
  }

  async remove(email: string): Promise<boolean> {
    const result = await this.doc.send(
      new DeleteCommand({ TableName: this.tableName, Key: { email: key(email) }, ReturnValues: 'ALL_OLD' }),
    );
    return result.Attributes !== undefined;
  }
}
